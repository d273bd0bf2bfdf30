//! The universal ABI's readers of [`Handle::items_into`] and [`Handle::dict_items_into`], for
//! the contexts other than CPython's universal one (which reads through HPy's bridge to the
//! C API: `hpy/src/cpython_backend.rs`): HPy's debug and trace modes, PyPy, GraalPy.
//!
//! HPy 0.9 has no `PySequence_Fast_ITEMS` and no `PyDict_Next`, and on CPython its
//! `HPy_GetItem_i` builds an `int` and goes through `PyObject_GetItem` (`ctx_object.c` at tag
//! 0.9.0): about 140 instructions an item, for what C reads with a pointer; a dict's values
//! cost a lookup each. But the runtime hands a function its arguments as an array:
//!
//! - calling a `HPyFunc_VARARGS` method with a tuple as its arguments
//!   (`HPy_CallTupleDict(reader, tuple, NULL)`) lends it the tuple's items, read from its
//!   storage (`_PyTuple_ITEMS` on CPython), and the reader duplicates each into the caller's
//!   vector. A list is first copied into a tuple (`tuple(list)`: its storage);
//! - calling a `HPyFunc_KEYWORDS` method with a dict as its keyword arguments
//!   (`HPy_CallTupleDict(reader, (), copy)`, a copy of the dict that no Python code holds:
//!   CPython assumes that the dict does not change during the call's unpacking, but on
//!   CPython 3.8-3.11 a garbage collection may run finalizers in it; from 3.12 the dict
//!   itself) lends it the dict's values in storage order (CPython unpacks the dict with
//!   `PyDict_Next`) and its keys as the `kwnames` tuple. Keys must then be strings (CPython
//!   checks); a dict with others is read as its copy's `dict.keys` and `dict.values` lists,
//!   a subclass as `(key, value)` pairs.
//!
//! HPy's runtime copies the arguments onto the C stack (`alloca`, `ctx_meth.c`), so a tuple
//! is handed over [`CHUNK`] items at a time (a slice each), and only dicts of at most
//! `CHUNK` entries go through keywords: a thread with a small stack reads any size.
//!
//! The readers are methods of a companion type this library creates when a module executes,
//! bound to an instance of it and kept in [`Global`]s: no module attribute leads to them. A
//! reader finds the request it answers in a thread-local slot, set just before its call and
//! taken as it starts. Python code can find the readers (`gc.get_objects()`); called with no
//! request pending, they raise `TypeError`. But Python code may run in between: on CPython
//! 3.8-3.11 allocating the keywords' names tuple may start a garbage collection, whose
//! finalizers may call a reader, which then answers the pending request. The call's own
//! reader then finds none and raises, and the caller drops what was appended
//! ([`Request::call`]); a dict is then read another way.

use core::cell::Cell;
use core::ptr;

use super::super::{Def, hpyfunc};
use crate::context::call;
use crate::cpython_backend;
use crate::exceptions::TypeError;
use crate::{BuiltinType, Context, Error, Global, Handle, Result, ffi};

/// The tuple reader: the companion instance's bound `read`.
static READER: Global = Global::new();
/// The dict reader: the companion instance's bound `read_dict`.
static DICT_READER: Global = Global::new();
/// `list.copy` (a list subclass's storage, copied into a list).
static LIST_COPY: Global = Global::new();
/// `tuple.__getitem__` (with `slice(None)`: a tuple subclass's storage, copied into a tuple).
static TUPLE_GETITEM: Global = Global::new();
/// The builtin `dict` type (HPy 0.9's context has no handle to it).
static DICT_TYPE: Global = Global::new();
/// `dict.values` (a dict's values in storage order, even a subclass's).
static DICT_VALUES: Global = Global::new();
/// `dict.items` (a dict's `(key, value)` pairs in storage order, even a subclass's).
static DICT_ITEMS: Global = Global::new();

