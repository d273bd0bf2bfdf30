//! Unit tests of the argument binder, run against the fake runtime
//! ([`crate::test_runtime`]): no Python needed.
//!
//! Signatures and calls are written as in Python (`"f(a, b=1, *, c)"` called with
//! `"1, c=3"`), and every expected message is what CPython 3.11 raises for the same `def`
//! (`python3 -c 'def f(a, b=1, *, c): ...' -c 'f(1)'`). Each binding runs in both kinds of
//! context (keyword names read as UTF-8, or matched by hash as in HPy's debug mode), and is
//! checked to close exactly the handles it opened, to leave no exception set and to misuse
//! no handle.

use super::*;
use crate::ffi::{HPy, HPy_NULL};
use crate::test_runtime::{FakeRuntime, Mode};

fn leak(text: &str) -> &'static str {
    Box::leak(text.into())
}

/// A signature written as in Python: `"f(a, b=1, /, c, *args, d, **kw)"`, or
/// `"Point.norm(self, p)"` for a method of `Point` (`self` is the implicit argument). Default
/// values are not read (the binder only needs to know that there is one). Its tables are new
/// and leaked: a keyword memo holds a global of one runtime, so no two runtimes may share one.
/// The memo is registered, as a module registers those of its keyword functions.
fn sig<const N: usize>(text: &str) -> &'static Parameters<N> {
    let memo: &'static KeywordMemo = Box::leak(Box::new(KeywordMemo::new()));
    let _ = memo.global().register();
    sig_with_memo(text, memo)
}

/// [`sig`], with the keyword memo `keyword_memo`.
fn sig_with_memo<const N: usize>(
    text: &str,
    keyword_memo: &'static KeywordMemo,
) -> &'static Parameters<N> {
    let (name, list) = (text.strip_suffix(')'))
        .and_then(|t| t.split_once('('))
        .expect("a signature is `name(parameters)`");
    let (owner, function) = name.rsplit_once('.').unwrap_or(("", name));
    let (mut params, mut required) = (Vec::new(), Vec::new());
    let (mut positional, mut positional_only, mut implicit) = (None, 0, 0);
    let (mut varargs, mut varkw) = (false, false);
    for item in list.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        match item {
            "self" if !owner.is_empty() && params.is_empty() && implicit == 0 => implicit = 1,
            "/" => positional_only = params.len(),
            "*" => positional = Some(params.len()),
            _ if item.starts_with("**") => varkw = true,
            _ if item.starts_with('*') => {
                varargs = true;
                positional = Some(params.len());
            }
            _ => {
                let name = item.split_once('=').map_or(item, |(name, _)| name);
                params.push(leak(name.trim()));
                required.push(!item.contains('='));
            }
        }
    }
    let positional = positional.unwrap_or(params.len());
    Box::leak(Box::new(Parameters {
        function: leak(function),
        owner: leak(owner),
        params: params.try_into().expect("N named parameters"),
        positional,
        positional_only,
        required: required.try_into().expect("N named parameters"),
        varargs,
        varkw,
        implicit,
        keyword_hashes: Box::leak(Box::new(KeywordHashes::new())),
        keyword_memo,
    }))
}

/// The arguments of a vectorcall as the runtime passes them: the positional values then the
/// keyword values in one vector, and the tuple of keyword names (`HPy_NULL` without
/// keywords). The call owns every handle, and closes them when it drops.
struct Call<'rt> {
    rt: &'rt FakeRuntime,
    vector: Vec<HPy>,
    nargs: usize,
    kwnames: HPy,
}

impl<'rt> Call<'rt> {
    /// The arguments written as in Python: `"1, 'x', c=3, d=None"` (`int`, `str` without
    /// commas, `None`).
    fn parse(rt: &'rt FakeRuntime, text: &str) -> Self {
        let (mut positional, mut names, mut values) = (Vec::new(), Vec::new(), Vec::new());
        for item in text.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            match item.split_once('=') {
                Some((name, value)) => {
                    names.push(rt.str(name.trim()));
                    values.push(value_of(rt, value.trim()));
                }
                None => positional.push(value_of(rt, item)),
            }
        }
        Call::new(rt, positional, names, values)
    }

    /// A call with these handles (taken over) as positional arguments, keyword names and
    /// keyword values.
    fn new(rt: &'rt FakeRuntime, positional: Vec<HPy>, names: Vec<HPy>, values: Vec<HPy>) -> Self {
        assert_eq!(names.len(), values.len());
        let kwnames = match names.is_empty() {
            true => HPy_NULL,
            false => rt.tuple(&names),
        };
        names.into_iter().for_each(|name| rt.close(name));
        let nargs = positional.len();
        let mut vector = positional;
        vector.extend(values);
        Call {
            rt,
            vector,
            nargs,
            kwnames,
        }
    }

    /// A call with the same tuple of keyword names (the very object), and other arguments.
    fn same_names(&self, positional: &str, values: &str) -> Self {
        let rt = self.rt;
        let parse = |text: &str| -> Vec<HPy> {
            let items = text.split(',').map(str::trim).filter(|s| !s.is_empty());
            items.map(|v| value_of(rt, v)).collect()
        };
        let (positional, values) = (parse(positional), parse(values));
        let nargs = positional.len();
        let mut vector = positional;
        vector.extend(values);
        Call {
            rt,
            vector,
            nargs,
            kwnames: rt.dup(self.kwnames),
        }
    }
}

