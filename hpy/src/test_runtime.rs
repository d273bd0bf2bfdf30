//! A fake HPy runtime for unit tests: a test double of the interpreter, just big enough for the
//! argument binder (`__private::args`) and the code it calls, so that they can be tested with
//! plain `cargo test` and no Python.
//!
//! [`FakeRuntime`] owns an `HPyContext` whose function members operate on a small object table
//! in Rust (`None`, `int`, `str`, `tuple`, `list`, `dict` and a few type objects). A handle is
//! an index into a table of handle slots, each open, closed or a context constant; the
//! runtime counts the open ones ([`FakeRuntime::open_handles`]) and records every misuse
//! (closing a handle twice or a context constant, using a closed handle or `HPy_NULL`) as a
//! violation ([`FakeRuntime::violations`]; dropping a runtime with violations fails the test).
//! It also counts the calls of each member ([`FakeRuntime::calls`]), so that a test can tell
//! which path a call took (say, that a remembered keyword binding reads no keyword name).
//!
//! Each test makes its own runtime (its state hangs off the context's `_private` pointer, not
//! off a global), so tests run in parallel threads. Anything a runtime stores in a `static`
//! (a [`Global`](crate::Global), such as a keyword memo) must belong to one runtime only.
//!
//! # The members it implements
//!
//! The function members listed in the `fake_members!` invocation below, and nothing else:
//! `ctx_Dup`, `ctx_Close`, `ctx_Is`, `ctx_TypeCheck`, `ctx_Type`, `ctx_Type_GetName`,
//! `ctx_GetAttr_s` (always an `AttributeError`), `ctx_HasAttr_s` (always false),
//! `ctx_Length`, `ctx_GetItem_i`, `ctx_GetItem`, `ctx_Hash`, `ctx_Add`, `ctx_Unicode_Check`,
//! `ctx_Unicode_AsUTF8AndSize`, `ctx_Unicode_DecodeASCII`, `ctx_Unicode_FromString`,
//! `ctx_Unicode_FromWideChar`,
//! `ctx_Unicode_ReadChar`, `ctx_Tuple_FromArray`, `ctx_Dict_Keys`, `ctx_Long_AsInt64_t`,
//! `ctx_Err_Occurred`, `ctx_Err_Clear`, `ctx_Err_SetObject`, `ctx_Err_ExceptionMatches`,
//! `ctx_Global_Store` and `ctx_Global_Load`; and the constant handles `h_None`,
//! `h_BaseObjectType`, `h_TypeType`, `h_LongType`, `h_UnicodeType`, `h_TupleType`,
//! `h_ListType`, `h_TypeError`, `h_AttributeError`, `h_IndexError`, `h_KeyError`,
//! `h_UnicodeEncodeError` and `h_SystemError`.
//!
//! The hash of a `str` is deliberately weak — its number of code points — so that names of
//! equal length collide and debug-mode keyword matching must confirm every hash match.
//!
//! # Everything else is `None`
//!
//! The other members are left as `core::mem::zeroed()` made them: `None` function pointers
//! and `HPy_NULL` handles. A `HPy_NULL` handle passed to a fake member is recorded as a
//! violation. A `None` function member must not be reached: `call!` calls members with
//! `unwrap_unchecked` (a real context has none missing), so reaching one is undefined
//! behaviour. A debug build (`cargo test`'s default profile) checks for it: the test binary
//! panics with "unsafe precondition(s) violated: hint::unreachable_unchecked must never be
//! reached", located at the `call!` that reached the member, and aborts. Code under test that
//! needs another member needs it added here.
//!
//! The runtime names its context `"hpy-rs test runtime"` ([`Mode::Plain`]: neither universal
//! nor debug mode) or like HPy's debug-mode context ([`Mode::Debug`]), which makes
//! `Context::is_debug_mode` true and the binder match keyword names by hash.

use core::cell::RefCell;
use core::ffi::{CStr, c_char, c_int};
use core::ptr::NonNull;
use std::collections::BTreeMap;

use crate::Context;
use crate::ffi::{HPy, HPy_NULL, HPy_UCS4, HPy_hash_t, HPy_ssize_t, HPyContext, HPyGlobal};

/// Which kind of context a [`FakeRuntime`] pretends to be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Mode {
    /// Neither universal nor debug mode: keyword names are read as UTF-8.
    Plain,
    /// Named like HPy's debug-mode context: keyword names are matched by hash.
    Debug,
}

impl Mode {
    /// Both modes, for tests that must behave alike in each.
    pub(crate) const ALL: [Mode; 2] = [Mode::Plain, Mode::Debug];
}

/// The context names, in statics so that each kind has one address (`Context::is_debug_mode`
/// remembers contexts by the address of their name).
static PLAIN_NAME: &CStr = c"hpy-rs test runtime";
static DEBUG_NAME: &CStr = c"HPy Debug Mode ABI (hpy-rs test runtime)";

