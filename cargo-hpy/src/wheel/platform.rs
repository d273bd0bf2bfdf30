//! The platform tag of a wheel, from the shared library it carries: a `manylinux_2_<N>` tag
//! (PEP 600) when the library needs only the system libraries the manylinux policy allows and
//! glibc 2.`<N>` at most (`<N>` a glibc of auditwheel's policies), else `linux_<arch>`
//! (installable, but not on a package index).

use std::path::Path;

use object::elf;
use object::read::elf::FileHeader;
use object::{Endianness, FileKind};

use crate::Error;

/// The oldest glibc a manylinux tag names here: `manylinux_2_17` (manylinux2014), what pip
/// 19.3 and later understand and every supported distribution has.
const OLDEST_GLIBC_MINOR: u32 = 17;

/// The glibc minor versions of auditwheel's manylinux policies from 2.17 (the glibc of a
/// reference distribution each: no policy says 2.32 or 2.33). A library's needs are
/// rounded up to one of them, so that the tag is the one `auditwheel show` gives (pip would
/// take `manylinux_2_33` as well, but the tools that check wheels know only these).
const POLICY_GLIBC_MINORS: [u32; 14] = [17, 24, 26, 27, 28, 31, 34, 35, 36, 37, 38, 39, 40, 41];

/// The smallest policy glibc at least `minor` (`minor` itself past the known ones).
fn policy_glibc_minor(minor: u32) -> u32 {
    POLICY_GLIBC_MINORS
        .iter()
        .copied()
        .find(|&policy| policy >= minor)
        .unwrap_or(minor)
}

/// The libraries a manylinux wheel may link without carrying them (PEP 599's list, which
/// PEP 600 keeps).
const SYSTEM_LIBRARIES: [&str; 21] = [
    "libgcc_s.so.1",
    "libstdc++.so.6",
    "libm.so.6",
    "libdl.so.2",
    "librt.so.1",
    "libc.so.6",
    "libnsl.so.1",
    "libutil.so.1",
    "libpthread.so.0",
    "libresolv.so.2",
    "libX11.so.6",
    "libXext.so.6",
    "libXrender.so.1",
    "libICE.so.6",
    "libSM.so.6",
    "libGL.so.1",
    "libgobject-2.0.so.0",
    "libgthread-2.0.so.0",
    "libglib-2.0.so.0",
    "ld-linux-x86-64.so.2",
    "ld-linux-aarch64.so.1",
];

/// What the platform tag was derived from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Platform {
    /// `manylinux_2_17_x86_64`, or `linux_x86_64`.
    pub tag: String,
    /// Why the library is not manylinux, if it is not.
    pub not_manylinux: Option<String>,
}

/// The platform tag of the ELF shared library `library`.
pub(crate) fn platform(library: &Path) -> Result<Platform, Error> {
    let data = std::fs::read(library).map_err(|source| Error::Io {
        action: "read",
        path: library.to_owned(),
        source,
    })?;
    let malformed = |detail: String| Error::MalformedLibrary {
        library: library.to_owned(),
        detail,
    };
    match FileKind::parse(&*data).map_err(|e| malformed(e.to_string()))? {
        FileKind::Elf64 => linux::<elf::FileHeader64<Endianness>>(&data),
        FileKind::Elf32 => linux::<elf::FileHeader32<Endianness>>(&data),
        other => Err(format!(
            "wheels are built for Linux (ELF) libraries only, not {other:?}"
        )),
    }
    .map_err(malformed)
}

fn linux<H: FileHeader<Endian = Endianness>>(data: &[u8]) -> Result<Platform, String> {
    read_elf::<H>(data).map_err(|e| e.to_string())?
}