impl Drop for Call<'_> {
    fn drop(&mut self) {
        for &h in &self.vector {
            self.rt.close(h);
        }
        if !self.kwnames.is_null() {
            self.rt.close(self.kwnames);
        }
    }
}

/// A new handle to the value written `text`: `1`, `'x'` or `None`.
fn value_of(rt: &FakeRuntime, text: &str) -> HPy {
    if let Some(text) = text.strip_prefix('\'').and_then(|t| t.strip_suffix('\'')) {
        rt.str(text)
    } else if text == "None" {
        rt.none()
    } else {
        rt.int(text.parse().expect("an int, a 'str' or None"))
    }
}

/// Binds `call` to `f` as a `HPyFunc_KEYWORDS` entry point does (`Args::new`), and checks
/// that the runtime is left as it was: the outcome, as [`bind_args`] writes it.
fn bind<const N: usize>(rt: &FakeRuntime, f: &Parameters<N>, call: &Call<'_>) -> Outcome {
    let before = rt.open_handles();
    let outcome = {
        // SAFETY: the vector holds `nargs` positional handles then one value per name of
        // `kwnames` (a tuple of `str`, or `HPy_NULL`), all kept open by `call` while `args`
        // lives.
        let args = unsafe { Args::new(rt.cx(), call.vector.as_ptr(), call.nargs, call.kwnames) };
        bind_args(rt, f, &args)
    };
    assert_clean(rt, before);
    outcome
}

/// Binds positional arguments and a keyword dict (or `HPy_NULL`) to `f` as a `tp_new` entry
/// point does (`Args::with_dict`), and checks that the runtime is left as it was.
fn bind_dict<const N: usize>(
    rt: &FakeRuntime,
    f: &Parameters<N>,
    positional: &[HPy],
    kw: HPy,
) -> Outcome {
    let before = rt.open_handles();
    let cx = rt.cx();
    let mut storage = None;
    // SAFETY: `positional` holds open handles and `kw` is an open dict or `HPy_NULL`, all
    // kept open by the caller while the arguments live.
    let outcome = match unsafe {
        Args::with_dict(cx, positional.as_ptr(), positional.len(), kw, &mut storage)
    } {
        Ok(args) => bind_args(rt, f, &args),
        Err(e) => Err(error_text(rt, e)),
    };
    drop(storage);
    assert_clean(rt, before);
    outcome
}

/// What binding gave: the bound arguments as [`render`] writes them, or the exception as
/// `"TypeError: message"`.
type Outcome = Result<String, String>;

/// Binds `args` to `f` as the generated code does, and reads the binding.
fn bind_args<const N: usize>(rt: &FakeRuntime, f: &Parameters<N>, args: &Args<'_, '_>) -> Outcome {
    let mut binding = Binding::new();
    match f.bind(args, &mut binding) {
        Ok(()) => Ok(render(rt, f, args, &binding)),
        Err(e) => Err(error_text(rt, e)),
    }
}

/// The bound arguments: `"a=1 b=- c='x'"` (`-`: absent), then `*[4, 5]` with `*args` and
/// `**{'x': 6}` with `**kwargs`, both read through their views as the generated code does.
fn render<'ctx, const N: usize>(
    rt: &FakeRuntime,
    f: &Parameters<N>,
    args: &Args<'_, 'ctx>,
    binding: &Binding<'ctx, N>,
) -> String {
    let mut out: Vec<String> = (0..N)
        .map(|i| {
            let value = binding
                .get(i)
                .map_or("-".to_owned(), |h| rt.repr(h.as_raw()));
            format!("{}={value}", f.params[i])
        })
        .collect();
    if f.varargs {
        let mut view = args.varargs_view();
        args.lend_varargs(binding, &mut view);
        let items: Vec<_> = view.iter().map(|h| rt.repr(h.as_raw())).collect();
        out.push(format!("*[{}]", items.join(", ")));
    }
    if f.varkw {
        let mut view = args.varkw_view();
        args.lend_varkw(binding, &mut view);
        assert_eq!(view.len(), view.iter().len());
        let items: Vec<_> = (view.iter())
            .map(|item| {
                let (name, value) = item.expect("the names of **kwargs can be read");
                format!("{}: {}", rt.repr(name.as_raw()), rt.repr(value.as_raw()))
            })
            .collect();
        out.push(format!("**{{{}}}", items.join(", ")));
    }
    out.join(" ")
}

