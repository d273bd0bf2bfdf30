//! `pickling`: the pickling and copying protocols a `#[hpy::class]` implements as ordinary
//! methods — `__getnewargs_ex__` (constructor arguments, keywords included),
//! `__getstate__`/`__setstate__` (state restored after a bare construction), and
//! `__copy__`/`__deepcopy__` (copies that share or copy what `Field`s hold). `__reduce__` is
//! shown by `examples/point` and `examples/wordcount`. Tested by `tests/test_pickling.py` in
//! universal and debug mode.

use std::collections::HashMap;

use hpy::Construct;
use hpy::prelude::*;

#[hpy::module]
mod pickling {
    use super::*;

    /// `Vector(x, y, *, label=None)`: rebuilt from its constructor arguments.
    #[hpy::class(subclass, frozen)]
    pub struct Vector {
        x: f64,
        y: f64,
        label: Option<String>,
    }

    #[hpy::methods]
    impl Vector {
        #[new]
        #[hpy(signature = (x, y, *, label = None))]
        fn new(x: f64, y: f64, label: Option<String>) -> Vector {
            Vector { x, y, label }
        }

        /// `((x, y), {"label": label})`: pickle (protocol 2 and later) calls
        /// `Vector.__new__(cls, x, y, label=label)`.
        #[allow(clippy::type_complexity)]
        fn __getnewargs_ex__(&self) -> ((f64, f64), HashMap<&'static str, Option<String>>) {
            (
                (self.x, self.y),
                HashMap::from([("label", self.label.clone())]),
            )
        }

        fn __eq__(&self, other: Ref<'_, '_, Vector>) -> bool {
            (self.x, self.y, &self.label) == (other.x, other.y, &other.label)
        }

        fn __repr__(&self) -> String {
            format!("Vector({}, {}, label={:?})", self.x, self.y, self.label)
        }
    }

    /// `Settings()`: options set after construction, pickled as their state.
    #[hpy::class(subclass)]
    pub struct Settings {
        options: HashMap<String, i64>,
        /// How many times `__setstate__` ran on this object.
        restored: u32,
    }

    #[hpy::methods]
    impl Settings {
        #[new]
        fn new() -> Settings {
            Settings {
                options: HashMap::new(),
                restored: 0,
            }
        }

        /// Sets option `name`.
        fn set(&mut self, name: String, value: i64) {
            self.options.insert(name, value);
        }

        /// Option `name`, or None.
        fn get(&self, name: &str) -> Option<i64> {
            self.options.get(name).copied()
        }

        /// How many times this object was restored from a state.
        #[getter]
        fn restored(&self) -> u32 {
            self.restored
        }

        /// The options, as a dict.
        fn __getstate__(&self) -> HashMap<String, i64> {
            self.options.clone()
        }

        /// Restores the options from `__getstate__`'s dict (a `TypeError` for anything else).
        fn __setstate__(&mut self, state: HashMap<String, i64>) {
            self.options = state;
            self.restored += 1;
        }
    }

    /// `Box(content)`: holds any object; `copy.copy` shares the content, `copy.deepcopy`
    /// copies it (through the memo, so shared and cyclic contents stay so).
    #[hpy::class(subclass)]
    pub struct Box {
        content: Field,
        /// How this box was made: "new", "copy" or "deepcopy".
        origin: &'static str,
    }

    impl Box {
        fn with_content<'ctx>(
            ty: &Handle<'ctx>,
            content: &Handle<'ctx>,
            origin: &'static str,
        ) -> Result<Handle<'ctx>> {
            let copy = ty.call((content,))?;
            copy.downcast::<Box>()?.borrow_mut()?.origin = origin;
            Ok(copy)
        }
    }

    #[hpy::methods]
    impl Box {
        #[new]
        fn new<'ctx>(
            init: Construct<'_, 'ctx, Self>,
            content: &Handle<'ctx>,
        ) -> Result<Typed<'ctx, Self>> {
            let new = init.init(Box {
                content: Field::new(),
                origin: "new",
            })?;
            new.set_field(|b| &b.content, Some(content))?;
            Ok(new)
        }

        /// The content.
        #[getter]
        fn content<'ctx>(this: &Typed<'ctx, Self>) -> Result<Handle<'ctx>> {
            Ok(this
                .field(|b| &b.content)?
                .unwrap_or_else(|| this.context().None()))
        }

        /// "new", "copy" or "deepcopy".
        #[getter]
        fn origin(&self) -> &'static str {
            self.origin
        }

        /// A box of the same type holding the same content.
        fn __copy__<'ctx>(this: &Typed<'ctx, Self>) -> Result<Handle<'ctx>> {
            let content = Self::content(this)?;
            Self::with_content(&this.get_type(), &content, "copy")
        }

        /// A box of the same type holding `copy.deepcopy(content, memo)`; registered in the
        /// memo before its content is copied, so a box inside its own content stays a cycle.
        fn __deepcopy__<'ctx>(
            this: &Typed<'ctx, Self>,
            memo: &Handle<'ctx>,
        ) -> Result<Handle<'ctx>> {
            let cx = this.context();
            let ty = this.get_type();
            let copy = Self::with_content(&ty, &cx.None(), "deepcopy")?;
            let id = cx.builtin("id")?.call((this,))?;
            memo.set_item(id, &copy)?;
            let content = Self::content(this)?;
            let deepcopy = cx.import("copy")?.getattr(c"deepcopy")?;
            let copied = deepcopy.call((content, memo))?;
            copy.downcast::<Box>()?
                .set_field(|b| &b.content, Some(&copied))?;
            Ok(copy)
        }
    }
}
