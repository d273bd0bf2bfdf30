// Rule: the `*args` view lends the call's argument vector; it is handed out as `&VarArgs`,
// never `&mut` (through which it could be replaced by another view, and the lent handles
// it wraps dropped as if owned).
// This must not compile; if it ever does, running it says which rule broke.

#[hpy::module]
mod m {
    #[hpy::function(signature = (*args))]
    fn swap_views(args: &mut hpy::VarArgs<'_>) -> usize {
        args.len()
    }
}

fn main() {
    println!("BUG: a lent *args view was handed out mutably");
}