/// An error as `"TypeError: message"`; an error already set in the runtime is read from it
/// (and cleared).
fn error_text(rt: &FakeRuntime, e: Error) -> String {
    if e.is_already_set() {
        let text = rt
            .error()
            .expect("an already-set error has its exception set");
        e.clear(rt.cx());
        text
    } else {
        assert_eq!(rt.error(), None, "a pending error, yet an exception is set");
        e.to_string()
    }
}

/// Checks that as many handles are open as `before`, that no handle was misused and that no
/// exception is set.
#[track_caller]
fn assert_clean(rt: &FakeRuntime, before: usize) {
    assert_eq!(rt.violations(), Vec::<String>::new(), "handles misused");
    assert_eq!(rt.open_handles(), before, "handles leaked");
    assert_eq!(rt.error(), None, "an exception is left set");
}

/// Binds `call` to `signature` in both modes, twice each (a keyword call the first binding
/// remembered is bound from the memo the second time), and checks each outcome.
#[track_caller]
fn check<const N: usize>(signature: &str, call: &str, expected: Result<&str, &str>) {
    for mode in Mode::ALL {
        let rt = FakeRuntime::new(mode);
        let f = sig::<N>(signature);
        let c = Call::parse(&rt, call);
        for attempt in ["first", "second"] {
            let outcome = bind(&rt, f, &c);
            assert_eq!(
                outcome.as_deref().map_err(String::as_str),
                expected,
                "{signature} called with ({call}), {mode:?} mode, {attempt} call"
            );
        }
    }
}

// Binding into slots.

#[test]
fn positional_or_keyword_parameters_bind_by_position_or_by_name() {
    check::<3>("f(a, b, c)", "1, 2, 3", Ok("a=1 b=2 c=3"));
    check::<3>("f(a, b, c)", "1, c=3, b=2", Ok("a=1 b=2 c=3"));
    check::<3>("f(a, b, c)", "c=3, a=1, b=2", Ok("a=1 b=2 c=3"));
    check::<3>("f(a, b, c)", "'x', None, c='y'", Ok("a='x' b=None c='y'"));
}

#[test]
fn positional_only_parameters_bind_by_position() {
    check::<3>("f(a, b, /, c)", "1, 2, 3", Ok("a=1 b=2 c=3"));
    check::<3>("f(a, b, /, c)", "1, 2, c=3", Ok("a=1 b=2 c=3"));
    check::<2>("f(a, b=0, /)", "1", Ok("a=1 b=-"));
}

#[test]
fn keyword_only_parameters_bind_by_name() {
    check::<3>("f(a, *, b, c)", "1, c=3, b=2", Ok("a=1 b=2 c=3"));
    check::<2>("f(*, b, c)", "c=3, b=2", Ok("b=2 c=3"));
}

#[test]
fn parameters_with_defaults_are_left_empty_when_absent() {
    check::<3>("f(a, b=1, *, c=2)", "1", Ok("a=1 b=- c=-"));
    check::<3>("f(a, b=1, *, c=2)", "1, c=3", Ok("a=1 b=- c=3"));
    check::<3>("f(a, b=1, *, c=2)", "b=2, a=1", Ok("a=1 b=2 c=-"));
    check::<0>("f()", "", Ok(""));
}

#[test]
fn surplus_positional_arguments_go_to_star_args() {
    check::<3>(
        "f(a, b=1, *args, c=2)",
        "1, 2, 3, 4",
        Ok("a=1 b=2 c=- *[3, 4]"),
    );
    check::<3>(
        "f(a, b=1, *args, c=2)",
        "1, 2, 3, c=4",
        Ok("a=1 b=2 c=4 *[3]"),
    );
    check::<3>("f(a, b=1, *args, c=2)", "1", Ok("a=1 b=- c=- *[]"));
    check::<3>("f(a, b=1, *args, c=2)", "a=1, c=3", Ok("a=1 b=- c=3 *[]"));
    check::<0>("f(*args)", "1, 2", Ok("*[1, 2]"));
}

#[test]
fn keywords_no_parameter_takes_go_to_star_star_kwargs() {
    check::<1>(
        "f(a, **kw)",
        "1, x=2, y='z'",
        Ok("a=1 **{'x': 2, 'y': 'z'}"),
    );
    check::<1>("f(a, **kw)", "x=2, a=1", Ok("a=1 **{'x': 2}"));
    check::<1>("f(a, **kw)", "1", Ok("a=1 **{}"));
    check::<1>("f(a, *args, **kw)", "1, 2, b=3", Ok("a=1 *[2] **{'b': 3}"));
    // A positional-only name passed as a keyword is just another keyword (CPython: OK).
    check::<1>("f(a, /, **kw)", "1, a=2", Ok("a=1 **{'a': 2}"));
    check::<0>("f(**kw)", "x=1, y=2", Ok("**{'x': 1, 'y': 2}"));
}

#[test]
fn non_ascii_names_bind() {
    check::<2>("f(é, b)", "b=1, é=2", Ok("é=2 b=1"));
    check::<1>(
        "f(a)",
        "é=1",
        Err("TypeError: f() got an unexpected keyword argument 'é'"),
    );
}

