// Rule: a type object is trusted (downcasts, the value `Typed::new` writes into an object), so
// claiming one for an exception — `PyException`, which `register_exception` fills — needs
// `unsafe`: here it names a class's type object, which registering would replace with an
// exception type.
// This must not compile; if it ever does, running it says which rule broke.

use hpy::prelude::*;
use hpy::PyType;

#[hpy::module]
mod m {
    use super::*;

    #[hpy::class]
    pub struct Victim {
        pub n: i64,
    }

    #[hpy::init]
    fn init<'ctx>(_cx: Context<'ctx>, module: &Handle<'ctx>) -> Result<()> {
        hpy::__private::register_exception::<super::Evil>(module)
    }
}

pub struct Evil;

static EVIL_INFO: hpy::__private::ExceptionInfo = hpy::__private::ExceptionInfo {
    name: "Evil",
    doc: None,
    base: || hpy::exceptions::Exception.into(),
};

impl hpy::__private::PyException for Evil {
    const TYPE_OBJECT: &'static hpy::TypeObject = <m::Victim as PyType>::TYPE_OBJECT;
    const INFO: &'static hpy::__private::ExceptionInfo = &EVIL_INFO;
}

fn main() {
    println!("BUG: an exception type was registered under a class's type object");
}
