//! Special methods (`__repr__`, `__add__`, ...) as HPy slots: the table of what HPy 0.9 can
//! express, and the code of each slot's implementation.

use proc_macro2::{Ident, TokenStream};
use quote::{quote, quote_spanned};

use crate::callable::receiver::{self, Receiver, ReceiverCode};
use crate::hygiene::{context, entry, local, self_handle};
use crate::names;
use crate::type_rewrite::elide_lifetimes;

/// How a special method becomes a slot.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// `tp_repr`, `tp_str`: `(self) -> object`.
    Repr(&'static str),
    /// `nb_negative` & co: `(self) -> object`.
    Unary(&'static str),
    /// `tp_hash`.
    Hash,
    /// `mp_length`.
    Len,
    /// `nb_bool`.
    Bool,
    /// `sq_contains`.
    Contains,
    /// One of the comparison methods, all served by `tp_richcompare`.
    Compare(&'static str),
    /// A binary operator (`__add__`), or its reflection (`__radd__`) when `reflected`.
    Binary { slot: &'static str, reflected: bool },
    /// An in-place operator (`__iadd__`).
    InPlace(&'static str),
    /// `__pow__` / `__rpow__` (`nb_power`, ternary).
    Power { reflected: bool },
    /// `__ipow__`.
    InPlacePower,
    /// `__getitem__`.
    GetItem,
    /// `__setitem__`.
    SetItem,
    /// `__delitem__`.
    DelItem,
    /// `__call__`.
    Call,
    /// `__getbuffer__` (`bf_getbuffer`, with `bf_releasebuffer`).
    GetBuffer,
    /// `__releasebuffer__`.
    ReleaseBuffer,
}

/// The role of a special method name, `Ok(None)` for an ordinary method, or the reason HPy 0.9
/// cannot express it.
pub fn role(name: &str) -> Result<Option<Role>, String> {
    let binary = |slot| {
        Ok(Some(Role::Binary {
            slot,
            reflected: false,
        }))
    };
    let reflected = |slot| {
        Ok(Some(Role::Binary {
            slot,
            reflected: true,
        }))
    };
    match name {
        "__repr__" => Ok(Some(Role::Repr("HPy_tp_repr"))),
        "__str__" => Ok(Some(Role::Repr("HPy_tp_str"))),
        "__hash__" => Ok(Some(Role::Hash)),
        "__len__" => Ok(Some(Role::Len)),
        "__bool__" => Ok(Some(Role::Bool)),
        "__contains__" => Ok(Some(Role::Contains)),
        "__neg__" => Ok(Some(Role::Unary("HPy_nb_negative"))),
        "__pos__" => Ok(Some(Role::Unary("HPy_nb_positive"))),
        "__abs__" => Ok(Some(Role::Unary("HPy_nb_absolute"))),
        "__invert__" => Ok(Some(Role::Unary("HPy_nb_invert"))),
        "__int__" => Ok(Some(Role::Unary("HPy_nb_int"))),
        "__float__" => Ok(Some(Role::Unary("HPy_nb_float"))),
        "__index__" => Ok(Some(Role::Unary("HPy_nb_index"))),
        "__eq__" | "__ne__" | "__lt__" | "__le__" | "__gt__" | "__ge__" | "__richcmp__" => {
            Ok(Some(Role::Compare(comparison(name))))
        }
        "__add__" => binary("HPy_nb_add"),
        "__sub__" => binary("HPy_nb_subtract"),
        "__mul__" => binary("HPy_nb_multiply"),
        "__matmul__" => binary("HPy_nb_matrix_multiply"),
        "__truediv__" => binary("HPy_nb_true_divide"),
        "__floordiv__" => binary("HPy_nb_floor_divide"),
        "__mod__" => binary("HPy_nb_remainder"),
        "__divmod__" => binary("HPy_nb_divmod"),
        "__lshift__" => binary("HPy_nb_lshift"),
        "__rshift__" => binary("HPy_nb_rshift"),
        "__and__" => binary("HPy_nb_and"),
        "__xor__" => binary("HPy_nb_xor"),
        "__or__" => binary("HPy_nb_or"),
        "__radd__" => reflected("HPy_nb_add"),
        "__rsub__" => reflected("HPy_nb_subtract"),
        "__rmul__" => reflected("HPy_nb_multiply"),
        "__rmatmul__" => reflected("HPy_nb_matrix_multiply"),
        "__rtruediv__" => reflected("HPy_nb_true_divide"),
        "__rfloordiv__" => reflected("HPy_nb_floor_divide"),
        "__rmod__" => reflected("HPy_nb_remainder"),
        "__rdivmod__" => reflected("HPy_nb_divmod"),
        "__rlshift__" => reflected("HPy_nb_lshift"),
        "__rrshift__" => reflected("HPy_nb_rshift"),
        "__rand__" => reflected("HPy_nb_and"),
        "__rxor__" => reflected("HPy_nb_xor"),
        "__ror__" => reflected("HPy_nb_or"),
        "__iadd__" => Ok(Some(Role::InPlace("HPy_nb_inplace_add"))),
        "__isub__" => Ok(Some(Role::InPlace("HPy_nb_inplace_subtract"))),
        "__imul__" => Ok(Some(Role::InPlace("HPy_nb_inplace_multiply"))),
        "__imatmul__" => Ok(Some(Role::InPlace("HPy_nb_inplace_matrix_multiply"))),
        "__itruediv__" => Ok(Some(Role::InPlace("HPy_nb_inplace_true_divide"))),
        "__ifloordiv__" => Ok(Some(Role::InPlace("HPy_nb_inplace_floor_divide"))),
        "__imod__" => Ok(Some(Role::InPlace("HPy_nb_inplace_remainder"))),
        "__ilshift__" => Ok(Some(Role::InPlace("HPy_nb_inplace_lshift"))),
        "__irshift__" => Ok(Some(Role::InPlace("HPy_nb_inplace_rshift"))),
        "__iand__" => Ok(Some(Role::InPlace("HPy_nb_inplace_and"))),
        "__ixor__" => Ok(Some(Role::InPlace("HPy_nb_inplace_xor"))),
        "__ior__" => Ok(Some(Role::InPlace("HPy_nb_inplace_or"))),
        "__pow__" => Ok(Some(Role::Power { reflected: false })),
        "__rpow__" => Ok(Some(Role::Power { reflected: true })),
        "__ipow__" => Ok(Some(Role::InPlacePower)),
        "__getitem__" => Ok(Some(Role::GetItem)),
        "__setitem__" => Ok(Some(Role::SetItem)),
        "__delitem__" => Ok(Some(Role::DelItem)),
        "__call__" => Ok(Some(Role::Call)),
        "__getbuffer__" => Ok(Some(Role::GetBuffer)),
        "__releasebuffer__" => Ok(Some(Role::ReleaseBuffer)),
        "__init__" | "__new__" => Err(format!(
            "`{name}` is not how an #[hpy::class] is constructed: mark the constructor #[new]"
        )),
        "__del__" => Err(
            "`__del__` cannot be implemented: implement `Drop` for the struct (it runs in \
             `tp_destroy`, where the Python API must not be used)"
                .to_owned(),
        ),
        _ => Ok(None),
    }
}

/// Whether `name` is a special method CPython keeps in a type slot that HPy 0.9 has no
/// `HPySlot` for (`tp_iter`, `tp_iternext`, `tp_getattro`, `tp_setattro`, `tp_descr_get`,
/// `tp_descr_set`, the async slots). Such a method is defined as an ordinary method and set
/// on the type again once it exists: assigning a special method to a heap type is how
/// Python code defines one too, and every implementation honours it (CPython and GraalPy
/// update the slot, PyPy looks special methods up on the type).
pub fn set_after_creation(name: &str) -> bool {
    matches!(
        name,
        "__iter__"
            | "__next__"
            | "__getattr__"
            | "__getattribute__"
            | "__setattr__"
            | "__delattr__"
            | "__get__"
            | "__set__"
            | "__delete__"
            | "__await__"
            | "__aiter__"
            | "__anext__"
    )
}

/// The comparison method `name`, as the `'static` name `Role::Compare` holds.
fn comparison(name: &str) -> &'static str {
    match name {
        "__eq__" => "__eq__",
        "__ne__" => "__ne__",
        "__lt__" => "__lt__",
        "__le__" => "__le__",
        "__gt__" => "__gt__",
        "__ge__" => "__ge__",
        _ => "__richcmp__",
    }
}

/// A special method as the macro sees it.
pub struct SpecialMethod<'a> {
    pub ident: &'a Ident,
    pub receiver: Receiver,
    /// The parameters after the receiver: `None` for a `Context`, else the type.
    pub operands: Vec<Option<syn::Type>>,
    /// Whether it returns nothing (`()`, or a `Result` of `()`), for in-place operators.
    pub returns_unit: bool,
    /// Where errors about the result point (the return type).
    pub ret_span: proc_macro2::Span,
}

/// Converts the operands (lent handles `handles`), borrows the receiver (whose `setup` the
/// caller emitted before) and calls the method; a conversion failure runs `on_mismatch`, given
/// the error `__e` and the index of the failing handle `__which`.
pub fn call(
    method: &SpecialMethod,
    self_ty: &syn::Type,
    receiver: &ReceiverCode,
    handles: &[TokenStream],
    on_mismatch: &TokenStream,
) -> TokenStream {
    call_with(method, self_ty, receiver, handles, on_mismatch, None)
}

/// Like [`call`]; with `type_in_hand` (a local holding the class's loaded
/// `hpy::__private::TypeInHand`), operands of the class's own type are checked with it rather
/// than by loading the type again.
pub fn call_with(
    method: &SpecialMethod,
    self_ty: &syn::Type,
    receiver: &ReceiverCode,
    handles: &[TokenStream],
    on_mismatch: &TokenStream,
    type_in_hand: Option<&Ident>,
) -> TokenStream {
    let cx = context();
    let mut conversions = TokenStream::new();
    let mut args = vec![receiver.arg.clone()];
    let mut handles = handles.iter().enumerate();
    for (i, operand) in method.operands.iter().enumerate() {
        match operand {
            None => args.push(quote!(#cx)),
            Some(ty) => {
                let var = local(&format!("__operand_{i}"));
                let ty = elide_lifetimes(ty);
                let (which, handle) = handles.next().expect("arity checked");
                // Spanned at the operand's type: a missing conversion is reported there.
                let span = syn::spanned::Spanned::span(&ty);
                let convert = match type_in_hand {
                    Some(ty_in_hand) => quote_spanned! {span=>
                        #ty_in_hand.operand::<#ty>().convert(#handle)
                    },
                    None => quote_spanned!(span=> ::hpy::FromPy::from_py(#handle)),
                };
                conversions.extend(quote! {
                    let #var: #ty = match #convert {
                        ::core::result::Result::Ok(v) => v,
                        ::core::result::Result::Err(__e) => {
                            let __which: usize = #which;
                            #on_mismatch
                        }
                    };
                });
                args.push(quote!(#var));
            }
        }
    }
    let (ident, borrow) = (method.ident, &receiver.borrow);
    quote! {
        #conversions
        #borrow
        <#self_ty>::#ident(#(#args),*)
    }
}

/// `return` from the slot body with `NotImplemented` (clearing a `TypeError`), or propagate
/// any other error.
pub fn not_implemented_on_type_error() -> TokenStream {
    let cx = context();
    quote!(return ::hpy::__private::not_implemented(#cx, __e);)
}

/// `return` the `NotImplemented` singleton.
pub fn return_not_implemented() -> TokenStream {
    let cx = context();
    quote!(return ::core::result::Result::Ok(#cx.NotImplemented().into_raw());)
}

/// The receiver of a slot whose object is its own instance.
pub fn own_receiver(method: &SpecialMethod, self_ty: &syn::Type, raw: &Ident) -> ReceiverCode {
    let (cx, this, entry) = (context(), self_handle(), entry());
    let mut code = receiver::unchecked(method.receiver, self_ty);
    let setup = code.setup;
    code.setup = quote!(let #this = #entry.lend(#cx, #raw); #setup);
    code
}

/// Which slots item access fills, from the key type of `__getitem__` & co.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum ItemKeys {
    /// Any key: `mp_subscript` / `mp_ass_subscript`.
    Mapping,
    /// A machine integer: `sq_item` / `sq_ass_item` (CPython adds the length to a negative
    /// index, and `iter()` walks the sequence).
    Sequence,
    /// `hpy::SliceOrIndex`: both, so slices reach the method and iteration works.
    Both,
}

impl ItemKeys {
    /// From the key type.
    pub fn of(key: &syn::Type) -> Self {
        let name = names::last_segment(key).map(|s| s.ident.to_string());
        match name.as_deref() {
            Some("isize" | "usize" | "i64" | "u64" | "i32" | "u32") => ItemKeys::Sequence,
            Some("SliceOrIndex") => ItemKeys::Both,
            _ => ItemKeys::Mapping,
        }
    }

    /// Whether the mapping slots are filled.
    pub fn mapping(self) -> bool {
        self != ItemKeys::Sequence
    }

    /// Whether the sequence slots are filled.
    pub fn sequence(self) -> bool {
        self != ItemKeys::Mapping
    }
}