// The objects every runtime creates first, in this order (their ids).
const OBJECT: usize = 0;
const TYPE: usize = 1;
const NONE_TYPE: usize = 2;
const INT: usize = 3;
const STR: usize = 4;
const TUPLE: usize = 5;
const LIST: usize = 6;
const DICT: usize = 7;
const TYPE_ERROR: usize = 8;
const ATTRIBUTE_ERROR: usize = 9;
const INDEX_ERROR: usize = 10;
const KEY_ERROR: usize = 11;
const UNICODE_ENCODE_ERROR: usize = 12;
const SYSTEM_ERROR: usize = 13;
const NONE: usize = 14;

/// The type objects, in id order.
const TYPES: [&CStr; 14] = [
    c"object",
    c"type",
    c"NoneType",
    c"int",
    c"str",
    c"tuple",
    c"list",
    c"dict",
    c"TypeError",
    c"AttributeError",
    c"IndexError",
    c"KeyError",
    c"UnicodeEncodeError",
    c"SystemError",
];

/// An object's value.
enum Value {
    None,
    Int(i64),
    /// The code points (lone surrogates allowed), and their UTF-8 unless there is a lone
    /// surrogate (boxed: `ctx_Unicode_AsUTF8AndSize` hands out a pointer into it, which must
    /// not move when the object table grows).
    Str {
        chars: Vec<u32>,
        utf8: Option<Box<str>>,
    },
    Tuple(Vec<usize>),
    List(Vec<usize>),
    Dict(Vec<(usize, usize)>),
    Type(&'static CStr),
}

/// An object: its type's id and its value. Objects are never freed before the runtime.
struct Object {
    ty: usize,
    value: Value,
}

/// A slot of the handle table (handle bits are the slot's index plus one).
#[derive(Clone, Copy)]
enum Slot {
    /// An open handle to an object.
    Open(usize),
    /// A handle that was closed.
    Closed,
    /// A constant handle of the context, which must never be closed.
    Constant(usize),
}

/// Everything a runtime knows.
struct State {
    objects: Vec<Object>,
    handles: Vec<Slot>,
    /// `HPyGlobal` slots (global bits are the index plus one): the object each refers to.
    globals: Vec<usize>,
    /// The exception set: its type's id and its value's.
    error: Option<(usize, usize)>,
    /// How many times each member was called.
    calls: BTreeMap<&'static str, usize>,
    violations: Vec<String>,
}

impl State {
    fn new() -> Self {
        let mut state = State {
            objects: Vec::new(),
            handles: Vec::new(),
            globals: Vec::new(),
            error: None,
            calls: BTreeMap::new(),
            violations: Vec::new(),
        };
        for name in TYPES {
            state.alloc(TYPE, Value::Type(name));
        }
        let none = state.alloc(NONE_TYPE, Value::None);
        assert_eq!(none, NONE);
        state
    }

    fn alloc(&mut self, ty: usize, value: Value) -> usize {
        self.objects.push(Object { ty, value });
        self.objects.len() - 1
    }

    fn new_str(&mut self, chars: Vec<u32>) -> usize {
        let utf8 = chars
            .iter()
            .map(|&c| char::from_u32(c))
            .collect::<Option<String>>()
            .map(String::into_boxed_str);
        self.alloc(STR, Value::Str { chars, utf8 })
    }

    fn new_text(&mut self, text: &str) -> usize {
        self.new_str(text.chars().map(u32::from).collect())
    }

    /// A new open handle to `object`.
    fn open(&mut self, object: usize) -> HPy {
        self.handles.push(Slot::Open(object));
        HPy {
            _i: self.handles.len() as isize,
        }
    }

    /// A new constant handle to `object`.
    fn constant(&mut self, object: usize) -> HPy {
        self.handles.push(Slot::Constant(object));
        HPy {
            _i: self.handles.len() as isize,
        }
    }

    fn slot(&self, h: HPy) -> Option<Slot> {
        let index = usize::try_from(h._i).ok()?.checked_sub(1)?;
        self.handles.get(index).copied()
    }

    /// The object `h` refers to; a violation if it is not open.
    fn resolve(&mut self, h: HPy, member: &str) -> Option<usize> {
        match self.slot(h) {
            Some(Slot::Open(object) | Slot::Constant(object)) => Some(object),
            Some(Slot::Closed) => {
                self.violation(format!(
                    "{member}: handle {} used after it was closed",
                    h._i
                ));
                None
            }
            None => {
                self.violation(format!("{member}: invalid handle {}", h._i));
                None
            }
        }
    }

