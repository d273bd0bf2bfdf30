//! The stub model of a module from its items, read with the same parsers the item macros use
//! (`params::analyse`, the markers and receivers of `#[hpy::methods]`, the options of
//! `#[hpy::class]` and `#[hpy::exception]`), so the stub says what the generated code does.
//! An item its own macro reports an error for is left out: that error stops the build.

use std::collections::BTreeMap;

use super::annotation::{Classes, Position, annotation, varargs_item, varkw_value};
use super::writer::{Class, Function, Member, ModuleStub, Param};
use crate::callable::receiver;
use crate::diagnostics::Errors;
use crate::methods::slots::{self, Role};
use crate::methods::{self, Kind as ItemKind};
use crate::names;
use crate::options::FunctionOptions;
use crate::params::{self, Kind, ParamList};
use crate::text_signature::render_default;

/// The stub of the module whose items are `items` (as written, before any macro ran), without
/// its constants (which `#[hpy::module]` reads itself).
pub fn module_stub(items: &[syn::Item]) -> ModuleStub {
    let mut classes = Classes::default();
    for item in items {
        if let syn::Item::Struct(s) = item
            && let Some(facts) = class_attr(s).and_then(|a| crate::pytype::stub_facts(a, s))
        {
            classes.add(&s.ident.to_string(), &facts.name);
        }
    }
    let mut stub = ModuleStub::default();
    let mut methods: BTreeMap<String, Vec<Member>> = BTreeMap::new();
    let mut order = Vec::new();
    for item in items {
        match item {
            syn::Item::Struct(s) => {
                if let Some(facts) = class_attr(s).and_then(|a| crate::pytype::stub_facts(a, s)) {
                    let members = facts
                        .members
                        .iter()
                        .map(|(name, ty)| {
                            let ty = annotation(ty, Position::Return, &classes);
                            Member::Property(name.clone(), ty, false)
                        })
                        .collect();
                    order.push(s.ident.to_string());
                    stub.classes.push(Class {
                        name: facts.name,
                        subclass: facts.subclass,
                        members,
                    });
                }
                if let Some(base) =
                    exception_attr(s).and_then(|a| crate::exception::stub_base(a, s))
                {
                    // An exception's Python name is its Rust name, as a builtin's is.
                    stub.exceptions.push((s.ident.to_string(), base));
                }
            }
            syn::Item::Fn(f) => {
                if let Some(function) = module_function(f, &classes) {
                    stub.functions.push(function);
                }
            }
            syn::Item::Impl(imp) if imp.attrs.iter().any(|a| names::is_attr(a, "methods")) => {
                if let syn::Type::Path(p) = &*imp.self_ty
                    && let Some(ident) = p.path.get_ident()
                {
                    let inside = classes.inside(&ident.to_string());
                    methods
                        .entry(ident.to_string())
                        .or_default()
                        .extend(impl_members(imp, &inside));
                }
            }
            _ => {}
        }
    }
    for (class, rust) in stub.classes.iter_mut().zip(order) {
        class
            .members
            .extend(methods.remove(&rust).unwrap_or_default());
    }
    stub
}

fn class_attr(s: &syn::ItemStruct) -> Option<&syn::Attribute> {
    s.attrs
        .iter()
        .find(|a| names::is_attr(a, names::CLASS) || names::is_attr(a, names::TYPE))
}

fn exception_attr(s: &syn::ItemStruct) -> Option<&syn::Attribute> {
    s.attrs.iter().find(|a| names::is_attr(a, names::EXCEPTION))
}

/// The `#[hpy::function]` `f`, if it is one.
fn module_function(f: &syn::ItemFn, classes: &Classes) -> Option<Function> {
    let attr = f
        .attrs
        .iter()
        .find(|a| names::is_attr(a, names::FUNCTION))?;
    let options: FunctionOptions = syn::parse2(names::attribute_arguments(attr)?).ok()?;
    let mut errors = Errors::default();
    let params = params::analyse(&f.sig, options.signature.as_ref(), &mut errors);
    errors.finish().ok()?;
    let name = options.name.as_ref().map_or_else(
        || syn::ext::IdentExt::unraw(&f.sig.ident).to_string(),
        syn::LitStr::value,
    );
    Some(function(
        name,
        None,
        &params,
        &f.sig.output,
        &options,
        classes,
    ))
}

