//! Argument binding for METH_FASTCALL functions, with CPython's error messages.
//!
//! The generated code declares a static [`Parameters`], calls [`Parameters::bind`] and then
//! converts each bound argument with straight-line [`extract`] calls (defaults are evaluated
//! inline, only when the argument is absent). Binding follows CPython's own algorithm for
//! Python functions (`initialize_locals` in `ceval.c`) step by step, so that each mistake is
//! reported first, and worded, exactly as for the same signature written as a `def`.

mod keywords;
mod memo;
#[cfg(test)]
mod tests;

use core::cell::Cell;

use crate::context::call;
use crate::exceptions::TypeError;
use crate::handle::Lent;
use crate::varargs::{FromVarargs, VarArgs};
use crate::varkwargs::{FromKwargs, NamesRead, VarKwargs};
use crate::{BuiltinType, Context, Error, FromPy, Handle, Result, ffi};

pub use keywords::KeywordHashes;
pub use memo::{KeywordMemo, NO_KEYWORD_MEMO};

/// The shape of a function's parameter list with `N` named parameters.
pub struct Parameters<const N: usize> {
    /// The function's name (`"add"`, `"norm"`).
    pub function: &'static str,
    /// For a method, the Python name of its type (`"Point"`), which messages put in front of
    /// the function's; else `""`.
    pub owner: &'static str,
    /// Every named parameter: the positional ones (positional-only first), then keyword-only.
    pub params: [&'static str; N],
    /// How many of `params` are positional (positional-only included).
    pub positional: usize,
    /// How many of `params` are positional-only.
    pub positional_only: usize,
    /// Whether each parameter must be given (has no default).
    pub required: [bool; N],
    /// Whether there is a `*args` parameter.
    pub varargs: bool,
    /// Whether there is a `**kwargs` parameter.
    pub varkw: bool,
    /// Arguments passed implicitly before the named ones (1 for a method's `self`), which
    /// CPython's messages count for a `def` in a class; -1 for a static method, whose first
    /// named parameter is the class it is bound to, which they do not count.
    pub implicit: isize,
    /// The hashes of `params`, which keyword names are matched by in debug mode: in a static
    /// of its own (it is filled at run time), so that the table is immutable and the
    /// compiler folds its fields into the inlined binding code.
    pub keyword_hashes: &'static KeywordHashes<N>,
    /// How a remembered keyword call bound its keywords (see [`KeywordMemo`]).
    pub keyword_memo: &'static KeywordMemo,
}

/// The arguments of a call: positional handles, then keyword values named by `kwnames`.
pub struct Args<'a, 'ctx> {
    cx: Context<'ctx>,
    /// The positional arguments.
    args: &'a [ffi::HPy],
    /// Where the keyword values start: one per name in `kwnames`, counted only when needed
    /// (a call whose keywords all go to an unread `**kwargs` never counts them).
    keyword_values: *const ffi::HPy,
    kwnames: Option<Lent<'ctx>>,
    /// The names of `kwnames` as raw handles, when they were built from a keyword dict (so
    /// that binding need not read them back out of the tuple).
    dict_names: Option<&'a [ffi::HPy]>,
    /// In the CPython ABI, the keyword dict of a `METH_VARARGS | METH_KEYWORDS` call whose
    /// keywords all go to `**kwargs` (never empty; `kwnames` is then `None`).
    #[cfg(feature = "abi-cpython")]
    kw_dict: Option<Lent<'ctx>>,
}

/// What the arguments of a call with a keyword `dict` ([`Args::add_dict`]) are rebuilt into,
/// in one allocation: the vectorcall argument vector (the positional arguments, lent, then
/// one value per keyword), the keyword names, then the tuple of them; it closes the handles
/// it owns (all but the positional ones) when dropped.
pub struct DictArgs<'ctx> {
    cx: Context<'ctx>,
    raw: Vec<ffi::HPy>,
    /// Where the owned handles start in `raw`.
    owned_from: usize,
}

impl Drop for DictArgs<'_> {
    fn drop(&mut self) {
        for &raw in &self.raw[self.owned_from..] {
            if !raw.is_null() {
                // SAFETY: every non-null handle past `owned_from` is a new handle this
                // `DictArgs` owns, and nothing uses it after the arguments are dropped.
                drop(unsafe { Handle::from_raw(self.cx, raw) });
            }
        }
    }
}

