//! What `fault-chdir` renders or says, for the tests to compare with.
//!
//! `crates/baocao-plugin-host/tests/main.rs` reads this file as a module of
//! its own (`#[path]`) instead of linking the plugin: two plugin rlibs
//! linked into one test executable each bring a `baocao_plugin_v1`, which
//! the linker refuses as a duplicate symbol.

/// What it renders.
pub const RENDERED: &str = "rendered by the fault-chdir test fixture\n";