/// The stub of a callable: `receiver` (`self`, `cls`) first, then its Python parameters.
fn function(
    name: String,
    receiver: Option<&str>,
    params: &ParamList,
    output: &syn::ReturnType,
    options: &FunctionOptions,
    classes: &Classes,
) -> Function {
    let receiver = receiver.map(|name| Param {
        name: name.to_owned(),
        kind: Kind::PositionalOrKeyword,
        annotation: None,
        default: None,
    });
    let params = params.python().map(|p| {
        let annotation = options.annotation(&p.name).unwrap_or_else(|| match p.kind {
            Kind::VarArgs => varargs_item(&p.ty, classes),
            Kind::VarKw => varkw_value(&p.ty, classes),
            _ => annotation(&p.ty, Position::Parameter, classes),
        });
        Param {
            name: p.name.clone(),
            kind: p.kind,
            annotation: Some(annotation),
            default: p.default.as_ref().map(render_default),
        }
    });
    Function {
        name,
        params: receiver.into_iter().chain(params).collect(),
        returns: options
            .annotation("return")
            .unwrap_or_else(|| return_annotation(output, classes)),
    }
}

fn return_annotation(output: &syn::ReturnType, classes: &Classes) -> String {
    match output {
        syn::ReturnType::Default => "None".to_owned(),
        syn::ReturnType::Type(_, ty) => annotation(ty, Position::Return, classes),
    }
}

/// The members an `#[hpy::methods]` block gives its class.
fn impl_members(imp: &syn::ItemImpl, classes: &Classes) -> Vec<Member> {
    let mut members = Vec::new();
    let mut setters = Vec::new();
    let defined: Vec<String> = imp
        .items
        .iter()
        .filter_map(|item| match item {
            syn::ImplItem::Fn(f) => Some(syn::ext::IdentExt::unraw(&f.sig.ident).to_string()),
            _ => None,
        })
        .collect();
    for item in &imp.items {
        match item {
            syn::ImplItem::Fn(f) => {
                let mut f = f.clone();
                let mut errors = Errors::default();
                let (kind, options) = methods::take_markers(&mut f.attrs, &mut errors);
                let member = impl_fn(
                    &f,
                    kind,
                    &options,
                    &imp.self_ty,
                    classes,
                    &defined,
                    &mut errors,
                );
                if errors.finish().is_ok() {
                    match member {
                        Some(Ok(member)) => members.extend(member),
                        Some(Err(setter)) => setters.push(setter),
                        None => {}
                    }
                }
            }
            syn::ImplItem::Const(c) => {
                let mut attrs = c.attrs.clone();
                let mut errors = Errors::default();
                let (kind, _) = methods::take_markers(&mut attrs, &mut errors);
                if errors.finish().is_ok() && kind == ItemKind::ClassAttr {
                    let ty = annotation(&c.ty, Position::Return, classes);
                    members.push(Member::ClassAttr(c.ident.to_string(), ty));
                }
            }
            _ => {}
        }
    }
    for member in &mut members {
        if let Member::Property(name, _, settable) = member {
            *settable = setters.contains(name);
        }
    }
    members
}

