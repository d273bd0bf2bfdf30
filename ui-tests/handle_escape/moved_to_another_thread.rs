// BUG if this compiles: a handle is sent to another thread.
use hpy::Handle;

#[hpy::module]
mod m {
    use super::*;

    #[hpy::function]
    fn spawn<'ctx>(obj: &Handle<'ctx>) {
        let owned = obj.clone();
        std::thread::spawn(move || drop(owned));
    }
}

fn main() {
    println!("BUG: a handle is sent to another thread");
}
