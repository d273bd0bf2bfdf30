//! Rust types as Python annotations, by the tokens the macro sees: what a parameter's
//! conversion (`FromPy`) accepts, and what a return value's (`IntoPy`) gives (see the table
//! in `hpy/src/convert/mod.rs`). A type the table does not know (a user's own `FromPy`, or a
//! path the macro cannot see through) is `Any`: `annotations(...)` says better.

use std::collections::BTreeMap;

/// Which conversion the annotation describes.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Position {
    /// An argument, converted from Python (`FromPy`): containers accept any iterable or mapping.
    Parameter,
    /// A return value, converted to Python (`IntoPy`): the exact type made.
    Return,
}

/// The module's classes: the Rust name of each `#[hpy::class]` struct and `Self` (inside a
/// class) mapped to their Python names.
#[derive(Default)]
pub struct Classes {
    names: BTreeMap<String, String>,
    this: Option<String>,
}

impl Classes {
    /// Records the class `rust` (the struct's name), seen from Python as `python`.
    pub fn add(&mut self, rust: &str, python: &str) {
        self.names.insert(rust.to_owned(), python.to_owned());
    }

    /// These classes as seen from the methods of `rust`, where `Self` is that class.
    pub fn inside(&self, rust: &str) -> Classes {
        Classes {
            names: self.names.clone(),
            this: self.python_name(rust).map(str::to_owned),
        }
    }

    /// The Python name of the class `rust`, if it is one of the module's (`Self` inside one).
    pub fn python_name(&self, rust: &str) -> Option<&str> {
        if rust == "Self" {
            return self.this.as_deref();
        }
        self.names.get(rust).map(String::as_str)
    }
}

/// The annotation of `ty` in `position`.
pub fn annotation(ty: &syn::Type, position: Position, classes: &Classes) -> String {
    match ty {
        syn::Type::Reference(r) => match &*r.elem {
            // `&[u8]` borrows a `bytes`; `&[T]` returns a list.
            syn::Type::Slice(s) if is_u8(&s.elem) => "bytes".to_owned(),
            syn::Type::Slice(s) => list_like("list", &s.elem, position, classes),
            elem => annotation(elem, position, classes),
        },
        syn::Type::Array(a) => list_like("list", &a.elem, position, classes),
        syn::Type::Tuple(t) if t.elems.is_empty() => match position {
            // A function returning `()` returns None.
            Position::Return => "None".to_owned(),
            Position::Parameter => "tuple[()]".to_owned(),
        },
        syn::Type::Tuple(t) => {
            let items: Vec<String> = t
                .elems
                .iter()
                .map(|e| match e {
                    // Inside a tuple, `()` is the empty tuple whatever the position.
                    syn::Type::Tuple(empty) if empty.elems.is_empty() => "tuple[()]".to_owned(),
                    e => annotation(e, position, classes),
                })
                .collect();
            format!("tuple[{}]", items.join(", "))
        }
        syn::Type::Paren(p) => annotation(&p.elem, position, classes),
        syn::Type::Group(g) => annotation(&g.elem, position, classes),
        syn::Type::Path(p) if p.qself.is_none() => path_annotation(&p.path, position, classes),
        _ => "Any".to_owned(),
    }
}