    fn close(&mut self, h: HPy, member: &str) {
        match self.slot(h) {
            Some(Slot::Open(_)) => self.handles[h._i as usize - 1] = Slot::Closed,
            Some(Slot::Closed) => self.violation(format!("{member}: handle {} closed twice", h._i)),
            Some(Slot::Constant(_)) => {
                self.violation(format!("{member}: context constant {} closed", h._i))
            }
            None => self.violation(format!("{member}: invalid handle {}", h._i)),
        }
    }

    fn violation(&mut self, what: String) {
        self.violations.push(what);
    }

    /// Sets the exception `ty` with a `str` message.
    fn raise(&mut self, ty: usize, message: &str) {
        let message = self.new_text(message);
        self.error = Some((ty, message));
    }

    /// Raises `TypeError` for an operation `object` does not support; returns `fail`.
    fn unsupported<T>(&mut self, member: &str, object: Option<usize>, fail: T) -> T {
        if let Some(object) = object {
            let ty = self.type_name(object);
            self.raise(TYPE_ERROR, &format!("{member}: unsupported for {ty}"));
        }
        fail
    }

    fn type_name(&self, object: usize) -> String {
        match self.objects[self.objects[object].ty].value {
            Value::Type(name) => name.to_string_lossy().into_owned(),
            _ => "?".to_owned(),
        }
    }

    /// `str(object)`, lone surrogates written as `\udXXX`.
    fn str(&self, object: usize) -> String {
        match &self.objects[object].value {
            Value::Str { chars, .. } => chars.iter().map(|&c| code_point(c)).collect(),
            _ => self.repr(object),
        }
    }

    /// `repr(object)`, as Python writes it (strings always in single quotes).
    fn repr(&self, object: usize) -> String {
        let items = |items: &[usize]| items.iter().map(|&i| self.repr(i)).collect::<Vec<_>>();
        match &self.objects[object].value {
            Value::None => "None".to_owned(),
            Value::Int(v) => v.to_string(),
            Value::Str { chars, .. } => {
                let mut out = String::from("'");
                for &c in chars {
                    match char::from_u32(c) {
                        Some('\'') => out.push_str("\\'"),
                        Some('\\') => out.push_str("\\\\"),
                        _ => out.push_str(&code_point(c)),
                    }
                }
                out.push('\'');
                out
            }
            Value::Tuple(t) if t.len() == 1 => format!("({},)", self.repr(t[0])),
            Value::Tuple(t) => format!("({})", items(t).join(", ")),
            Value::List(l) => format!("[{}]", items(l).join(", ")),
            Value::Dict(d) => {
                let pairs: Vec<_> = d
                    .iter()
                    .map(|&(k, v)| format!("{}: {}", self.repr(k), self.repr(v)))
                    .collect();
                format!("{{{}}}", pairs.join(", "))
            }
            Value::Type(name) => format!("<class '{}'>", name.to_string_lossy()),
        }
    }

