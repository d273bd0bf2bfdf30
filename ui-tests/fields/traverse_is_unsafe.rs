// BUG if this compiles: the garbage collector trusts a traversal (a field visited twice would
// let it collect a live object), so implementing `Traverse` by hand needs `unsafe`.
use hpy::{Field, Traverse, Visitor};

struct Twice {
    f: Field,
}

impl Traverse for Twice {
    unsafe fn traverse(&self, visitor: &mut Visitor<'_>) -> core::ffi::c_int {
        // SAFETY: none: visiting a field twice breaks the contract.
        unsafe {
            visitor.visit(&self.f);
            visitor.visit(&self.f)
        }
    }
}

fn main() {
    println!("BUG: the garbage collector trusts a traversal (a field visited twice would let it collect a live object), so implementing Traverse by hand needs unsafe");
}
