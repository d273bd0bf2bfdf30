//! `roundtrip`: a test module exposing each conversion and object-protocol operation of the
//! `hpy` crate to Python, so that `tests/test_*.py` can check them against the interpreter in
//! universal and debug mode.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet, VecDeque};
use std::ffi::OsString;
use std::path::PathBuf;

use indexmap::IndexMap;

use hpy::exceptions::{ExceptionType, KeyError, ValueError};
use hpy::{BuiltinType, CompareOp, Context, Global, Handle, Result};

/// What `returns_nothing_through_an_alias` returns.
type Nothing = Result<()>;

#[hpy::module]
/// Round trips through every conversion of hpy-rs.
mod roundtrip {
    use super::*;

    /// A module constant.
    #[hpy::constant]
    const ANSWER: i64 = 42;

    #[hpy::constant]
    const GREETING: &str = "hi";

    /// A lower-case constant: its Python name is its Rust name.
    #[hpy::constant]
    const __version__: &str = "1.0";

    /// A constant exported under another name.
    #[hpy::constant(name = "__author__")]
    const AUTHOR: &str = "hpy-rs";

    /// `x` as a `Wrapping` of the Rust integer type named `rust_type`, back to Python.
    #[hpy::function]
    fn wrapping<'ctx>(
        cx: Context<'ctx>,
        x: &Handle<'ctx>,
        rust_type: &str,
    ) -> Result<Handle<'ctx>> {
        use std::num::Wrapping as W;
        match rust_type {
            "u8" => cx.to_py(x.extract::<W<u8>>()?),
            "i8" => cx.to_py(x.extract::<W<i8>>()?),
            "u16" => cx.to_py(x.extract::<W<u16>>()?),
            "i32" => cx.to_py(x.extract::<W<i32>>()?),
            "u32" => cx.to_py(x.extract::<W<u32>>()?),
            "u64" => cx.to_py(x.extract::<W<u64>>()?),
            "i64" => cx.to_py(x.extract::<W<i64>>()?),
            "usize" => cx.to_py(x.extract::<W<usize>>()?),
            _ => Err(ValueError::new_err("unknown type")),
        }
    }

    /// `x **= e`, returning the result.
    #[hpy::function]
    fn inplace_pow<'ctx>(x: &Handle<'ctx>, e: &Handle<'ctx>) -> Result<Handle<'ctx>> {
        x.inplace_pow(e)
    }

    /// `PyNumber_Check(x)`.
    #[hpy::function]
    fn is_number(x: &Handle<'_>) -> bool {
        x.is_number()
    }

    /// `s.encode(codec)` for `codec` in `utf-8`, `ascii`, `latin-1`.
    #[hpy::function]
    fn encode<'ctx>(s: &Handle<'ctx>, codec: &str) -> Result<Handle<'ctx>> {
        match codec {
            "utf-8" => s.encode_utf8(),
            "ascii" => s.encode_ascii(),
            "latin-1" => s.encode_latin1(),
            _ => Err(ValueError::new_err("unknown codec")),
        }
    }

    /// `str(b, encoding, errors)`.
    #[hpy::function(signature = (b, encoding = None, errors = None))]
    fn decode<'ctx>(
        b: &Handle<'ctx>,
        encoding: Option<&str>,
        errors: Option<&str>,
    ) -> Result<Handle<'ctx>> {
        b.decode(encoding, errors)
    }

    /// A `str` of Latin-1 bytes.
    #[hpy::function]
    fn from_latin1<'ctx>(cx: Context<'ctx>, b: &[u8]) -> Result<Handle<'ctx>> {
        cx.str_from_latin1(b)
    }

    /// `s[start:end]` by code points.
    #[hpy::function]
    fn substring<'ctx>(s: &Handle<'ctx>, start: usize, end: usize) -> Result<Handle<'ctx>> {
        s.substring(start, end)
    }

    /// `bytes(x)`.
    #[hpy::function]
    fn to_bytes<'ctx>(x: &Handle<'ctx>) -> Result<Handle<'ctx>> {
        x.to_bytes()
    }

    /// `[None, True, False, NotImplemented, Ellipsis]`, from the lent constants, repeated
    /// `n` times (a list built from `Borrowed` handles: nothing duplicated or closed).
    #[hpy::function]
    fn constants<'ctx>(cx: Context<'ctx>, n: usize) -> Result<Handle<'ctx>> {
        use hpy::Constant::*;
        let all = [None, True, False, NotImplemented, Ellipsis].map(|c| cx.constant(c));
        let items: Vec<hpy::Borrowed<'ctx>> = all.iter().cycle().take(5 * n).cloned().collect();
        cx.to_py(items)
    }

    /// `bits` as a list of bools, with `None` for every third (lent constants in a list).
    #[hpy::function]
    fn bools_and_nones(bits: Vec<bool>) -> Vec<Option<bool>> {
        bits.into_iter()
            .enumerate()
            .map(|(i, b)| (i % 3 != 2).then_some(b))
            .collect()
    }

    /// The handles themselves, in a new list (`Vec<Handle>` → list), and again from a slice.
    #[hpy::function]
    fn relist<'ctx>(
        cx: Context<'ctx>,
        items: Vec<Handle<'ctx>>,
    ) -> Result<(Vec<Handle<'ctx>>, Handle<'ctx>)> {
        let again = cx.to_py(&items[..])?;
        Ok((items, again))
    }

    /// `type(x) is bool` through a lent builtin type, and `x` set into a new dict under
    /// `"value"` and `"flag"` (lent `True`).
    #[hpy::function]
    fn lent_builtins<'ctx>(cx: Context<'ctx>, x: &Handle<'ctx>) -> Result<(bool, Handle<'ctx>)> {
        let is_bool = x.get_type().is(&cx.builtin_type_ref(BuiltinType::BoolType));
        let dict = cx.new_dict()?;
        dict.set_item("value", x)?;
        dict.set_item("flag", cx.constant(hpy::Constant::True))?;
        dict.set_item("none", Option::<i64>::None)?;
        Ok((is_bool, dict))
    }

    /// `(is_dict(x), dict_keys(x))` (the keys, or the error's message).
    #[hpy::function]
    fn dict_keys<'ctx>(cx: Context<'ctx>, x: &Handle<'ctx>) -> Result<(bool, Handle<'ctx>)> {
        let keys = match x.dict_keys() {
            Ok(keys) => keys,
            Err(err) => {
                let message = err.to_string();
                err.clear(cx);
                cx.to_py(message)?
            }
        };
        Ok((x.is_dict(), keys))
    }

    /// `x`'s items through `Handle::items_into`, appended after `prefix` empty tuples (the
    /// count, then the list; or the error's message).
    #[hpy::function]
    fn items<'ctx>(cx: Context<'ctx>, x: &Handle<'ctx>, prefix: usize) -> Result<Handle<'ctx>> {
        let mut out: Vec<Handle<'ctx>> =
            (0..prefix).map(|_| cx.to_py(())).collect::<Result<_>>()?;
        match x.items_into(&mut out) {
            Ok(n) => cx.to_py((n, out)),
            Err(err) => {
                let message = err.to_string();
                err.clear(cx);
                cx.to_py(message)
            }
        }
    }

    /// `x`'s keys and values through `Handle::dict_items_into` (the count, the keys, the
    /// values; or the error's message).
    #[hpy::function]
    fn dict_items<'ctx>(cx: Context<'ctx>, x: &Handle<'ctx>) -> Result<Handle<'ctx>> {
        let (mut keys, mut values) = (Vec::new(), Vec::new());
        match x.dict_items_into(&mut keys, &mut values) {
            Ok(n) => cx.to_py((n, keys, values)),
            Err(err) => {
                let message = err.to_string();
                err.clear(cx);
                cx.to_py(message)
            }
        }
    }

    /// A str of the code points `chars`.
    #[hpy::function]
    fn from_code_points<'ctx>(cx: Context<'ctx>, chars: Vec<u32>) -> Result<Handle<'ctx>> {
        cx.str_from_code_points(&chars)
    }

    /// Kept across calls by `remember` / `recall`.
    static MEMORY: Global = Global::new();

    /// An exception type chosen at run time, for `custom_error_*`.
    static CUSTOM_ERROR: Global = Global::new();

    /// Fails when `HPY_RS_ROUNDTRIP_FAIL_INIT` is set, so tests can see what a failed
    /// exec leaves (loading a copy of the library).
    #[hpy::init]
    fn init<'ctx>(_cx: Context<'ctx>, module: &Handle<'ctx>) -> Result<()> {
        module.setattr("initialized", true)?;
        if std::env::var_os("HPY_RS_ROUNDTRIP_FAIL_INIT").is_some() {
            return Err(hpy::exceptions::ImportError::new_err(
                "init failed on request",
            ));
        }
        Ok(())
    }

    // --- the context -------------------------------------------------------------------

    /// The name of the context the call received.
    #[hpy::function]
    fn context_name(cx: Context<'_>) -> String {
        cx.name().to_owned()
    }

    // --- scalars -----------------------------------------------------------------------

    #[hpy::function]
    fn rt_i8(x: i8) -> i8 {
        x
    }

    #[hpy::function]
    fn rt_i16(x: i16) -> i16 {
        x
    }

    #[hpy::function]
    fn rt_i32(x: i32) -> i32 {
        x
    }

    #[hpy::function]
    fn rt_i64(x: i64) -> i64 {
        x
    }

    #[hpy::function]
    fn rt_i128(x: i128) -> i128 {
        x
    }

    #[hpy::function]
    fn rt_isize(x: isize) -> isize {
        x
    }

    #[hpy::function]
    fn rt_u8(x: u8) -> u8 {
        x
    }

    #[hpy::function]
    fn rt_u16(x: u16) -> u16 {
        x
    }

    #[hpy::function]
    fn rt_u32(x: u32) -> u32 {
        x
    }

    #[hpy::function]
    fn rt_u64(x: u64) -> u64 {
        x
    }

    #[hpy::function]
    fn rt_u128(x: u128) -> u128 {
        x
    }

    #[hpy::function]
    fn rt_usize(x: usize) -> usize {
        x
    }

    #[hpy::function]
    fn rt_f32(x: f32) -> f32 {
        x
    }

    #[hpy::function]
    fn rt_f64(x: f64) -> f64 {
        x
    }

    #[hpy::function]
    fn rt_bool(x: bool) -> bool {
        x
    }

    #[hpy::function]
    fn unit() {}

    // --- text and bytes ----------------------------------------------------------------

    #[hpy::function]
    fn rt_string(s: String) -> String {
        s
    }

    /// Length in bytes of the UTF-8 form, read through a borrowed `&str`.
    #[hpy::function]
    fn utf8_len(s: &str) -> usize {
        s.len()
    }

    #[hpy::function]
    fn rt_char(c: char) -> char {
        c
    }

    #[hpy::function]
    fn rt_bytes(b: Vec<u8>) -> Vec<u8> {
        b
    }

    /// Doubles every byte of a borrowed `&[u8]`, returning `bytes`.
    #[hpy::function]
    fn double_bytes(b: &[u8]) -> Vec<u8> {
        b.iter().map(|x| x.wrapping_mul(2)).collect()
    }

    // --- containers --------------------------------------------------------------------

    #[hpy::function]
    fn rt_option(x: Option<i64>) -> Option<i64> {
        x
    }

    #[hpy::function]
    fn rt_vec(v: Vec<i64>) -> Vec<i64> {
        v
    }

    #[hpy::function]
    fn rt_nested(v: Vec<(String, Option<f64>)>) -> Vec<(String, Option<f64>)> {
        v
    }

    #[hpy::function]
    fn rt_tuple(t: (i64, String, f64)) -> (i64, String, f64) {
        t
    }

    #[hpy::function]
    fn rt_tuple12(
        t: (u8, u8, u8, u8, u8, u8, u8, u8, u8, u8, u8, u8),
    ) -> (u8, u8, u8, u8, u8, u8, u8, u8, u8, u8, u8, u8) {
        t
    }

    #[hpy::function]
    fn rt_hashset(s: HashSet<i64>) -> HashSet<i64> {
        s
    }

    #[hpy::function]
    fn rt_btreeset(s: BTreeSet<String>) -> BTreeSet<String> {
        s
    }

    #[hpy::function]
    fn rt_vecdeque(v: VecDeque<i64>) -> VecDeque<i64> {
        v
    }

    #[hpy::function]
    fn rt_bytes_vec(v: Vec<u8>) -> Vec<u8> {
        v
    }

    #[hpy::function]
    fn rt_indexmap(m: IndexMap<String, i64>) -> IndexMap<String, i64> {
        m
    }

    #[hpy::function]
    fn rt_unit(u: ()) -> ((), Vec<()>) {
        (u, vec![(), ()])
    }

    /// Returns nothing: `None`, as a `def` without `return`.
    #[hpy::function]
    fn returns_nothing() {}

    /// Returns a `Result` of nothing through an alias: still `None`.
    #[hpy::function]
    fn returns_nothing_through_an_alias(fail: bool) -> Nothing {
        if fail {
            return Err(ValueError::new_err("failed"));
        }
        Ok(())
    }

    #[hpy::function]
    fn rt_path(p: PathBuf) -> (PathBuf, bool) {
        let absolute = p.is_absolute();
        (p, absolute)
    }

    #[hpy::function]
    fn rt_osstring(s: OsString) -> (OsString, usize) {
        let len = s.len();
        (s, len)
    }

    #[hpy::function]
    fn rt_hashmap(m: HashMap<String, i64>) -> HashMap<String, i64> {
        m
    }

    #[hpy::function]
    fn rt_btreemap(m: BTreeMap<i64, Vec<String>>) -> BTreeMap<i64, Vec<String>> {
        m
    }

    /// A `&[T]` and a `[T; N]` become lists.
    #[hpy::function]
    fn slices() -> (Vec<i64>, [bool; 2]) {
        let data = [1i64, 2, 3];
        (data.as_slice().to_vec(), [true, false])
    }

    // --- the object protocol -----------------------------------------------------------

    #[hpy::function]
    fn get_attr<'ctx>(obj: &Handle<'ctx>, name: &str) -> Result<Handle<'ctx>> {
        obj.getattr(name)
    }

    #[hpy::function]
    fn set_attr<'ctx>(obj: &Handle<'ctx>, name: &str, value: &Handle<'ctx>) -> Result<()> {
        obj.setattr(name, value)
    }

    #[hpy::function]
    fn del_attr(obj: &Handle<'_>, name: &str) -> Result<()> {
        obj.delattr(name)
    }

    #[hpy::function]
    fn has_attr(obj: &Handle<'_>, name: &str) -> bool {
        obj.hasattr(name)
    }

    #[hpy::function]
    fn get_item<'ctx>(obj: &Handle<'ctx>, key: &Handle<'ctx>) -> Result<Handle<'ctx>> {
        obj.get_item(key)
    }

    #[hpy::function]
    fn get_index<'ctx>(obj: &Handle<'ctx>, index: isize) -> Result<Handle<'ctx>> {
        obj.get_item_index(index)
    }

    #[hpy::function]
    fn set_item<'ctx>(obj: &Handle<'ctx>, key: &Handle<'ctx>, value: &Handle<'ctx>) -> Result<()> {
        obj.set_item(key, value)
    }

    #[hpy::function]
    fn del_item<'ctx>(obj: &Handle<'ctx>, key: &Handle<'ctx>) -> Result<()> {
        obj.del_item(key)
    }

    #[hpy::function]
    fn contains<'ctx>(obj: &Handle<'ctx>, item: &Handle<'ctx>) -> Result<bool> {
        obj.contains(item)
    }

    /// `f(*args, **kwargs)` through `Handle::call` / `call_with_kwargs`.
    #[hpy::function(signature = (f, *args, **kwargs))]
    fn call<'ctx>(
        f: &Handle<'ctx>,
        args: Vec<Handle<'ctx>>,
        kwargs: Vec<(String, Handle<'ctx>)>,
    ) -> Result<Handle<'ctx>> {
        if kwargs.is_empty() {
            f.call(args)
        } else {
            f.call_with_kwargs(args, kwargs)
        }
    }

    /// `f(a, b)` with a Rust tuple of arguments.
    #[hpy::function]
    fn call2<'ctx>(f: &Handle<'ctx>, a: i64, b: &str) -> Result<Handle<'ctx>> {
        f.call((a, b))
    }

    /// `obj.name(*args, **kwargs)`.
    #[hpy::function(signature = (obj, name, *args, **kwargs))]
    fn call_method<'ctx>(
        obj: &Handle<'ctx>,
        name: &str,
        args: Vec<Handle<'ctx>>,
        kwargs: Vec<(String, Handle<'ctx>)>,
    ) -> Result<Handle<'ctx>> {
        obj.call_method_with_kwargs(name, args, kwargs)
    }

    /// `f(0, 1, …, nargs - 1, k0=0, …)` with `nkw` keywords, the arguments made in Rust.
    #[hpy::function]
    fn call_counted<'ctx>(
        cx: Context<'ctx>,
        f: &Handle<'ctx>,
        nargs: usize,
        nkw: usize,
    ) -> Result<Handle<'ctx>> {
        let (args, kwargs) = counted_arguments(cx, nargs, nkw)?;
        f.call_with_kwargs(args, kwargs)
    }

    /// `obj.name(0, 1, …, nargs - 1, k0=0, …)` with `nkw` keywords, made in Rust.
    #[hpy::function]
    fn call_method_counted<'ctx>(
        cx: Context<'ctx>,
        obj: &Handle<'ctx>,
        name: &str,
        nargs: usize,
        nkw: usize,
    ) -> Result<Handle<'ctx>> {
        let (args, kwargs) = counted_arguments(cx, nargs, nkw)?;
        obj.call_method_with_kwargs(name, args, kwargs)
    }

    /// `f(name0=0, name1=1, …)` from Rust, the names given (repeated names are refused).
    #[hpy::function]
    fn call_keywords_named<'ctx>(f: &Handle<'ctx>, names: Vec<String>) -> Result<Handle<'ctx>> {
        let kwargs = names.into_iter().zip(0i64..);
        f.call_with_kwargs((), kwargs)
    }

    /// `obj.method(name0=0, name1=1, …)` from Rust, the names given.
    #[hpy::function]
    fn call_method_keywords_named<'ctx>(
        obj: &Handle<'ctx>,
        method: &str,
        names: Vec<String>,
    ) -> Result<Handle<'ctx>> {
        let kwargs = names.into_iter().zip(0i64..);
        obj.call_method_with_kwargs(method, (), kwargs)
    }

    /// `Counted(*args, **kwargs).count`: how many arguments the constructor received.
    #[hpy::class(frozen)]
    pub struct Counted {
        #[hpy(get)]
        count: usize,
    }

    #[hpy::methods]
    impl Counted {
        #[new]
        #[hpy(signature = (*args, **kwargs))]
        fn new(args: Vec<Handle<'_>>, kwargs: Vec<(String, Handle<'_>)>) -> Counted {
            Counted {
                count: args.len() + kwargs.len(),
            }
        }
    }

    #[hpy::function]
    fn repr<'ctx>(obj: &Handle<'ctx>) -> Result<Handle<'ctx>> {
        obj.repr()
    }

    #[hpy::function]
    fn str_of<'ctx>(obj: &Handle<'ctx>) -> Result<Handle<'ctx>> {
        obj.str()
    }

    /// `format!("{:?}|{}", obj, obj)`: Debug is repr(), Display is str().
    #[hpy::function]
    fn rust_format(obj: &Handle<'_>) -> String {
        format!("{obj:?}|{obj}")
    }

    #[hpy::function]
    fn length(obj: &Handle<'_>) -> Result<usize> {
        obj.len()
    }

    #[hpy::function]
    fn hash_of(obj: &Handle<'_>) -> Result<isize> {
        obj.hash()
    }

    #[hpy::function]
    fn truthy(obj: &Handle<'_>) -> Result<bool> {
        obj.is_truthy()
    }

    /// `a <op> b` for op in `<`, `<=`, `==`, `!=`, `>`, `>=`: `(rich result, bool result)`.
    #[hpy::function]
    fn compare<'ctx>(a: &Handle<'ctx>, b: &Handle<'ctx>, op: &str) -> Result<(Handle<'ctx>, bool)> {
        let op = match op {
            "<" => CompareOp::Lt,
            "<=" => CompareOp::Le,
            "==" => CompareOp::Eq,
            "!=" => CompareOp::Ne,
            ">" => CompareOp::Gt,
            ">=" => CompareOp::Ge,
            _ => return Err(ValueError::new_err(format!("unknown operator {op:?}"))),
        };
        Ok((a.rich_compare(b, op)?, a.compare(b, op)?))
    }

    #[hpy::function]
    fn is_same<'ctx>(a: &Handle<'ctx>, b: &Handle<'ctx>) -> bool {
        a.is(b)
    }

    #[hpy::function]
    fn is_instance<'ctx>(obj: &Handle<'ctx>, ty: &Handle<'ctx>) -> Result<bool> {
        obj.is_instance(ty)
    }

    /// `(isinstance(obj, int), isinstance(obj, list))` through the builtin-type check.
    #[hpy::function]
    fn is_int_or_list(obj: &Handle<'_>) -> (bool, bool) {
        (
            obj.is_instance_of(BuiltinType::LongType),
            obj.is_instance_of(BuiltinType::ListType),
        )
    }

    #[hpy::function]
    fn type_of<'ctx>(obj: &Handle<'ctx>) -> Handle<'ctx> {
        obj.get_type()
    }

    #[hpy::function]
    fn type_name(obj: &Handle<'_>) -> String {
        obj.type_name()
    }

    #[hpy::function]
    fn is_callable(obj: &Handle<'_>) -> bool {
        obj.is_callable()
    }

    /// Every item of an iterable, through `Handle::iter`.
    #[hpy::function]
    fn collect<'ctx>(obj: &Handle<'ctx>) -> Result<Vec<Handle<'ctx>>> {
        obj.iter()?.collect()
    }

    /// `collect`, its error as a message.
    #[hpy::function]
    fn collect_message<'ctx>(cx: Context<'ctx>, obj: &Handle<'ctx>) -> Result<Handle<'ctx>> {
        match obj.iter()?.collect::<Result<Vec<_>>>() {
            Ok(items) => cx.to_py(items),
            Err(err) => {
                let message = err.to_string();
                err.clear(cx);
                cx.to_py(message)
            }
        }
    }

    /// `f(item)` for every item of an iterable as `Handle::iter` walks it (`f` may change
    /// the iterable); the items seen.
    #[hpy::function]
    fn walk<'ctx>(obj: &Handle<'ctx>, f: &Handle<'ctx>) -> Result<Vec<Handle<'ctx>>> {
        let mut seen = Vec::new();
        for item in obj.iter()? {
            let item = item?;
            f.call((&item,))?;
            seen.push(item);
        }
        Ok(seen)
    }

    /// `(a + b, a - b, a * b, a // b, a % b, -a, a ** 3)` through the number protocol.
    #[hpy::function]
    fn arithmetic<'ctx>(a: &Handle<'ctx>, b: &Handle<'ctx>) -> Result<Handle<'ctx>> {
        let cx = a.context();
        let items = [
            a.add(b)?,
            a.sub(b)?,
            a.mul(b)?,
            a.floor_div(b)?,
            a.rem(b)?,
            a.neg()?,
            a.pow(3)?,
        ];
        cx.to_py(items.to_vec())
    }

    #[hpy::function]
    fn import_module<'ctx>(cx: Context<'ctx>, name: &str) -> Result<Handle<'ctx>> {
        cx.import(name)
    }

    #[hpy::function]
    fn builtin_none<'ctx>(cx: Context<'ctx>) -> (Handle<'ctx>, Handle<'ctx>, Handle<'ctx>) {
        (
            cx.None(),
            cx.NotImplemented(),
            cx.builtin_type(BuiltinType::TupleType),
        )
    }

    // --- errors ------------------------------------------------------------------------

    /// `d[key]`, or `default` if that raises KeyError (other errors propagate).
    #[hpy::function]
    fn get_or<'ctx>(
        d: &Handle<'ctx>,
        key: &Handle<'ctx>,
        default: &Handle<'ctx>,
    ) -> Result<Handle<'ctx>> {
        let cx = d.context();
        match d.get_item(key) {
            Ok(value) => Ok(value),
            Err(e) if e.matches(cx, KeyError) => {
                e.clear(cx);
                Ok(default.clone())
            }
            Err(e) => Err(e),
        }
    }

    /// Raises the Python exception a Rust error converts to.
    #[hpy::function]
    fn rust_error(kind: &str) -> Result<()> {
        match kind {
            "not_found" => Err(std::io::Error::from(std::io::ErrorKind::NotFound).into()),
            "parse_int" => Err("x1".parse::<i32>().unwrap_err().into()),
            "try_from" => Err(u8::try_from(300i32).unwrap_err().into()),
            _ => Err(ValueError::new_err(format!("unknown kind {kind:?}"))),
        }
    }

    /// Stores `ty` as the type of `custom_error_*`'s errors.
    #[hpy::function]
    fn set_custom_error(ty: &Handle<'_>) {
        CUSTOM_ERROR.store(ty);
    }

    /// Whether a pending error of the custom type matches ValueError (`except ValueError`).
    #[hpy::function]
    fn custom_error_matches_value_error(cx: Context<'_>) -> bool {
        ExceptionType::from_global("Custom", &CUSTOM_ERROR)
            .new_err("x")
            .matches(cx, ValueError)
    }

    /// Raises an error of the custom type.
    #[hpy::function]
    fn raise_custom_error(message: String) -> Result<()> {
        Err(ExceptionType::from_global("Custom", &CUSTOM_ERROR).new_err(message))
    }

    /// Fails a lookup, then formats the object with `{:?}` before returning the failure.
    #[hpy::function]
    fn debug_while_failing(obj: &Handle<'_>) -> Result<String> {
        let failed = obj.getattr("no_such_attribute_hpy_rs");
        let text = format!("{obj:?}");
        failed.map(|_| text)
    }

    /// Handles an OverflowError with `Error::clear` (the documented pattern).
    #[hpy::function]
    fn i64_or_minus_one(obj: &Handle<'_>) -> i64 {
        obj.extract::<i64>().unwrap_or_else(|err| {
            err.clear(obj.context());
            -1
        })
    }

    /// Panics with a formatted message.
    #[hpy::function]
    fn panic_with(n: i64) {
        panic!("formatted panic {n}");
    }

    /// Panics with a payload whose own `Drop` panics (`panic_any`).
    #[hpy::function]
    fn panic_with_a_payload_that_panics_on_drop() {
        std::panic::panic_any(super::PanicsWhenDropped);
    }

    /// A list of `n` items, each converted by calling `callback()` (Python code running in
    /// the middle of a list conversion).
    #[hpy::function]
    fn list_calling_back<'ctx>(
        cx: Context<'ctx>,
        callback: &Handle<'ctx>,
        n: usize,
    ) -> Result<Handle<'ctx>> {
        let items: Vec<super::CallsBack<'_, 'ctx>> =
            (0..n).map(|_| super::CallsBack(callback)).collect();
        cx.to_py(items)
    }

    /// Converts `obj` to an `i64`, dropping any error (`.ok()`) instead of returning or
    /// clearing it: whether it converted.
    #[hpy::function]
    fn drop_the_error(obj: &Handle<'_>) -> bool {
        obj.extract::<i64>().ok().is_some()
    }

    /// Resolves `obj` as the slice of a `SliceOrIndex` (whatever it is) against 10 items.
    #[hpy::function]
    fn resolve_as_slice(obj: &Handle<'_>) -> Result<(isize, isize, usize)> {
        match hpy::SliceOrIndex::Slice(obj).resolve(10)? {
            hpy::Subscript::Slice(range) => Ok((range.start, range.step, range.len)),
            hpy::Subscript::Index(_) => Err(ValueError::new_err("not a slice")),
        }
    }

    /// Fails to read an attribute of `obj` (an `AttributeError`, already set), keeps that
    /// error in a thread-local, then fails with a pending `ValueError` instead.
    #[hpy::function]
    fn keep_an_already_set_error(obj: &Handle<'_>) -> Result<()> {
        let kept = obj.getattr("no_such_attribute_hpy_rs").err();
        assert!(kept.as_ref().is_some_and(hpy::Error::is_already_set));
        super::KEPT_ERROR.with(|slot| slot.replace(kept));
        Err(ValueError::new_err("the AttributeError was kept"))
    }

    /// Keeps a pending `KeyError` in the thread-local.
    #[hpy::function]
    fn keep_a_pending_error() {
        let kept = KeyError::new_err("kept across calls");
        super::KEPT_ERROR.with(|slot| slot.replace(Some(kept)));
    }

    /// Returns the error a previous call kept.
    #[hpy::function]
    fn return_the_kept_error() -> Result<()> {
        match super::KEPT_ERROR.with(|slot| slot.take()) {
            Some(err) => Err(err),
            None => Ok(()),
        }
    }

    // --- globals -----------------------------------------------------------------------

    #[hpy::function]
    fn remember(obj: &Handle<'_>) {
        MEMORY.store(obj);
    }

    #[hpy::function]
    fn recall<'ctx>(cx: Context<'ctx>) -> Option<Handle<'ctx>> {
        MEMORY.load(cx)
    }

    // --- parameter kinds and calling conventions ---------------------------------------

    /// METH_O: one positional-only parameter.
    #[hpy::function(signature = (x, /))]
    fn square(x: i64) -> i64 {
        x * x
    }

    /// METH_FASTCALL without keywords: positional-only parameters with a default.
    #[hpy::function(signature = (a, b = 10, /))]
    fn positional_only(a: i64, b: i64) -> (i64, i64) {
        (a, b)
    }

    /// Every parameter kind at once.
    #[hpy::function(signature = (a, /, b, c = 3, *rest, d, e = 5, **extra))]
    fn every_kind(
        a: i64,
        b: i64,
        c: i64,
        rest: Vec<i64>,
        d: i64,
        e: i64,
        extra: HashMap<String, i64>,
    ) -> (i64, i64, i64, Vec<i64>, i64, i64, BTreeMap<String, i64>) {
        (a, b, c, rest, d, e, extra.into_iter().collect())
    }

    /// Positional-only parameters next to a keyword-only one (so keywords are accepted).
    #[hpy::function(signature = (a, b = 10, /, *, c = 0))]
    fn posonly_kw(a: i64, b: i64, c: i64) -> i64 {
        a + b + c
    }

    /// Keyword-only parameters, two of them required.
    #[hpy::function(signature = (*, x, y, z = 0))]
    fn keyword_only(x: i64, y: i64, z: i64) -> i64 {
        x + y + z
    }

    /// Trailing `Option` parameters default to None without a signature.
    #[hpy::function]
    fn optional(a: i64, b: Option<i64>, c: Option<&str>) -> (i64, Option<i64>, Option<String>) {
        (a, b, c.map(str::to_owned))
    }

    /// Renamed in Python; the context may come anywhere.
    #[hpy::function(name = "renamed")]
    fn original_name(x: i64, cx: Context<'_>) -> (i64, bool) {
        (x, !cx.name().is_empty())
    }

    /// `*args` as lent handles (`&VarArgs`): the arguments themselves, with a named one
    /// before them and a keyword-only one after.
    #[hpy::function(signature = (first, *rest, last = 0))]
    fn varargs_view<'ctx>(
        first: i64,
        rest: &hpy::VarArgs<'ctx>,
        last: i64,
        cx: Context<'ctx>,
    ) -> Result<(i64, Handle<'ctx>, usize, i64)> {
        let items: Vec<Handle<'ctx>> = rest.iter().cloned().collect();
        assert_eq!(rest.is_empty(), items.is_empty());
        assert!(rest.get(rest.len()).is_none());
        Ok((first, cx.to_py(items)?, rest.len(), last))
    }

    /// `*args` as a type of the extension's own ([`Total`]).
    #[hpy::function(signature = (*numbers))]
    fn total(numbers: Total) -> i64 {
        numbers.0
    }

    /// `**kwargs` as a new dict.
    #[hpy::function(signature = (**kwargs))]
    fn kwargs_dict<'ctx>(kwargs: Handle<'ctx>) -> Handle<'ctx> {
        kwargs
    }

    /// `**kwargs` as a `VarKwargs` view when no parameter can take a keyword (binding never
    /// reads a name): `(names, values, kwargs.get(key), kwargs.to_dict())`.
    #[hpy::function(signature = (key, /, **kwargs))]
    fn varkw_view_all<'ctx>(
        key: &str,
        kwargs: &hpy::VarKwargs<'ctx>,
        cx: Context<'ctx>,
    ) -> Result<Handle<'ctx>> {
        varkw_view_summary(cx, key, kwargs)
    }

    /// The same view when binding reads the names (`key` can be passed by keyword).
    #[hpy::function(signature = (key, **kwargs))]
    fn varkw_view_named<'ctx>(
        key: &str,
        kwargs: &hpy::VarKwargs<'ctx>,
        cx: Context<'ctx>,
    ) -> Result<Handle<'ctx>> {
        varkw_view_summary(cx, key, kwargs)
    }

    /// How many `**kwargs` there are, without looking at them (the names binding read are
    /// closed with the untouched view).
    #[hpy::function(signature = (key = None, **kwargs))]
    fn varkw_count(key: Option<&Handle<'_>>, kwargs: &hpy::VarKwargs<'_>) -> (bool, usize) {
        (key.is_some(), kwargs.len())
    }

    /// Defaults the text signature renders (lists, tuples, `Some`, `to_string`).
    #[hpy::function(signature = (a = vec![1, -2], b = (3,), c = Some("x".to_string()), d = 'q'))]
    fn compound_defaults(
        a: Vec<i64>,
        b: (i64,),
        c: Option<String>,
        d: char,
    ) -> (Vec<i64>, (i64,), Option<String>, char) {
        (a, b, c, d)
    }

    /// A default the text signature cannot render, shown through `text_signature`.
    #[hpy::function(signature = (n = i64::MAX), text_signature = "(n=9223372036854775807)")]
    fn given_signature(n: i64) -> i64 {
        n
    }

    /// Three required parameters, for the "missing ... and ..." messages.
    #[hpy::function]
    fn three(a: i64, b: i64, c: i64) -> i64 {
        a + b + c
    }

    /// Its arguments, in parameter order (to see which went where).
    #[hpy::function]
    fn abc(a: i64, b: i64, c: i64) -> (i64, i64, i64) {
        (a, b, c)
    }

    /// Calls `f` with `values`, the last `len(names)` of them by keyword, named by the tuple
    /// `names` itself: as C code that reuses one keyword-names tuple for its calls.
    #[hpy::function(signature = (f, names, /, *values))]
    fn call_with_names<'ctx>(
        cx: Context<'ctx>,
        f: &Handle<'ctx>,
        names: &Handle<'ctx>,
        values: &hpy::VarArgs<'ctx>,
    ) -> Result<Handle<'ctx>> {
        let nkw = names.len()?;
        let raw: Vec<hpy::ffi::HPy> = values.iter().map(Handle::as_raw).collect();
        let nargs = raw.len().checked_sub(nkw).expect("a value per name");
        // SAFETY: `f`, `names` (a tuple of `str`, checked by the callee) and the values are
        // open for this call; there is one value per name after the `nargs` positional ones.
        let result = unsafe {
            hpy::ctx_call!(
                cx,
                ctx_Call(f.as_raw(), raw.as_ptr(), nargs, names.as_raw())
            )
        };
        // SAFETY: a new handle, or NULL with an exception set.
        unsafe { Handle::from_raw_or_err(cx, result) }
    }

    /// Keyword names that are not ASCII, or that differ only past their first character
    /// (keywords are matched by the whole name, code point by code point).
    #[hpy::function(signature = (*, café, größe, value, valve = 0))]
    fn names(café: i64, größe: i64, value: i64, valve: i64) -> (i64, i64, i64, i64) {
        (café, größe, value, valve)
    }
}

