//! [`Construct`]: what a `#[new]` constructor receives when it needs the new object itself.

use core::marker::PhantomData;

use super::{PyType, Typed};
use crate::{Context, Handle, Result};

/// Passed to a `#[new]` constructor that declares it: creates the object (of the class being
/// instantiated, which may be a Python subclass of `T`) so the constructor can then fill its
/// [`Field`](crate::Field)s, which need the object.
///
/// ```ignore
/// #[new]
/// fn new<'ctx>(init: Construct<'_, 'ctx, Self>, value: &Handle<'ctx>) -> Result<Typed<'ctx, Self>> {
///     let node = init.init(Node { value: Field::new() })?;
///     node.set_field(|n| &n.value, Some(value))?;
///     Ok(node)
/// }
/// ```
pub struct Construct<'a, 'ctx, T> {
    class: &'a Handle<'ctx>,
    _type: PhantomData<T>,
}

impl<'a, 'ctx, T: PyType> Construct<'a, 'ctx, T> {
    /// For the generated `tp_new`.
    ///
    /// # Safety
    /// `class` must be `T`'s type object or a subclass of it.
    #[doc(hidden)]
    pub unsafe fn new(class: &'a Handle<'ctx>) -> Self {
        Construct {
            class,
            _type: PhantomData,
        }
    }

    /// The class being instantiated.
    pub fn class(&self) -> &'a Handle<'ctx> {
        self.class
    }

    /// The context of the call.
    pub fn context(&self) -> Context<'ctx> {
        self.class.context()
    }

    /// Creates the object, holding `value`.
    pub fn init(self, value: T) -> Result<Typed<'ctx, T>> {
        // SAFETY: `class` is `T` or a subclass (the contract of `new`).
        unsafe { Typed::new_of_type(self.class, value) }
    }
}
