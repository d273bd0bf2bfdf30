// Rule: `*args` cannot follow `**kwargs` (as in Python).
// This must not compile; if it ever does, running it says which rule broke.

use hpy::prelude::*;

#[hpy::module]
mod m {
    use super::*;

    #[hpy::function(signature = (**kwargs, *args))]
    fn both(kwargs: Vec<(String, Handle<'_>)>, args: Vec<Handle<'_>>) -> usize {
        kwargs.len() + args.len()
    }
}

fn main() {
    println!("BUG: *args after **kwargs was accepted");
}