/// What `varkw_view_*` return: every accessor of the view, so tests see them all agree.
fn varkw_view_summary<'ctx>(
    cx: Context<'ctx>,
    key: &str,
    kwargs: &hpy::VarKwargs<'ctx>,
) -> Result<Handle<'ctx>> {
    let pairs = kwargs.iter().collect::<Result<Vec<_>>>()?;
    let names: Vec<&Handle<'ctx>> = pairs.iter().map(|(name, _)| *name).collect();
    let values: Vec<&Handle<'ctx>> = kwargs.values().collect();
    assert_eq!(values.len(), kwargs.len());
    assert_eq!(kwargs.is_empty(), values.is_empty());
    for (i, (name, value)) in pairs.iter().enumerate() {
        assert!(kwargs.name(i)?.is_some_and(|n| n.is(name)));
        assert!(kwargs.value(i).is_some_and(|v| v.is(value)));
        assert!(values[i].is(value));
    }
    assert!(kwargs.name(kwargs.len())?.is_none() && kwargs.value(kwargs.len()).is_none());
    let found = kwargs.get(key)?.cloned();
    cx.to_py((names, values, found, kwargs.to_dict()?))
}

/// A panic payload whose `Drop` panics: the boundary must never drop it.
struct PanicsWhenDropped;