/// The library's globals, registered with every module's.
pub(crate) const GLOBALS: [&Global; 7] = [
    &READER,
    &DICT_READER,
    &LIST_COPY,
    &TUPLE_GETITEM,
    &DICT_TYPE,
    &DICT_VALUES,
    &DICT_ITEMS,
];

/// Exact lists and tuples shorter than this are read with `HPy_GetItem_i` (which reads their
/// storage): below it, the reader's calls cost more than the item calls they save.
const SHORT: usize = 6;

/// Exact dicts smaller than this are read by looking their keys up, when all are exact `str`s
/// (which cannot run Python code): below it, that costs less than the dict reader's call.
const SHORT_DICT: usize = 4;

/// The most arguments a reader is given in one call: HPy copies them onto the C stack (8
/// bytes each; 16 in debug mode).
const CHUNK: usize = 1024;

/// Creates the readers (unless an earlier load of this library did) and looks up the
/// builtin methods above.
pub(crate) fn create(cx: Context<'_>) -> Result<()> {
    cpython_backend::find(cx);
    if READER.load(cx).is_some() {
        return Ok(());
    }
    let instance =
        super::super::class::companion_instance(cx, c"hpy_rs.items_reader", [&READ, &READ_DICT])?;
    let dict = cx.builtin("dict")?;
    LIST_COPY.store(&cx.builtin_type(BuiltinType::ListType).getattr(c"copy")?);
    TUPLE_GETITEM.store(
        &cx.builtin_type(BuiltinType::TupleType)
            .getattr(c"__getitem__")?,
    );
    DICT_VALUES.store(&dict.getattr(c"values")?);
    DICT_ITEMS.store(&dict.getattr(c"items")?);
    DICT_TYPE.store(&dict);
    DICT_READER.store(&instance.getattr(c"read_dict")?);
    READER.store(&instance.getattr(c"read")?);
    Ok(())
}

/// What a reader is asked to do: append new handles to `out`, a `Vec<Handle<'ctx>>` of the
/// caller's `'ctx` (erased), made with the caller's context `ctx`, and, for a dict, puts a
/// new handle to the keys' tuple in `names` (null: none). `out` held `start` handles when
/// the request was made.
struct Request {
    out: *mut Vec<Handle<'static>>,
    start: usize,
    ctx: *mut ffi::HPyContext,
    names: Cell<ffi::HPy>,
}

impl Request {
    fn new<'ctx>(cx: Context<'ctx>, out: &mut Vec<Handle<'ctx>>) -> Self {
        Request {
            // Erased to `'static` for the thread-local slot: the reader pushes handles of
            // this call's context, which `out` holds as `Handle<'ctx>` (the same type,
            // lifetime aside).
            start: out.len(),
            out: ptr::from_mut(out).cast(),
            ctx: cx.as_raw(),
            names: Cell::new(ffi::HPy_NULL),
        }
    }

    /// Calls `reader` with `args` and `kwargs` (`HPy_CallTupleDict`), the request pending.
    fn call(&self, reader: &Handle<'_>, args: &Handle<'_>, kwargs: ffi::HPy) -> Result<()> {
        let cx = reader.context();
        PENDING.with(|pending| pending.set(self));
        // SAFETY: the handles are open; `args` is a tuple, `kwargs` a dict or NULL. The
        // result is a new handle (`None`) or NULL with an exception set.
        let raw = unsafe {
            call!(
                cx,
                ctx_CallTupleDict(reader.as_raw(), args.as_raw(), kwargs)
            )
        };
        // Not taken if the call failed before reaching the reader (a `RecursionError`).
        PENDING.with(|pending| pending.set(ptr::null()));
        if raw.is_null() {
            // The call failed, but a reader may have answered the request all the same: one
            // that Python code called (a finalizer, run by a garbage collection as CPython
            // 3.8-3.11 allocated the keywords' names), before the call's own reader found no
            // request and refused. What it added is not the caller's.
            // SAFETY: `out` is the caller's vector, borrowed mutably for its whole call and
            // not used through another path in this one; it held `start` handles before.
            unsafe { (*self.out).truncate(self.start) };
            let names = self.names.replace(ffi::HPy_NULL);
            if !names.is_null() {
                // SAFETY: the reader's new handle to the keys' tuple, made with the caller's
                // context (the reader runs within this call).
                drop(unsafe { Handle::from_raw(cx, names) });
            }
        }
        // SAFETY: a new handle, or NULL with an exception set.
        unsafe { Handle::from_raw_or_err(cx, raw) }.map(drop)
    }
}

