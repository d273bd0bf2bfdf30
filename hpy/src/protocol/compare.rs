//! Rich comparison.

use super::owned;
use crate::context::call;
use crate::convert::IntoPy;
use crate::{Handle, Result, ffi};

/// A rich-comparison operator (`HPy_RichCmpOp`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CompareOp {
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `==`
    Eq,
    /// `!=`
    Ne,
    /// `>`
    Gt,
    /// `>=`
    Ge,
}

impl CompareOp {
    /// The HPy operator code.
    pub fn to_raw(self) -> ffi::HPy_RichCmpOp {
        match self {
            CompareOp::Lt => ffi::HPy_LT,
            CompareOp::Le => ffi::HPy_LE,
            CompareOp::Eq => ffi::HPy_EQ,
            CompareOp::Ne => ffi::HPy_NE,
            CompareOp::Gt => ffi::HPy_GT,
            CompareOp::Ge => ffi::HPy_GE,
        }
    }

    /// Whether two values whose order is `ordering` satisfy the operator:
    /// `CompareOp::Le.matches(a.cmp(&b))` is `a <= b`.
    pub fn matches(self, ordering: core::cmp::Ordering) -> bool {
        use core::cmp::Ordering::{Equal, Greater, Less};
        match self {
            CompareOp::Lt => ordering == Less,
            CompareOp::Le => ordering != Greater,
            CompareOp::Eq => ordering == Equal,
            CompareOp::Ne => ordering != Equal,
            CompareOp::Gt => ordering == Greater,
            CompareOp::Ge => ordering != Less,
        }
    }

    /// The operator for an HPy code, or `None` for an invalid one.
    pub fn from_raw(op: ffi::HPy_RichCmpOp) -> Option<Self> {
        Some(match op {
            ffi::HPy_LT => CompareOp::Lt,
            ffi::HPy_LE => CompareOp::Le,
            ffi::HPy_EQ => CompareOp::Eq,
            ffi::HPy_NE => CompareOp::Ne,
            ffi::HPy_GT => CompareOp::Gt,
            ffi::HPy_GE => CompareOp::Ge,
            _ => return None,
        })
    }
}

impl<'ctx> Handle<'ctx> {
    /// `self <op> other`, returning whatever object the comparison returns.
    pub fn rich_compare(&self, other: impl IntoPy<'ctx>, op: CompareOp) -> Result<Handle<'ctx>> {
        let cx = self.context();
        let op = op.to_raw();
        let other = other.__to_object(cx)?;
        // SAFETY: both handles are open.
        owned(cx, unsafe {
            call!(cx, ctx_RichCompare(self.as_raw(), other.as_raw(), op))
        })
    }

    /// `bool(self <op> other)`.
    pub fn compare(&self, other: impl IntoPy<'ctx>, op: CompareOp) -> Result<bool> {
        let cx = self.context();
        let op = op.to_raw();
        let other = other.__to_object(cx)?;
        // SAFETY: both handles are open.
        let code = unsafe { call!(cx, ctx_RichCompareBool(self.as_raw(), other.as_raw(), op)) };
        super::status(code).map(|()| code != 0)
    }

    /// `self == other`.
    pub fn eq(&self, other: impl IntoPy<'ctx>) -> Result<bool> {
        self.compare(other, CompareOp::Eq)
    }

    /// `self != other`.
    pub fn ne(&self, other: impl IntoPy<'ctx>) -> Result<bool> {
        self.compare(other, CompareOp::Ne)
    }

    /// `self < other`.
    pub fn lt(&self, other: impl IntoPy<'ctx>) -> Result<bool> {
        self.compare(other, CompareOp::Lt)
    }

    /// `self <= other`.
    pub fn le(&self, other: impl IntoPy<'ctx>) -> Result<bool> {
        self.compare(other, CompareOp::Le)
    }

    /// `self > other`.
    pub fn gt(&self, other: impl IntoPy<'ctx>) -> Result<bool> {
        self.compare(other, CompareOp::Gt)
    }

    /// `self >= other`.
    pub fn ge(&self, other: impl IntoPy<'ctx>) -> Result<bool> {
        self.compare(other, CompareOp::Ge)
    }
}
