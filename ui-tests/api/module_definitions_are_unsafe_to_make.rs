// Rule: building a module definition registers its globals (a registered global may be
// stored to), so making one by hand needs `unsafe`.
// This must not compile; if it ever does, running it says which rule broke.

static STRAY: hpy::Global = hpy::Global::new();

static LAUNDER: hpy::__private::ModuleDef =
    hpy::__private::ModuleDef::new(None, &[], &hpy::__private::NO_NEW, &[&STRAY], &[], &[]);

fn main() {
    let _ = LAUNDER.as_ptr();
    println!("BUG: a global was registered by a module definition made without unsafe");
}