/// The members the function `f` of an impl block, marked `kind`, gives its class, or (`Err`)
/// the property it sets; `None` if it is not Python-visible or its macro refuses it.
fn impl_fn(
    f: &syn::ImplItemFn,
    kind: ItemKind,
    options: &FunctionOptions,
    self_ty: &syn::Type,
    classes: &Classes,
    defined: &[String],
    errors: &mut Errors,
) -> Option<Result<Vec<Member>, String>> {
    let receiver = receiver::receiver(&f.sig).ok()?;
    let short_name = methods::short_name(f, options);
    let params = methods::analyse_params(f, receiver, options, self_ty, errors);
    let output = &f.sig.output;
    let method = |name: String, receiver: Option<&str>, decorator| {
        let function = function(name, receiver, &params, output, options, classes);
        Some(Ok(vec![Member::Method(decorator, function)]))
    };
    match kind {
        ItemKind::Method => match slots::role(&short_name).ok()? {
            Some(role) => {
                let function = function(
                    short_name.clone(),
                    Some("self"),
                    &params,
                    output,
                    options,
                    classes,
                );
                special(&short_name, role, defined, function, options, classes).map(Ok)
            }
            // `__next__` returning `None` raises `StopIteration`.
            None if short_name == "__next__" && options.annotation("return").is_none() => {
                let mut function =
                    function(short_name, Some("self"), &params, output, options, classes);
                if let Some(item) = function.returns.strip_suffix(" | None") {
                    function.returns = item.to_owned();
                }
                Some(Ok(vec![Member::Method(None, function)]))
            }
            None => method(short_name, Some("self"), None),
        },
        ItemKind::New => method("__new__".to_owned(), Some("cls"), None),
        ItemKind::Static => method(short_name, None, Some("staticmethod")),
        ItemKind::Class => {
            // Its first Python parameter receives the class.
            let mut function = function(short_name, None, &params, output, options, classes);
            let cls = function.params.first_mut()?;
            cls.annotation = None;
            Some(Ok(vec![Member::Method(Some("classmethod"), function)]))
        }
        ItemKind::Getter(name) => {
            let name = methods::property_name(name, short_name, false);
            let ty = options
                .annotation("return")
                .unwrap_or_else(|| return_annotation(output, classes));
            Some(Ok(vec![Member::Property(name, ty, false)]))
        }
        ItemKind::Setter(name) => Some(Err(methods::property_name(name, short_name, true))),
        ItemKind::ClassAttr => {
            let ty = return_annotation(output, classes);
            Some(Ok(vec![Member::ClassAttr(short_name, ty)]))
        }
    }
}