thread_local! {
    /// The request of the reader call this thread is about to make.
    static PENDING: Cell<*const Request> = const { Cell::new(ptr::null()) };
}

// SAFETY: `read` is the `HPyFunc_VARARGS` implementation below, `read_trampoline` its
// trampoline; the method belongs to the companion type and ignores its `self`.
static READ: Def = unsafe {
    hpyfunc::varargs::method(
        c"read",
        read,
        read_trampoline,
        c"Internal to hpy-rs: reads a tuple's items for Handle::items_into.",
    )
};

// SAFETY: as above, for `HPyFunc_KEYWORDS`.
static READ_DICT: Def = unsafe {
    hpyfunc::keywords::method(
        c"read_dict",
        read_dict,
        read_dict_trampoline,
        c"Internal to hpy-rs: reads a dict's items for Handle::dict_items_into.",
    )
};

unsafe extern "C" fn read_trampoline(
    self_: *mut ffi::cpy_PyObject,
    args: *const *mut ffi::cpy_PyObject,
    nargs: ffi::HPy_ssize_t,
) -> *mut ffi::cpy_PyObject {
    // SAFETY: CPython calls the trampoline with a method's arguments.
    unsafe { hpyfunc::varargs::trampoline(read, self_, args, nargs) }
}

unsafe extern "C" fn read_dict_trampoline(
    self_: *mut ffi::cpy_PyObject,
    args: *const *mut ffi::cpy_PyObject,
    nargs: usize,
    kwnames: *mut ffi::cpy_PyObject,
) -> *mut ffi::cpy_PyObject {
    // SAFETY: CPython calls the trampoline with a method's arguments.
    unsafe { hpyfunc::keywords::trampoline(read_dict, self_, args, nargs, kwnames) }
}

/// The tuple reader: duplicates its arguments into the pending request's vector.
unsafe extern "C" fn read(
    ctx: *mut ffi::HPyContext,
    _self: ffi::HPy,
    args: *const ffi::HPy,
    nargs: usize,
) -> ffi::HPy {
    // SAFETY: the runtime calls the reader with the call's context and lends it `nargs`
    // handles at `args`.
    unsafe { answer(ctx, args, nargs, ffi::HPy_NULL) }
}

/// The dict reader: duplicates the keyword arguments' values into the pending request's
/// vector, and their names' tuple into the request.
unsafe extern "C" fn read_dict(
    ctx: *mut ffi::HPyContext,
    _self: ffi::HPy,
    args: *const ffi::HPy,
    nargs: usize,
    kwnames: ffi::HPy,
) -> ffi::HPy {
    if nargs != 0 {
        // Only Python passes positional arguments.
        // SAFETY: the runtime calls the reader with the call's context.
        return unsafe { refuse(ctx) };
    }
    let values = match kwnames.is_null() {
        true => 0,
        // SAFETY: `kwnames` is a tuple the runtime lends for the call.
        false => unsafe { call!(Context::from_raw(ctx), ctx_Length(kwnames)) as usize },
    };
    // SAFETY: the runtime lends `nargs + len(kwnames)` handles at `args`.
    unsafe { answer(ctx, args, values, kwnames) }
}