impl<'a, 'ctx> Args<'a, 'ctx> {
    /// Wraps the runtime's vectorcall argument vector.
    ///
    /// # Safety
    /// `args` must hold `nargs` positional handles followed by one value per name in
    /// `kwnames` (a tuple of `str`, or `HPy_NULL`), all lent for the whole call.
    #[inline(always)]
    pub(super) unsafe fn new(
        cx: Context<'ctx>,
        args: *const ffi::HPy,
        nargs: usize,
        kwnames: ffi::HPy,
    ) -> Self {
        if kwnames.is_null() {
            // SAFETY: the caller's contract.
            return unsafe { Self::positional(cx, args, nargs) };
        }
        Args {
            cx,
            // SAFETY: the runtime passes `nargs` positional handles first at `args`.
            args: unsafe { raw_slice(args, nargs) },
            // SAFETY: the keyword values follow (at most one past the end if there are none).
            keyword_values: unsafe { args.add(nargs) },
            // SAFETY: `kwnames` is lent for the call.
            kwnames: Some(unsafe { Handle::lend(cx, kwnames) }),
            dict_names: None,
            #[cfg(feature = "abi-cpython")]
            kw_dict: None,
        }
    }

    /// Wraps a METH_FASTCALL argument vector (positional arguments only).
    ///
    /// # Safety
    /// `args` must hold `nargs` handles lent for the whole call.
    #[inline(always)]
    pub(super) unsafe fn positional(
        cx: Context<'ctx>,
        args: *const ffi::HPy,
        nargs: usize,
    ) -> Self {
        Args {
            cx,
            // SAFETY: the caller's contract.
            args: unsafe { raw_slice(args, nargs) },
            keyword_values: core::ptr::null(),
            kwnames: None,
            dict_names: None,
            #[cfg(feature = "abi-cpython")]
            kw_dict: None,
        }
    }

    /// The arguments of a `tp_new`/`tp_init` call: `nargs` positional ones, and the items of
    /// the keyword dict `kw` (unless it is `HPy_NULL`), added in `storage`.
    ///
    /// # Safety
    /// `args` must hold `nargs` handles and `kw` be a dict or `HPy_NULL`, all lent for the
    /// whole call.
    #[inline(always)]
    pub(super) unsafe fn with_dict(
        cx: Context<'ctx>,
        args: *const ffi::HPy,
        nargs: usize,
        kw: ffi::HPy,
        storage: &'a mut Option<DictArgs<'ctx>>,
    ) -> Result<Self> {
        // SAFETY: the caller's contract.
        let mut this = unsafe { Self::positional(cx, args, nargs) };
        if !kw.is_null() {
            // SAFETY: the caller's contract.
            unsafe { this.add_dict(kw, storage)? };
        }
        Ok(this)
    }

    /// The arguments of a `METH_VARARGS | METH_KEYWORDS` call (the CPython ABI; see
    /// `Def::taking_keyword_dict`): `nargs` positional ones (the items of CPython's tuple)
    /// and the keyword dict `kw` (or `HPy_NULL`). When every keyword goes to `**kwargs`
    /// (`all_to_varkw`) the dict is lent to the `**kwargs` view as it is, once its keys are
    /// checked to be `str` (a copy of it, in `storage`, if it is not the call's own);
    /// otherwise its items become vectorcall keywords in `storage`, as for `tp_new`.
    ///
    /// # Safety
    /// As for [`Args::with_dict`].
    #[cfg(feature = "abi-cpython")]
    #[inline(always)]
    pub(super) unsafe fn with_keyword_dict(
        cx: Context<'ctx>,
        args: *const ffi::HPy,
        nargs: usize,
        kw: ffi::HPy,
        all_to_varkw: bool,
        storage: &'a mut Option<DictArgs<'ctx>>,
    ) -> Result<Self> {
        if !all_to_varkw {
            // SAFETY: the caller's contract.
            return unsafe { Self::with_dict(cx, args, nargs, kw, storage) };
        }
        // SAFETY: the caller's contract.
        let mut this = unsafe { Self::positional(cx, args, nargs) };
        if kw.is_null() {
            return Ok(this);
        }
        // SAFETY: `kw` is a dict lent for the call (the caller's contract).
        let mut dict = unsafe { Handle::lend(cx, kw) };
        if crate::keyword_dict::check_names(&dict)? == 0 {
            return Ok(this);
        }
        if !crate::keyword_dict::is_private(&dict) {
            // The caller's dict, which the function could change: `**kwargs` views a copy,
            // kept open by `storage` for as long as the arguments live.
            let copy = crate::keyword_dict::copy(&dict)?;
            // SAFETY: kept open by `storage` (below), which outlives the arguments.
            dict = unsafe { Handle::lend(cx, copy.as_raw()) };
            *storage = Some(DictArgs {
                cx,
                raw: vec![copy.into_raw()],
                owned_from: 0,
            });
        }
        this.kw_dict = Some(dict);
        Ok(this)
    }

