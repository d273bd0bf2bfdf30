//! The number protocol: arithmetic, bitwise and conversion operators.

use super::owned;
use crate::context::call;
use crate::convert::IntoPy;
use crate::{Handle, Result};

macro_rules! binary_ops {
    ($($method:ident => $member:ident, $op:literal;)*) => {
        impl<'ctx> Handle<'ctx> {$(
            #[doc = concat!("`", $op, "`.")]
            pub fn $method(&self, other: impl IntoPy<'ctx>) -> Result<Handle<'ctx>> {
                let cx = self.context();
                let other = other.__to_object(cx)?;
                // SAFETY: both handles are open; the result is a new handle or NULL.
                owned(cx, unsafe { call!(cx, $member(self.as_raw(), other.as_raw())) })
            }
        )*}
    };
}

binary_ops! {
    add => ctx_Add, "self + other";
    sub => ctx_Subtract, "self - other";
    mul => ctx_Multiply, "self * other";
    matmul => ctx_MatrixMultiply, "self @ other";
    floor_div => ctx_FloorDivide, "self // other";
    true_div => ctx_TrueDivide, "self / other";
    rem => ctx_Remainder, "self % other";
    divmod => ctx_Divmod, "divmod(self, other)";
    lshift => ctx_Lshift, "self << other";
    rshift => ctx_Rshift, "self >> other";
    bit_and => ctx_And, "self & other";
    bit_xor => ctx_Xor, "self ^ other";
    bit_or => ctx_Or, "self | other";
    inplace_add => ctx_InPlaceAdd, "self += other";
    inplace_sub => ctx_InPlaceSubtract, "self -= other";
    inplace_mul => ctx_InPlaceMultiply, "self *= other";
    inplace_matmul => ctx_InPlaceMatrixMultiply, "self @= other";
    inplace_floor_div => ctx_InPlaceFloorDivide, "self //= other";
    inplace_true_div => ctx_InPlaceTrueDivide, "self /= other";
    inplace_rem => ctx_InPlaceRemainder, "self %= other";
    inplace_lshift => ctx_InPlaceLshift, "self <<= other";
    inplace_rshift => ctx_InPlaceRshift, "self >>= other";
    inplace_bit_and => ctx_InPlaceAnd, "self &= other";
    inplace_bit_xor => ctx_InPlaceXor, "self ^= other";
    inplace_bit_or => ctx_InPlaceOr, "self |= other";
}

macro_rules! unary_ops {
    ($($method:ident => $member:ident, $op:literal;)*) => {
        impl<'ctx> Handle<'ctx> {$(
            #[doc = concat!("`", $op, "`.")]
            pub fn $method(&self) -> Result<Handle<'ctx>> {
                let cx = self.context();
                // SAFETY: `self` is open; the result is a new handle or NULL.
                owned(cx, unsafe { call!(cx, $member(self.as_raw())) })
            }
        )*}
    };
}

unary_ops! {
    neg => ctx_Negative, "-self";
    pos => ctx_Positive, "+self";
    abs => ctx_Absolute, "abs(self)";
    invert => ctx_Invert, "~self";
    index => ctx_Index, "operator.index(self)";
    to_int => ctx_Long, "int(self)";
    to_float => ctx_Float, "float(self)";
}

impl<'ctx> Handle<'ctx> {
    /// `pow(self, exponent)`.
    pub fn pow(&self, exponent: impl IntoPy<'ctx>) -> Result<Handle<'ctx>> {
        self.pow_mod(exponent, self.context().None())
    }

    /// `self **= exponent`: in place when the object supports it (`__ipow__`), else
    /// `pow(self, exponent)`.
    pub fn inplace_pow(&self, exponent: impl IntoPy<'ctx>) -> Result<Handle<'ctx>> {
        let cx = self.context();
        let (e, none) = (exponent.__to_object(cx)?, cx.None());
        // SAFETY: all three handles are open; the result is a new handle or NULL.
        owned(cx, unsafe {
            call!(
                cx,
                ctx_InPlacePower(self.as_raw(), e.as_raw(), none.as_raw())
            )
        })
    }

    /// Whether the object is a number: its type has `__index__`, `__int__`, `__float__` or
    /// is a `complex` (CPython's `PyNumber_Check`; not the same as `numbers.Number`).
    pub fn is_number(&self) -> bool {
        let cx = self.context();
        // SAFETY: `self` is open; the check cannot fail.
        unsafe { call!(cx, ctx_Number_Check(self.as_raw())) != 0 }
    }

    /// `pow(self, exponent, modulus)` (`modulus` `None` for none).
    pub fn pow_mod(
        &self,
        exponent: impl IntoPy<'ctx>,
        modulus: impl IntoPy<'ctx>,
    ) -> Result<Handle<'ctx>> {
        let cx = self.context();
        let (e, m) = (exponent.__to_object(cx)?, modulus.__to_object(cx)?);
        // SAFETY: all three handles are open; the result is a new handle or NULL.
        owned(cx, unsafe {
            call!(cx, ctx_Power(self.as_raw(), e.as_raw(), m.as_raw()))
        })
    }
}
