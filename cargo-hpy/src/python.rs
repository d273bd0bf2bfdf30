//! Asking a Python interpreter where its site-packages is and which HPy it has.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde::Deserialize;

use crate::Error;
use crate::abi::CPython;

/// Answers as JSON (ASCII, whatever the console's encoding). `-c` puts the current directory
/// first on `sys.path`, where a directory named `hpy` (like hpy-rs's own crate) would shadow
/// the installed package: drop it.
const QUERY: &str = r#"
import sys
if sys.path and sys.path[0] in ("", "."):
    del sys.path[0]
import json, sysconfig
info = {
    "executable": sys.executable,
    "version": list(sys.version_info[:2]),
    "ext_suffix": sysconfig.get_config_var("EXT_SUFFIX"),
}
try:
    import hpy.universal
    from hpy.devel.version import __version__
    info["hpy"] = __version__
except Exception as e:
    info["hpy_error"] = "%s: %s" % (type(e).__name__, e)
print(json.dumps(info))
"#;

/// The interpreter to develop into: `explicit` (`--python`), else the one of the virtualenv
/// `virtual_env` (`$VIRTUAL_ENV`).
pub(crate) fn interpreter(
    explicit: Option<&Path>,
    virtual_env: Option<OsString>,
) -> Result<PathBuf, Error> {
    if let Some(python) = explicit {
        return Ok(python.to_owned());
    }
    let virtual_env = PathBuf::from(
        virtual_env
            .filter(|v| !v.is_empty())
            .ok_or(Error::NoInterpreter)?,
    );
    let python = if cfg!(windows) {
        virtual_env.join("Scripts").join("python.exe")
    } else {
        virtual_env.join("bin").join("python")
    };
    if python.exists() {
        Ok(python)
    } else {
        Err(Error::VirtualEnvWithoutPython {
            virtual_env,
            python,
        })
    }
}

/// The interpreter to build for in the CPython ABI: `explicit` (`--python`), else the one of
/// the virtualenv `virtual_env` (`$VIRTUAL_ENV`), else `python3` on `PATH`.
pub(crate) fn target_interpreter(
    explicit: Option<&Path>,
    virtual_env: Option<OsString>,
) -> Result<PathBuf, Error> {
    match interpreter(explicit, virtual_env) {
        Err(Error::NoInterpreter) => Ok(PathBuf::from("python3")),
        other => other,
    }
}

/// What [`query`] learnt about an interpreter.
#[derive(Debug)]
pub(crate) struct Interpreter {
    /// `hpy.devel.version.__version__`, or why `hpy.universal` cannot be imported.
    pub(crate) hpy: Result<String, String>,
    /// `sys.executable`.
    pub(crate) executable: Option<PathBuf>,
    /// `sys.version_info[:2]`.
    pub(crate) version: Option<(u32, u32)>,
    /// `sysconfig.get_config_var("EXT_SUFFIX")`.
    pub(crate) ext_suffix: Option<String>,
}

impl Interpreter {
    /// What a CPython-ABI build for `python` needs: its HPy 0.9 (whose headers and runtime
    /// sources hpy-sys compiles), its absolute path, its version and its `EXT_SUFFIX`.
    pub(crate) fn cpython_target(&self, python: &Path) -> Result<CPython, Error> {
        self.require_hpy_0_9(python)?;
        let missing = |what: &str| Error::UnexpectedOutput {
            command: format!("`{}`", python.display()),
            detail: format!("it reports no {what} (is it CPython?)"),
        };
        let executable = (self.executable.clone())
            .filter(|p| p.is_absolute())
            .ok_or_else(|| missing("sys.executable"))?;
        let ext_suffix = (self.ext_suffix.clone())
            .filter(|s| !s.is_empty())
            .ok_or_else(|| missing("EXT_SUFFIX"))?;
        Ok(CPython {
            python: executable,
            version: self.version.ok_or_else(|| missing("version"))?,
            ext_suffix,
        })
    }

    /// The version of its HPy, if it is 0.9.x.
    pub(crate) fn require_hpy_0_9(&self, python: &Path) -> Result<&str, Error> {
        match &self.hpy {
            Ok(version) if version == "0.9" || version.starts_with("0.9.") => Ok(version),
            Ok(version) => Err(Error::HpyVersion {
                python: python.to_owned(),
                version: version.clone(),
            }),
            Err(detail) => Err(Error::HpyMissing {
                python: python.to_owned(),
                detail: detail.clone(),
            }),
        }
    }
}