// Errors, in CPython 3.11's words.

#[test]
fn too_many_positional_arguments() {
    let e = |m: &'static str| Err(m);
    check::<2>(
        "f(a, b)",
        "1, 2, 3",
        e("TypeError: f() takes 2 positional arguments but 3 were given"),
    );
    check::<1>(
        "f(a)",
        "1, 2",
        e("TypeError: f() takes 1 positional argument but 2 were given"),
    );
    check::<0>(
        "f()",
        "1",
        e("TypeError: f() takes 0 positional arguments but 1 was given"),
    );
    check::<2>(
        "f(a, b=1)",
        "1, 2, 3",
        e("TypeError: f() takes from 1 to 2 positional arguments but 3 were given"),
    );
    check::<2>(
        "f(a, /, b=1)",
        "1, 2, 3, 4",
        e("TypeError: f() takes from 1 to 2 positional arguments but 4 were given"),
    );
}

#[test]
fn too_many_positional_arguments_counts_the_keyword_only_ones_given() {
    check::<3>(
        "f(a, b, *, c)",
        "1, 2, 3, c=4",
        Err(
            "TypeError: f() takes 2 positional arguments but 3 positional arguments (and 1 keyword-only argument) were given",
        ),
    );
    check::<4>(
        "f(a, b, *, c, d)",
        "1, 2, 3, c=4, d=5",
        Err(
            "TypeError: f() takes 2 positional arguments but 3 positional arguments (and 2 keyword-only arguments) were given",
        ),
    );
    check::<4>(
        "f(a, b=2, *, c, d)",
        "1, 2, 3, c=4, d=5",
        Err(
            "TypeError: f() takes from 1 to 2 positional arguments but 3 positional arguments (and 2 keyword-only arguments) were given",
        ),
    );
    check::<1>(
        "f(*, c)",
        "1, c=2",
        Err(
            "TypeError: f() takes 0 positional arguments but 1 positional argument (and 1 keyword-only argument) were given",
        ),
    );
}

#[test]
fn missing_positional_arguments() {
    let sig = "f(a, b, c, d=1)";
    check::<4>(
        sig,
        "1, 2",
        Err("TypeError: f() missing 1 required positional argument: 'c'"),
    );
    check::<4>(
        sig,
        "1",
        Err("TypeError: f() missing 2 required positional arguments: 'b' and 'c'"),
    );
    check::<4>(
        sig,
        "",
        Err("TypeError: f() missing 3 required positional arguments: 'a', 'b', and 'c'"),
    );
    check::<4>(
        "f(a, b, c, d)",
        "",
        Err("TypeError: f() missing 4 required positional arguments: 'a', 'b', 'c', and 'd'"),
    );
    check::<4>(
        sig,
        "b=2, d=4",
        Err("TypeError: f() missing 2 required positional arguments: 'a' and 'c'"),
    );
    // Reported before missing keyword-only arguments.
    check::<3>(
        "f(a, b=1, *, c)",
        "",
        Err("TypeError: f() missing 1 required positional argument: 'a'"),
    );
    check::<3>(
        "f(a, b=1, /, *, c)",
        "c=1",
        Err("TypeError: f() missing 1 required positional argument: 'a'"),
    );
}

#[test]
fn missing_keyword_only_arguments() {
    check::<3>(
        "f(a, b=1, *, c)",
        "1",
        Err("TypeError: f() missing 1 required keyword-only argument: 'c'"),
    );
    check::<2>(
        "f(*, c, d)",
        "",
        Err("TypeError: f() missing 2 required keyword-only arguments: 'c' and 'd'"),
    );
    check::<3>(
        "f(*, c, d, e)",
        "d=1",
        Err("TypeError: f() missing 2 required keyword-only arguments: 'c' and 'e'"),
    );
    check::<2>(
        "f(a, *args, c, **kw)",
        "1, 2, x=3",
        Err("TypeError: f() missing 1 required keyword-only argument: 'c'"),
    );
}

#[test]
fn unexpected_keyword_arguments() {
    check::<1>(
        "f(a)",
        "x=1",
        Err("TypeError: f() got an unexpected keyword argument 'x'"),
    );
    check::<2>(
        "f(a, /, b)",
        "1, x=2",
        Err("TypeError: f() got an unexpected keyword argument 'x'"),
    );
    check::<0>(
        "f()",
        "x=1",
        Err("TypeError: f() got an unexpected keyword argument 'x'"),
    );
    check::<1>(
        "f(a, *args)",
        "1, 2, y=3",
        Err("TypeError: f() got an unexpected keyword argument 'y'"),
    );
}

#[test]
fn multiple_values_for_an_argument() {
    check::<1>(
        "f(a)",
        "1, a=1",
        Err("TypeError: f() got multiple values for argument 'a'"),
    );
    check::<3>(
        "f(a, b, *args, c)",
        "1, 2, 3, c=4, b=5",
        Err("TypeError: f() got multiple values for argument 'b'"),
    );
}

