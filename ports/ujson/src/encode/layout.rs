//! Separators and indentation between a container's items, as C ujson lays them out: with
//! `indent > 0`, each item on its own line indented by `indent × depth` spaces, and the
//! closing bracket on a new line when the container is not empty.

use hpy::Result;

use super::Options;

/// Writes what comes before the item of index `index` at depth `depth` (the container's
/// depth + 1): the item separator after the first, then a newline and the indentation.
#[inline(always)]
pub fn before_item(
    out: &mut Vec<u8>,
    options: &Options<'_, '_>,
    index: usize,
    depth: usize,
) -> Result<()> {
    if index > 0 {
        separator(out, &options.item_separator);
    }
    if options.indent > 0 {
        out.push(b'\n');
        spaces(out, options.indent * depth)?;
    }
    Ok(())
}

/// Writes what comes before the closing bracket of a container at `depth` holding `count`
/// items.
#[inline(always)]
pub fn before_close(
    out: &mut Vec<u8>,
    options: &Options<'_, '_>,
    count: usize,
    depth: usize,
) -> Result<()> {
    if count > 0 && options.indent > 0 {
        out.push(b'\n');
        spaces(out, options.indent * depth)?;
    }
    Ok(())
}

/// Appends a separator: the usual one-byte ones without a call to `memcpy`.
#[inline(always)]
pub fn separator(out: &mut Vec<u8>, separator: &[u8]) {
    match separator {
        [byte] => out.push(*byte),
        _ => out.extend_from_slice(separator),
    }
}

#[inline]
fn spaces(out: &mut Vec<u8>, n: usize) -> Result<()> {
    // Up to 1000 × 1024 spaces a line: reserved fallibly (MemoryError, not an abort).
    hpy::alloc::reserve(out, n)?;
    out.resize(out.len() + n, b' ');
    Ok(())
}
