// Rule: a handle cannot be sent to another thread through a channel.
// This must not compile; if it ever does, running it says which rule broke.

use std::sync::mpsc;

use hpy::Handle;

#[hpy::module]
mod m {
    use super::*;

    #[hpy::function]
    fn send(obj: &Handle<'_>) {
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || drop(rx.recv()));
        tx.send(obj.clone()).unwrap();
    }
}

fn main() {
    println!("BUG: a handle was sent through a channel");
}