#[test]
fn positional_only_arguments_passed_as_keywords() {
    let message = "TypeError: f() got some positional-only arguments passed as keyword arguments";
    check::<1>("f(a, /)", "a=1", Err(format!("{message}: 'a'").as_str()));
    check::<2>(
        "f(a, /, b)",
        "1, b=2, a=3",
        Err(format!("{message}: 'a'").as_str()),
    );
    // The first keyword nothing takes makes the error, which names every positional-only
    // parameter passed by keyword.
    check::<2>(
        "f(a, /, b)",
        "1, x=2, a=3",
        Err(format!("{message}: 'a'").as_str()),
    );
    check::<3>(
        "f(a, b, /, c)",
        "1, 2, a=1, b=2",
        Err(format!("{message}: 'a, b'").as_str()),
    );
}

#[test]
fn positional_only_arguments_passed_as_keywords_are_named_in_parameter_order() {
    let message = "TypeError: f() got some positional-only arguments passed as keyword arguments";
    check::<2>(
        "f(a, b, /)",
        "b=1, a=2",
        Err(format!("{message}: 'a, b'").as_str()),
    );
    check::<3>(
        "f(a, b, /, c)",
        "c=1, b=2, a=3",
        Err(format!("{message}: 'a, b'").as_str()),
    );
}

#[test]
fn keyword_errors_come_before_counting_positional_arguments() {
    check::<1>(
        "f(a)",
        "1, 2, a=3",
        Err("TypeError: f() got multiple values for argument 'a'"),
    );
    check::<1>(
        "f(a)",
        "1, 2, x=3",
        Err("TypeError: f() got an unexpected keyword argument 'x'"),
    );
    check::<2>(
        "f(a, *, c)",
        "1, 2, a=3",
        Err("TypeError: f() got multiple values for argument 'a'"),
    );
}

#[test]
fn methods_are_named_after_their_type_and_count_self() {
    check::<1>(
        "Point.norm(self, p)",
        "",
        Err("TypeError: Point.norm() missing 1 required positional argument: 'p'"),
    );
    check::<1>(
        "Point.norm(self, p)",
        "1, 2",
        Err("TypeError: Point.norm() takes 2 positional arguments but 3 were given"),
    );
    check::<0>(
        "Point.norm(self)",
        "1",
        Err("TypeError: Point.norm() takes 1 positional argument but 2 were given"),
    );
    check::<1>(
        "Point.norm(self, p=1)",
        "1, 2",
        Err("TypeError: Point.norm() takes from 1 to 2 positional arguments but 3 were given"),
    );
    check::<1>(
        "Point.norm(self, p)",
        "1, p=2",
        Err("TypeError: Point.norm() got multiple values for argument 'p'"),
    );
    check::<1>(
        "Point.norm(self, p)",
        "q=2",
        Err("TypeError: Point.norm() got an unexpected keyword argument 'q'"),
    );
    check::<1>(
        "Point.norm(self, *, p)",
        "1, p=3",
        Err(
            "TypeError: Point.norm() takes 1 positional argument but 2 positional arguments (and 1 keyword-only argument) were given",
        ),
    );
    check::<1>("Point.norm(self, p)", "p=2", Ok("p=2"));
}

#[test]
fn keyword_names_that_are_not_str_are_refused() {
    // Only a caller in C can pass these (CPython refuses them at the call site); CPython's
    // `initialize_locals` then refuses every one, even with `**kwargs`.
    for mode in Mode::ALL {
        let rt = FakeRuntime::new(mode);
        for f in [sig::<1>("f(a)"), sig::<1>("f(a, **kw)")] {
            let call = Call::new(&rt, vec![rt.int(1)], vec![rt.int(1)], vec![rt.int(2)]);
            let expected = "TypeError: f() keywords must be strings";
            assert_eq!(bind(&rt, f, &call), Err(expected.to_owned()), "{mode:?}");
        }
    }
}

#[test]
fn keyword_names_that_are_not_str_are_refused_even_when_unhashable() {
    for mode in Mode::ALL {
        let rt = FakeRuntime::new(mode);
        let name = rt.tuple(&[]);
        let call = Call::new(&rt, vec![], vec![name], vec![rt.int(2)]);
        let expected = "TypeError: f() keywords must be strings";
        assert_eq!(
            bind(&rt, sig::<1>("f(a)"), &call),
            Err(expected.to_owned()),
            "{mode:?}"
        );
    }
}

