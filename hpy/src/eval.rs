//! Compiling and running Python source text: [`Context::compile`], [`Context::eval_code`],
//! and the shortcuts [`Context::eval`] and [`Context::run`] (HPy's `HPy_Compile_s` and
//! `HPy_EvalCode`).

use std::ffi::CString;

use crate::context::call;
use crate::exceptions::{TypeError, ValueError};
use crate::{Context, Handle, Result, ffi};

/// What source text [`Context::compile`] compiles, as `compile()`'s `mode`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SourceKind {
    /// One expression (`mode="eval"`): running the code gives its value.
    Expr,
    /// A sequence of statements, a module's body (`mode="exec"`): running it gives `None`.
    File,
    /// One interactive statement (`mode="single"`): expression values are printed.
    Single,
}

impl SourceKind {
    fn raw(self) -> ffi::HPy_SourceKind {
        match self {
            SourceKind::Expr => ffi::HPy_SourceKind_Expr,
            SourceKind::File => ffi::HPy_SourceKind_File,
            SourceKind::Single => ffi::HPy_SourceKind_Single,
        }
    }
}

impl<'ctx> Context<'ctx> {
    /// `compile(source, filename, mode)`: a code object, or the `SyntaxError` of `source`.
    /// `filename` is what tracebacks show (`"<string>"` by convention).
    ///
    /// Source text cannot hold a NUL character (HPy takes C strings): that is a
    /// `ValueError`, as `compile()` raised it before Python 3.12.
    pub fn compile(self, source: &str, filename: &str, kind: SourceKind) -> Result<Handle<'ctx>> {
        let source = CString::new(source)
            .map_err(|_| ValueError::new_err("source code string cannot contain null bytes"))?;
        let filename = CString::new(filename)
            .map_err(|_| ValueError::new_err("filename cannot contain null bytes"))?;
        // SAFETY: both strings are NUL-terminated UTF-8; the result is a new handle or NULL
        // with an exception set.
        let raw = unsafe {
            call!(
                self,
                ctx_Compile_s(source.as_ptr(), filename.as_ptr(), kind.raw())
            )
        };
        // SAFETY: as above.
        unsafe { Handle::from_raw_or_err(self, raw) }
    }

    /// Runs the code object `code` (from [`compile`](Self::compile)) with the dict `globals`
    /// and the mapping `locals` (`globals` when `None`), like `exec(code, globals, locals)`,
    /// and returns its value: the expression's for [`SourceKind::Expr`], else `None`.
    ///
    /// When `globals` has no `__builtins__`, the `builtins` module's namespace is added to
    /// it first (as `exec` does), so the code sees `len`, `print`, ... on every Python version.
    ///
    /// `code` must be a code object (`HPy_EvalCode` takes anything and CPython would read
    /// any other object as one): anything else is a `TypeError`.
    pub fn eval_code(
        self,
        code: &Handle<'ctx>,
        globals: &Handle<'ctx>,
        locals: Option<&Handle<'ctx>>,
    ) -> Result<Handle<'ctx>> {
        // The exact type (`code` has no subclasses), not `isinstance`: a proxy whose
        // `__class__` claims to be a code object is not one.
        let code_type = self.import("types")?.getattr(c"CodeType")?;
        if !code.get_type().is(&code_type) {
            let message = format!("code must be a code object, not {}", code.type_name());
            return Err(TypeError::new_err(message));
        }
        // SAFETY: `globals` is an open handle.
        if unsafe { call!(self, ctx_Dict_Check(globals.as_raw())) } == 0 {
            let message = format!("globals must be a dict, not {}", globals.type_name());
            return Err(TypeError::new_err(message));
        }
        if !globals.contains("__builtins__")? {
            globals.set_item("__builtins__", self.builtins_namespace())?;
        }
        let locals = locals.unwrap_or(globals);
        // SAFETY: three open handles of this call; the result is a new handle or NULL with an
        // exception set.
        let raw = unsafe {
            call!(
                self,
                ctx_EvalCode(code.as_raw(), globals.as_raw(), locals.as_raw())
            )
        };
        // SAFETY: as above.
        unsafe { Handle::from_raw_or_err(self, raw) }
    }

    /// The value of the Python expression `expression`, evaluated with `globals` (a new
    /// namespace when `None`) and `locals`: `eval(expression, globals, locals)`.
    ///
    /// ```
    /// use hpy::prelude::*;
    ///
    /// #[hpy::module]
    /// mod calc {
    ///     use super::*;
    ///
    ///     /// `2 ** n`, computed by Python.
    ///     #[hpy::function]
    ///     fn power_of_two<'ctx>(cx: Context<'ctx>, n: u32) -> Result<Handle<'ctx>> {
    ///         let globals = cx.to_py(std::collections::HashMap::from([("n", n)]))?;
    ///         cx.eval("2 ** n", Some(&globals), None)
    ///     }
    /// }
    /// # fn main() {}
    /// ```
    pub fn eval(
        self,
        expression: &str,
        globals: Option<&Handle<'ctx>>,
        locals: Option<&Handle<'ctx>>,
    ) -> Result<Handle<'ctx>> {
        self.compile_and_run(expression, SourceKind::Expr, globals, locals)
    }

    /// Runs the Python statements `source` with `globals` (a new namespace when `None`) and
    /// `locals`: `exec(source, globals, locals)`. What the code defines lands in `locals`
    /// (in `globals` when `locals` is `None`).
    pub fn run(
        self,
        source: &str,
        globals: Option<&Handle<'ctx>>,
        locals: Option<&Handle<'ctx>>,
    ) -> Result<()> {
        self.compile_and_run(source, SourceKind::File, globals, locals)
            .map(drop)
    }

    fn compile_and_run(
        self,
        source: &str,
        kind: SourceKind,
        globals: Option<&Handle<'ctx>>,
        locals: Option<&Handle<'ctx>>,
    ) -> Result<Handle<'ctx>> {
        let code = self.compile(source, "<string>", kind)?;
        match globals {
            Some(globals) => self.eval_code(&code, globals, locals),
            None => self.eval_code(&code, &crate::convert::new_dict(self)?, locals),
        }
    }

    /// The `builtins` module's namespace (a dict on CPython, where the context's
    /// `h_Builtins` is one; the module elsewhere, which `exec` accepts as well).
    fn builtins_namespace(self) -> Handle<'ctx> {
        crate::builtins::dup_member(self, self.table().h_Builtins)
    }
}