    /// How many positional arguments.
    #[inline(always)]
    fn nargs(&self) -> usize {
        self.args.len()
    }

    /// Whether the call has keyword arguments (names, or a keyword dict).
    #[inline(always)]
    fn has_keywords(&self) -> bool {
        #[cfg(feature = "abi-cpython")]
        if self.kw_dict.is_some() {
            return true;
        }
        self.kwnames.is_some()
    }

    /// Adds the keyword `dict` of `tp_new`/`tp_init` to positional arguments: its items become
    /// vectorcall keywords, in `storage`.
    ///
    /// # Safety
    /// `kw` must be a `dict` lent for the call.
    #[inline(never)]
    unsafe fn add_dict(
        &mut self,
        kw: ffi::HPy,
        storage: &'a mut Option<DictArgs<'ctx>>,
    ) -> Result<()> {
        let cx = self.cx;
        // SAFETY: `kw` is a dict lent for the call (the caller's contract).
        let kw = unsafe { Handle::lend(cx, kw) };
        if kw.is_empty()? {
            return Ok(());
        }
        // SAFETY: `kw` is an open dict; the result is a new list of its keys, or NULL.
        let keys = unsafe { Handle::from_raw_or_err(cx, call!(cx, ctx_Dict_Keys(kw.as_raw())))? };
        let nkw = keys.len()?;
        let nargs = self.nargs();
        let (names_at, tuple_at) = (nargs + nkw, nargs + 2 * nkw);
        let DictArgs { raw, .. } = storage.insert(DictArgs {
            cx,
            raw: Vec::with_capacity(tuple_at + 1),
            owned_from: nargs,
        });
        raw.extend_from_slice(self.args);
        raw.resize(tuple_at + 1, ffi::HPy_NULL);
        for i in 0..nkw {
            let name = keys.get_item_index(i as isize)?;
            if !name.is_instance_of(BuiltinType::UnicodeType) {
                // As CPython's `_PyStack_UnpackDict`, which every other call goes through.
                return Err(TypeError::new_err("keywords must be strings"));
            }
            let value = kw.get_item(&name)?;
            raw[nargs + i] = value.into_raw();
            raw[names_at + i] = name.into_raw();
        }
        let kwnames = crate::convert::new_tuple(cx, &raw[names_at..tuple_at])?;
        // SAFETY: `kwnames` is kept open by `storage` for as long as the arguments live.
        let lent = unsafe { Handle::lend(cx, kwnames.as_raw()) };
        raw[tuple_at] = kwnames.into_raw();
        let (vector, names) = raw.split_at(names_at);
        self.args = &vector[..nargs];
        self.keyword_values = vector[nargs..].as_ptr();
        self.kwnames = Some(lent);
        self.dict_names = Some(&names[..nkw]);
        Ok(())
    }