impl Drop for PanicsWhenDropped {
    fn drop(&mut self) {
        panic!("a panic payload was dropped");
    }
}

std::thread_local! {
    /// An error kept across calls by `keep_*_error`.
    static KEPT_ERROR: core::cell::RefCell<Option<hpy::Error>> = const { core::cell::RefCell::new(None) };
}

/// Converts by calling its callback: Python code run by a conversion.
struct CallsBack<'a, 'ctx>(&'a Handle<'ctx>);

impl<'ctx> hpy::IntoPy<'ctx> for CallsBack<'_, 'ctx> {
    fn into_py(self, _cx: Context<'ctx>) -> Result<Handle<'ctx>> {
        self.0.call(())
    }
}

/// The sum of the `*args`, which must be `int`s: a `*args` conversion of the extension's own.
pub struct Total(i64);

impl<'a, 'ctx> hpy::FromVarargs<'a, 'ctx> for Total {
    fn from_varargs(values: &'a hpy::VarArgs<'ctx>) -> Result<Self> {
        let mut total = 0i64;
        for value in values.iter() {
            let n: i64 = value.extract()?;
            total = total
                .checked_add(n)
                .ok_or_else(|| hpy::exceptions::OverflowError::new_err("the total overflows"))?;
        }
        Ok(Total(total))
    }
}

/// Positional arguments and `(name, value)` keywords for a call made in Rust.
type CountedArguments<'ctx> = (Vec<Handle<'ctx>>, Vec<(String, i64)>);

/// The arguments `0, 1, …, nargs - 1` and the keywords `k0=0, …, k{nkw-1}=nkw-1`.
fn counted_arguments<'ctx>(
    cx: Context<'ctx>,
    nargs: usize,
    nkw: usize,
) -> Result<CountedArguments<'ctx>> {
    let args = (0..nargs as i64)
        .map(|i| hpy::IntoPy::into_py(i, cx))
        .collect::<Result<Vec<_>>>()?;
    let kwargs = (0..nkw as i64).map(|i| (format!("k{i}"), i)).collect();
    Ok((args, kwargs))
}