#[test]
fn keyword_names_with_a_lone_surrogate() {
    // `f(**{'\udc80': 1})`: the message holds the name as it is, surrogate and all.
    for mode in Mode::ALL {
        let rt = FakeRuntime::new(mode);
        let surrogate = || rt.str_of_code_points(vec![0xdc80]);
        let call = Call::new(&rt, vec![], vec![surrogate()], vec![rt.int(1)]);
        let expected = "TypeError: f() got an unexpected keyword argument '\\udc80'";
        assert_eq!(bind(&rt, sig::<1>("f(a)"), &call), Err(expected.to_owned()));
        let call = Call::new(
            &rt,
            vec![],
            vec![rt.str("a"), surrogate()],
            vec![rt.int(1), rt.int(2)],
        );
        let bound = "a=1 **{'\\udc80': 2}";
        assert_eq!(
            bind(&rt, sig::<1>("f(a, **kw)"), &call),
            Ok(bound.to_owned())
        );
    }
}

// How names are read.

#[test]
fn debug_mode_matches_names_by_hash_then_code_point_by_code_point() {
    // The fake `str` hash is the length: every name here collides with the others.
    for mode in Mode::ALL {
        let rt = FakeRuntime::new(mode);
        let f = sig::<3>("f(ab, cd, éf)");
        let call = Call::parse(&rt, "éf=3, cd=2, ab=1");
        assert_eq!(bind(&rt, f, &call).unwrap(), "ab=1 cd=2 éf=3");
        let (read_char, utf8) = (
            rt.calls("ctx_Unicode_ReadChar"),
            rt.calls("ctx_Unicode_AsUTF8AndSize"),
        );
        match mode {
            Mode::Plain => assert_eq!((read_char, utf8, rt.calls("ctx_Hash")), (0, 3, 0)),
            Mode::Debug => {
                assert_eq!(utf8, 0, "no name is read as UTF-8 in debug mode");
                assert!(read_char > 0);
                // The parameter names were hashed once: the non-ASCII one made from UTF-8.
                assert_eq!(rt.calls("ctx_Unicode_FromString"), 1);
                assert_eq!(rt.calls("ctx_Unicode_DecodeASCII"), 2);
            }
        }
    }
}

#[test]
fn keywords_all_going_to_kwargs_are_bound_without_reading_a_name() {
    for mode in Mode::ALL {
        let rt = FakeRuntime::new(mode);
        let f = sig::<1>("f(a, /, **kw)");
        let call = Call::parse(&rt, "1, x=2, a=3");
        let before = rt.open_handles();
        // SAFETY: as in `bind`.
        let args = unsafe { Args::new(rt.cx(), call.vector.as_ptr(), call.nargs, call.kwnames) };
        let mut binding = Binding::new();
        f.bind(&args, &mut binding).unwrap();
        assert_eq!(rt.calls("ctx_GetItem_i") + rt.calls("ctx_Length"), 0);
        assert_eq!(render(&rt, f, &args, &binding), "a=1 **{'x': 2, 'a': 3}");
        drop((binding, args));
        assert_clean(&rt, before);
    }
}

// The keyword memo.

#[test]
fn a_remembered_keyword_call_binds_without_reading_a_name() {
    for mode in Mode::ALL {
        let rt = FakeRuntime::new(mode);
        let f = sig::<3>("f(a, b=1, *, c)");
        let call = Call::parse(&rt, "1, c=3, b=2");
        assert_eq!(bind(&rt, f, &call).unwrap(), "a=1 b=2 c=3");
        assert_eq!(rt.calls("ctx_Global_Store"), 1, "remembered");
        let reads = rt.calls("ctx_GetItem_i");
        assert!(reads >= 2);
        assert_eq!(bind(&rt, f, &call).unwrap(), "a=1 b=2 c=3");
        assert_eq!(rt.calls("ctx_GetItem_i"), reads, "no name read");
        assert_eq!(rt.calls("ctx_Global_Store"), 1);
    }
}

#[test]
fn another_tuple_of_names_is_not_taken_for_the_remembered_one() {
    for mode in Mode::ALL {
        let rt = FakeRuntime::new(mode);
        let f = sig::<3>("f(a, b=1, *, c)");
        let first = Call::parse(&rt, "1, c=3, b=2");
        assert_eq!(bind(&rt, f, &first).unwrap(), "a=1 b=2 c=3");
        let reads = rt.calls("ctx_GetItem_i");
        // The same names in another tuple: bound by reading them.
        let same_names = Call::parse(&rt, "1, c=30, b=20");
        assert_eq!(bind(&rt, f, &same_names).unwrap(), "a=1 b=20 c=30");
        assert!(rt.calls("ctx_GetItem_i") > reads);
        // Other names (as many, in another order) in another tuple.
        let other = Call::parse(&rt, "1, b=2, c=3");
        assert_eq!(bind(&rt, f, &other).unwrap(), "a=1 b=2 c=3");
        let other = Call::parse(&rt, "c=3, a=1");
        assert_eq!(bind(&rt, f, &other).unwrap(), "a=1 b=- c=3");
        // The remembered call is still remembered.
        let reads = rt.calls("ctx_GetItem_i");
        assert_eq!(bind(&rt, f, &first).unwrap(), "a=1 b=2 c=3");
        assert_eq!(rt.calls("ctx_GetItem_i"), reads);
        assert_eq!(rt.calls("ctx_Global_Store"), 1);
    }
}