    /// An empty `*args` view, for [`Args::lend_varargs`] to fill in place (a view has room
    /// for 8 handles inline: returning a filled one would copy it).
    #[inline(always)]
    pub fn varargs_view(&self) -> VarArgs<'ctx> {
        VarArgs::new(self.cx)
    }

    /// Lends the `*args` of a call `binding` binds to `view`.
    #[inline(always)]
    pub fn lend_varargs<const N: usize>(
        &self,
        binding: &Binding<'ctx, N>,
        view: &mut VarArgs<'ctx>,
    ) {
        // SAFETY: the argument vector is lent for the whole call (or kept by the `DictArgs`
        // it was built in, which outlives the body the view lives in).
        unsafe { view.lend(&self.args[binding.varargs.clone()]) };
    }

    /// An empty `**kwargs` view, for [`Args::lend_varkw`] to fill in place.
    #[inline(always)]
    pub fn varkw_view(&self) -> VarKwargs<'ctx> {
        // SAFETY: `kwnames` is lent for the call (or kept open by the `DictArgs` it was built
        // in).
        let kwnames = (self.kwnames.as_ref()).map(|k| unsafe { Handle::lend(self.cx, k.as_raw()) });
        VarKwargs::new(self.cx, kwnames)
    }

    /// Lends the `**kwargs` of a call `binding` binds to `view` (names are read on demand).
    #[inline(always)]
    pub fn lend_varkw<const N: usize>(
        &self,
        binding: &Binding<'ctx, N>,
        view: &mut VarKwargs<'ctx>,
    ) {
        #[cfg(feature = "abi-cpython")]
        if let Some(dict) = &self.kw_dict {
            // SAFETY: the keyword dict is lent for the whole call.
            view.lend_dict(unsafe { Handle::lend(self.cx, dict.as_raw()) });
            return;
        }
        let named = binding.varkw.named.take().map(|b| *b);
        // SAFETY: the argument vector is lent for the whole call (or kept by the `DictArgs`
        // it was built in, which outlives the body the view lives in); its keyword values
        // follow the positional arguments.
        unsafe { view.lend(self.keyword_values, binding.varkw.all, named) };
    }

    /// The keyword values, one per name (this counts the names).
    fn keyword_values(&self) -> Result<&'a [ffi::HPy]> {
        let Some(kwnames) = &self.kwnames else {
            return Ok(&[]);
        };
        let len = match self.dict_names {
            Some(names) => names.len(),
            None => kwnames.len()?,
        };
        // SAFETY: the call has one value per keyword name.
        Ok(unsafe { self.keyword_values_counted(len) })
    }

    /// The keyword values, given their number.
    ///
    /// # Safety
    /// `len` must be the number of keyword names.
    unsafe fn keyword_values_counted(&self, len: usize) -> &'a [ffi::HPy] {
        // SAFETY: the call has one keyword value per name at `keyword_values` (`len` of them:
        // the caller's contract), lent for the whole call (or kept by the `DictArgs` they
        // were put in).
        unsafe { raw_slice(self.keyword_values, len) }
    }

    /// Whether the keyword names are the caller's tuple (a call site's constant, worth
    /// remembering), not one built for this call from a keyword dict.
    fn callers_names(&self) -> bool {
        self.kwnames.is_some() && self.dict_names.is_none()
    }

    /// The name of keyword `j` (of `kwnames`, the call's keyword names).
    fn keyword_name(&self, kwnames: &Handle<'ctx>, j: usize) -> Result<Handle<'ctx>> {
        match self.dict_names {
            Some(names) => Ok((*self.lend_raw(names[j])).clone()),
            None => kwnames.get_item_index(j as isize),
        }
    }

    /// The positional argument `i`.
    fn lend(&self, i: usize) -> Lent<'ctx> {
        self.lend_raw(self.args[i])
    }

    /// A handle of the argument vector.
    fn lend_raw(&self, raw: ffi::HPy) -> Lent<'ctx> {
        // SAFETY: every handle of the argument vector is lent for the whole call (or kept
        // open by the `DictArgs` it was built in).
        unsafe { Handle::lend(self.cx, raw) }
    }
}

/// `len` handles at `ptr` (which may be dangling when `len` is 0).
///
/// # Safety
/// `ptr` must point to `len` handles that stay valid for `'a`.
unsafe fn raw_slice<'a>(ptr: *const ffi::HPy, len: usize) -> &'a [ffi::HPy] {
    if len == 0 {
        &[]
    } else {
        // SAFETY: the caller's contract.
        unsafe { core::slice::from_raw_parts(ptr, len) }
    }
}

/// The arguments after binding, ready for conversion.
pub struct Binding<'ctx, const N: usize> {
    slots: [Option<Lent<'ctx>>; N],
    /// Where the positional arguments beyond the named ones (`*args`) are in the call's
    /// arguments; [`Args::lend_varargs`] lends them.
    varargs: core::ops::Range<usize>,
    /// The keyword arguments no parameter took (`**kwargs`); [`Args::lend_varkw`] lends them.
    varkw: LeftOver<'ctx>,
}

