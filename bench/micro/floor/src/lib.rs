//! A C function that catches panics, and nothing else (see Cargo.toml).

/// `x + 1`, or -1 where computing it panics (for `x == i64::MAX`).
#[unsafe(no_mangle)]
pub extern "C" fn micro_floor_increment(x: i64) -> i64 {
    std::panic::catch_unwind(|| x.checked_add(1).expect("overflow")).unwrap_or(-1)
}
