//! What `#[hpy::function]` and `#[hpy::methods]` share: the model of anything called with an
//! argument list ([`Callable`]: functions, methods, static and class methods, `#[new]`,
//! `__call__`), its receiver ([`receiver`]) and the code generated for it ([`emit`]).
//! Neither macro's module is imported here: they depend on this one, not on each other.

pub mod emit;
pub mod receiver;

use proc_macro2::{Span, TokenStream};
use quote::format_ident;

use crate::params::{Kind, ParamList, PyParam};
use receiver::Receiver;

/// The HPy calling convention of a method definition (`HPyDef_METH`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Convention {
    /// No parameters: `HPyFunc_NOARGS`.
    NoArgs,
    /// One positional-only parameter: `HPyFunc_O`.
    O,
    /// Positional-only parameters (and maybe `*args`): `HPyFunc_VARARGS`.
    VarArgs,
    /// Everything else: `HPyFunc_KEYWORDS`.
    Keywords,
}

/// The cheapest convention that keeps the semantics of the equivalent `def`.
pub fn convention(params: &ParamList) -> Convention {
    let python: Vec<&PyParam> = params.python().collect();
    let all_positional_only = python
        .iter()
        .all(|p| matches!(p.kind, Kind::PositionalOnly | Kind::VarArgs));
    match python.as_slice() {
        [] => Convention::NoArgs,
        [p] if p.kind == Kind::PositionalOnly && p.default.is_none() => Convention::O,
        _ if all_positional_only => Convention::VarArgs,
        _ => Convention::Keywords,
    }
}

/// Which definition a callable becomes.
#[derive(Clone)]
pub enum Definition {
    /// A method or module function, in its [`convention`].
    Method,
    /// The `tp_new` (`HPyFunc_NEWFUNC`) of its owner, creating an object of that type.
    New,
    /// The type's `tp_call` (`HPyFunc_KEYWORDS`, in a slot).
    Call,
}

/// Something called with an argument list, as the generated code needs it.
pub struct Callable {
    /// The parameters after the receiver.
    pub params: ParamList,
    /// What it becomes.
    pub definition: Definition,
    /// The name in error messages (`add`, `scale`).
    pub function: String,
    /// For a method, its type, whose Python name messages put before `function`.
    pub owner: Option<syn::Type>,
    /// The Python attribute name.
    pub py_name: String,
    /// The docstring, text signature included.
    pub doc: String,
    /// The function to call (`super::add`, `<Point>::scale`).
    pub callee: TokenStream,
    /// How an instance method receives its object (viewed as an `owner`).
    pub receiver: Option<Receiver>,
    /// Whether the first Python parameter is the class a static method is bound to, which is
    /// not passed on and not counted in arity messages.
    pub hidden_class: bool,
    /// Whether it is `__next__`, whose `Option` result ends the iteration at `None`.
    pub next_item: bool,
    /// Where errors about the return value point: the return type.
    pub ret_span: Span,
}

impl Callable {
    /// Implicit leading arguments counted in arity messages: a method's `self`, a
    /// constructor's class (1); a static method's hidden class, which is bound but not
    /// counted (-1).
    pub fn implicit(&self) -> isize {
        if self.hidden_class {
            -1
        } else {
            isize::from(self.receiver.is_some() || matches!(self.definition, Definition::New))
        }
    }
}

/// The span errors about a function's return value point at: its return type, else its name.
pub fn output_span(sig: &syn::Signature) -> Span {
    match &sig.output {
        syn::ReturnType::Type(_, ty) => syn::spanned::Spanned::span(&**ty),
        syn::ReturnType::Default => sig.ident.span(),
    }
}

/// The names of a callable's generated items.
pub struct ItemNames {
    /// The `Def` static.
    pub def: syn::Ident,
    /// The static parameter table.
    pub parameters: syn::Ident,
    /// The HPy implementation.
    pub impl_fn: syn::Ident,
    /// The CPython trampoline.
    pub trampoline: syn::Ident,
}

impl ItemNames {
    /// Names derived from the method `base` (without its `r#`), for items that share a scope.
    pub fn for_method(base: &syn::Ident) -> Self {
        ItemNames {
            def: format_ident!("__HPY_DEF_{}", base),
            parameters: format_ident!("__HPY_PARAMETERS_{}", base),
            impl_fn: format_ident!("__hpy_impl_{}", base),
            trampoline: format_ident!("__hpy_trampoline_{}", base),
        }
    }
}
