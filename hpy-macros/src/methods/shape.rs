//! The C signatures of the slots special methods fill, and the three items every slot needs:
//! the HPy implementation, its CPython trampoline and its `Def`.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use crate::function::{context, entry, impl_fn, local};

/// A slot's C signature: one of HPy 0.9's `HPyFunc_*` slot signatures.
#[derive(Clone, Copy)]
pub enum Shape {
    /// `HPyFunc_UNARYFUNC`: `(o) -> object`.
    Unary,
    /// `HPyFunc_REPRFUNC`: `(o) -> object`.
    Repr,
    /// `HPyFunc_BINARYFUNC`: `(a, b) -> object`.
    Binary,
    /// `HPyFunc_TERNARYFUNC`: `(a, b, c) -> object`.
    Ternary,
    /// `HPyFunc_INQUIRY`: `(o) -> int`.
    Inquiry,
    /// `HPyFunc_LENFUNC`: `(o) -> Py_ssize_t`.
    Len,
    /// `HPyFunc_HASHFUNC`: `(o) -> Py_hash_t`.
    Hash,
    /// `HPyFunc_RICHCMPFUNC`: `(a, b, op) -> object`.
    RichCmp,
    /// `HPyFunc_SSIZEARGFUNC`: `(o, i) -> object`.
    SsizeArg,
    /// `HPyFunc_SSIZEOBJARGPROC`: `(o, i, v) -> int`.
    SsizeObjArg,
    /// `HPyFunc_OBJOBJARGPROC`: `(o, k, v) -> int`.
    ObjObjArg,
    /// `HPyFunc_OBJOBJPROC`: `(o, k) -> int`.
    ObjObj,
    /// `HPyFunc_GETBUFFERPROC`: `(o, view, flags) -> int`.
    GetBuffer,
}

/// A C type in a slot signature.
#[derive(Clone, Copy)]
enum CType {
    Object,
    Ssize,
    CompareOp,
    Int,
    Hash,
    BufferView,
}

impl CType {
    /// The type on the HPy side.
    fn hpy(self) -> TokenStream {
        match self {
            CType::Object => quote!(::hpy::ffi::HPy),
            CType::Ssize => quote!(::hpy::ffi::HPy_ssize_t),
            CType::CompareOp => quote!(::hpy::ffi::HPy_RichCmpOp),
            CType::Int => quote!(::core::ffi::c_int),
            CType::Hash => quote!(::hpy::ffi::HPy_hash_t),
            CType::BufferView => quote!(*mut ::hpy::ffi::HPy_buffer),
        }
    }

    /// The type on the CPython side (objects are `PyObject *`).
    fn cpython(self) -> TokenStream {
        match self {
            CType::Object => quote!(*mut ::hpy::__private::cpy_PyObject),
            CType::BufferView => quote!(*mut ::hpy::ffi::cpy_Py_buffer),
            other => other.hpy(),
        }
    }

    /// The value a slot returns when it raised.
    fn error(self) -> TokenStream {
        match self {
            CType::Object => quote!(::hpy::ffi::HPy_NULL),
            _ => quote!(-1),
        }
    }
}

impl Shape {
    /// The name of the signature in `hpy::__private::slots` (the trampoline body `<name>`,
    /// the `Def` constructor `slot_<name>`), its parameters and its return type.
    fn signature(self) -> (&'static str, &'static [CType], CType) {
        use CType::*;
        match self {
            Shape::Unary => ("unary", &[Object], Object),
            Shape::Repr => ("repr", &[Object], Object),
            Shape::Binary => ("binary", &[Object, Object], Object),
            Shape::Ternary => ("ternary", &[Object, Object, Object], Object),
            Shape::Inquiry => ("inquiry", &[Object], Int),
            Shape::Len => ("len", &[Object], Ssize),
            Shape::Hash => ("hash", &[Object], Hash),
            Shape::RichCmp => ("richcmp", &[Object, Object, CompareOp], Object),
            Shape::SsizeArg => ("ssizearg", &[Object, Ssize], Object),
            Shape::SsizeObjArg => ("ssizeobjarg", &[Object, Ssize, Object], Int),
            Shape::ObjObjArg => ("objobjarg", &[Object, Object, Object], Int),
            Shape::ObjObj => ("objobj", &[Object, Object], Int),
            Shape::GetBuffer => ("getbuffer", &[Object, BufferView, Int], Int),
        }
    }
}

/// The generated items of a type's slots, and the names of their `Def` statics.
#[derive(Default)]
pub struct SlotItems {
    pub items: TokenStream,
    pub defs: Vec<Ident>,
}

impl SlotItems {
    /// Emits the slot `slot` (an `HPySlot_Slot` constant) of shape `shape`, its items named
    /// after `base`: the implementation, whose parameters after the context are named `params`
    /// and whose `body` runs inside the boundary and evaluates to a `Result` of the C return
    /// value; the CPython trampoline; the `Def`.
    pub fn emit(
        &mut self,
        base: &str,
        shape: Shape,
        slot: &str,
        params: &[Ident],
        body: TokenStream,
    ) {
        let (name, types, ret) = shape.signature();
        assert_eq!(params.len(), types.len(), "parameters of slot {slot}");
        let impl_fn_name = format_ident!("__hpy_slot_{}", base);
        let tramp = format_ident!("__hpy_tramp_slot_{}", base);
        let def = format_ident!("__HPY_SLOT_{}", base);
        let hpy_params: Vec<(Ident, TokenStream)> = params
            .iter()
            .zip(types)
            .map(|(p, t)| (p.clone(), t.hpy()))
            .collect();
        let args: Vec<Ident> = (0..types.len())
            .map(|i| local(&format!("arg{i}")))
            .collect();
        let cpy_params = args.iter().zip(types).map(|(a, t)| {
            let t = t.cpython();
            quote!(#a: #t)
        });
        let (hpy_ret, cpy_ret, error) = (ret.hpy(), ret.cpython(), ret.error());
        let (cx, entry) = (context(), entry());
        let impl_item = impl_fn(
            &impl_fn_name,
            &hpy_params,
            hpy_ret,
            quote!(#entry.run(#error, |#cx| { #body })),
        );
        let body_fn = format_ident!("{}", name);
        let constructor = format_ident!("slot_{}", name);
        let slot = format_ident!("{}", slot);
        let p = quote!(::hpy::__private);
        self.items.extend(quote! {
            #impl_item

            unsafe extern "C" fn #tramp(#(#cpy_params),*) -> #cpy_ret {
                // SAFETY: CPython calls the slot with the arguments of its signature.
                unsafe { #p::slots::#body_fn(#impl_fn_name, #(#args),*) }
            }

            // SAFETY: the impl runs its body through an `Entry` and returns what the slot
            // promises; the trampoline hands its arguments to the runtime with that impl.
            static #def: #p::Def =
                unsafe { #p::Def::#constructor(#p::ffi::#slot, #impl_fn_name, #tramp) };
        });
        self.defs.push(def);
    }
}
