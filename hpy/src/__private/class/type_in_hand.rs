//! [`TypeInHand`]: a class's type object loaded once for a whole slot call, and the operand and
//! result conversions that use it instead of loading it again.
//!
//! Checking that an object is a `T`, and creating a `T`, each need `T`'s type object, which
//! lives in an `HPyGlobal`: every use is an `HPyGlobal_Load` and an `HPy_Close`. A binary
//! operator (`a + b` with `fn __add__(&self, other: &Self) -> Self`) needs it three times; the
//! generated slot loads it once and converts through [`Operand`] and [`Returned`], which take
//! the loaded type when the operand or result is the class itself and fall back to
//! [`FromPy`] / [`IntoReturn`](crate::__private::IntoReturn) for anything else.
//!
//! The choice is made by method resolution: the fast conversions are inherent methods of
//! particular instantiations (`Operand<T, &T>`...), which Rust prefers to the fallback traits'
//! methods of the same name ([`OperandFallback`], [`ReturnedFallback`]), so the generated code
//! needs no knowledge of the types.

use core::marker::PhantomData;

use crate::__private::{IntoReturn, return_object};
use crate::context::call;
use crate::types::{FrozenCell, PyType, Ref, Typed};
use crate::{Context, Error, FromPy, Handle, Result, ffi};

/// `T`'s type object, loaded for the duration of one slot call.
pub struct TypeInHand<'ctx, T> {
    ty: crate::global::TypeRef<'ctx>,
    _class: PhantomData<T>,
}

impl<'ctx, T: PyType> TypeInHand<'ctx, T> {
    /// Loads `T`'s type object (a `SystemError` before the module created it).
    #[inline]
    pub fn load(cx: Context<'ctx>) -> Result<Self> {
        Ok(TypeInHand {
            ty: crate::types::type_object::<T>(cx)?,
            _class: PhantomData,
        })
    }

    /// Loads `T`'s type object in one of `T`'s own slots: [`load`](Self::load), but in the
    /// CPython ABI without testing that the type exists (a slot of `T` is only reachable
    /// through `T`'s type object, stored in `T::TYPE_OBJECT` as soon as it is created, before
    /// any Python code runs, and never removed).
    ///
    /// # Safety
    /// Only in the code of a slot of `T`'s type.
    #[inline(always)]
    pub unsafe fn load_in_slot(cx: Context<'ctx>) -> Result<Self> {
        #[cfg(feature = "abi-cpython")]
        {
            // SAFETY: the type exists (the caller's contract).
            let ty = unsafe { T::TYPE_OBJECT.get_unchecked(cx) };
            Ok(TypeInHand {
                ty,
                _class: PhantomData,
            })
        }
        #[cfg(not(feature = "abi-cpython"))]
        Self::load(cx)
    }

    /// `obj` as a `T`, or `None` if it is not an instance of `T` (or of a subclass).
    #[inline]
    pub fn cast<'h>(&self, obj: &'h Handle<'ctx>) -> Option<&'h Typed<'ctx, T>> {
        let cx = obj.context();
        // SAFETY: both handles are open and `self.ty` is a type.
        let is_instance = unsafe { call!(cx, ctx_TypeCheck(obj.as_raw(), self.ty.as_raw())) };
        // SAFETY: just checked.
        (is_instance != 0).then(|| unsafe { Typed::from_handle_unchecked(obj) })
    }

    /// `obj` as a `T`, or the `TypeError` [`Handle::downcast`] raises.
    #[inline]
    fn typed<'h>(&self, obj: &'h Handle<'ctx>) -> Result<&'h Typed<'ctx, T>> {
        match self.cast(obj) {
            Some(typed) => Ok(typed),
            None => Err(mismatch::<T>(obj)),
        }
    }

    /// The conversion of an operand into a `U` (see the module documentation).
    #[inline(always)]
    pub fn operand<U>(&self) -> Operand<'_, 'ctx, T, U> {
        Operand {
            ty: self,
            _target: PhantomData,
        }
    }

    /// The conversion of a method's result `value` into the slot's object.
    #[inline(always)]
    pub fn returned<R>(&self, value: R) -> Returned<'_, 'ctx, T, R> {
        Returned { ty: self, value }
    }
}

