//! A fault fixture for `baocao-plugin-host`'s tests: a valid shared library
//! that exports a C function, but the entry symbol of no plugin ABI.
//!
//! It is what a library that is not a baocao plugin at all looks like to
//! the host (a plugin of another ABI major version is `fault-abi-v2`), so
//! the host must reject it as "no entry symbol" and never call it.
//!
//! Never shipped: only `baocao-plugin-host`'s tests depend on it (the crate is
//! not a default workspace member), and its file, `libfault_no_entry.so`, is
//! not named like a plugin, so the host loads it only when a test copies it
//! into a plugin folder under a plugin name.

#![allow(
    unsafe_code,
    reason = "a deliberately broken foreign plugin, for the host's fault tests"
)]

/// A C function of a library that is not a plugin.
// SAFETY: the only unmangled symbol of this library, and a name that no
// other library in a baocao process defines.
#[unsafe(no_mangle)]
pub extern "C" fn fault_no_entry_answer() -> u32 {
    42
}
