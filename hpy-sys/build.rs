//! hpy-sys's build script. The universal ABI needs nothing built. With the feature
//! `abi-cpython` it compiles, with `HPY_ABI_CPYTHON` and the target interpreter's headers,
//! HPy 0.9.0's CPython-ABI runtime (the C files the `hpy` package ships in
//! `hpy/devel/src/runtime`, the ones HPy's own setuptools integration compiles into every
//! CPython-ABI extension: type and module creation, argument parsing, ...) and the shim
//! (`cpython/shim.c`, generated, and `cpython/extra.c`) that makes HPy's `static inline`
//! API callable from Rust.
//!
//! The interpreter is `$HPY_RS_PYTHON` (cargo-hpy sets it to the one it builds for), else
//! `python3`; it must have `hpy==0.9.0` installed (for the headers and runtime sources; the
//! built module does not need `hpy` at run time).

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    // Set for CPython 3.12 and later, whose objects can be immortal (PEP 683).
    println!("cargo::rustc-check-cfg=cfg(hpy_cpython_immortal)");
    #[cfg(feature = "abi-cpython")]
    cpython::build();
}

#[cfg(feature = "abi-cpython")]
mod cpython {
    use std::path::PathBuf;
    use std::process::Command;

    /// What the build needs from the target interpreter.
    struct Interpreter {
        /// `sysconfig.get_paths()["include"]`: `Python.h`.
        include: PathBuf,
        /// The `hpy.devel` package: `include/` and `src/runtime/`.
        hpy_devel: PathBuf,
        /// `sys.version_info[:2]`.
        version: (u32, u32),
    }

    /// Asks the interpreter where its headers and `hpy.devel` are.
    fn interpreter() -> Interpreter {
        println!("cargo::rerun-if-env-changed=HPY_RS_PYTHON");
        let python = std::env::var("HPY_RS_PYTHON").unwrap_or_else(|_| "python3".to_string());
        let script = "import os, sysconfig\n\
                      import hpy.devel, hpy.devel.version as v\n\
                      import sys\n\
                      print(v.__version__)\n\
                      print('%d.%d' % sys.version_info[:2])\n\
                      print(sysconfig.get_paths()['include'])\n\
                      print(os.path.dirname(hpy.devel.__file__))\n";
        let output = Command::new(&python)
            .args(["-c", script])
            .output()
            .unwrap_or_else(|e| panic!("hpy-sys (abi-cpython): cannot run `{python}`: {e}"));
        if !output.status.success() {
            panic!(
                "hpy-sys (abi-cpython): `{python}` cannot locate its headers and hpy 0.9.0 \
                 (`pip install hpy==0.9.0`; set HPY_RS_PYTHON to choose the interpreter):\n{}",
                String::from_utf8_lossy(&output.stderr)
            );
        }
        let text = String::from_utf8(output.stdout).expect("the paths are UTF-8");
        let lines: Vec<&str> = text.lines().collect();
        let [version, python_version, include, hpy_devel] = lines.as_slice() else {
            panic!("hpy-sys (abi-cpython): unexpected answer from `{python}`: {text:?}");
        };
        assert_eq!(
            *version, "0.9.0",
            "hpy-sys (abi-cpython): `{python}` has hpy {version}, hpy-sys needs 0.9.0"
        );
        let (major, minor) = python_version
            .split_once('.')
            .and_then(|(a, b)| Some((a.parse().ok()?, b.parse().ok()?)))
            .unwrap_or_else(|| {
                panic!("hpy-sys (abi-cpython): a Python version: {python_version:?}")
            });
        Interpreter {
            include: PathBuf::from(include),
            hpy_devel: PathBuf::from(hpy_devel),
            version: (major, minor),
        }
    }

    pub fn build() {
        let python = interpreter();
        if python.version >= (3, 12) {
            println!("cargo::rustc-cfg=hpy_cpython_immortal");
        }
        // `cpython_capi::PY_VERSION`: the module only runs on this version.
        println!("cargo::rustc-env=HPY_SYS_PYTHON_MAJOR={}", python.version.0);
        println!("cargo::rustc-env=HPY_SYS_PYTHON_MINOR={}", python.version.1);
        let runtime = python.hpy_devel.join("src").join("runtime");
        let mut runtime_sources: Vec<PathBuf> = std::fs::read_dir(&runtime)
            .unwrap_or_else(|e| panic!("hpy-sys (abi-cpython): {}: {e}", runtime.display()))
            .map(|entry| entry.expect("a directory entry").path())
            .filter(|path| path.extension().is_some_and(|e| e == "c"))
            .collect();
        runtime_sources.sort();
        let shim = ["cpython/shim.c", "cpython/extra.c"];
        for file in shim {
            println!("cargo::rerun-if-changed={file}");
        }
        let build = |name: &str, sources: &[PathBuf], strict: bool| {
            let mut build = cc::Build::new();
            build
                .files(sources)
                .define("HPY", None)
                .define("HPY_ABI_CPYTHON", None);
            let includes = [python.hpy_devel.join("include"), python.include.clone()];
            if strict {
                // A shim function whose parameters HPy's own do not take as they are is an
                // error, as is a layout assertion that fails. (The headers are system
                // headers here: their own warnings are HPy's and CPython's.)
                for dir in &includes {
                    build
                        .flag("-isystem")
                        .flag(dir.to_str().expect("a UTF-8 path"));
                }
                build
                    .warnings(true)
                    .extra_warnings(true)
                    .warnings_into_errors(true);
            } else {
                for dir in &includes {
                    build.include(dir);
                }
                // HPy's runtime sources are not ours to fix.
                build.warnings(false);
            }
            build.compile(name);
        };
        build("hpy_rs_cpython_runtime", &runtime_sources, false);
        let shim: Vec<PathBuf> = shim.iter().map(PathBuf::from).collect();
        build("hpy_rs_cpython_shim", &shim, true);
    }
}
