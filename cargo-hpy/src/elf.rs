//! Reads the names of the symbols an ELF shared library defines in its dynamic symbol table
//! (`.dynsym`, whose names are in the string table its `sh_link` points at): the symbols the
//! dynamic loader, and so `hpy.universal`, can find with `dlsym`.

const MAGIC: &[u8; 4] = b"\x7fELF";
const SHT_DYNSYM: u32 = 11;
const SHN_UNDEF: u16 = 0;
const STB_LOCAL: u8 = 0;

/// Whether `data` starts like an ELF file.
pub(crate) fn is_elf(data: &[u8]) -> bool {
    data.starts_with(MAGIC)
}

/// The names of the global and weak symbols defined in the dynamic symbol tables of the ELF
/// file `data` (32 or 64 bits, either byte order); an error describes a malformed file.
pub(crate) fn defined_dynamic_symbols(data: &[u8]) -> Result<Vec<String>, &'static str> {
    let elf = Elf::new(data)?;
    let sections = elf.sections()?;
    let mut names = Vec::new();
    for table in sections.iter().filter(|s| s.kind == SHT_DYNSYM) {
        let strings = sections
            .get(table.link as usize)
            .ok_or("the dynamic symbol table links to a missing string table")?;
        let strings = elf.bytes(strings.offset, strings.size)?;
        let min_size = if elf.is_64 { 24 } else { 16 };
        let entry_size = if table.entry_size == 0 {
            min_size
        } else {
            table.entry_size
        };
        if entry_size < min_size {
            return Err("the dynamic symbol table has too small entries");
        }
        // Entry 0 is the reserved undefined symbol.
        for index in 1..table.size / entry_size {
            let symbol = table.offset + index * entry_size;
            let (info, section) = if elf.is_64 {
                (elf.u8(symbol + 4)?, elf.u16(symbol + 6)?)
            } else {
                (elf.u8(symbol + 12)?, elf.u16(symbol + 14)?)
            };
            if section == SHN_UNDEF || info >> 4 == STB_LOCAL {
                continue;
            }
            names.push(c_string(strings, elf.u32(symbol)?)?);
        }
    }
    Ok(names)
}

/// The NUL-terminated string at `offset` in a string table.
fn c_string(table: &[u8], offset: u32) -> Result<String, &'static str> {
    let tail = table
        .get(offset as usize..)
        .ok_or("a symbol name lies outside its string table")?;
    let end = tail
        .iter()
        .position(|&b| b == 0)
        .ok_or("a symbol name is not NUL-terminated")?;
    Ok(String::from_utf8_lossy(&tail[..end]).into_owned())
}

/// The fields of a section header this module needs.
struct Section {
    kind: u32,
    offset: u64,
    size: u64,
    link: u32,
    entry_size: u64,
}

struct Elf<'a> {
    data: &'a [u8],
    is_64: bool,
    big_endian: bool,
}

impl<'a> Elf<'a> {
    fn new(data: &'a [u8]) -> Result<Self, &'static str> {
        if !is_elf(data) {
            return Err("not an ELF file");
        }
        let is_64 = match data.get(4) {
            Some(1) => false,
            Some(2) => true,
            _ => return Err("unknown ELF class"),
        };
        let big_endian = match data.get(5) {
            Some(1) => false,
            Some(2) => true,
            _ => return Err("unknown ELF byte order"),
        };
        Ok(Elf {
            data,
            is_64,
            big_endian,
        })
    }

    fn bytes(&self, offset: u64, len: u64) -> Result<&'a [u8], &'static str> {
        const TRUNCATED: &str = "the file is truncated";
        let start = usize::try_from(offset).map_err(|_| TRUNCATED)?;
        let len = usize::try_from(len).map_err(|_| TRUNCATED)?;
        let end = start.checked_add(len).ok_or(TRUNCATED)?;
        self.data.get(start..end).ok_or(TRUNCATED)
    }

    fn array<const N: usize>(&self, offset: u64) -> Result<[u8; N], &'static str> {
        let mut bytes: [u8; N] = self
            .bytes(offset, N as u64)?
            .try_into()
            .expect("`bytes` returns N bytes");
        if self.big_endian {
            bytes.reverse();
        }
        Ok(bytes)
    }