#[test]
fn the_remembered_names_with_another_number_of_positional_arguments_are_bound_anew() {
    // `f(*xs, c=3)`: one call site (one tuple of names), any number of positional arguments.
    for mode in Mode::ALL {
        let rt = FakeRuntime::new(mode);
        let f = sig::<3>("f(a, b=1, *, c)");
        let first = Call::parse(&rt, "1, c=3");
        assert_eq!(bind(&rt, f, &first).unwrap(), "a=1 b=- c=3");
        let more = first.same_names("1, 2", "33");
        assert_eq!(bind(&rt, f, &more).unwrap(), "a=1 b=2 c=33");
        let fewer = first.same_names("", "33");
        let missing = "TypeError: f() missing 1 required positional argument: 'a'";
        assert_eq!(bind(&rt, f, &fewer), Err(missing.to_owned()));
        let too_many = first.same_names("1, 2, 3", "33");
        let message = "TypeError: f() takes from 1 to 2 positional arguments but 3 positional \
                       arguments (and 1 keyword-only argument) were given";
        assert_eq!(bind(&rt, f, &too_many), Err(message.to_owned()));
        // The first call's names and count are still the remembered ones.
        let reads = rt.calls("ctx_GetItem_i");
        let again = first.same_names("5", "6");
        assert_eq!(bind(&rt, f, &again).unwrap(), "a=5 b=- c=6");
        assert_eq!(rt.calls("ctx_GetItem_i"), reads);
    }
}

#[test]
fn eight_misses_in_a_row_replace_the_remembered_call() {
    let rt = FakeRuntime::new(Mode::Plain);
    let f = sig::<2>("f(a, b=0)");
    let (a, b) = (Call::parse(&rt, "a=1"), Call::parse(&rt, "a=2"));
    let stores = || rt.calls("ctx_Global_Store");
    assert_eq!(bind(&rt, f, &a).unwrap(), "a=1 b=-");
    assert_eq!(stores(), 1);
    // Calls alternating between two call sites keep the first remembered.
    for _ in 0..3 {
        for _ in 0..7 {
            assert_eq!(bind(&rt, f, &b).unwrap(), "a=2 b=-");
        }
        assert_eq!(bind(&rt, f, &a).unwrap(), "a=1 b=-");
        assert_eq!(stores(), 1);
    }
    for _ in 0..7 {
        assert_eq!(bind(&rt, f, &b).unwrap(), "a=2 b=-");
    }
    assert_eq!(stores(), 1);
    assert_eq!(bind(&rt, f, &b).unwrap(), "a=2 b=-");
    assert_eq!(stores(), 2, "the eighth miss in a row is remembered");
    let reads = rt.calls("ctx_GetItem_i");
    assert_eq!(bind(&rt, f, &b).unwrap(), "a=2 b=-");
    assert_eq!(rt.calls("ctx_GetItem_i"), reads);
    assert_eq!(bind(&rt, f, &a).unwrap(), "a=1 b=-");
    assert!(rt.calls("ctx_GetItem_i") > reads);
}

#[test]
fn calls_that_do_not_bind_every_keyword_to_a_parameter_are_not_remembered() {
    for mode in Mode::ALL {
        let rt = FakeRuntime::new(mode);
        let cases: [(&Parameters<1>, &str, Outcome); 4] = [
            (
                sig("f(a, **kw)"),
                "a=1, x=2",
                Ok("a=1 **{'x': 2}".to_owned()),
            ),
            (
                sig("f(a)"),
                "x=1",
                Err("TypeError: f() got an unexpected keyword argument 'x'".to_owned()),
            ),
            (
                sig("f(a)"),
                "1, a=1",
                Err("TypeError: f() got multiple values for argument 'a'".to_owned()),
            ),
            // A memo the module does not register never remembers.
            (
                sig_with_memo("f(a)", Box::leak(Box::new(KeywordMemo::new()))),
                "a=1",
                Ok("a=1".to_owned()),
            ),
        ];
        for (f, call, expected) in cases {
            let call = Call::parse(&rt, call);
            assert_eq!(bind(&rt, f, &call), expected);
            assert_eq!(bind(&rt, f, &call), expected);
        }
        assert_eq!(rt.calls("ctx_Global_Store"), 0);
    }
}

#[test]
fn calls_with_more_keywords_than_the_memo_holds_are_not_remembered() {
    let rt = FakeRuntime::new(Mode::Plain);
    let f = sig::<9>("f(a, b, c, d, e, f, g, h, i)");
    let call = Call::parse(&rt, "i=9, h=8, g=7, f=6, e=5, d=4, c=3, b=2, a=1");
    let bound = "a=1 b=2 c=3 d=4 e=5 f=6 g=7 h=8 i=9";
    assert_eq!(bind(&rt, f, &call).unwrap(), bound);
    assert_eq!(bind(&rt, f, &call).unwrap(), bound);
    assert_eq!(rt.calls("ctx_Global_Store"), 0);
    let f = sig::<8>("f(a, b, c, d, e, f, g, h)");
    let call = Call::parse(&rt, "h=8, g=7, f=6, e=5, d=4, c=3, b=2, a=1");
    assert_eq!(
        bind(&rt, f, &call).unwrap(),
        "a=1 b=2 c=3 d=4 e=5 f=6 g=7 h=8"
    );
    assert_eq!(rt.calls("ctx_Global_Store"), 1);
}

