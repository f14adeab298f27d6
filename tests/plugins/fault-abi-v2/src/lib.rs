//! A fault fixture for `baocao-plugin-host`'s tests: a shared library built
//! for plugin ABI 2, as a later baocao's SDK would make it. A new ABI major
//! version renames the entry symbol, so it exports `baocao_plugin_v2` and
//! not `baocao_plugin_v1`.
//!
//! The host must reject it as "built for plugin ABI 2", found by the
//! symbol's name alone: it must never call an entry of another ABI, whose
//! signature it cannot know.
//!
//! Never shipped: only `baocao-plugin-host`'s tests depend on it (the crate is
//! not a default workspace member), and its file, `libfault_abi_v2.so`, is
//! not named like a plugin, so the host loads it only when a test copies it
//! into a plugin folder under a plugin name.

#![allow(
    unsafe_code,
    reason = "a deliberately foreign plugin, for the host's fault tests"
)]

/// The entry point under ABI 2's name; returns no descriptor, so it is
/// harmless if anything ever calls it.
// SAFETY: the only unmangled symbol of this library, and a name that no
// other library in a baocao process defines.
#[unsafe(no_mangle)]
pub extern "C" fn baocao_plugin_v2() -> *const std::ffi::c_void {
    std::ptr::null()
}