    fn u8(&self, offset: u64) -> Result<u8, &'static str> {
        Ok(self.array::<1>(offset)?[0])
    }

    fn u16(&self, offset: u64) -> Result<u16, &'static str> {
        self.array(offset).map(u16::from_le_bytes)
    }

    fn u32(&self, offset: u64) -> Result<u32, &'static str> {
        self.array(offset).map(u32::from_le_bytes)
    }

    /// An address, offset or size: 4 bytes in ELF32, 8 in ELF64.
    fn word(&self, offset: u64) -> Result<u64, &'static str> {
        if self.is_64 {
            self.array(offset).map(u64::from_le_bytes)
        } else {
            self.u32(offset).map(u64::from)
        }
    }

    fn sections(&self) -> Result<Vec<Section>, &'static str> {
        let (table, entry_size, count) = if self.is_64 {
            (self.word(0x28)?, self.u16(0x3a)?, self.u16(0x3c)?)
        } else {
            (self.word(0x20)?, self.u16(0x2e)?, self.u16(0x30)?)
        };
        if table == 0 {
            return Ok(Vec::new());
        }
        let entry_size = u64::from(entry_size);
        if entry_size < if self.is_64 { 64 } else { 40 } {
            return Err("the section headers are too small");
        }
        let mut count = u64::from(count);
        if count == 0 {
            // Extended numbering: the count is in the first header's `sh_size`.
            count = self.section(table)?.size;
        }
        let len = count
            .checked_mul(entry_size)
            .ok_or("the file is truncated")?;
        self.bytes(table, len)?;
        (0..count)
            .map(|index| self.section(table + index * entry_size))
            .collect()
    }

    fn section(&self, header: u64) -> Result<Section, &'static str> {
        let kind = self.u32(header + 4)?;
        Ok(if self.is_64 {
            Section {
                kind,
                offset: self.word(header + 0x18)?,
                size: self.word(header + 0x20)?,
                link: self.u32(header + 0x28)?,
                entry_size: self.word(header + 0x38)?,
            }
        } else {
            Section {
                kind,
                offset: self.word(header + 0x10)?,
                size: self.word(header + 0x14)?,
                link: self.u32(header + 0x18)?,
                entry_size: self.word(header + 0x24)?,
            }
        })
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A symbol for [`build`]: name, defined?, global?
    pub(crate) type Symbol<'a> = (&'a str, bool, bool);

    /// Builds a minimal ELF file whose only sections are the null section, a `.dynsym` and
    /// its string table.
    pub(crate) fn build(is_64: bool, big_endian: bool, symbols: &[Symbol<'_>]) -> Vec<u8> {
        let put = |out: &mut Vec<u8>, value: u64, size: usize| {
            let le = value.to_le_bytes();
            let bytes = &le[..size];
            if big_endian {
                out.extend(bytes.iter().rev());
            } else {
                out.extend(bytes);
            }
        };
        let word = if is_64 { 8 } else { 4 };
        let (header_size, section_size, symbol_size) =
            if is_64 { (64, 64, 24) } else { (52, 40, 16) };

        let mut strings = vec![0u8];
        let mut table = vec![0u8; symbol_size]; // the reserved null symbol
        for &(name, defined, global) in symbols {
            let name_offset = strings.len() as u64;
            strings.extend(name.as_bytes());
            strings.push(0);
            let info = if global { 0x12 } else { 0x02 }; // FUNC, GLOBAL or LOCAL
            let section = if defined { 7 } else { 0 };
            put(&mut table, name_offset, 4);
            if is_64 {
                table.extend([info, 0]);
                put(&mut table, section, 2);
                put(&mut table, 0x1000, 8);
                put(&mut table, 16, 8);
            } else {
                put(&mut table, 0x1000, 4);
                put(&mut table, 16, 4);
                table.extend([info, 0]);
                put(&mut table, section, 2);
            }
        }
        let table_offset = header_size as u64;
        let strings_offset = table_offset + table.len() as u64;
        let headers_offset = strings_offset + strings.len() as u64;

        let mut out = b"\x7fELF".to_vec();
        out.extend([if is_64 { 2 } else { 1 }, if big_endian { 2 } else { 1 }, 1]);
        out.resize(16, 0);
        put(&mut out, 3, 2); // ET_DYN
        put(&mut out, 62, 2); // EM_X86_64
        put(&mut out, 1, 4); // EV_CURRENT
        put(&mut out, 0, word); // e_entry
        put(&mut out, 0, word); // e_phoff
        put(&mut out, headers_offset, word); // e_shoff
        put(&mut out, 0, 4); // e_flags
        put(&mut out, header_size as u64, 2);
        put(&mut out, 0, 2); // e_phentsize
        put(&mut out, 0, 2); // e_phnum
        put(&mut out, section_size as u64, 2);
        put(&mut out, 3, 2); // e_shnum
        put(&mut out, 0, 2); // e_shstrndx
        assert_eq!(out.len(), header_size);
        out.extend(&table);
        out.extend(&strings);

        let mut section = |kind: u64, offset: u64, size: u64, link: u64, entry_size: u64| {
            put(&mut out, 0, 4); // sh_name
            put(&mut out, kind, 4);
            put(&mut out, 0, word); // sh_flags
            put(&mut out, 0, word); // sh_addr
            put(&mut out, offset, word);
            put(&mut out, size, word);
            put(&mut out, link, 4);
            put(&mut out, 0, 4); // sh_info
            put(&mut out, 0, word); // sh_addralign
            put(&mut out, entry_size, word);
        };
        section(0, 0, 0, 0, 0);
        section(11, table_offset, table.len() as u64, 2, symbol_size as u64);
        section(3, strings_offset, strings.len() as u64, 0, 0);
        out
    }

    const SYMBOLS: &[Symbol<'static>] = &[
        ("HPyInit_m", true, true),
        ("imported", false, true),
        ("local", true, false),
        ("get_required_hpy_major_version_m", true, true),
    ];

    #[test]
    fn reads_defined_global_symbols_in_every_class_and_byte_order() {
        for is_64 in [false, true] {
            for big_endian in [false, true] {
                let file = build(is_64, big_endian, SYMBOLS);
                assert!(is_elf(&file));
                assert_eq!(
                    defined_dynamic_symbols(&file).unwrap(),
                    ["HPyInit_m", "get_required_hpy_major_version_m"],
                    "is_64: {is_64}, big_endian: {big_endian}"
                );
            }
        }
    }

    #[test]
    fn rejects_malformed_files() {
        assert!(!is_elf(b"MZ\x90\x00"));
        assert_eq!(defined_dynamic_symbols(b"MZ"), Err("not an ELF file"));
        assert_eq!(
            defined_dynamic_symbols(b"\x7fELF\x03\x01"),
            Err("unknown ELF class")
        );
        assert_eq!(
            defined_dynamic_symbols(b"\x7fELF\x02\x03"),
            Err("unknown ELF byte order")
        );
        let file = build(true, false, SYMBOLS);
        assert_eq!(
            defined_dynamic_symbols(&file[..file.len() - 1]),
            Err("the file is truncated")
        );
        assert_eq!(
            defined_dynamic_symbols(&file[..0x20]),
            Err("the file is truncated")
        );
        let mut bad_link = file.clone();
        let dynsym_link = file.len() - 2 * 64 + 0x28;
        bad_link[dynsym_link] = 9;
        assert_eq!(
            defined_dynamic_symbols(&bad_link),
            Err("the dynamic symbol table links to a missing string table")
        );
    }

    #[test]
    fn a_file_without_section_headers_has_no_symbols() {
        let mut file = build(true, false, SYMBOLS);
        file[0x28..0x30].fill(0); // e_shoff
        assert_eq!(defined_dynamic_symbols(&file), Ok(vec![]));
    }
}
