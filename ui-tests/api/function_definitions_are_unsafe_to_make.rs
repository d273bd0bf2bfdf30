// Rule: a module's function list is executed by the runtime as definitions, so only a
// method definition may be listed: wrapping any other (here the `tp_new` slot of types
// without a constructor) as a module function needs `unsafe`.
// This must not compile; if it ever does, running it says which rule broke.

pub static DEF: hpy::__private::FunctionDef =
    hpy::__private::FunctionDef::new(&hpy::__private::NO_NEW);

fn main() {
    println!("BUG: a slot definition was listed as a module function without unsafe");
}