// Keyword dicts (`tp_new`).

#[test]
fn keyword_dicts_bind_like_keyword_names() {
    for mode in Mode::ALL {
        let rt = FakeRuntime::new(mode);
        let f = sig::<3>("f(a, b=1, *, c)");
        let one = rt.int(1);
        let (b, c, two, three) = (rt.str("b"), rt.str("c"), rt.int(2), rt.int(3));
        let kw = rt.dict(&[(c, three), (b, two)]);
        for _ in 0..2 {
            assert_eq!(bind_dict(&rt, f, &[one], kw).unwrap(), "a=1 b=2 c=3");
        }
        assert_eq!(
            rt.calls("ctx_Global_Store"),
            0,
            "a dict's names are never remembered"
        );
        let empty = rt.dict(&[]);
        let missing = "TypeError: f() missing 1 required keyword-only argument: 'c'";
        assert_eq!(bind_dict(&rt, f, &[one], empty), Err(missing.to_owned()));
        assert_eq!(bind_dict(&rt, f, &[one], HPy_NULL), Err(missing.to_owned()));
        let g = sig::<1>("g(a, **kw)");
        let (a, x) = (rt.str("a"), rt.str("x"));
        let kw2 = rt.dict(&[(x, one), (a, two)]);
        assert_eq!(bind_dict(&rt, g, &[], kw2).unwrap(), "a=2 **{'x': 1}");
        let multiple = "TypeError: g() got multiple values for argument 'a'";
        assert_eq!(bind_dict(&rt, g, &[one], kw2), Err(multiple.to_owned()));
        let h = sig::<1>("h(a, /)");
        let posonly = "TypeError: h() got some positional-only arguments passed as keyword \
                       arguments: 'a'";
        assert_eq!(bind_dict(&rt, h, &[], kw2), Err(posonly.to_owned()));
        for handle in [one, b, c, two, three, kw, empty, a, x, kw2] {
            rt.close(handle);
        }
    }
}

#[test]
fn keyword_dicts_with_a_key_that_is_not_a_str_are_refused() {
    for mode in Mode::ALL {
        let rt = FakeRuntime::new(mode);
        let f = sig::<2>("f(b, c)");
        let (b, c, two) = (rt.str("b"), rt.str("c"), rt.int(2));
        let kw = rt.dict(&[(b, two), (two, two), (c, two)]);
        let message = "TypeError: keywords must be strings";
        assert_eq!(bind_dict(&rt, f, &[], kw), Err(message.to_owned()));
        for handle in [b, c, two, kw] {
            rt.close(handle);
        }
    }
}

// The rest of the binder's interface.

#[test]
fn a_single_argument_binding_lends_it() {
    let rt = FakeRuntime::new(Mode::Plain);
    let five = rt.int(5);
    let before = rt.open_handles();
    {
        // SAFETY: `five` stays open while the binding lives.
        let arg = unsafe { Handle::lend(rt.cx(), five) };
        // SAFETY: as above.
        let binding = unsafe { Binding::single(&arg) };
        assert_eq!(rt.repr(binding.required(0).as_raw()), "5");
    }
    assert_clean(&rt, before);
    rt.close(five);
}

#[test]
fn extract_names_the_parameter_in_a_type_error() {
    for mode in Mode::ALL {
        let rt = FakeRuntime::new(mode);
        for (f, name) in [
            (sig::<2>("f(a, b)"), "f()"),
            (sig::<2>("Point.norm(self, a, b)"), "Point.norm()"),
        ] {
            let call = Call::parse(&rt, "1, 'x'");
            let before = rt.open_handles();
            // SAFETY: as in `bind`.
            let args =
                unsafe { Args::new(rt.cx(), call.vector.as_ptr(), call.nargs, call.kwnames) };
            let mut binding = Binding::new();
            f.bind(&args, &mut binding).unwrap();
            assert_eq!(extract::<i64, 2>(binding.required(0), f, 0).unwrap(), 1);
            assert_eq!(extract::<&str, 2>(binding.required(1), f, 1).unwrap(), "x");
            let err = extract::<i64, 2>(binding.required(1), f, 1).unwrap_err();
            assert_eq!(
                err.to_string(),
                format!("TypeError: {name} argument 'b' must be int, not str")
            );
            drop((binding, args));
            assert_clean(&rt, before);
        }
    }
}

#[test]
fn parameters_name_functions_and_methods() {
    assert_eq!(sig::<0>("add()").name(), "add");
    assert_eq!(sig::<0>("Point.norm(self)").name(), "Point.norm");
}
