//! Binding keyword arguments to parameters by name.
//!
//! A keyword name is normally read as UTF-8 (`HPyUnicode_AsUTF8AndSize`, a pointer into the
//! `str`) and compared with the parameter names. HPy's debug mode makes that read expensive:
//! it copies the text into freshly mapped pages and write-protects them when the name's handle
//! closes (to catch uses of a dangling pointer): four system calls, some 15 µs per keyword on
//! our machines. In the debug context, names are therefore matched by their hash (which a
//! `str` caches) against the parameters' hashes, computed once per process, and a hash match
//! is confirmed code point by code point (`HPy_Length`, `HPyUnicode_ReadChar`): exact too, but
//! slower than a string compare in universal mode. Both matchers run under the whole test
//! suite, which runs in both modes. (A `str` subclass whose `__hash__` disagrees with its
//! text binds in universal mode only.)

use core::sync::atomic::{AtomicBool, AtomicIsize, Ordering};

use super::{Args, Binding, Parameters, memo};
use crate::context::call;
use crate::exceptions::TypeError;
use crate::keyword_name::str_equals;
use crate::{BuiltinType, Context, Error, Handle, Result};

/// The hashes of a parameter table's names, computed on its first keyword call (string
/// hashes are fixed for the life of the process).
pub struct KeywordHashes<const N: usize> {
    ready: AtomicBool,
    hashes: [AtomicIsize; N],
}

impl<const N: usize> KeywordHashes<N> {
    /// Not yet computed.
    pub const fn new() -> Self {
        KeywordHashes {
            ready: AtomicBool::new(false),
            hashes: [const { AtomicIsize::new(0) }; N],
        }
    }

    /// `hash(name)` for every parameter name.
    fn get(&self, cx: Context<'_>, params: &[&'static str; N]) -> Result<&[AtomicIsize; N]> {
        if !self.ready.load(Ordering::Acquire) {
            for (slot, param) in self.hashes.iter().zip(params) {
                slot.store(cx.to_py(*param)?.hash()?, Ordering::Relaxed);
            }
            self.ready.store(true, Ordering::Release);
        }
        Ok(&self.hashes)
    }
}

impl<const N: usize> Default for KeywordHashes<N> {
    fn default() -> Self {
        Self::new()
    }
}

/// What a keyword name is to a parameter table.
enum Keyword {
    /// The name of parameter `i`.
    Parameter(usize),
    /// A `str` that names no parameter.
    Other,
    /// Not a `str` (only possible in a `dict` passed from C).
    NotStr,
}

impl<const N: usize> Parameters<N> {
    /// What keyword `name` binds to (positional-only parameters cannot be).
    #[inline]
    fn keyword(&self, name: &Handle<'_>) -> Result<Keyword> {
        let cx = name.context();
        if cx.is_debug_mode() {
            return self.keyword_by_hash(name);
        }
        let text: &str = match name.extract() {
            Ok(text) => text,
            Err(e) => {
                // Not a `str`, or one with lone surrogates (which no parameter has).
                e.clear(cx);
                return Ok(match name.is_instance_of(BuiltinType::UnicodeType) {
                    true => Keyword::Other,
                    false => Keyword::NotStr,
                });
            }
        };
        for i in self.positional_only..N {
            let param = self.params[i];
            if param == text {
                return Ok(Keyword::Parameter(i));
            }
        }
        Ok(Keyword::Other)
    }

    /// [`Parameters::keyword`] without reading the name's text.
    #[inline(never)]
    fn keyword_by_hash(&self, name: &Handle<'_>) -> Result<Keyword> {
        // A name that is not a `str` is refused before anything else reads it (hashing an
        // unhashable one would raise another error than CPython's).
        if !name.is_instance_of(BuiltinType::UnicodeType) {
            return Ok(Keyword::NotStr);
        }
        let hashes = self.keyword_hashes.get(name.context(), &self.params)?;
        // A `str` subclass may define its own `__hash__`: its hash says nothing, so every
        // candidate is compared by code points.
        let hash = match name.is_exact_str() {
            true => Some(name.hash()?),
            false => None,
        };
        let candidates = hashes.iter().zip(self.params).enumerate();
        for (i, (param_hash, param)) in candidates.skip(self.positional_only) {
            let may_match = hash.is_none_or(|h| param_hash.load(Ordering::Relaxed) == h);
            if may_match && str_equals(name, param)? {
                return Ok(Keyword::Parameter(i));
            }
        }
        Ok(Keyword::Other)
    }

    /// Whether every keyword argument goes to `**kwargs`: there is one, and no named
    /// parameter can take a keyword (all are positional-only).
    #[inline(always)]
    pub(crate) fn keywords_all_to_varkw(&self) -> bool {
        self.varkw && self.positional_only == N
    }

