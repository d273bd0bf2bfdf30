//! ELF shared libraries written for the unit tests that read them.

use object::Endianness;
use object::elf;
use object::write::elf::{FileHeader, SectionHeader, Sym, Writer};

/// A symbol of [`elf_library`]: its name, whether the library defines it (else it imports
/// it), whether it is global (else local).
pub type Symbol<'a> = (&'a str, bool, bool);

/// A minimal ELF shared library: one `.text` section holding `contents` (at address 0), which
/// each defined symbol of `symbols` spans, and its dynamic symbol table.
pub fn elf_library(
    is_64: bool,
    endian: Endianness,
    symbols: &[Symbol<'_>],
    contents: &[u8],
) -> Vec<u8> {
    let mut bytes = Vec::new();
    let mut writer = Writer::new(endian, is_64, &mut bytes);
    let names: Vec<_> = symbols
        .iter()
        .map(|(name, ..)| writer.add_dynamic_string(name.as_bytes()))
        .collect();
    let text_name = writer.add_section_name(b".text");
    writer.reserve_file_header();
    let text = writer.reserve_section_index();
    writer.reserve_dynsym_section_index();
    writer.reserve_dynstr_section_index();
    writer.reserve_shstrtab_section_index();
    for _ in symbols {
        writer.reserve_dynamic_symbol_index();
    }
    let code = contents;
    let text_offset = writer.reserve(code.len() as u64, 16);
    writer.reserve_dynsym();
    writer.reserve_dynstr().unwrap();
    writer.reserve_shstrtab().unwrap();
    writer.reserve_section_headers();

    writer
        .write_file_header(&FileHeader {
            os_abi: elf::ELFOSABI_SYSV,
            abi_version: 0,
            e_type: elf::ET_DYN,
            e_machine: elf::EM_X86_64,
            e_entry: 0,
            e_flags: elf::FileFlags(0),
        })
        .unwrap();
    writer.write_align(16);
    writer.write(code);
    writer.write_null_dynamic_symbol();
    for (&(_, defined, global), &name) in symbols.iter().zip(&names) {
        let bind = if global {
            elf::STB_GLOBAL
        } else {
            elf::STB_LOCAL
        };
        writer.write_dynamic_symbol(&Sym {
            section: defined.then_some(text.0),
            st_name: writer.dynamic_string_offset(Some(name)),
            st_info: elf::SymbolInfo::new(bind, elf::STT_FUNC),
            st_other: elf::STV_DEFAULT.into(),
            st_shndx: elf::SHN_UNDEF,
            st_value: 0,
            st_size: if defined { code.len() as u64 } else { 0 },
        });
    }
    writer.write_dynstr();
    writer.write_shstrtab();
    writer.write_null_section_header();
    writer.write_section_header(&SectionHeader {
        sh_name: writer.section_name_offset(Some(text_name)),
        sh_type: elf::SHT_PROGBITS,
        sh_flags: elf::SHF_ALLOC | elf::SHF_EXECINSTR,
        sh_addr: 0,
        sh_offset: text_offset,
        sh_size: code.len() as u64,
        sh_link: 0,
        sh_info: 0,
        sh_addralign: 16,
        sh_entsize: 0,
    });
    let locals = symbols.iter().filter(|(.., global)| !global).count();
    writer.write_dynsym_section_header(0, 1 + locals as u32);
    writer.write_dynstr_section_header(0);
    writer.write_shstrtab_section_header();
    bytes
}
