//! What an `#[hpy::methods]` block defines ([`MethodsInfo`]), and the autoref probe that finds
//! it for a type that may have no such block ([`MethodsProbe`]).

use core::ffi::CStr;
use core::marker::PhantomData;

use crate::__private::Def;
use crate::{Handle, Result, TypeObject};

/// What an `#[hpy::methods]` block defines.
///
/// The type's spec is built from it, so it can only be made with the `unsafe`
/// [`MethodsInfo::new`], and it names the type it belongs to: the block is found through
/// an autoref probe (`MethodsProbe`), which a trait in the user's module could answer with
/// another type's definitions, and `register_type` refuses those.
pub struct MethodsInfo {
    /// The type the definitions are for (`None` for [`NO_METHODS`], which suits any type).
    pub(crate) owner: Option<&'static TypeObject>,
    /// Methods, getters/setters and slots of the type (`tp_new` included if there is a
    /// `#[new]`).
    pub(crate) defines: &'static [&'static Def],
    /// Whether `defines` has a `tp_new`.
    pub(crate) has_new: bool,
    /// The constructor's text signature (`($type, x, y)`), which the type's docstring starts
    /// with so that `inspect.signature(T)` works.
    pub(crate) new_signature: Option<&'static str>,
    /// `#[staticmethod]`s and `#[classmethod]`s: HPy 0.9 methods take no flags (no
    /// `METH_STATIC`/`METH_CLASS`), so each is a method of a companion type, bound to an
    /// instance of it, wrapped by the builtin `staticmethod`/`classmethod` and set on the type.
    pub(crate) class_level: &'static [ClassLevelMethod],
    /// Sets the class attributes on the new type object.
    pub(crate) class_attributes: for<'ctx> fn(&Handle<'ctx>) -> Result<()>,
}

impl MethodsInfo {
    /// The definitions of the methods of the type whose type object is `owner`.
    ///
    /// # Safety
    /// Every definition is one of that type's (its `impl`s treat their object as an instance
    /// of it: see [`Def`]), `has_new` says whether `defines` has a `tp_new`, and the class-level
    /// methods' definitions are methods of the companion type.
    pub const unsafe fn new(
        owner: &'static TypeObject,
        defines: &'static [&'static Def],
        has_new: bool,
        new_signature: Option<&'static str>,
        class_level: &'static [ClassLevelMethod],
        class_attributes: for<'ctx> fn(&Handle<'ctx>) -> Result<()>,
    ) -> Self {
        MethodsInfo {
            owner: Some(owner),
            defines,
            has_new,
            new_signature,
            class_level,
            class_attributes,
        }
    }
}

/// A static or class method: a method (whose `self` it ignores) of the companion type.
pub struct ClassLevelMethod {
    /// The method's definition.
    pub def: &'static Def,
    /// Its name, on the companion type and on the type.
    pub name: &'static CStr,
    /// `"staticmethod"` or `"classmethod"`.
    pub wrapper: &'static str,
}

/// What a type without `#[hpy::methods]` defines: nothing.
pub static NO_METHODS: MethodsInfo = MethodsInfo {
    owner: None,
    defines: &[],
    has_new: false,
    new_signature: None,
    class_level: &[],
    class_attributes: |_| Ok(()),
};

/// Autoref-specialisation probe: `(&MethodsProbe::<T>::new()).methods()` is `T`'s
/// [`MethodsInfo`] if an `#[hpy::methods]` block implemented [`PyMethods`], else
/// [`NO_METHODS`].
pub struct MethodsProbe<T>(PhantomData<T>);

impl<T> MethodsProbe<T> {
    /// The probe.
    pub const fn new() -> Self {
        MethodsProbe(PhantomData)
    }
}

impl<T> Default for MethodsProbe<T> {
    fn default() -> Self {
        Self::new()
    }
}

/// Implemented by `#[hpy::methods]`.
///
/// # Safety
/// `METHODS` is this type's own (made by [`MethodsInfo::new`] with `Self`'s type object).
pub unsafe trait PyMethods {
    /// The methods' definitions.
    const METHODS: &'static MethodsInfo;
}

/// The probe's answer when there is an `#[hpy::methods]` block.
pub trait HasMethods: sealed::Sealed {
    /// `T::METHODS`.
    fn methods(&self) -> &'static MethodsInfo;
}

impl<T: PyMethods> HasMethods for MethodsProbe<T> {
    fn methods(&self) -> &'static MethodsInfo {
        T::METHODS
    }
}

/// The probe's answer when there is none.
pub trait HasNoMethods: sealed::Sealed {
    /// [`NO_METHODS`].
    fn methods(&self) -> &'static MethodsInfo {
        &NO_METHODS
    }
}

impl<T> HasNoMethods for &MethodsProbe<T> {}

mod sealed {
    use super::MethodsProbe;

    /// The probe's answers are implemented for the probe only.
    pub trait Sealed {}
    impl<T> Sealed for MethodsProbe<T> {}
    impl<T> Sealed for &MethodsProbe<T> {}
}
