//! What `fault-stdout` renders or says, for the tests to compare with.
//!
//! `crates/baocao-plugin-host/tests/main.rs` reads this file as a module of
//! its own (`#[path]`) instead of linking the plugin: two plugin rlibs
//! linked into one test executable each bring a `baocao_plugin_v1`, which
//! the linker refuses as a duplicate symbol.

/// What it prints on standard output; the tests look for it.
pub const NOISE: &str = "noise from the fault-stdout test fixture";

/// What it renders.
pub const RENDERED: &str = "rendered by the fault-stdout test fixture\n";
