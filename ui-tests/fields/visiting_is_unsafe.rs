// Rule: only a traversal visits fields. The generated traversal picks what to do with each
// member by method resolution, which a trait of the user's module could win; from there
// (or anywhere) visiting a field — `Visitor::visit`, `Traverse::traverse` — needs `unsafe`,
// so such a trait cannot make the collector see a field twice.
// This must not compile; if it ever does, running it says which rule broke.

use hpy::prelude::*;
use hpy::{Traverse, Visitor};

/// Fields in a member whose type does not implement `Traverse`.
pub struct Hidden {
    f: Field,
}

/// Wins the generated traversal's method resolution for `Hidden` members.
trait Hijack {
    fn visit_member(self, visitor: &mut Visitor<'_>) -> core::ffi::c_int;
}

impl Hijack for &hpy::__private::FieldsProbe<'_, Hidden> {
    fn visit_member(self, visitor: &mut Visitor<'_>) -> core::ffi::c_int {
        let hidden = self.0.unwrap();
        hidden.f.traverse(visitor);
        hidden.f.traverse(visitor)
    }
}

#[hpy::module]
mod m {
    use super::*;

    #[hpy::class]
    pub struct Holder {
        hidden: Hidden,
    }
}

fn main() {
    println!("BUG: a field was visited twice from safe code");
}
