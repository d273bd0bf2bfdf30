//! Test module for the interpreter services of the context: warnings (`Context::warn`),
//! compiling and running source text (`Context::compile`, `eval_code`, `eval`, `run`),
//! context variables (`ContextVar`) and `OSError`s from `errno` codes (`From<io::Error>`,
//! `Error::with_filename`). Tested by `tests/test_*.py` in universal and debug mode.

use std::io;
use std::path::PathBuf;

use hpy::exceptions::{DeprecationWarning, ExceptionType, RuntimeWarning, UserWarning, ValueError};
use hpy::prelude::*;
use hpy::{ContextVar, SourceKind};

#[hpy::module]
mod interpreter {
    use super::*;

    /// The context variable `interpreter.request_id`, created at module initialisation.
    static REQUEST_ID: Global = Global::new();

    /// The module's own warning category.
    #[hpy::exception(base = UserWarning)]
    pub struct CustomWarning;

    #[hpy::init]
    fn init<'ctx>(cx: Context<'ctx>, module: &Handle<'ctx>) -> Result<()> {
        let var = ContextVar::new(cx, "request_id", Some(&cx.to_py("none")?))?;
        REQUEST_ID.store(&var);
        module.setattr("request_id", var)
    }

    /// Any object, to be used as a warning category through a `Global` (`warn_stored`).
    static STORED_CATEGORY: Global = Global::new();

    /// Stores `category` for `warn_stored`.
    #[hpy::function]
    fn store_category(category: &Handle<'_>) {
        STORED_CATEGORY.store(category);
    }

    /// Warns with the stored category, whatever object it is.
    #[hpy::function]
    fn warn_stored(cx: Context<'_>) -> Result<()> {
        cx.warn(
            ExceptionType::from_global("Stored", &STORED_CATEGORY),
            "stored",
            1,
        )
    }

    /// Issues `message` as a warning of the category named `category`.
    #[hpy::function(signature = (category, message, stack_level = 1))]
    fn warn(cx: Context<'_>, category: &str, message: &str, stack_level: usize) -> Result<()> {
        let category: ExceptionType = match category {
            "user" => UserWarning.into(),
            "deprecation" => DeprecationWarning.into(),
            "runtime" => RuntimeWarning.into(),
            "custom" => CustomWarning.into(),
            "not a warning" => ValueError.into(),
            other => return Err(ValueError::new_err(format!("no category {other:?}"))),
        };
        cx.warn(category, message, stack_level)
    }

    /// Warns (through the free function `hpy::warn`), then returns `value`: whether the code
    /// after a warning runs.
    #[hpy::function]
    fn warn_then_return<'ctx>(cx: Context<'ctx>, value: &Handle<'ctx>) -> Result<Handle<'ctx>> {
        hpy::warn(cx, UserWarning, "before returning", 1)?;
        Ok(value.clone())
    }

    /// `compile(source, filename, mode)` for `mode` in `eval`, `exec`, `single`.
    #[hpy::function]
    fn compile<'ctx>(
        cx: Context<'ctx>,
        source: &str,
        filename: &str,
        mode: &str,
    ) -> Result<Handle<'ctx>> {
        let kind = match mode {
            "eval" => SourceKind::Expr,
            "exec" => SourceKind::File,
            "single" => SourceKind::Single,
            _ => {
                return Err(ValueError::new_err(
                    "mode must be 'exec', 'eval' or 'single'",
                ));
            }
        };
        cx.compile(source, filename, kind)
    }

    /// Runs a code object: `exec(code, globals, locals)`, returning the code's value.
    #[hpy::function(signature = (code, globals, locals = None))]
    fn eval_code<'ctx>(
        cx: Context<'ctx>,
        code: &Handle<'ctx>,
        globals: &Handle<'ctx>,
        locals: Option<&Handle<'ctx>>,
    ) -> Result<Handle<'ctx>> {
        cx.eval_code(code, globals, locals)
    }

    /// `eval(expression, globals, locals)`.
    #[hpy::function(signature = (expression, globals = None, locals = None))]
    fn eval<'ctx>(
        cx: Context<'ctx>,
        expression: &str,
        globals: Option<&Handle<'ctx>>,
        locals: Option<&Handle<'ctx>>,
    ) -> Result<Handle<'ctx>> {
        cx.eval(expression, globals, locals)
    }

    /// `exec(source, globals, locals)`.
    #[hpy::function(signature = (source, globals = None, locals = None))]
    fn run<'ctx>(
        cx: Context<'ctx>,
        source: &str,
        globals: Option<&Handle<'ctx>>,
        locals: Option<&Handle<'ctx>>,
    ) -> Result<()> {
        cx.run(source, globals, locals)
    }

    /// A new context variable.
    #[hpy::function(signature = (name, default = None))]
    fn new_var<'ctx>(
        cx: Context<'ctx>,
        name: &str,
        default: Option<&Handle<'ctx>>,
    ) -> Result<ContextVar<'ctx>> {
        ContextVar::new(cx, name, default)
    }

    /// `var.get()`, with None for "no value and no default".
    #[hpy::function]
    fn var_get<'ctx>(var: ContextVar<'ctx>) -> Result<Option<Handle<'ctx>>> {
        var.get()
    }

    /// `var.get(default)`.
    #[hpy::function]
    fn var_get_or<'ctx>(var: ContextVar<'ctx>, default: &Handle<'ctx>) -> Result<Handle<'ctx>> {
        var.get_or(default)
    }

    /// `var.set(value)`: the token.
    #[hpy::function]
    fn var_set<'ctx>(var: ContextVar<'ctx>, value: &Handle<'ctx>) -> Result<Handle<'ctx>> {
        var.set(value)
    }

    /// `var.reset(token)`.
    #[hpy::function]
    fn var_reset<'ctx>(var: ContextVar<'ctx>, token: &Handle<'ctx>) -> Result<()> {
        var.reset(token)
    }

    /// The current request id, read from the module's context variable (kept in a Global).
    #[hpy::function]
    fn current_request<'ctx>(cx: Context<'ctx>) -> Result<Handle<'ctx>> {
        let var = ContextVar::from_handle(REQUEST_ID.load(cx).expect("stored by init"));
        Ok(var.get()?.expect("the variable has a default"))
    }

    /// Sets the current request id; returns the token.
    #[hpy::function]
    fn set_request<'ctx>(cx: Context<'ctx>, id: &str) -> Result<Handle<'ctx>> {
        let var = ContextVar::from_handle(REQUEST_ID.load(cx).expect("stored by init"));
        var.set(id)
    }

    /// The size of the file at `path`: an OSError naming the file when it fails.
    #[hpy::function]
    fn file_size(path: PathBuf) -> Result<u64> {
        let metadata =
            std::fs::metadata(&path).map_err(|err| Error::from(err).with_filename(&path))?;
        Ok(metadata.len())
    }

    /// Renames `source` to `target`: an OSError naming both files when it fails.
    #[hpy::function]
    fn rename(source: PathBuf, target: PathBuf) -> Result<()> {
        std::fs::rename(&source, &target)
            .map_err(|err| Error::from(err).with_filenames(&source, &target))
    }

    /// The OSError of the `errno` value `code`, about `filename` when given.
    #[hpy::function(signature = (code, filename = None))]
    fn errno_error(code: i32, filename: Option<PathBuf>) -> Result<()> {
        let err = Error::from(io::Error::from_raw_os_error(code));
        Err(match filename {
            Some(filename) => err.with_filename(filename),
            None => err,
        })
    }

    /// The Display text of the OSError of `code` about `filename`, as Rust shows it.
    #[hpy::function(signature = (code, filename = None))]
    fn errno_error_text(code: i32, filename: Option<PathBuf>) -> String {
        let err = Error::from(io::Error::from_raw_os_error(code));
        let err = match filename {
            Some(filename) => err.with_filename(filename),
            None => err,
        };
        err.to_string()
    }

    /// The pending error of `errno` value `code`, seen from Rust: its type's name, and whether
    /// it matches `ty`.
    #[hpy::function]
    fn errno_error_type(cx: Context<'_>, code: i32, ty: &Handle<'_>) -> Result<(String, bool)> {
        let err = Error::from(io::Error::from_raw_os_error(code));
        let name = err
            .exception_type()
            .map(|t| t.name())
            .unwrap_or("?")
            .to_owned();
        let expected = match ty.getattr(c"__name__")?.extract::<&str>()? {
            "ChildProcessError" => ExceptionType::from(hpy::exceptions::ChildProcessError),
            "BlockingIOError" => hpy::exceptions::BlockingIOError.into(),
            "ProcessLookupError" => hpy::exceptions::ProcessLookupError.into(),
            _ => hpy::exceptions::OSError.into(),
        };
        Ok((name, err.matches(cx, expected)))
    }

    /// An io::Error that did not come from the OS: its kind's exception with its message; a
    /// file name is not added.
    #[hpy::function]
    fn custom_io_error() -> Result<()> {
        let err = io::Error::new(io::ErrorKind::NotFound, "no such widget");
        Err(Error::from(err).with_filename("ignored"))
    }

    /// Raises SIGUSR1 in C, then fails with EINTR: CPython runs the Python signal handler and
    /// raises its exception instead of InterruptedError.
    #[hpy::function]
    fn interrupted() -> Result<()> {
        // SAFETY: raising a signal in the current process; the interpreter's C handler only
        // records it.
        unsafe { libc::raise(libc::SIGUSR1) };
        Err(io::Error::from_raw_os_error(libc::EINTR).into())
    }
}