/// Answers the pending request: duplicates the `n` handles at `args` into its vector, and
/// `names` (unless null) into the request.
///
/// # Safety
/// `ctx` is the context of the current call, which lends `n` open handles at `args`, and
/// `names` (an open handle or null).
unsafe fn answer(
    ctx: *mut ffi::HPyContext,
    args: *const ffi::HPy,
    n: usize,
    names: ffi::HPy,
) -> ffi::HPy {
    // SAFETY: the caller's contract.
    let inner = unsafe { Context::from_raw(ctx) };
    let request = PENDING.with(|pending| pending.replace(ptr::null()));
    // SAFETY: a non-null pending request is the live `Request` of the call whose
    // `HPy_CallTupleDict` is this very call (see the module documentation).
    let Some(request) = (unsafe { request.as_ref() }) else {
        // SAFETY: as above.
        return unsafe { refuse(ctx) };
    };
    // SAFETY: the request's vector is the caller's, borrowed mutably for its whole call.
    let out = unsafe { &mut *request.out };
    if out.try_reserve(n).is_err() {
        // SAFETY: `HPyErr_NoMemory` has no preconditions.
        unsafe { call!(inner, ctx_Err_NoMemory()) };
        return ffi::HPy_NULL;
    }
    // SAFETY: the caller's context, valid for its whole call (which encloses this one); it
    // is only stored in the handles here, not used.
    let cx = unsafe { Context::from_raw(request.ctx) };
    for i in 0..n {
        // SAFETY: `n` handles are lent at `args`.
        let arg = unsafe { *args.add(i) };
        // SAFETY: `arg` is open; `HPy_Dup` returns a new handle, which stays open until
        // closed, after this call too: the caller's `Handle` owns it, and uses it with the
        // caller's context once this call returned. It is made with this call's context
        // (the debug mode gives each call its own, and checks that the current one is
        // used). The capacity was reserved: pushing does not allocate.
        out.push(unsafe { Handle::from_raw(cx, call!(inner, ctx_Dup(arg))) });
    }
    if !names.is_null() {
        // SAFETY: `names` is open; the new handle is the caller's to close.
        request.names.set(unsafe { call!(inner, ctx_Dup(names)) });
    }
    let none = inner.table().h_None;
    // SAFETY: a constant handle; the result is a new handle.
    unsafe { call!(inner, ctx_Dup(none)) }
}

/// Raises the `TypeError` of a reader called from Python.
///
/// # Safety
/// `ctx` is the context of the current call.
unsafe fn refuse(ctx: *mut ffi::HPyContext) -> ffi::HPy {
    // SAFETY: the caller's contract.
    let cx = unsafe { Context::from_raw(ctx) };
    let type_error = cx.table().h_TypeError;
    let message = c"hpy_rs.items_reader is internal to hpy-rs";
    // SAFETY: a constant type handle and a NUL-terminated message.
    unsafe { call!(cx, ctx_Err_SetString(type_error, message.as_ptr())) };
    ffi::HPy_NULL
}

/// What [`Handle::items_into`] reads.
#[derive(Clone, Copy, PartialEq)]
enum Sequence {
    ExactTuple,
    ExactList,
    TupleSubclass,
    ListSubclass,
}

/// [`Handle::items_into`] of `this`.
pub(super) fn items_into<'ctx>(this: &Handle<'ctx>, out: &mut Vec<Handle<'ctx>>) -> Result<usize> {
    let cx = this.context();
    let ty = this.get_type();
    let sequence = if ty.is(&cx.builtin_type_ref(BuiltinType::TupleType)) {
        Sequence::ExactTuple
    } else if ty.is(&cx.builtin_type_ref(BuiltinType::ListType)) {
        Sequence::ExactList
    } else if this.is_instance_of(BuiltinType::TupleType) {
        Sequence::TupleSubclass
    } else if this.is_instance_of(BuiltinType::ListType) {
        Sequence::ListSubclass
    } else {
        return Err(Error::wrong_type("list or tuple", this));
    };
    let is_list = matches!(sequence, Sequence::ExactList | Sequence::ListSubclass);
    if let Some(storage) = cpython_backend::Sequence::of(this, is_list) {
        return storage.items_into(out);
    }
    let tuple = match sequence {
        Sequence::ExactTuple | Sequence::ExactList => {
            let len = this.len()?;
            if len < SHORT {
                crate::alloc::reserve(out, len)?;
                for i in 0..len {
                    out.push(this.get_item_index(i as isize)?);
                }
                return Ok(len);
            }
            match sequence == Sequence::ExactTuple {
                true => this.clone(),
                false => cx.builtin_type(BuiltinType::TupleType).call((this,))?,
            }
        }
        Sequence::TupleSubclass => {
            let everything = cx
                .builtin_type(BuiltinType::SliceType)
                .call((None::<isize>,))?;
            global(cx, &TUPLE_GETITEM).call((this, everything))?
        }
        Sequence::ListSubclass => {
            let copy = global(cx, &LIST_COPY).call((this,))?;
            cx.builtin_type(BuiltinType::TupleType).call((copy,))?
        }
    };
    read_tuple(&tuple, out)
}

