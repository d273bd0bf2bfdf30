//! Caught panic payloads: their message, and their disposal without running foreign code.
//!
//! A panic's payload is any `Send` value (`std::panic::panic_any(x)`); dropping it runs its
//! `Drop`, which may panic in turn, and at a boundary with C that second panic would have
//! nowhere to go. So a payload is dropped only when it is one of the two types `panic!`
//! makes (`&'static str`, `String`), whose drop cannot panic; any other payload is leaked
//! (a few bytes, once per such panic), never dropped.

use std::any::Any;

/// The text of a panic payload, after which the payload is gone: dropped if it is the
/// `&str` or `String` that `panic!` makes, leaked otherwise (see the module documentation).
pub(crate) fn take_message(payload: Box<dyn Any + Send>) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_owned()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        core::mem::forget(payload);
        "Rust panic with a non-string payload".to_owned()
    }
}

/// Reports on stderr a panic caught where no exception can be raised (deallocation, the
/// garbage collector's traversal, a finalizer), and disposes of its payload: "hpy-rs: a
/// panic while `doing` a `T` object was ignored (`why`): message".
pub(crate) fn report_ignored(
    payload: Box<dyn Any + Send>,
    doing: &str,
    type_name: &str,
    why: &str,
) {
    let message = take_message(payload);
    eprintln!("hpy-rs: a panic while {doing} a {type_name} object was ignored ({why}): {message}");
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::take_message;

    #[test]
    fn messages_of_the_payloads_panic_makes() {
        let payload = std::panic::catch_unwind(|| panic!("static message")).unwrap_err();
        assert_eq!(take_message(payload), "static message");
        let n = 3;
        let payload = std::panic::catch_unwind(|| panic!("formatted {n}")).unwrap_err();
        assert_eq!(take_message(payload), "formatted 3");
        let payload = std::panic::catch_unwind(|| std::panic::panic_any(7u8)).unwrap_err();
        assert_eq!(
            take_message(payload),
            "Rust panic with a non-string payload"
        );
    }

    #[test]
    fn a_foreign_payload_is_never_dropped() {
        static DROPS: AtomicUsize = AtomicUsize::new(0);
        struct PanicsOnDrop;
        impl Drop for PanicsOnDrop {
            fn drop(&mut self) {
                DROPS.fetch_add(1, Ordering::Relaxed);
                panic!("a payload that panics when dropped");
            }
        }
        let payload = std::panic::catch_unwind(|| std::panic::panic_any(PanicsOnDrop)).unwrap_err();
        assert_eq!(
            take_message(payload),
            "Rust panic with a non-string payload"
        );
        assert_eq!(DROPS.load(Ordering::Relaxed), 0);
    }
}
