// Rule: the traits the generated code answers through — what a `#[new]` or a function may
// return — are implemented by hpy-rs alone: an implementation of one's own, for a type of
// one's own, does not compile. (The probes' answers, `HasMethods` & co, are sealed too, and
// the orphan rule already refuses them for hpy's probe types.)
// This must not compile; if it ever does, running it says which rule broke.

use hpy::__private::{IntoReturn, NewObject};
use hpy::{Context, Handle};

#[hpy::class]
pub struct Point;

pub struct Anything;

impl<'ctx> NewObject<'ctx, Point> for Anything {
    unsafe fn into_object(self, class: &Handle<'ctx>) -> hpy::Result<Handle<'ctx>> {
        Ok((*class).clone())
    }
}

impl<'ctx> IntoReturn<'ctx> for Anything {
    fn into_return(self, cx: Context<'ctx>) -> hpy::Result<Handle<'ctx>> {
        Ok(cx.None())
    }
}

fn main() {
    println!("BUG: a runtime trait of hpy-rs was implemented outside it");
}