fn path_annotation(path: &syn::Path, position: Position, classes: &Classes) -> String {
    let Some(last) = path.segments.last() else {
        return "Any".to_owned();
    };
    let name = last.ident.to_string();
    let types = type_arguments(&last.arguments);
    let arg = |i: usize| {
        types
            .get(i)
            .map_or_else(|| "Any".to_owned(), |t| annotation(t, position, classes))
    };
    match (name.as_str(), types.len()) {
        (
            "i8" | "i16" | "i32" | "i64" | "i128" | "isize" | "u8" | "u16" | "u32" | "u64" | "u128"
            | "usize" | "Wrapping",
            _,
        ) => "int".to_owned(),
        ("f32" | "f64", _) => "float".to_owned(),
        ("bool", _) => "bool".to_owned(),
        ("str" | "String" | "Cow" | "char", _) => "str".to_owned(),
        ("PathBuf" | "OsString" | "Path" | "OsStr", _) => match position {
            Position::Parameter => "str | bytes | os.PathLike[str] | os.PathLike[bytes]".to_owned(),
            Position::Return => "str".to_owned(),
        },
        ("Handle" | "Borrowed", _) => "object".to_owned(),
        ("Option", 1) => format!("{} | None", arg(0)),
        // `Result<T>` returns `T` (an `Err` raises).
        ("Result", 1 | 2) => arg(0),
        ("Vec", 1) if is_u8(types[0]) => match position {
            Position::Parameter => "Iterable[int]".to_owned(),
            Position::Return => "bytes".to_owned(),
        },
        ("Vec" | "VecDeque", 1) => list_like("list", types[0], position, classes),
        ("HashSet" | "BTreeSet", 1 | 2) => list_like("set", types[0], position, classes),
        ("HashMap" | "BTreeMap" | "IndexMap", 2 | 3) => match position {
            Position::Parameter => format!("Mapping[{}, {}]", arg(0), arg(1)),
            Position::Return => format!("dict[{}, {}]", arg(0), arg(1)),
        },
        ("SliceOrIndex", _) => "int | slice".to_owned(),
        // The iterator's items are whatever `I::Item` converts to, which the tokens do not say.
        ("PyIter", _) => "Iterator[Any]".to_owned(),
        // A class's typed handles and borrows are instances of it.
        ("Typed" | "Ref" | "RefMut", 1) => arg(0),
        (other, 0) => classes
            .python_name(other)
            .map_or_else(|| "Any".to_owned(), str::to_owned),
        _ => "Any".to_owned(),
    }
}

/// `list[T]` (or `set[T]`) when returned; any iterable of `T` when converted from Python (every
/// such conversion reads any iterable but `str`).
fn list_like(kind: &str, item: &syn::Type, position: Position, classes: &Classes) -> String {
    let item = annotation(item, position, classes);
    match position {
        Position::Parameter => format!("Iterable[{item}]"),
        Position::Return => format!("{kind}[{item}]"),
    }
}