/// The keyword arguments binding left for `**kwargs`.
#[derive(Default)]
struct LeftOver<'ctx> {
    /// All of them: no parameter can take a keyword, so their names were never read.
    all: bool,
    /// Those whose names binding had to read: position in the keyword names, and the name
    /// (handed over to the [`VarKwargs`] view). Boxed, and only when binding read a name, so
    /// that a binding without keywords stays small and drops with one check.
    named: Cell<Option<Box<NamesRead<'ctx>>>>,
}

impl<'ctx, const N: usize> Binding<'ctx, N> {
    /// No argument bound yet, for [`Parameters::bind`] to fill in place.
    #[inline(always)]
    pub fn new() -> Self {
        Binding {
            slots: [const { None }; N],
            varargs: 0..0,
            varkw: LeftOver::default(),
        }
    }
}

impl<const N: usize> Default for Binding<'_, N> {
    #[inline(always)]
    fn default() -> Self {
        Self::new()
    }
}

impl<'ctx> Binding<'ctx, 1> {
    /// The binding of a METH_O function's single argument.
    ///
    /// # Safety
    /// `arg` must be lent for the whole call (the binding outlives the borrow).
    #[inline(always)]
    pub unsafe fn single(arg: &Handle<'ctx>) -> Self {
        Binding {
            // SAFETY: `arg` is lent for the whole call (the caller's contract).
            slots: [Some(unsafe { Handle::lend(arg.context(), arg.as_raw()) })],
            varargs: 0..0,
            varkw: LeftOver::default(),
        }
    }
}

impl<'ctx, const N: usize> Binding<'ctx, N> {
    /// The argument bound to parameter `i`, if one was given.
    #[inline(always)]
    pub fn get(&self, i: usize) -> Option<&Handle<'ctx>> {
        self.slots[i].as_deref()
    }

    /// The argument bound to a required parameter (binding guarantees it is there).
    #[inline(always)]
    pub fn required(&self, i: usize) -> &Handle<'ctx> {
        self.get(i).expect("binding checked required arguments")
    }
}

/// Converts the argument bound to parameter `index`, naming the parameter in a type error.
#[inline(always)]
pub fn extract<'a, 'ctx, T: FromPy<'a, 'ctx>, const N: usize>(
    obj: &'a Handle<'ctx>,
    parameters: &Parameters<N>,
    index: usize,
) -> Result<T> {
    T::from_py(obj).map_err(|e| e.for_argument(&parameters.name(), parameters.params[index]))
}

/// Converts the `**kwargs` of the parameter `name` (see [`FromKwargs`]).
pub fn extract_varkw<'a, 'ctx, T: FromKwargs<'a, 'ctx>, const N: usize>(
    kwargs: &'a VarKwargs<'ctx>,
    parameters: &Parameters<N>,
    name: &str,
) -> Result<T> {
    T::from_kwargs(kwargs).map_err(|e| e.for_argument(&parameters.name(), name))
}

/// Converts the `*args` (see [`FromVarargs`]).
#[inline(always)]
pub fn extract_varargs<'a, 'ctx, T: FromVarargs<'a, 'ctx>, const N: usize>(
    values: &'a VarArgs<'ctx>,
    parameters: &Parameters<N>,
    name: &str,
) -> Result<T> {
    T::from_varargs(values).map_err(|e| e.for_argument(&parameters.name(), name))
}