/// The platform of an ELF file; the inner error is an architecture with no wheel tag.
fn read_elf<H: FileHeader<Endian = Endianness>>(
    data: &[u8],
) -> Result<Result<Platform, String>, object::read::Error> {
    let header = H::parse(data)?;
    let endian = header.endian()?;
    let arch = match header.e_machine(endian) {
        elf::EM_X86_64 => "x86_64",
        elf::EM_AARCH64 => "aarch64",
        elf::EM_386 => "i686",
        elf::EM_PPC64 if endian == Endianness::Little => "ppc64le",
        elf::EM_PPC64 => "ppc64",
        elf::EM_S390 => "s390x",
        elf::EM_ARM => "armv7l",
        elf::EM_RISCV => "riscv64",
        other => return Ok(Err(format!("machine {other} has no wheel platform tag"))),
    };
    let sections = header.sections(endian, data)?;
    let dynamic = sections.dynamic_table(endian, data)?;
    let mut needed = Vec::new();
    for entry in &dynamic {
        if entry.tag == elf::DT_NEEDED {
            needed.push(String::from_utf8_lossy(dynamic.string(entry)?).into_owned());
        }
    }
    let mut glibc_minor = OLDEST_GLIBC_MINOR;
    if let Some((mut versions, strings_index)) = sections.gnu_verneed(endian, data)? {
        let strings = sections.strings(endian, data, strings_index)?;
        while let Some((_, mut auxes)) = versions.next()? {
            while let Some(aux) = auxes.next()? {
                if let Some(minor) = glibc_minor_of(aux.name(endian, strings)?) {
                    glibc_minor = glibc_minor.max(minor);
                }
            }
        }
    }
    let foreign: Vec<&str> = needed
        .iter()
        .map(String::as_str)
        .filter(|lib| !SYSTEM_LIBRARIES.contains(lib))
        .collect();
    Ok(Ok(if foreign.is_empty() {
        Platform {
            tag: format!("manylinux_2_{}_{arch}", policy_glibc_minor(glibc_minor)),
            not_manylinux: None,
        }
    } else {
        Platform {
            tag: format!("linux_{arch}"),
            not_manylinux: Some(format!(
                "it links {}, which the manylinux policy does not allow",
                foreign.join(", ")
            )),
        }
    }))
}

/// `N` of a `GLIBC_2.N[.M]` version name.
fn glibc_minor_of(version: &[u8]) -> Option<u32> {
    let rest = std::str::from_utf8(version)
        .ok()?
        .strip_prefix("GLIBC_2.")?;
    rest.split('.').next()?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glibc_needs_round_up_to_a_policy() {
        assert_eq!(policy_glibc_minor(17), 17);
        assert_eq!(policy_glibc_minor(18), 24);
        assert_eq!(policy_glibc_minor(28), 28);
        assert_eq!(policy_glibc_minor(29), 31);
        assert_eq!(policy_glibc_minor(32), 34);
        assert_eq!(policy_glibc_minor(33), 34);
        assert_eq!(policy_glibc_minor(35), 35);
        assert_eq!(policy_glibc_minor(42), 42);
    }

    #[test]
    fn glibc_versions_are_read() {
        assert_eq!(glibc_minor_of(b"GLIBC_2.17"), Some(17));
        assert_eq!(glibc_minor_of(b"GLIBC_2.2.5"), Some(2));
        assert_eq!(glibc_minor_of(b"GLIBC_2.34"), Some(34));
        assert_eq!(glibc_minor_of(b"GCC_3.0"), None);
        assert_eq!(glibc_minor_of(b"GLIBC_PRIVATE"), None);
    }

    #[test]
    fn this_test_program_is_a_linux_binary_with_a_tag() {
        // The test binary is an executable, not a library, but has the same dynamic section.
        let exe = std::env::current_exe().unwrap();
        let platform = platform(&exe).unwrap();
        assert!(
            platform.tag.starts_with("manylinux_2_") || platform.tag.starts_with("linux_"),
            "{platform:?}"
        );
        assert!(
            platform.tag.ends_with(std::env::consts::ARCH),
            "{platform:?}"
        );
    }
}