    /// Binds the keyword arguments as the remembered call did, if this call has its names
    /// (see [`KeywordMemo`](super::KeywordMemo)); whether it did. The remembered call bound
    /// completely, with as many positional arguments: so does this one.
    #[inline(always)]
    pub(super) fn bind_remembered<'ctx>(
        &self,
        args: &Args<'_, 'ctx>,
        kwnames: &Handle<'ctx>,
        binding: &mut Binding<'ctx, N>,
    ) -> bool {
        if !args.callers_names() {
            return false;
        }
        let Some(len) = self.keyword_memo.recall(kwnames, args.nargs()) else {
            return false;
        };
        // SAFETY: the same tuple as in the remembered call, so as many names.
        let values = unsafe { args.keyword_values_counted(len) };
        for (position, &value) in values.iter().enumerate() {
            binding.slots[self.keyword_memo.param(position)] = Some(args.lend_raw(value));
        }
        true
    }

    /// Binds the keyword arguments of a vectorcall (`kwnames` names them) to their
    /// parameters, or to `**kwargs`; where each went, when the call may be remembered (if it
    /// binds completely: see [`Parameters::remember`]).
    #[inline(never)]
    pub(super) fn bind_keywords<'ctx>(
        &self,
        args: &Args<'_, 'ctx>,
        kwnames: &Handle<'ctx>,
        binding: &mut Binding<'ctx, N>,
    ) -> Result<Option<Remembered>> {
        if self.keywords_all_to_varkw() {
            // Names unread.
            binding.varkw.all = true;
            return Ok(None);
        }
        let values = args.keyword_values()?;
        // Where each keyword went, to remember if all went to parameters.
        let mut params = [0u8; memo::CAPACITY];
        let mut memorable = args.callers_names() && values.len() <= memo::CAPACITY;
        for (j, &value) in values.iter().enumerate() {
            let name = args.keyword_name(kwnames, j)?;
            match self.keyword(&name)? {
                Keyword::Parameter(i) if binding.slots[i].is_some() => {
                    return Err(TypeError::new_err(format!(
                        "{}() got multiple values for argument '{}'",
                        self.name(),
                        self.params[i]
                    )));
                }
                Keyword::Parameter(i) => {
                    binding.slots[i] = Some(args.lend_raw(value));
                    match (params.get_mut(j), u8::try_from(i)) {
                        (Some(param), Ok(i)) => *param = i,
                        _ => memorable = false,
                    }
                }
                Keyword::Other if self.varkw => {
                    memorable = false;
                    (binding.varkw.named.get_mut().get_or_insert_default()).push((j, name));
                }
                Keyword::Other => return Err(self.unexpected_keyword(kwnames, &name)),
                Keyword::NotStr => {
                    return Err(TypeError::new_err(format!(
                        "{}() keywords must be strings",
                        self.name()
                    )));
                }
            }
        }
        Ok(memorable.then_some(Remembered {
            params,
            len: values.len(),
        }))
    }

    /// Remembers how the keywords of a call that bound completely went
    /// (see [`KeywordMemo`](super::KeywordMemo)).
    pub(super) fn remember(&self, args: &Args<'_, '_>, kwnames: &Handle<'_>, keywords: Remembered) {
        let params = &keywords.params[..keywords.len];
        (self.keyword_memo).remember(kwnames, args.nargs(), params);
    }

    /// The error for a `str` keyword name no parameter takes: "got an unexpected keyword
    /// argument", or CPython's more precise message when positional-only
    /// parameters were passed by keyword.
    #[cold]
    fn unexpected_keyword(&self, kwnames: &Handle<'_>, name: &Handle<'_>) -> Error {
        let cx = name.context();
        let f = self.name();
        let text = match name.extract::<String>() {
            Ok(text) => text,
            Err(e) => {
                // A `str` with lone surrogates: no parameter has that name.
                e.clear(cx);
                return unexpected_keyword_object(&f, name);
            }
        };
        // Only for the message: a name that cannot be read (a lone surrogate) is skipped,
        // its error cleared (a dropped, already-set error would leave it set).
        let n = kwnames.len().unwrap_or_else(|e| {
            e.clear(cx);
            0
        });
        let mut given = Vec::new();
        for j in 0..n {
            let name = kwnames
                .get_item_index(j as isize)
                .and_then(|kw| kw.extract::<String>());
            match name {
                Ok(kw) => given.push(kw),
                Err(e) => e.clear(cx),
            }
        }
        // In parameter order, as CPython lists them.
        let conflicts: Vec<&str> = self.params[..self.positional_only]
            .iter()
            .copied()
            .filter(|p| given.iter().any(|g| g == p))
            .collect();
        if !conflicts.is_empty() {
            return TypeError::new_err(format!(
                "{f}() got some positional-only arguments passed as keyword arguments: '{}'",
                conflicts.join(", ")
            ));
        }
        TypeError::new_err(format!("{f}() got an unexpected keyword argument '{text}'"))
    }
}

/// "got an unexpected keyword argument" for a name that is not valid UTF-8, so the message is
/// assembled from Python strings (as CPython's `%S`).
#[cold]
fn unexpected_keyword_object(function: &str, name: &Handle<'_>) -> Error {
    let cx = name.context();
    let prefix = format!("{function}() got an unexpected keyword argument '");
    let message = match cx
        .to_py(prefix)
        .and_then(|m| m.add(name))
        .and_then(|m| m.add("'"))
    {
        Ok(message) => message,
        Err(e) => return e,
    };
    // SAFETY: `message` is open; `h_TypeError` is a constant type handle; nothing is stolen.
    unsafe {
        call!(
            cx,
            ctx_Err_SetObject(cx.table().h_TypeError, message.as_raw())
        )
    };
    Error::set()
}

/// Where the keywords of a call went, to remember once the call bound completely.
pub(super) struct Remembered {
    /// The parameter of each keyword, in the order of the names.
    params: [u8; memo::CAPACITY],
    /// How many keywords.
    len: usize,
}