    /// Python's `==` for the values keys can have here (`int` and `str`).
    fn equal(&self, a: usize, b: usize) -> bool {
        match (&self.objects[a].value, &self.objects[b].value) {
            (Value::Int(x), Value::Int(y)) => x == y,
            (Value::Str { chars: x, .. }, Value::Str { chars: y, .. }) => x == y,
            _ => a == b,
        }
    }
}

/// A code point as text (a lone surrogate as its escape).
fn code_point(c: u32) -> String {
    match char::from_u32(c) {
        Some(c) => c.to_string(),
        None => format!("\\u{c:04x}"),
    }
}

/// The state of the runtime whose context is `ctx`.
///
/// # Safety
/// `ctx` must be the context of a live [`FakeRuntime`] (whose `_private` is its state).
unsafe fn state<'a>(ctx: *mut HPyContext) -> &'a RefCell<State> {
    // SAFETY: the caller's contract: `ctx` is a live fake context, whose `_private` points to
    // its runtime's state, which lives as long as the runtime.
    unsafe { &*(*ctx)._private.cast::<RefCell<State>>() }
}

/// Defines the fake members — `fn ctx_Member(s, args...) -> R { body }`, the body seeing the
/// runtime's `&mut State` under the name given first (`s`) — and `install`, which puts them
/// all in a context. Each call is counted in [`State::calls`].
macro_rules! fake_members {
    ($(
        $(#[$doc:meta])*
        fn $member:ident($s:ident $(, $arg:ident: $ty:ty)* $(,)?) $(-> $ret:ty)? $body:block
    )*) => {
        $(
            $(#[$doc])*
            #[allow(non_snake_case)]
            unsafe extern "C" fn $member(ctx: *mut HPyContext $(, $arg: $ty)*) $(-> $ret)? {
                // SAFETY: a fake context's members are only called through that context, by
                // code running while its runtime lives (the `Context` is borrowed from it).
                let state = unsafe { state(ctx) };
                let mut state = state.borrow_mut();
                *state.calls.entry(stringify!($member)).or_default() += 1;
                let $s: &mut State = &mut state;
                $body
            }
        )*

        /// Fills in every fake member of `ctx`.
        fn install(ctx: &mut HPyContext) {
            $(ctx.$member = Some($member);)*
        }
    };
}

fake_members! {
    /// `HPy_Dup`.
    fn ctx_Dup(s, h: HPy) -> HPy {
        match s.resolve(h, "ctx_Dup") {
            Some(object) => s.open(object),
            None => HPy_NULL,
        }
    }

    /// `HPy_Close`.
    fn ctx_Close(s, h: HPy) {
        s.close(h, "ctx_Close");
    }

    /// `HPy_Is`.
    fn ctx_Is(s, a: HPy, b: HPy) -> c_int {
        let (a, b) = (s.resolve(a, "ctx_Is"), s.resolve(b, "ctx_Is"));
        c_int::from(a.is_some() && a == b)
    }

    /// `HPy_TypeCheck`: the exact type, or `object`.
    fn ctx_TypeCheck(s, h: HPy, ty: HPy) -> c_int {
        match (s.resolve(h, "ctx_TypeCheck"), s.resolve(ty, "ctx_TypeCheck")) {
            (Some(object), Some(ty)) => c_int::from(s.objects[object].ty == ty || ty == OBJECT),
            _ => 0,
        }
    }

    /// `HPy_Type`.
    fn ctx_Type(s, h: HPy) -> HPy {
        match s.resolve(h, "ctx_Type") {
            Some(object) => s.open(s.objects[object].ty),
            None => HPy_NULL,
        }
    }

    /// `HPyType_GetName`.
    fn ctx_Type_GetName(s, ty: HPy) -> *const c_char {
        match s.resolve(ty, "ctx_Type_GetName").map(|t| &s.objects[t].value) {
            Some(Value::Type(name)) => name.as_ptr(),
            _ => {
                s.violation("ctx_Type_GetName: not a type".to_owned());
                core::ptr::null()
            }
        }
    }

    /// `HPy_GetAttr_s`: objects have no attributes here.
    fn ctx_GetAttr_s(s, h: HPy, name: *const c_char) -> HPy {
        // SAFETY: HPy passes a NUL-terminated attribute name.
        let name = unsafe { CStr::from_ptr(name) }.to_string_lossy();
        if let Some(object) = s.resolve(h, "ctx_GetAttr_s") {
            let ty = s.type_name(object);
            s.raise(ATTRIBUTE_ERROR, &format!("'{ty}' object has no attribute '{name}'"));
        }
        HPy_NULL
    }

    /// `HPy_HasAttr_s`: objects have no attributes here.
    fn ctx_HasAttr_s(s, h: HPy, _name: *const c_char) -> c_int {
        s.resolve(h, "ctx_HasAttr_s");
        0
    }

    /// `HPy_Length`.
    fn ctx_Length(s, h: HPy) -> HPy_ssize_t {
        let object = s.resolve(h, "ctx_Length");
        let len = object.and_then(|o| match &s.objects[o].value {
            Value::Str { chars, .. } => Some(chars.len()),
            Value::Tuple(items) | Value::List(items) => Some(items.len()),
            Value::Dict(items) => Some(items.len()),
            _ => None,
        });
        match len {
            Some(len) => len as HPy_ssize_t,
            None => s.unsupported("ctx_Length", object, -1),
        }
    }

    /// `HPy_GetItem_i` of a tuple or list.
    fn ctx_GetItem_i(s, h: HPy, index: HPy_ssize_t) -> HPy {
        let object = s.resolve(h, "ctx_GetItem_i");
        let items = object.and_then(|o| match &s.objects[o].value {
            Value::Tuple(items) | Value::List(items) => Some(items),
            _ => None,
        });
        let Some(items) = items else {
            return s.unsupported("ctx_GetItem_i", object, HPy_NULL);
        };
        let index = if index < 0 { index + items.len() as isize } else { index };
        match usize::try_from(index).ok().and_then(|i| items.get(i)) {
            Some(&item) => s.open(item),
            None => {
                s.raise(INDEX_ERROR, "index out of range");
                HPy_NULL
            }
        }
    }

    /// `HPy_GetItem` of a dict.
    fn ctx_GetItem(s, h: HPy, key: HPy) -> HPy {
        let (object, key) = (s.resolve(h, "ctx_GetItem"), s.resolve(key, "ctx_GetItem"));
        let (Some(object), Some(key)) = (object, key) else {
            return HPy_NULL;
        };
        let Value::Dict(items) = &s.objects[object].value else {
            return s.unsupported("ctx_GetItem", Some(object), HPy_NULL);
        };
        match items.iter().find(|&&(k, _)| s.equal(k, key)) {
            Some(&(_, value)) => s.open(value),
            None => {
                let key = s.repr(key);
                s.raise(KEY_ERROR, &key);
                HPy_NULL
            }
        }
    }

    /// `HPy_Hash`: an `int`'s value (-1 is -2, as in CPython), a `str`'s number of code points
    /// (a deliberately weak hash: see the module documentation).
    fn ctx_Hash(s, h: HPy) -> HPy_hash_t {
        let object = s.resolve(h, "ctx_Hash");
        match object.map(|o| &s.objects[o].value) {
            Some(Value::Int(-1)) => -2,
            Some(&Value::Int(v)) => v as HPy_hash_t,
            Some(Value::Str { chars, .. }) => chars.len() as HPy_hash_t,
            _ => s.unsupported("ctx_Hash", object, -1),
        }
    }

    /// `HPy_Add` of two `str` (concatenation) or two `int`.
    fn ctx_Add(s, a: HPy, b: HPy) -> HPy {
        let (a, b) = (s.resolve(a, "ctx_Add"), s.resolve(b, "ctx_Add"));
        let (Some(a), Some(b)) = (a, b) else {
            return HPy_NULL;
        };
        let sum = match (&s.objects[a].value, &s.objects[b].value) {
            (Value::Str { chars: x, .. }, Value::Str { chars: y, .. }) => {
                let chars = x.iter().chain(y).copied().collect();
                s.new_str(chars)
            }
            (&Value::Int(x), &Value::Int(y)) => s.alloc(INT, Value::Int(x + y)),
            _ => return s.unsupported("ctx_Add", Some(a), HPy_NULL),
        };
        s.open(sum)
    }

    /// `HPyUnicode_Check`.
    fn ctx_Unicode_Check(s, h: HPy) -> c_int {
        let object = s.resolve(h, "ctx_Unicode_Check");
        c_int::from(object.is_some_and(|o| s.objects[o].ty == STR))
    }

    /// `HPyUnicode_AsUTF8AndSize`: a pointer into the object's UTF-8 (a `str` with a lone
    /// surrogate raises `UnicodeEncodeError`, anything else `TypeError`).
    fn ctx_Unicode_AsUTF8AndSize(s, h: HPy, size: *mut HPy_ssize_t) -> *const c_char {
        let object = s.resolve(h, "ctx_Unicode_AsUTF8AndSize");
        match object.map(|o| &s.objects[o].value) {
            Some(Value::Str { utf8: Some(utf8), .. }) => {
                if !size.is_null() {
                    // SAFETY: a non-null `size` is the caller's out-pointer.
                    unsafe { *size = utf8.len() as HPy_ssize_t };
                }
                utf8.as_ptr().cast()
            }
            Some(Value::Str { utf8: None, .. }) => {
                let message = "'utf-8' codec can't encode: surrogates not allowed";
                s.raise(UNICODE_ENCODE_ERROR, message);
                core::ptr::null()
            }
            _ => s.unsupported("ctx_Unicode_AsUTF8AndSize", object, core::ptr::null()),
        }
    }

    /// `HPyUnicode_DecodeASCII` (strict).
    fn ctx_Unicode_DecodeASCII(
        s,
        ascii: *const c_char,
        size: HPy_ssize_t,
        _errors: *const c_char,
    ) -> HPy {
        let bytes = match size {
            0 => &[][..],
            // SAFETY: HPy's contract: `ascii` points to `size` bytes.
            _ => unsafe { core::slice::from_raw_parts(ascii.cast::<u8>(), size as usize) },
        };
        if !bytes.is_ascii() {
            s.violation("ctx_Unicode_DecodeASCII: not ASCII".to_owned());
            return HPy_NULL;
        }
        let object = s.new_str(bytes.iter().map(|&b| u32::from(b)).collect());
        s.open(object)
    }

    /// `HPyUnicode_FromString` (strict UTF-8).
    fn ctx_Unicode_FromString(s, utf8: *const c_char) -> HPy {
        // SAFETY: HPy's contract: `utf8` is a NUL-terminated string.
        let bytes = unsafe { core::ffi::CStr::from_ptr(utf8) }.to_bytes();
        let Ok(text) = core::str::from_utf8(bytes) else {
            s.violation("ctx_Unicode_FromString: not UTF-8".to_owned());
            return HPy_NULL;
        };
        let object = s.new_str(text.chars().map(u32::from).collect());
        s.open(object)
    }

    /// `HPyUnicode_FromWideChar`.
    fn ctx_Unicode_FromWideChar(s, w: *const libc::wchar_t, size: HPy_ssize_t) -> HPy {
        let units = match size {
            0 => &[][..],
            // SAFETY: HPy's contract: `w` points to `size` `wchar_t`.
            _ => unsafe { core::slice::from_raw_parts(w, size as usize) },
        };
        let chars = if size_of::<libc::wchar_t>() == 4 {
            units.iter().map(|&u| u as u32).collect()
        } else {
            let utf16 = units.iter().map(|&u| u as u16);
            char::decode_utf16(utf16)
                .map(|c| c.map_or_else(|e| u32::from(e.unpaired_surrogate()), u32::from))
                .collect()
        };
        let object = s.new_str(chars);
        s.open(object)
    }

    /// `HPyUnicode_ReadChar`.
    fn ctx_Unicode_ReadChar(s, h: HPy, index: HPy_ssize_t) -> HPy_UCS4 {
        let object = s.resolve(h, "ctx_Unicode_ReadChar");
        let Some(Value::Str { chars, .. }) = object.map(|o| &s.objects[o].value) else {
            return s.unsupported("ctx_Unicode_ReadChar", object, HPy_UCS4::MAX);
        };
        match usize::try_from(index).ok().and_then(|i| chars.get(i)) {
            Some(&c) => c,
            None => {
                s.raise(INDEX_ERROR, "string index out of range");
                HPy_UCS4::MAX
            }
        }
    }

    /// `HPyTuple_FromArray`.
    fn ctx_Tuple_FromArray(s, items: *mut HPy, n: HPy_ssize_t) -> HPy {
        let handles = match n {
            0 => &[][..],
            // SAFETY: HPy's contract: `items` points to `n` handles.
            _ => unsafe { core::slice::from_raw_parts(items, n as usize) },
        };
        let mut objects = Vec::new();
        for &h in handles {
            match s.resolve(h, "ctx_Tuple_FromArray") {
                Some(object) => objects.push(object),
                None => return HPy_NULL,
            }
        }
        let tuple = s.alloc(TUPLE, Value::Tuple(objects));
        s.open(tuple)
    }

    /// `HPyDict_Keys`: a new list.
    fn ctx_Dict_Keys(s, h: HPy) -> HPy {
        let object = s.resolve(h, "ctx_Dict_Keys");
        let Some(Value::Dict(items)) = object.map(|o| &s.objects[o].value) else {
            return s.unsupported("ctx_Dict_Keys", object, HPy_NULL);
        };
        let keys = items.iter().map(|&(k, _)| k).collect();
        let list = s.alloc(LIST, Value::List(keys));
        s.open(list)
    }

    /// `HPyLong_AsInt64_t`.
    fn ctx_Long_AsInt64_t(s, h: HPy) -> i64 {
        let object = s.resolve(h, "ctx_Long_AsInt64_t");
        match object.map(|o| &s.objects[o].value) {
            Some(&Value::Int(v)) => v,
            _ => s.unsupported("ctx_Long_AsInt64_t", object, -1),
        }
    }

    /// `HPyErr_Occurred`.
    fn ctx_Err_Occurred(s) -> c_int {
        c_int::from(s.error.is_some())
    }

    /// `HPyErr_Clear`.
    fn ctx_Err_Clear(s) {
        s.error = None;
    }

    /// `HPyErr_SetObject`.
    fn ctx_Err_SetObject(s, ty: HPy, value: HPy) {
        let ty = s.resolve(ty, "ctx_Err_SetObject");
        let value = s.resolve(value, "ctx_Err_SetObject");
        if let (Some(ty), Some(value)) = (ty, value) {
            s.error = Some((ty, value));
        }
    }

    /// `HPyErr_ExceptionMatches`: the exact type only.
    fn ctx_Err_ExceptionMatches(s, exc: HPy) -> c_int {
        let exc = s.resolve(exc, "ctx_Err_ExceptionMatches");
        c_int::from(exc.is_some() && s.error.map(|(ty, _)| ty) == exc)
    }

    /// `HPyGlobal_Store`.
    fn ctx_Global_Store(s, global: *mut HPyGlobal, h: HPy) {
        let Some(object) = s.resolve(h, "ctx_Global_Store") else {
            return;
        };
        // SAFETY: HPy's contract: `global` points to a valid `HPyGlobal`.
        let bits = unsafe { (*global)._i };
        match usize::try_from(bits).ok().and_then(|b| b.checked_sub(1)) {
            Some(index) if index < s.globals.len() => s.globals[index] = object,
            Some(_) => s.violation(format!("ctx_Global_Store: unknown global {bits}")),
            None => {
                s.globals.push(object);
                let _i = s.globals.len() as isize;
                // SAFETY: as above.
                unsafe { *global = HPyGlobal { _i } };
            }
        }
    }

    /// `HPyGlobal_Load`: a new handle.
    fn ctx_Global_Load(s, global: HPyGlobal) -> HPy {
        let index = usize::try_from(global._i).ok().and_then(|b| b.checked_sub(1));
        match index.and_then(|i| s.globals.get(i)) {
            Some(&object) => s.open(object),
            None => {
                s.violation(format!(
                    "ctx_Global_Load: global {} is not one of this runtime's",
                    global._i
                ));
                HPy_NULL
            }
        }
    }
}

/// A fake HPy runtime with its context (see the module documentation).
pub(crate) struct FakeRuntime {
    /// Owned (from `Box::into_raw`); its `_private` is `state`.
    ctx: NonNull<HPyContext>,
    /// Owned (from `Box::into_raw`).
    state: NonNull<RefCell<State>>,
}

impl FakeRuntime {
    /// A new runtime with its own objects and handles.
    pub(crate) fn new(mode: Mode) -> Self {
        let state = NonNull::from(Box::leak(Box::new(RefCell::new(State::new()))));
        // SAFETY: `HPyContext` is a C struct of raw pointers, integers, handles and
        // `Option`s of function pointers, for all of which zero bits are a valid value.
        let mut ctx: Box<HPyContext> = Box::new(unsafe { core::mem::zeroed() });
        ctx.name = match mode {
            Mode::Plain => PLAIN_NAME.as_ptr(),
            Mode::Debug => DEBUG_NAME.as_ptr(),
        };
        ctx._private = state.as_ptr().cast();
        install(&mut ctx);
        {
            // SAFETY: just allocated above, and not borrowed elsewhere yet.
            let mut s = unsafe { state.as_ref() }.borrow_mut();
            ctx.h_None = s.constant(NONE);
            ctx.h_BaseObjectType = s.constant(OBJECT);
            ctx.h_TypeType = s.constant(TYPE);
            ctx.h_LongType = s.constant(INT);
            ctx.h_UnicodeType = s.constant(STR);
            ctx.h_TupleType = s.constant(TUPLE);
            ctx.h_ListType = s.constant(LIST);
            ctx.h_TypeError = s.constant(TYPE_ERROR);
            ctx.h_AttributeError = s.constant(ATTRIBUTE_ERROR);
            ctx.h_IndexError = s.constant(INDEX_ERROR);
            ctx.h_KeyError = s.constant(KEY_ERROR);
            ctx.h_UnicodeEncodeError = s.constant(UNICODE_ENCODE_ERROR);
            ctx.h_SystemError = s.constant(SYSTEM_ERROR);
        }
        FakeRuntime {
            ctx: NonNull::from(Box::leak(ctx)),
            state,
        }
    }

    fn state(&self) -> &RefCell<State> {
        // SAFETY: `state` is owned by `self` and freed only when it drops.
        unsafe { self.state.as_ref() }
    }

    /// The runtime's context, for the code under test.
    pub(crate) fn cx(&self) -> Context<'_> {
        // SAFETY: the context stays valid (and unchanged) for as long as `self` is borrowed.
        // Not every function member is set, against `from_raw`'s contract: the members the
        // code under test reaches are (see the module documentation, which says what reaching
        // another one does).
        unsafe { Context::from_raw(self.ctx.as_ptr()) }
    }

    /// A new handle to an `int`, owned by the test (as the runtime owns the arguments it
    /// lends); close it with [`FakeRuntime::close`].
    pub(crate) fn int(&self, value: i64) -> HPy {
        let mut s = self.state().borrow_mut();
        let object = s.alloc(INT, Value::Int(value));
        s.open(object)
    }

    /// A new handle to a `str`.
    pub(crate) fn str(&self, text: &str) -> HPy {
        self.str_of_code_points(text.chars().map(u32::from).collect())
    }

    /// A new handle to a `str` of any code points, lone surrogates included.
    pub(crate) fn str_of_code_points(&self, chars: Vec<u32>) -> HPy {
        let mut s = self.state().borrow_mut();
        let object = s.new_str(chars);
        s.open(object)
    }

    /// A new handle to `None`.
    pub(crate) fn none(&self) -> HPy {
        self.state().borrow_mut().open(NONE)
    }

    /// A new handle to a tuple of the objects of `items` (which stay open).
    pub(crate) fn tuple(&self, items: &[HPy]) -> HPy {
        let mut s = self.state().borrow_mut();
        let items = items
            .iter()
            .map(|&h| s.resolve(h, "tuple").unwrap())
            .collect();
        let object = s.alloc(TUPLE, Value::Tuple(items));
        s.open(object)
    }

    /// A new handle to a dict of the objects of `items` (which stay open).
    pub(crate) fn dict(&self, items: &[(HPy, HPy)]) -> HPy {
        let mut s = self.state().borrow_mut();
        let items = (items.iter())
            .map(|&(k, v)| (s.resolve(k, "dict").unwrap(), s.resolve(v, "dict").unwrap()))
            .collect();
        let object = s.alloc(DICT, Value::Dict(items));
        s.open(object)
    }

    /// A new handle to the object of `h`.
    pub(crate) fn dup(&self, h: HPy) -> HPy {
        let mut s = self.state().borrow_mut();
        let object = s.resolve(h, "dup").unwrap();
        s.open(object)
    }

    /// Closes a handle the test owns.
    pub(crate) fn close(&self, h: HPy) {
        self.state().borrow_mut().close(h, "close");
    }

    /// `repr()` of the object of an open handle.
    pub(crate) fn repr(&self, h: HPy) -> String {
        let mut s = self.state().borrow_mut();
        match s.resolve(h, "repr") {
            Some(object) => s.repr(object),
            None => "<invalid handle>".to_owned(),
        }
    }

    /// How many handles are open (context constants excluded).
    pub(crate) fn open_handles(&self) -> usize {
        let s = self.state().borrow();
        s.handles
            .iter()
            .filter(|slot| matches!(slot, Slot::Open(_)))
            .count()
    }

    /// How many times the code under test called `member` (`"ctx_GetItem_i"`).
    pub(crate) fn calls(&self, member: &str) -> usize {
        self.state()
            .borrow()
            .calls
            .get(member)
            .copied()
            .unwrap_or(0)
    }

    /// The exception set, as `"TypeError: message"`.
    pub(crate) fn error(&self) -> Option<String> {
        let s = self.state().borrow();
        let (ty, value) = s.error?;
        let ty = match s.objects[ty].value {
            Value::Type(name) => name.to_string_lossy().into_owned(),
            _ => s.repr(ty),
        };
        Some(format!("{ty}: {}", s.str(value)))
    }

    /// The misuses recorded so far (handles closed twice, used after closing, ...).
    pub(crate) fn violations(&self) -> Vec<String> {
        self.state().borrow().violations.clone()
    }

    /// Takes the misuses recorded so far, so that dropping the runtime does not fail.
    pub(crate) fn take_violations(&self) -> Vec<String> {
        core::mem::take(&mut self.state().borrow_mut().violations)
    }
}

impl Drop for FakeRuntime {
    fn drop(&mut self) {
        let violations = self.take_violations();
        // SAFETY: both were leaked from boxes in `new`, are owned by `self` and no longer
        // borrowed (a `Context` borrows the runtime).
        unsafe {
            drop(Box::from_raw(self.ctx.as_ptr()));
            drop(Box::from_raw(self.state.as_ptr()));
        }
        if !std::thread::panicking() {
            assert!(violations.is_empty(), "HPy misuse: {violations:#?}");
        }
    }
}

/// The fake runtime checks itself: counts, violations and errors.
mod tests {
    use super::*;
    use crate::{Handle, Result};

    #[test]
    fn counts_open_handles_and_records_misuse() {
        let rt = FakeRuntime::new(Mode::Plain);
        let cx = rt.cx();
        let before = rt.open_handles();
        let s = cx.to_py("abc").unwrap();
        let copy = s.clone();
        assert_eq!(rt.open_handles(), before + 2);
        assert!(s.is(&copy));
        assert_eq!(s.len().unwrap(), 3);
        assert_eq!(s.extract::<&str>().unwrap(), "abc");
        let raw = copy.into_raw();
        drop(s);
        assert_eq!(rt.open_handles(), before + 1);
        // SAFETY: `raw` is open and owned here; closing it twice is the misuse under test.
        unsafe {
            drop(Handle::from_raw(cx, raw));
            drop(Handle::from_raw(cx, raw));
        }
        assert_eq!(rt.open_handles(), before);
        assert_eq!(rt.calls("ctx_Close"), 3);
        assert_eq!(rt.take_violations().len(), 1);
        rt.close(cx.table().h_None);
        assert_eq!(rt.take_violations(), ["close: context constant 1 closed"]);
    }

    #[test]
    fn raises_and_clears_exceptions() {
        let rt = FakeRuntime::new(Mode::Plain);
        let cx = rt.cx();
        let n = cx.to_py("x").unwrap();
        let err = n.extract::<i64>().unwrap_err();
        assert_eq!(err.to_string(), "TypeError: must be int, not str");
        assert!(rt.error().is_none());
        let r: Result<Handle<'_>> = n.get_item_index(0);
        let err = r.unwrap_err();
        assert!(rt.error().unwrap().starts_with("TypeError: ctx_GetItem_i"));
        err.clear(cx);
        assert!(rt.error().is_none());
        assert!(!cx.is_debug_mode());
        assert!(FakeRuntime::new(Mode::Debug).cx().is_debug_mode());
    }
}
