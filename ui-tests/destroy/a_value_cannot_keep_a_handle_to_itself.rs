// Rule: a value cannot hold a (typed) handle to its own object for `Drop` either.
// This must not compile; if it ever does, running it says which rule broke.

use hpy::prelude::*;

#[hpy::module]
mod m {
    use super::*;

    #[hpy::class]
    pub struct Selfish {
        me: Option<Typed<'static, Selfish>>,
    }

    impl Drop for Selfish {
        fn drop(&mut self) {
            if let Some(me) = &self.me {
                let _ = me.repr();
            }
        }
    }

    #[hpy::function]
    fn make<'ctx>(cx: Context<'ctx>) -> Result<Typed<'ctx, Selfish>> {
        let obj = Typed::new(cx, Selfish { me: None })?;
        let me = obj.clone();
        obj.borrow_mut()?.me = Some(me);
        Ok(obj)
    }
}

fn main() {
    println!("BUG: a value kept a handle to itself for its destructor");
}
