//! The worked example of `docs/plugins.md`, `examples/baocao-csv`, built the
//! way an outside developer builds it (its own workspace, lock file and
//! target folder), tested with its own tests, and loaded the way `baocao`
//! loads it.
//!
//! The example is built once per run into `target/tmp/example-plugin`; from
//! clean, that compiles serde, serde_json and the SDK in debug mode (about
//! ten seconds on two cores), later runs only check that nothing changed.

#![allow(clippy::unwrap_used, reason = "tests")]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use baocao_plugin_host::{Failure, Plugin, PluginSet, plugin_file_name};

/// The example's manifest.
fn manifest() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples/baocao-csv/Cargo.toml")
        .canonicalize()
        .unwrap()
}

/// Where the example is built: its own target folder, as an outside crate
/// has, inside this workspace's (`target/tmp/example-plugin`).
fn target_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("example-plugin")
}

/// Runs a cargo command on the example, with its committed lock file.
fn cargo(command: &str) {
    let run = |offline: bool| {
        let mut cmd = Command::new(env!("CARGO"));
        cmd.arg(command)
            .arg("--manifest-path")
            .arg(manifest())
            .arg("--target-dir")
            .arg(target_dir())
            // the committed Cargo.lock is the one an outside developer gets
            .arg("--locked");
        if offline {
            cmd.arg("--offline");
        }
        cmd.output().unwrap()
    };
    // Offline first: the example's dependencies are the workspace's, so
    // they are in the local registry cache once the workspace is built.
    let offline = run(true);
    if !offline.status.success() {
        let online = run(false);
        assert!(
            online.status.success(),
            "`cargo {command}` of examples/baocao-csv failed (if its Cargo.lock is out of date, \
             run `cargo update --manifest-path examples/baocao-csv/Cargo.toml` and commit it)\n\
             offline: {}\nonline: {}\n{}",
            String::from_utf8_lossy(&offline.stderr),
            String::from_utf8_lossy(&online.stderr),
            String::from_utf8_lossy(&online.stdout),
        );
    }
}

/// Builds the example (once per test run) and returns the folder cargo put
/// `libbaocao_csv.so` in.
fn built() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        cargo("build");
        target_dir().join("debug")
    })
}

/// The example loaded from its build folder, alone.
fn csv() -> &'static Plugin {
    static SET: OnceLock<PluginSet> = OnceLock::new();
    let set = SET.get_or_init(|| PluginSet::load(&[built().to_path_buf()]));
    assert!(set.rejected().is_empty(), "{:?}", set.rejected());
    assert_eq!(set.plugins().len(), 1, "{:?}", set.plugins());
    set.get("csv").unwrap()
}

/// A Vietnamese document: a paragraph (not data), a table with a caption,
/// figures, a cell that needs quoting and a note, and a field from a future
/// version of the schema that this plugin does not know.
const DOCUMENT: &str = r#"{
  "language": "vi",
  "meta": {"title": "BÁO CÁO", "a_field_from_the_future": [1, 2]},
  "blocks": [
    {"paragraph": {"content": [{"text": {"text": "Tình hình chung."}}]}},
    {"table": {"caption": "Bảng 1. Tăng trưởng", "header": ["Chỉ tiêu", "Năm 2024"],
     "align": ["left", "right"],
     "rows": [
       [[{"text": {"text": "GRDP"}}],
        [{"figure": {"text": "6,52%", "exact": "6.52", "provenance": "reported"}}]],
       [[{"text": {"text": "Công nghiệp \"chế biến\""}}],
        [{"figure": {"text": "−1,2%", "exact": "-1.234"}}]]
     ],
     "note": "Nguồn: Cục Thống kê"}}
  ]
}"#;

const CSV: &str = "Bảng 1. Tăng trưởng\r\n\
                   Chỉ tiêu,Năm 2024,Năm 2024 (giá trị chính xác)\r\n\
                   GRDP,\"6,52%\",6.52\r\n\
                   \"Công nghiệp \"\"chế biến\"\"\",\"−1,2%\",-1.234\r\n\
                   Nguồn: Cục Thống kê\r\n";

/// The example's own unit tests and doc test, as its developer runs them.
#[test]
fn its_own_tests_pass() {
    cargo("test");
}

#[test]
fn it_loads_with_its_metadata() {
    let p = csv();
    assert_eq!(
        (
            p.format_id.as_str(),
            p.name.as_str(),
            p.version.as_str(),
            p.extension.as_str(),
            p.mime_type.as_str()
        ),
        (
            "csv",
            "CSV tables",
            "0.1.0",
            "csv",
            "text/csv; charset=utf-8"
        )
    );
    assert_eq!(
        p.path.file_name().unwrap().to_str().unwrap(),
        plugin_file_name("baocao_csv")
    );
}

#[test]
fn it_renders_the_tables_as_csv() {
    let out = csv().render(DOCUMENT.as_bytes(), b"").unwrap();
    assert_eq!(String::from_utf8(out).unwrap(), CSV);
}

#[test]
fn options_are_json_with_defaults() {
    let with_bom = csv()
        .render(DOCUMENT.as_bytes(), br#"{"bom": true}"#)
        .unwrap();
    assert_eq!(
        String::from_utf8(with_bom).unwrap(),
        format!("\u{feff}{CSV}")
    );
    let defaults = csv().render(DOCUMENT.as_bytes(), b"{}").unwrap();
    assert_eq!(String::from_utf8(defaults).unwrap(), CSV);

    for (bad, key, message) in [
        (
            r#"{"bom": "yes"}"#,
            "bom",
            "option `bom` of the csv format must be true or false, found text \"yes\"",
        ),
        (
            r#"{"bon": true}"#,
            "bon",
            "unknown option `bon` of the csv format",
        ),
    ] {
        let err = csv()
            .render(DOCUMENT.as_bytes(), bad.as_bytes())
            .unwrap_err();
        assert!(
            matches!(&err.failure, Failure::BadOptions { key: k, .. } if k == key),
            "{bad}: {:?}",
            err.failure
        );
        assert_eq!(err.message, message, "{bad}");
    }
}

#[test]
fn its_own_errors_and_bad_documents_reach_the_host() {
    let no_tables = r#"{"blocks": [{"paragraph": {"content": []}}]}"#;
    let err = csv().render(no_tables.as_bytes(), b"").unwrap_err();
    assert_eq!(err.failure, Failure::Error);
    assert_eq!(err.message, "the report has no tables to write as CSV");

    let err = csv().render(b"{\"blocks\": 7}", b"").unwrap_err();
    assert_eq!(err.failure, Failure::BadInput);
    assert!(
        err.message.starts_with("cannot decode the document: "),
        "{}",
        err.message
    );
}