/// The methods Python sees for the special method `name` in `role`: positional-only, with the
/// result the slot gives (in-place operators return the object; `__eq__` and `__ne__` take
/// any object, as `object`'s do: an operand that does not convert gives `NotImplemented`).
/// A binary operator's slot serves its reflection too, which the type then has as well: it
/// is listed unless the block defines it (`defined`); `__richcmp__` is all six comparisons.
fn special(
    name: &str,
    role: Role,
    defined: &[String],
    function: Function,
    options: &FunctionOptions,
    classes: &Classes,
) -> Option<Vec<Member>> {
    let mut function = function;
    for param in &mut function.params {
        param.kind = Kind::PositionalOnly;
    }
    let mut names = vec![name.to_owned()];
    match role {
        Role::GetBuffer | Role::ReleaseBuffer => return Some(Vec::new()),
        Role::Compare(_) if name == "__richcmp__" => {
            // Its last parameter is the operator.
            function.params.truncate(2);
            names = ["__eq__", "__ne__", "__lt__", "__le__", "__gt__", "__ge__"]
                .map(str::to_owned)
                .to_vec();
        }
        Role::Binary { reflected, .. } => {
            let partner = match reflected {
                true => format!("__{}", &name[3..]),
                false => format!("__r{}", &name[2..]),
            };
            if !defined.contains(&partner) {
                names.push(partner);
            }
        }
        Role::InPlace(_) | Role::InPlacePower if options.annotation("return").is_none() => {
            function.returns = classes.python_name("Self")?.to_owned();
        }
        Role::SetItem | Role::DelItem => function.returns = "None".to_owned(),
        _ => {}
    }
    let members = names.into_iter().map(|name| {
        let mut params = function.params.clone();
        if matches!(name.as_str(), "__eq__" | "__ne__") {
            for param in params.iter_mut().skip(1) {
                param.annotation = Some("object".to_owned());
            }
        }
        Member::Method(
            None,
            Function {
                name,
                params,
                returns: function.returns.clone(),
            },
        )
    });
    Some(members.collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stub(module: syn::ItemMod) -> String {
        let (_, items) = module.content.expect("an inline module");
        let text = module_stub(&items).render();
        text.strip_prefix(super::super::writer::HEADER)
            .expect("the header first")
            .to_owned()
    }

    #[test]
    fn functions_with_kinds_defaults_and_hand_written_annotations() {
        let text = stub(syn::parse_quote! {
            mod m {
                #[hpy::function(signature = (a, /, b = 2, *rest, flag = false, **kw))]
                fn f(cx: Context<'_>, a: Vec<i64>, b: i64, rest: Vec<&str>, flag: bool, kw: &VarKwargs<'_>) -> Result<Vec<String>> { todo!() }
                #[hpy::function(name = "g", annotations(x = "Sequence[int]", return = "Any"))]
                fn g_(x: &Handle<'_>, y: Option<f64>) -> Handle<'_> { todo!() }
                fn not_exported() {}
                #[hpy::function(signature = (b))]
                fn refused(a: i64) {}
            }
        });
        assert_eq!(
            text,
            "
def f(a: Iterable[int], /, b: int = 2, *rest: str, flag: bool = False, **kw: object) -> list[str]: ...

def g(x: Sequence[int], y: float | None = None) -> Any: ...
"
        );
    }

    #[test]
    fn classes_with_their_members_and_exceptions() {
        let text = stub(syn::parse_quote! {
            mod m {
                #[hpy::exception(base = ValueError)]
                pub struct Bad;
                #[hpy::exception(base = Bad)]
                pub struct Worse;

                #[hpy::class(name = "point", subclass)]
                pub struct Point { x: f64 }

                #[hpy::methods]
                impl Point {
                    #[new]
                    #[hpy(signature = (x = 0.0))]
                    fn new(x: f64) -> Self { todo!() }
                    #[getter]
                    fn x(&self) -> f64 { self.x }
                    #[setter]
                    fn set_x(&mut self, x: f64) {}
                    #[getter(norm)]
                    fn length(&self) -> f64 { self.x }
                    #[staticmethod]
                    fn origin() -> Point { todo!() }
                    #[classmethod]
                    fn make<'ctx>(cls: &Handle<'ctx>, x: f64) -> Result<Handle<'ctx>> { todo!() }
                    #[classattr]
                    const ZERO: f64 = 0.0;
                    fn scaled(this: &Typed<'_, Self>, by: f64) -> Self { todo!() }
                    fn __eq__(&self, other: Ref<'_, '_, Point>) -> bool { todo!() }
                    fn __sub__(&self, other: &Point) -> Point { todo!() }
                    fn __rsub__(&self, other: f64) -> Point { todo!() }
                    fn __iadd__(&mut self, other: f64) {}
                    fn __getbuffer__(&mut self) -> Buffer { todo!() }
                    fn __next__(&mut self) -> Option<i64> { None }
                }

                #[hpy::class(frozen)]
                pub struct Frozen { #[hpy(get)] n: i64 }
            }
        });
        assert_eq!(
            text,
            "
class Bad(ValueError): ...

class Worse(Bad): ...

@disjoint_base
class point:
    def __new__(cls, x: float = 0.0) -> point: ...
    @property
    def x(self) -> float: ...
    @x.setter
    def x(self, value: float) -> None: ...
    @property
    def norm(self) -> float: ...
    @staticmethod
    def origin() -> point: ...
    @classmethod
    def make(cls, x: float) -> object: ...
    ZERO: ClassVar[float]
    def scaled(self, by: float) -> point: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __sub__(self, other: point, /) -> point: ...
    def __rsub__(self, other: float, /) -> point: ...
    def __iadd__(self, other: float, /) -> point: ...
    def __next__(self) -> int: ...

@final
class Frozen:
    @property
    def n(self) -> int: ...
"
        );
    }
}
