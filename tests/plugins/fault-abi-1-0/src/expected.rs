//! What `fault-abi-1-0` renders or says, for the tests to compare with.
//!
//! `crates/baocao-plugin-host/tests/main.rs` reads this file as a module of
//! its own (`#[path]`) instead of linking the plugin: two plugin rlibs
//! linked into one test executable each bring a `baocao_plugin_v1`, which
//! the linker refuses as a duplicate symbol.

/// What it renders, whatever the document.
pub const OUTPUT: &str = "rendered by a plugin of ABI 1.0\n";

/// Its format id.
pub const FORMAT_ID: &str = "abi-1-0";

/// What the function after the descriptor answers, if a host calls it.
pub const READ_PAST_THE_END: &str = r#"{"key": "", "message": "the host read past the end of a 1.0 descriptor and called what it found there", "expected": ""}"#;