/// The `TypeError` of a failed downcast to `T`. Cold: the fast path is the instance.
#[cold]
#[inline(never)]
fn mismatch<T: PyType>(obj: &Handle<'_>) -> Error {
    match obj.downcast::<T>() {
        Err(e) => e,
        Ok(_) => unreachable!("the type check and the downcast disagree"),
    }
}

/// Converts an operand into a `U`, with `T`'s type in hand.
pub struct Operand<'t, 'ctx, T, U> {
    ty: &'t TypeInHand<'ctx, T>,
    _target: PhantomData<fn() -> U>,
}

impl<'a, 'ctx, T: PyType> Operand<'_, 'ctx, T, &'a Typed<'ctx, T>> {
    /// `&Typed<T>`: the checked handle.
    #[inline(always)]
    pub fn convert(&self, obj: &'a Handle<'ctx>) -> Result<&'a Typed<'ctx, T>> {
        self.ty.typed(obj)
    }
}

impl<'a, 'ctx, T: PyType<Storage = FrozenCell<T>>> Operand<'_, 'ctx, T, &'a T> {
    /// `&T` of a frozen class: the value.
    #[inline(always)]
    pub fn convert(&self, obj: &'a Handle<'ctx>) -> Result<&'a T> {
        self.ty.typed(obj)?.get()
    }
}

impl<'a, 'ctx, T: PyType> Operand<'_, 'ctx, T, Ref<'a, 'ctx, T>> {
    /// `Ref<T>`: a shared borrow of the value.
    #[inline(always)]
    pub fn convert(&self, obj: &'a Handle<'ctx>) -> Result<Ref<'a, 'ctx, T>> {
        self.ty.typed(obj)?.borrow()
    }
}

/// Any other operand type: its [`FromPy`] conversion.
pub trait OperandFallback<U>: sealed::Sealed {
    /// Converts `obj` with `U`'s [`FromPy`].
    fn convert<'a, 'ctx>(&self, obj: &'a Handle<'ctx>) -> Result<U>
    where
        U: FromPy<'a, 'ctx>;
}

impl<T, U> OperandFallback<U> for Operand<'_, '_, T, U> {
    #[inline(always)]
    fn convert<'a, 'ctx>(&self, obj: &'a Handle<'ctx>) -> Result<U>
    where
        U: FromPy<'a, 'ctx>,
    {
        U::from_py(obj)
    }
}

/// Converts a method's result `R` into the slot's object, with `T`'s type in hand.
pub struct Returned<'t, 'ctx, T, R> {
    ty: &'t TypeInHand<'ctx, T>,
    value: R,
}

impl<'ctx, T: PyType> Returned<'_, 'ctx, T, T> {
    /// A `T`: a new object of `T`, from the type in hand.
    #[inline(always)]
    pub fn object(self, _cx: Context<'ctx>) -> Result<ffi::HPy> {
        // SAFETY: the type in hand is `T`'s own type object.
        unsafe { Typed::new_exact_raw(&self.ty.ty, self.value) }
    }
}

impl<'ctx, T: PyType, E: Into<Error>> Returned<'_, 'ctx, T, core::result::Result<T, E>> {
    /// A `Result` of a `T`: the error, or a new object of `T` from the type in hand.
    #[inline(always)]
    pub fn object(self, _cx: Context<'ctx>) -> Result<ffi::HPy> {
        let value = self.value.map_err(Into::into)?;
        // SAFETY: the type in hand is `T`'s own type object.
        unsafe { Typed::new_exact_raw(&self.ty.ty, value) }
    }
}

/// Any other result type: its [`IntoReturn`] conversion.
pub trait ReturnedFallback<R>: sealed::Sealed {
    /// Converts the result with its [`IntoReturn`].
    fn object<'ctx>(self, cx: Context<'ctx>) -> Result<ffi::HPy>
    where
        R: IntoReturn<'ctx>;
}

impl<T, R> ReturnedFallback<R> for Returned<'_, '_, T, R> {
    #[inline(always)]
    fn object<'ctx>(self, cx: Context<'ctx>) -> Result<ffi::HPy>
    where
        R: IntoReturn<'ctx>,
    {
        return_object(self.value, cx)
    }
}

mod sealed {
    use super::{Operand, Returned};

    /// The fallbacks are implemented for the conversion helpers only.
    pub trait Sealed {}
    impl<T, U> Sealed for Operand<'_, '_, T, U> {}
    impl<T, R> Sealed for Returned<'_, '_, T, R> {}
}
