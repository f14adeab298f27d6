//! What `fault-index` renders or says, for the tests to compare with.
//!
//! `crates/baocao-plugin-host/tests/main.rs` reads this file as a module of
//! its own (`#[path]`) instead of linking the plugin: two plugin rlibs
//! linked into one test executable each bring a `baocao_plugin_v1`, which
//! the linker refuses as a duplicate symbol.

/// The comment that ends the line that panics, for the tests to find it.
pub const FAULT_MARK: &str = "// the fault";
