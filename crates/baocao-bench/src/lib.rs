//! What the benchmarks of `benches/` share: the Hà Nội 2024 report, made
//! once, and the exporter plugins, loaded from where cargo built them.
//!
//! The benchmarks measure what the plugin boundary costs (`md`, `html`,
//! `txt`, `json`): each exporter called as a linked library against the
//! same exporter loaded at run time and called through the C ABI of
//! `baocao-plugin-api`, with the document encoded to JSON by the host and
//! decoded by the plugin. `batch` measures a batch of generated reports
//! phase by phase, and whole. The figures and how to reproduce them are in
//! `docs/performance.md`.
//!
//! This crate sits beside the pipeline and nothing depends on it.
//!
//! ```
//! let report = baocao_bench::report();
//! assert!(report.json.starts_with(b"{"));
//! assert_eq!(baocao_bench::encode(&report.document), report.json);
//! ```

use std::path::PathBuf;
use std::sync::LazyLock;

use baocao_document::Document;
use baocao_plugin_host::{Plugin, PluginSet};

/// The Hà Nội 2024 report encoded, as the driver hands it to the plugins.
#[derive(Debug)]
pub struct Encoded {
    /// The document.
    pub document: Document<'static>,
    /// The document as JSON, what every plugin reads.
    pub json: Vec<u8>,
}

/// The Hà Nội 2024 report of the built-in department, made on first use.
pub fn report() -> &'static Encoded {
    static REPORT: LazyLock<Encoded> = LazyLock::new(|| {
        let department = baocao_config::Department::builtin();
        let period = "2024".parse().expect("2024 is a period");
        let made = baocao_driver::Job::new(&department, period)
            .run()
            .expect("the built-in Hà Nội 2024 report is made");
        Encoded {
            json: encode(&made.document),
            document: made.document,
        }
    });
    &REPORT
}

/// Encodes a document as the driver does before calling a plugin.
pub fn encode(document: &Document<'_>) -> Vec<u8> {
    serde_json::to_vec(document).expect("a Document is strings and lists, which always serialize")
}

/// Every plugin found next to the running executable
/// (`target/release/deps` under `cargo bench`, where cargo builds the
/// plugin crates this crate's benchmarks depend on), then in its profile
/// folder (`target/release`, where `cargo build --release` puts them).
/// Loaded once.
pub fn plugins() -> &'static PluginSet {
    static PLUGINS: LazyLock<PluginSet> = LazyLock::new(|| {
        let exe = std::env::current_exe().expect("the running executable has a path");
        let deps = exe.parent().map(PathBuf::from).unwrap_or_default();
        let profile = deps.parent().map(PathBuf::from).unwrap_or_default();
        // Both folders usually hold the same files; the second copy of each
        // is rejected as a duplicate, so `deps` wins.
        PluginSet::load(&[deps, profile])
    });
    &PLUGINS
}

/// The plugin of a format, from [`plugins()`].
///
/// # Panics
///
/// When no plugin provides the format: a benchmark cannot run without it.
pub fn plugin(format_id: &str) -> &'static Plugin {
    plugins().get(format_id).unwrap_or_else(|| {
        panic!(
            "no plugin for `{format_id}` next to {}: run the benchmarks with `cargo bench -p baocao-bench` (rejected: {:?})",
            std::env::current_exe().unwrap_or_default().display(),
            plugins().rejected()
        )
    })
}

/// Renders JSON through a plugin with its default options.
///
/// # Panics
///
/// When the plugin fails: the report renders in every format.
pub fn through_plugin(plugin: &Plugin, json: &[u8]) -> Vec<u8> {
    plugin.render(json, b"").unwrap_or_else(|e| panic!("{e}"))
}

/// Checks, before measuring, that the plugin and the linked exporter give
/// the same bytes for the report, and makes the report and loads the
/// plugin outside any measurement.
///
/// # Panics
///
/// When they differ.
pub fn check_same_output<T: Into<Vec<u8>>>(format_id: &str, linked: impl Fn(&Document<'_>) -> T) {
    let report = report();
    let through = through_plugin(plugin(format_id), &report.json);
    assert!(
        through == linked(&report.document).into(),
        "the `{format_id}` plugin and the linked exporter disagree on the Hà Nội 2024 report"
    );
}