impl<const N: usize> Parameters<N> {
    /// The name messages use: `add()`, `Point.norm()`.
    pub fn name(&self) -> std::borrow::Cow<'static, str> {
        if self.owner.is_empty() {
            self.function.into()
        } else {
            format!("{}.{}", self.owner, self.function).into()
        }
    }

    /// Binds the call's arguments to the parameters, as CPython binds those of a `def`,
    /// filling `binding` (which is [`Binding::new`]) in place.
    #[inline(always)]
    pub fn bind<'ctx>(&self, args: &Args<'_, 'ctx>, binding: &mut Binding<'ctx, N>) -> Result<()> {
        let nargs = args.nargs();
        // The common call — positional arguments only (surplus ones going to `*args`), or
        // keywords too when no parameter can take one (all go to `**kwargs`, names unread),
        // none missing — binds inline (the table is a constant, so this folds to a few
        // comparisons); every other call takes the general path.
        let filled = nargs.min(self.positional);
        let simple = (!args.has_keywords() || self.keywords_all_to_varkw())
            && (nargs <= self.positional || self.varargs)
            && !self.required[filled..].contains(&true);
        if !simple {
            return self.bind_general(args, binding);
        }
        for (i, slot) in binding.slots[..filled].iter_mut().enumerate() {
            *slot = Some(args.lend(i));
        }
        binding.varargs = filled..nargs;
        binding.varkw.all = args.has_keywords();
        Ok(())
    }

    /// [`Parameters::bind`] for any call: keywords, `*args`, missing or surplus arguments.
    #[inline(never)]
    fn bind_general<'ctx>(
        &self,
        args: &Args<'_, 'ctx>,
        binding: &mut Binding<'ctx, N>,
    ) -> Result<()> {
        let nargs = args.nargs();
        let filled = nargs.min(self.positional);
        for (i, slot) in binding.slots[..filled].iter_mut().enumerate() {
            *slot = Some(args.lend(i));
        }
        if self.varargs && nargs > self.positional {
            binding.varargs = self.positional..nargs;
        }
        let mut remembered = None;
        if let Some(kwnames) = &args.kwnames {
            if self.bind_remembered(args, kwnames, binding) {
                // The remembered call bound completely: no check can fail.
                return Ok(());
            }
            remembered = self
                .bind_keywords(args, kwnames, binding)?
                .map(|keywords| (kwnames, keywords));
        }
        if nargs > self.positional && !self.varargs {
            return Err(self
                .too_many_positional(nargs.saturating_add_signed(self.implicit), &binding.slots));
        }
        let missing_positional = (nargs..self.positional)
            .filter(|&i| self.required[i] && binding.slots[i].is_none())
            .count();
        if missing_positional > 0 {
            return Err(self.missing(0..self.positional, "positional", &binding.slots));
        }
        let missing_kwonly =
            (self.positional..N).any(|i| self.required[i] && binding.slots[i].is_none());
        if missing_kwonly {
            return Err(self.missing(self.positional..N, "keyword-only", &binding.slots));
        }
        if let Some((kwnames, keywords)) = remembered {
            self.remember(args, kwnames, keywords);
        }
        Ok(())
    }

    /// CPython's `too_many_positional`.
    #[cold]
    fn too_many_positional(&self, given: usize, slots: &[Option<Lent<'_>>]) -> Error {
        let f = self.name();
        let npos = self.positional;
        let kwonly_given = slots[npos..].iter().filter(|s| s.is_some()).count();
        let defaults = (0..npos).filter(|&i| !self.required[i]).count();
        let npos = npos.saturating_add_signed(self.implicit);
        let (sig, plural) = if defaults > 0 {
            (format!("from {} to {npos}", npos - defaults), true)
        } else {
            (npos.to_string(), npos != 1)
        };
        let kwonly = if kwonly_given > 0 {
            format!(
                " positional argument{} (and {kwonly_given} keyword-only argument{})",
                if given != 1 { "s" } else { "" },
                if kwonly_given != 1 { "s" } else { "" },
            )
        } else {
            String::new()
        };
        TypeError::new_err(format!(
            "{f}() takes {sig} positional argument{} but {given}{kwonly} {} given",
            if plural { "s" } else { "" },
            if given == 1 && kwonly_given == 0 {
                "was"
            } else {
                "were"
            },
        ))
    }

    /// CPython's `missing_arguments` / `format_missing`.
    #[cold]
    fn missing(
        &self,
        range: core::ops::Range<usize>,
        kind: &str,
        slots: &[Option<Lent<'_>>],
    ) -> Error {
        let f = self.name();
        let names: Vec<String> = range
            .filter(|&i| self.required[i] && slots[i].is_none())
            .map(|i| format!("'{}'", self.params[i]))
            .collect();
        let list = match names.as_slice() {
            [one] => one.clone(),
            [a, b] => format!("{a} and {b}"),
            [init @ .., a, b] => format!("{}, {a}, and {b}", init.join(", ")),
            [] => unreachable!("called with at least one missing argument"),
        };
        TypeError::new_err(format!(
            "{f}() missing {} required {kind} argument{}: {list}",
            names.len(),
            if names.len() == 1 { "" } else { "s" },
        ))
    }
}
