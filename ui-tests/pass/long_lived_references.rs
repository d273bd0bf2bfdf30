// Must compile: the right ways to keep objects past a call — a `Global` in the module, and
// `Field`s in an object's value (including in nested values that derive `Traverse`).
use hpy::prelude::*;

#[hpy::module]
mod m {
    use super::*;

    static LAST: Global = Global::new();

    #[derive(hpy::Traverse)]
    struct Children {
        left: Option<Field>,
        right: Option<Field>,
    }

    #[derive(hpy::Traverse)]
    enum Slot {
        Empty,
        Full(Field),
    }

    #[hpy::class]
    pub struct Tree {
        value: Field,
        children: Children,
        extra: Slot,
        many: Vec<Field>,
    }

    #[hpy::methods]
    impl Tree {
        #[new]
        fn new<'ctx>(init: Construct<'_, 'ctx, Self>, value: &Handle<'ctx>) -> Result<Typed<'ctx, Self>> {
            let tree = init.init(Tree {
                value: Field::new(),
                children: Children { left: None, right: None },
                extra: Slot::Empty,
                many: Vec::new(),
            })?;
            tree.set_field(|t| &t.value, Some(value))?;
            LAST.store(value);
            Ok(tree)
        }

        fn push<'ctx>(this: &Typed<'ctx, Self>, obj: &Handle<'ctx>) -> Result<()> {
            let index = {
                let mut tree = this.borrow_mut()?;
                tree.many.push(Field::new());
                tree.many.len() - 1
            };
            this.set_field_at(|t| &t.many, index, Some(obj))
        }

        fn pop<'ctx>(this: &Typed<'ctx, Self>) -> Result<Option<Handle<'ctx>>> {
            let Some(last) = this.borrow()?.many.len().checked_sub(1) else {
                return Ok(None);
            };
            let obj = this.take_field_at(|t| &t.many, last)?;
            this.borrow_mut()?.many.pop();
            Ok(obj)
        }
    }

    #[hpy::function]
    fn last(cx: Context<'_>) -> Option<Handle<'_>> {
        LAST.load(cx)
    }
}

fn main() {}
