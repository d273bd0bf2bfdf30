//! The allocator of picoarray's data: small blocks from a small-object allocator
//! ([mimalloc](https://github.com/microsoft/mimalloc)), large ones from the system's.
//!
//! What the C-API array gets from `PyMem_Malloc`: CPython's pymalloc serves requests of up to
//! 512 bytes from pools and hands larger ones to `malloc`. RK4 steps on 4-element arrays
//! allocate and free a 32-byte block per operation, where glibc's `malloc` and `free` cost
//! about 70 instructions more than pymalloc's pair. `PyMem_Malloc` itself is not an option: it
//! needs the GIL, and an array's `Vec` may be dropped where no thread holds it.
//!
//! Large requests stay with the system allocator because mimalloc reserves address space
//! lazily: it grants `ones(2**40)` (8 TiB) and the process dies touching it, where `malloc`
//! refuses and picoarray raises `MemoryError`.

use std::alloc::{GlobalAlloc, Layout, System};
use std::ffi::c_void;
use std::ptr;

use libmimalloc_sys::{
    mi_free, mi_malloc, mi_malloc_aligned, mi_realloc_aligned, mi_zalloc, mi_zalloc_aligned,
};

/// The largest block served by mimalloc (pymalloc's limit).
const SMALL: usize = 512;

/// The alignment `mi_malloc` gives every block of at least that size (`MI_MAX_ALIGN_SIZE`);
/// smaller blocks are aligned to their size class.
const MI_MAX_ALIGN_SIZE: usize = 16;

/// Blocks of up to [`SMALL`] bytes from mimalloc, larger ones from the system allocator.
/// A block's size, known again when it is freed or resized, says which one it came from.
pub struct SmallBlocks;

/// Whether a block of `size` bytes is mimalloc's.
fn is_small(size: usize) -> bool {
    size <= SMALL
}

/// Whether `mi_malloc`'s own alignment suffices for `layout` (the rule of Rust's `System`
/// allocator for `malloc`): `mi_malloc_aligned` costs twice as much.
fn plain(layout: Layout) -> bool {
    layout.align() <= MI_MAX_ALIGN_SIZE && layout.align() <= layout.size()
}

// SAFETY: every method forwards to the allocator that a block's size selects, the same for
// a block's allocation, reallocation and deallocation; mimalloc's blocks are aligned as
// `layout` asks (`plain`, or the `_aligned` functions), and `mi_free` frees either kind.
unsafe impl GlobalAlloc for SmallBlocks {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        match (is_small(layout.size()), plain(layout)) {
            // SAFETY: a nonzero size (the caller's contract).
            (true, true) => unsafe { mi_malloc(layout.size()) }.cast(),
            // SAFETY: as above; the alignment is a power of two (a `Layout`'s).
            (true, false) => unsafe { mi_malloc_aligned(layout.size(), layout.align()) }.cast(),
            // SAFETY: the caller's contract, forwarded.
            (false, _) => unsafe { System.alloc(layout) },
        }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        match (is_small(layout.size()), plain(layout)) {
            // SAFETY: a nonzero size (the caller's contract).
            (true, true) => unsafe { mi_zalloc(layout.size()) }.cast(),
            // SAFETY: as above; the alignment is a power of two (a `Layout`'s).
            (true, false) => unsafe { mi_zalloc_aligned(layout.size(), layout.align()) }.cast(),
            // SAFETY: the caller's contract, forwarded.
            (false, _) => unsafe { System.alloc_zeroed(layout) },
        }
    }

    unsafe fn dealloc(&self, block: *mut u8, layout: Layout) {
        match is_small(layout.size()) {
            // SAFETY: `block` came from mimalloc: its size selects it, as at allocation.
            true => unsafe { mi_free(block.cast::<c_void>()) },
            // SAFETY: `block` came from the system allocator, as above.
            false => unsafe { System.dealloc(block, layout) },
        }
    }

    unsafe fn realloc(&self, block: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        match (is_small(layout.size()), is_small(new_size)) {
            (true, true) => {
                let block = block.cast::<c_void>();
                // SAFETY: `block` came from mimalloc and stays with it, aligned as before.
                unsafe { mi_realloc_aligned(block, new_size, layout.align()) }.cast()
            }
            // SAFETY: `block` came from the system allocator and stays with it.
            (false, false) => unsafe { System.realloc(block, layout, new_size) },
            // Across the limit: a new block from the other allocator, the contents copied.
            _ => {
                // SAFETY: the caller guarantees that `new_size`, rounded up to the
                // alignment, does not overflow `isize`.
                let new_layout =
                    unsafe { Layout::from_size_align_unchecked(new_size, layout.align()) };
                // SAFETY: `new_size` is above 0 (the caller's contract).
                let new_block = unsafe { self.alloc(new_layout) };
                if !new_block.is_null() {
                    // SAFETY: both blocks hold at least the smaller size; they are distinct.
                    unsafe {
                        ptr::copy_nonoverlapping(block, new_block, layout.size().min(new_size))
                    };
                    // SAFETY: `block` was allocated with `layout` by this allocator.
                    unsafe { self.dealloc(block, layout) };
                }
                new_block
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_keep_their_contents_and_alignment_across_the_limit() {
        // Grows a vector from a small block to a large one and back, through every path.
        let mut bytes: Vec<u8> = (0..=255).collect();
        bytes.extend(0..=255u8);
        bytes.push(7); // 513 bytes: moved to the system allocator
        assert_eq!(bytes[..256], (0..=255).collect::<Vec<u8>>()[..]);
        bytes.truncate(100);
        bytes.shrink_to_fit(); // back to mimalloc
        assert_eq!(bytes, (0..100).collect::<Vec<u8>>());
        for align in [1, 2, 8, 16, 32, 64, 4096] {
            for size in [1, 8, 24, 512, 513, 5000] {
                let layout = Layout::from_size_align(size, align).unwrap();
                // SAFETY: a nonzero size; the block is freed with the same layout.
                unsafe {
                    let block = SmallBlocks.alloc_zeroed(layout);
                    assert!(!block.is_null());
                    assert_eq!(block as usize % align, 0, "{size} bytes aligned to {align}");
                    assert!(
                        std::slice::from_raw_parts(block, size)
                            .iter()
                            .all(|&b| b == 0)
                    );
                    SmallBlocks.dealloc(block, layout);
                }
            }
        }
    }
}