/// The JSON object [`QUERY`] prints.
#[derive(Deserialize)]
struct Answer {
    hpy: Option<String>,
    hpy_error: Option<String>,
    executable: Option<PathBuf>,
    version: Option<(u32, u32)>,
    ext_suffix: Option<String>,
}

impl From<Answer> for Interpreter {
    fn from(answer: Answer) -> Interpreter {
        let hpy = match (answer.hpy, answer.hpy_error) {
            (Some(version), _) => Ok(version),
            (None, Some(error)) => Err(error),
            (None, None) => Err("no hpy.devel.version.__version__".into()),
        };
        Interpreter {
            hpy,
            executable: answer.executable,
            version: answer.version,
            ext_suffix: answer.ext_suffix,
        }
    }
}

/// Runs `python` to learn its HPy version.
pub(crate) fn query(python: &Path) -> Result<Interpreter, Error> {
    let Output { status, stdout, .. } = Command::new(python)
        .args(["-c", QUERY])
        .stdin(Stdio::null())
        .stderr(Stdio::inherit())
        .output()
        .map_err(|source| Error::Spawn {
            program: python.to_owned(),
            source,
        })?;
    let command = format!("`{}`", python.display());
    if !status.success() {
        return Err(Error::CommandFailed { command, status });
    }
    serde_json::from_slice::<Answer>(&stdout)
        .map(Interpreter::from)
        .map_err(|e| Error::UnexpectedOutput {
            command,
            detail: e.to_string(),
        })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::fs;

    fn with_hpy(hpy: Result<&str, &str>) -> Interpreter {
        Interpreter {
            hpy: hpy.map(str::to_owned).map_err(str::to_owned),
            executable: Some(PathBuf::from("/venv/bin/python")),
            version: Some((3, 11)),
            ext_suffix: Some(".cpython-311-x86_64-linux-gnu.so".into()),
        }
    }

    #[test]
    fn explicit_interpreter_first() {
        let python = interpreter(Some(Path::new("/x/python3")), Some("/venv".into())).unwrap();
        assert_eq!(python, Path::new("/x/python3"));
    }

    #[test]
    fn virtualenv_interpreter() {
        assert_eq!(
            interpreter(None, None).unwrap_err().to_string(),
            "no Python interpreter to develop into: activate a virtualenv (VIRTUAL_ENV is not \
             set) or pass --python <interpreter>"
        );
        assert!(matches!(
            interpreter(None, Some("".into())),
            Err(Error::NoInterpreter)
        ));

        let venv = std::env::temp_dir().join(format!("cargo-hpy-venv-{}", std::process::id()));
        let expected = if cfg!(windows) {
            venv.join("Scripts").join("python.exe")
        } else {
            venv.join("bin").join("python")
        };
        let error = interpreter(None, Some(venv.clone().into())).unwrap_err();
        assert_eq!(
            error.to_string(),
            format!(
                "VIRTUAL_ENV is `{}`, but `{}` does not exist: activate a working virtualenv \
                 or pass --python <interpreter>",
                venv.display(),
                expected.display()
            )
        );
        fs::create_dir_all(expected.parent().unwrap()).unwrap();
        fs::write(&expected, "").unwrap();
        assert_eq!(
            interpreter(None, Some(venv.clone().into())).unwrap(),
            expected
        );
        fs::remove_dir_all(&venv).unwrap();
    }

    #[test]
    fn requires_hpy_0_9() {
        let python = Path::new("/py");
        assert_eq!(
            with_hpy(Ok("0.9.0")).require_hpy_0_9(python).unwrap(),
            "0.9.0"
        );
        assert_eq!(with_hpy(Ok("0.9")).require_hpy_0_9(python).unwrap(), "0.9");
        assert_eq!(
            with_hpy(Ok("0.90.1"))
                .require_hpy_0_9(python)
                .unwrap_err()
                .to_string(),
            "`/py` has hpy 0.90.1, but hpy-rs needs hpy 0.9.x; install it with: \
             /py -m pip install hpy==0.9.0"
        );
        assert_eq!(
            with_hpy(Err("ModuleNotFoundError: No module named 'hpy'"))
                .require_hpy_0_9(python)
                .unwrap_err()
                .to_string(),
            "`/py` cannot import hpy.universal (ModuleNotFoundError: No module named 'hpy'); \
             install HPy 0.9 with: /py -m pip install hpy==0.9.0"
        );
    }

    #[test]
    fn a_cpython_target_needs_hpy_and_the_interpreter_facts() {
        let python = Path::new("python3");
        let target = with_hpy(Ok("0.9.0")).cpython_target(python).unwrap();
        assert_eq!(
            target,
            CPython {
                python: PathBuf::from("/venv/bin/python"),
                version: (3, 11),
                ext_suffix: ".cpython-311-x86_64-linux-gnu.so".into(),
            }
        );
        assert_eq!(
            with_hpy(Err("ModuleNotFoundError: No module named 'hpy'"))
                .cpython_target(python)
                .unwrap_err()
                .to_string(),
            "`python3` cannot import hpy.universal (ModuleNotFoundError: No module named \
             'hpy'); install HPy 0.9 with: python3 -m pip install hpy==0.9.0"
        );
        let mut no_suffix = with_hpy(Ok("0.9.0"));
        no_suffix.ext_suffix = None;
        assert_eq!(
            no_suffix.cpython_target(python).unwrap_err().to_string(),
            "unexpected output from `python3`: it reports no EXT_SUFFIX (is it CPython?)"
        );
    }

    #[test]
    fn the_target_interpreter_defaults_to_python3() {
        assert_eq!(
            target_interpreter(None, None).unwrap(),
            PathBuf::from("python3")
        );
        assert_eq!(
            target_interpreter(Some(Path::new("/x/python")), None).unwrap(),
            PathBuf::from("/x/python")
        );
    }

    fn answer(json: &str) -> Result<Interpreter, String> {
        serde_json::from_str::<Answer>(json)
            .map(Interpreter::from)
            .map_err(|e| e.to_string())
    }

    #[test]
    fn reads_the_answer() {
        let info = answer(r#"{"hpy": "0.9.0"}"#).unwrap();
        assert_eq!(info.hpy, Ok("0.9.0".into()));
        let info = answer(
            r#"{"hpy": "0.9.0", "executable": "/v/bin/python", "version": [3, 11],
                "ext_suffix": ".cpython-311-x86_64-linux-gnu.so"}"#,
        )
        .unwrap();
        assert_eq!(info.executable, Some(PathBuf::from("/v/bin/python")));
        assert_eq!(info.version, Some((3, 11)));
        assert_eq!(
            info.ext_suffix.as_deref(),
            Some(".cpython-311-x86_64-linux-gnu.so")
        );
        let info = answer(r#"{"hpy_error": "ImportError: x"}"#).unwrap();
        assert_eq!(info.hpy, Err("ImportError: x".into()));
        let info = answer(r#"{}"#).unwrap();
        assert_eq!(info.hpy, Err("no hpy.devel.version.__version__".into()));
        assert_eq!(
            answer(r#"{"hpy": 9}"#).unwrap_err(),
            "invalid type: integer `9`, expected a string at line 1 column 9"
        );
        assert_eq!(
            answer("Python 2.7").unwrap_err(),
            "expected value at line 1 column 1"
        );
    }

    #[test]
    fn queries_the_test_interpreter() {
        let python = hpy_rs_test_python::python();
        let info = query(&python).unwrap();
        assert_eq!(info.hpy.as_deref(), Ok("0.9.0"));
        let target = info.cpython_target(&python).unwrap();
        assert!(target.python.is_absolute(), "{target:?}");
        let (major, minor) = target.version;
        assert!(major == 3 && (8..=12).contains(&minor), "{target:?}");
        assert!(
            target
                .ext_suffix
                .starts_with(&format!(".cpython-{major}{minor}")),
            "{target:?}"
        );
    }

    #[test]
    fn a_missing_interpreter_cannot_run() {
        let error = query(Path::new("/nonexistent/python"))
            .unwrap_err()
            .to_string();
        assert!(
            error.starts_with("cannot run `/nonexistent/python`: "),
            "{error}"
        );
    }
}