/// [`Handle::dict_items_into`] of `this`, a dict.
pub(super) fn dict_items_into<'ctx>(
    this: &Handle<'ctx>,
    keys: &mut Vec<Handle<'ctx>>,
    values: &mut Vec<Handle<'ctx>>,
) -> Result<usize> {
    let cx = this.context();
    if let Some(api) = cpython_backend::api(cx) {
        return cpython_backend::dict_items_into(api, this, keys, values);
    }
    // A subclass's `__len__` could lie: only an exact dict's size is known.
    let mut len = match this.get_type().is(&global(cx, &DICT_TYPE)) {
        true => Some(this.len()?),
        false => None,
    };
    if let Some(n) = len.filter(|&len| len < SHORT_DICT) {
        // Looking a key up reads the storage when neither the dict nor the key's type can
        // run Python code: an exact dict, exact `str` keys.
        let first = keys.len();
        // SAFETY: `this` is an open dict; the result is a new list of its `n` keys (no
        // Python code runs in between), or NULL with an exception set.
        let list = unsafe { Handle::from_raw_or_err(cx, call!(cx, ctx_Dict_Keys(this.as_raw())))? };
        // An exact list of fewer than `SHORT_DICT` keys: read by index.
        crate::alloc::reserve(keys, n)?;
        for i in 0..n {
            keys.push(list.get_item_index(i as isize)?);
        }
        if keys[first..].iter().all(Handle::is_exact_str) {
            crate::alloc::reserve(values, n)?;
            for key in &keys[first..] {
                values.push(this.get_item(key)?);
            }
            return Ok(n);
        }
        keys.truncate(first);
        // The key list's allocation may have run a collection: the size again, for the
        // copy below to be checked against.
        len = Some(this.len()?);
    }
    // A copy that no Python code holds. CPython unpacks keyword arguments assuming that
    // the dict does not change meanwhile (`_PyStack_UnpackDict`), but on 3.8-3.11 a
    // garbage collection may run finalizers as it allocates the names' tuple; and the
    // copy's keys and values, read one after the other below, match. From 3.12 no
    // collection starts inside these calls: the dict itself.
    let Some(len) = len else {
        return pairs_into(this, keys, values);
    };
    let owned_copy;
    let copy = match crate::convert::collects_between_bytecodes() {
        true => this,
        false => match copy_exact(this, len)? {
            Some(copy) => {
                owned_copy = copy;
                &owned_copy
            }
            None => return pairs_into(this, keys, values),
        },
    };
    if len <= CHUNK {
        let (first_key, first_value) = (keys.len(), values.len());
        let request = Request::new(cx, values);
        // SAFETY: no items: the result is the empty tuple (a new handle) or NULL.
        let no_args = unsafe {
            Handle::from_raw_or_err(cx, call!(cx, ctx_Tuple_FromArray(ptr::null_mut(), 0)))?
        };
        match request.call(&global(cx, &DICT_READER), &no_args, copy.as_raw()) {
            Ok(()) => {
                let names = request.names.get();
                if !names.is_null() {
                    // SAFETY: the reader's new handle to the keys' tuple.
                    unsafe { Handle::from_raw(cx, names) }.items_into(keys)?;
                }
                debug_assert_eq!(keys.len() - first_key, values.len() - first_value);
                return Ok(values.len() - first_value);
            }
            // A key that is no string ("keywords must be strings").
            Err(e) if e.matches(cx, TypeError) => e.clear(cx),
            Err(e) => return Err(e),
        }
    }
    // `dict.keys` and `dict.values` of the copy's storage, one after the other.
    let n = copy.dict_keys()?.items_into(keys)?;
    let view = global(cx, &DICT_VALUES).call((copy,))?;
    cx.builtin_type(BuiltinType::ListType)
        .call((view,))?
        .items_into(values)?;
    Ok(n)
}