/// The type arguments of a path segment (lifetimes left out).
fn type_arguments(arguments: &syn::PathArguments) -> Vec<&syn::Type> {
    match arguments {
        syn::PathArguments::AngleBracketed(a) => a
            .args
            .iter()
            .filter_map(|arg| match arg {
                syn::GenericArgument::Type(t) => Some(t),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

fn is_u8(ty: &syn::Type) -> bool {
    matches!(ty, syn::Type::Path(p) if p.path.is_ident("u8"))
}

/// The annotation of each item of a `*args` parameter of type `ty` (`Vec<T>`: `T`;
/// `&VarArgs`: any object).
pub fn varargs_item(ty: &syn::Type, classes: &Classes) -> String {
    match element_types(ty).as_slice() {
        [item] => annotation(item, Position::Parameter, classes),
        _ => "object".to_owned(),
    }
}

/// The annotation of each value of a `**kwargs` parameter of type `ty` (a map's or a
/// `Vec<(K, V)>`'s values; `&VarKwargs`: any object).
pub fn varkw_value(ty: &syn::Type, classes: &Classes) -> String {
    match element_types(ty).as_slice() {
        [_, value] => annotation(value, Position::Parameter, classes),
        [syn::Type::Tuple(pair)] if pair.elems.len() == 2 => {
            annotation(&pair.elems[1], Position::Parameter, classes)
        }
        _ => "object".to_owned(),
    }
}

/// The type arguments of a container type (`Vec<T>`: `[T]`; `BTreeMap<K, V>`: `[K, V]`).
fn element_types(ty: &syn::Type) -> Vec<&syn::Type> {
    match ty {
        syn::Type::Reference(r) => element_types(&r.elem),
        syn::Type::Path(p) => p
            .path
            .segments
            .last()
            .filter(|s| !matches!(s.ident.to_string().as_str(), "VarArgs" | "VarKwargs"))
            .map(|s| type_arguments(&s.arguments))
            .unwrap_or_default(),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn classes() -> Classes {
        let mut classes = Classes::default();
        classes.add("Point", "Point");
        classes.add("Array", "array");
        classes.inside("Array")
    }

    fn param(ty: syn::Type) -> String {
        annotation(&ty, Position::Parameter, &classes())
    }

    fn ret(ty: syn::Type) -> String {
        annotation(&ty, Position::Return, &classes())
    }

    #[test]
    fn scalars() {
        assert_eq!(param(syn::parse_quote!(i64)), "int");
        assert_eq!(ret(syn::parse_quote!(usize)), "int");
        assert_eq!(param(syn::parse_quote!(std::num::Wrapping<u32>)), "int");
        assert_eq!(param(syn::parse_quote!(f64)), "float");
        assert_eq!(param(syn::parse_quote!(bool)), "bool");
        assert_eq!(param(syn::parse_quote!(&str)), "str");
        assert_eq!(ret(syn::parse_quote!(String)), "str");
        assert_eq!(param(syn::parse_quote!(Cow<'_, str>)), "str");
        assert_eq!(param(syn::parse_quote!(&[u8])), "bytes");
        assert_eq!(ret(syn::parse_quote!(())), "None");
        assert_eq!(
            ret(syn::parse_quote!((Handle<'ctx>, (), (f64,)))),
            "tuple[object, tuple[()], tuple[float]]"
        );
    }

    #[test]
    fn containers_accept_any_iterable_and_return_their_type() {
        assert_eq!(param(syn::parse_quote!(Vec<i64>)), "Iterable[int]");
        assert_eq!(ret(syn::parse_quote!(Vec<String>)), "list[str]");
        assert_eq!(ret(syn::parse_quote!(&[f64])), "list[float]");
        assert_eq!(param(syn::parse_quote!(Vec<u8>)), "Iterable[int]");
        assert_eq!(ret(syn::parse_quote!(Vec<u8>)), "bytes");
        assert_eq!(param(syn::parse_quote!(BTreeSet<String>)), "Iterable[str]");
        assert_eq!(ret(syn::parse_quote!(HashSet<i64>)), "set[int]");
        assert_eq!(
            param(syn::parse_quote!(HashMap<String, f64>)),
            "Mapping[str, float]"
        );
        assert_eq!(
            ret(syn::parse_quote!(BTreeMap<String, Vec<i64>>)),
            "dict[str, list[int]]"
        );
        assert_eq!(
            ret(syn::parse_quote!(Vec<(&str, u64)>)),
            "list[tuple[str, int]]"
        );
    }

    #[test]
    fn options_results_handles_and_classes() {
        assert_eq!(param(syn::parse_quote!(Option<i64>)), "int | None");
        assert_eq!(
            ret(syn::parse_quote!(hpy::Result<Option<Handle<'ctx>>>)),
            "object | None"
        );
        assert_eq!(param(syn::parse_quote!(&Handle<'ctx>)), "object");
        assert_eq!(param(syn::parse_quote!(Typed<'ctx, Point>)), "Point");
        assert_eq!(param(syn::parse_quote!(Ref<'_, '_, Array>)), "array");
        assert_eq!(param(syn::parse_quote!(&Point)), "Point");
        assert_eq!(ret(syn::parse_quote!(Result<Self>)), "array");
        assert_eq!(ret(syn::parse_quote!(PyIter<Words>)), "Iterator[Any]");
        assert_eq!(param(syn::parse_quote!(Operand<'_, '_>)), "Any");
        assert_eq!(param(syn::parse_quote!(<T as X>::Y)), "Any");
    }

    #[test]
    fn variadic_items() {
        let classes = classes();
        assert_eq!(varargs_item(&syn::parse_quote!(Vec<&str>), &classes), "str");
        assert_eq!(
            varargs_item(&syn::parse_quote!(&VarArgs<'ctx>), &classes),
            "object"
        );
        assert_eq!(
            varkw_value(&syn::parse_quote!(BTreeMap<String, i64>), &classes),
            "int"
        );
        assert_eq!(
            varkw_value(&syn::parse_quote!(Vec<(String, f64)>), &classes),
            "float"
        );
        assert_eq!(
            varkw_value(&syn::parse_quote!(&VarKwargs<'ctx>), &classes),
            "object"
        );
    }
}
