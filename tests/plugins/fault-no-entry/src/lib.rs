//! A fault fixture for `baocao-plugin-host`'s tests: a valid shared library
//! that exports a C function, but not the plugin entry symbol.
//!
//! What it exports is the name a plugin of a future ABI major version would
//! have (a major change renames the entry symbol), so the host must reject
//! it as "no entry symbol" and never call it.
//!
//! Never shipped: only `baocao-plugin-host`'s tests depend on it (the crate is
//! not a default workspace member), and its file, `libfault_no_entry.so`, is
//! not named like a plugin, so the host loads it only when a test copies it
//! into a plugin folder under a plugin name.

#![allow(
    unsafe_code,
    reason = "a deliberately broken foreign plugin, for the host's fault tests"
)]

/// An entry point under another ABI's name; returns no descriptor, so it is
/// harmless if anything ever calls it.
// SAFETY: the only unmangled symbol of this library, and a name that no
// other library in a baocao process defines.
#[unsafe(no_mangle)]
pub extern "C" fn baocao_plugin_v2() -> *const std::ffi::c_void {
    std::ptr::null()
}