/// A copy of the exact dict `dict` (`HPyDict_Copy`: `PyDict_Copy`, which clones its storage), or `None` if
/// `dict` changed size while it was copied.
///
/// `PyDict_Copy` clones the entries, then allocates the new dict, which may start a garbage
/// collection whose finalizers change `dict`, and only then reads `dict`'s size for the
/// copy's: if it changed, the copy's size does not match its entries (and reading its keys
/// then overflows a list: CPython 3.8-3.11). Dropping such a copy is harmless (deallocation
/// walks the entries).
fn copy_exact<'ctx>(dict: &Handle<'ctx>, len: usize) -> Result<Option<Handle<'ctx>>> {
    let cx = dict.context();
    // `len` was read just before: nothing in between allocates a tracked object.
    // SAFETY: `dict` is an open dict; the result is a new handle or NULL with an exception.
    let copy = unsafe { Handle::from_raw_or_err(cx, call!(cx, ctx_Dict_Copy(dict.as_raw())))? };
    Ok((copy.len()? == len).then_some(copy))
}

/// Appends the keys and the values of the dict `dict` (a subclass) to `keys` and `values`, read
/// from its storage as `(key, value)` pairs (`list(dict.items(dict))`): reading its keys and
/// its values one after the other could see two states of it, since a garbage collection
/// may run finalizers in between.
fn pairs_into<'ctx>(
    dict: &Handle<'ctx>,
    keys: &mut Vec<Handle<'ctx>>,
    values: &mut Vec<Handle<'ctx>>,
) -> Result<usize> {
    let cx = dict.context();
    let view = global(cx, &DICT_ITEMS).call((dict,))?;
    let mut pairs = Vec::new();
    let n = cx
        .builtin_type(BuiltinType::ListType)
        .call((view,))?
        .items_into(&mut pairs)?;
    crate::alloc::reserve(keys, n)?;
    crate::alloc::reserve(values, n)?;
    for pair in &pairs {
        // An exact tuple of two.
        keys.push(pair.get_item_index(0)?);
        values.push(pair.get_item_index(1)?);
    }
    Ok(n)
}

/// Appends the items of the exact tuple `tuple` to `out`, [`CHUNK`] at a time.
fn read_tuple<'ctx>(tuple: &Handle<'ctx>, out: &mut Vec<Handle<'ctx>>) -> Result<usize> {
    let cx = tuple.context();
    let reader = global(cx, &READER);
    let len = tuple.len()?;
    let mut start = 0;
    while start < len {
        let end = len.min(start + CHUNK);
        let request = Request::new(cx, out);
        match (start, end) == (0, len) {
            true => request.call(&reader, tuple, ffi::HPy_NULL)?,
            false => {
                let slice = cx.builtin_type(BuiltinType::SliceType).call((start, end))?;
                request.call(&reader, &tuple.get_item(slice)?, ffi::HPy_NULL)?;
            }
        }
        start = end;
    }
    Ok(len)
}

/// A global this module stored when the module executed.
fn global<'ctx>(cx: Context<'ctx>, global: &'static Global) -> Handle<'ctx> {
    global
        .load(cx)
        .expect("hpy-rs: stored when the module executed")
}
