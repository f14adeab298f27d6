//! The plugin host against real shared libraries: the Markdown plugin and
//! the broken plugins of `tests/plugins/`, copied into temporary plugin
//! folders under plugin names.
//!
//! Every fault is met next to a working plugin, because the promise is not
//! only that a broken file is turned away but that everything else still
//! loads and renders.
//!
//! The libraries are the cdylibs of this crate's dev-dependencies, which
//! cargo writes into `target/<profile>/deps/`, the folder of this test
//! executable, under `cargo test --workspace` and `cargo test -p
//! baocao-plugin-host` alike.

#![allow(clippy::unwrap_used, reason = "tests")]

mod folders;
mod isolation;
// What the fault plugins render and say, read from their sources rather
// than by linking them (see this crate's Cargo.toml). Their items are `pub`
// for the plugins' own crates, and not all are used here.
#[path = "../../../tests/plugins/fault-abi-1-0/src/expected.rs"]
#[allow(unreachable_pub, dead_code, reason = "shared with the plugin crate")]
mod expected_abi_1_0;
#[path = "../../../tests/plugins/fault-chdir/src/expected.rs"]
#[allow(unreachable_pub, dead_code, reason = "shared with the plugin crate")]
mod expected_chdir;
#[path = "../../../tests/plugins/fault-index/src/expected.rs"]
#[allow(unreachable_pub, dead_code, reason = "shared with the plugin crate")]
mod expected_index;
#[path = "../../../tests/plugins/fault-panic/src/expected.rs"]
#[allow(unreachable_pub, dead_code, reason = "shared with the plugin crate")]
mod expected_panic;
#[path = "../../../tests/plugins/fault-stdout/src/expected.rs"]
#[allow(unreachable_pub, dead_code, reason = "shared with the plugin crate")]
mod expected_stdout;
mod load_faults;
mod render_faults;
mod rendering;
mod validation;

use std::env::consts::{DLL_PREFIX, DLL_SUFFIX};
use std::path::{Path, PathBuf};

use baocao_plugin_api::{Block, Document, Inline, Meta, Signature};
use baocao_plugin_host::{Plugin, PluginSet, RenderError, plugin_file_name};

/// The library name of the real plugin that every fault is put beside.
const MARKDOWN: &str = "baocao_markdown";

/// The path of a shared library built for this test, by its crate's
/// library name (`fault_panic`).
///
/// Only the folder of this executable is searched: `cargo build` also
/// copies a workspace member's cdylib up into `target/<profile>/`, but one
/// found there may be stale.
fn built_library(lib_name: &str) -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    let dir = exe.parent().unwrap();
    let file = format!("{DLL_PREFIX}{lib_name}{DLL_SUFFIX}");
    let path = dir.join(&file);
    assert!(
        path.is_file(),
        "{file} is not in {}, the folder of this test executable; build it with `cargo test --workspace` \
         (the fault fixtures in tests/plugins/ and the Markdown plugin are dev-dependencies of \
         baocao-plugin-host, so cargo builds them before this test)",
        dir.display()
    );
    path
}

/// Where fault-index panics, as the SDK reports it: its source file from
/// the workspace root (how cargo names a workspace member's files to the
/// compiler), the line that ends with its mark, and the column of the
/// index.
fn index_fault_place() -> String {
    let file = "tests/plugins/fault-index/src/lib.rs";
    let source = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../..")
            .join(file),
    )
    .unwrap();
    let (number, line) = source
        .lines()
        .enumerate()
        .find(|(_, l)| l.ends_with(expected_index::FAULT_MARK))
        .unwrap();
    let column = line.find("WIDTHS[").unwrap() + 1;
    format!("{file}:{}:{column}", number + 1)
}

/// A temporary plugin folder.
struct PluginDir(tempfile::TempDir);

impl PluginDir {
    fn new() -> Self {
        PluginDir(tempfile::tempdir().unwrap())
    }

    fn path(&self) -> &Path {
        self.0.path()
    }

    /// Copies a built library in as the plugin `name`
    /// (`libbaocao_<name>.so`).
    fn plugin(&self, lib_name: &str, name: &str) -> PathBuf {
        self.copy(lib_name, &plugin_file_name(name))
    }

    /// Copies a built library in under any file name.
    fn copy(&self, lib_name: &str, file_name: &str) -> PathBuf {
        let to = self.path().join(file_name);
        std::fs::copy(built_library(lib_name), &to).unwrap();
        to
    }

    /// Writes a file.
    fn write(&self, file_name: &str, bytes: &[u8]) -> PathBuf {
        let to = self.path().join(file_name);
        std::fs::write(&to, bytes).unwrap();
        to
    }

    /// Loads this folder alone.
    fn load(&self) -> PluginSet {
        PluginSet::load(&[self.path().to_path_buf()])
    }
}

/// A small report: a letterhead, a heading, a paragraph with a figure and
/// characters Markdown escapes, a list; enough that a wrong byte shows.
fn document() -> Document<'static> {
    let mut doc = Document {
        language: "vi".into(),
        meta: Meta {
            department: "SỞ CÔNG THƯƠNG".into(),
            title: "BÁO CÁO".into(),
            subject: "Tình hình sản xuất công nghiệp năm 2024".into(),
            signature: Signature {
                titles: vec!["GIÁM ĐỐC".into()],
                name: "Nguyễn Văn A".into(),
            },
            ..Meta::default()
        },
        ..Document::default()
    };
    doc.blocks.push(Block::Heading {
        level: 1,
        number: "I.".into(),
        content: vec![Inline::text("KẾT QUẢ")],
    });
    doc.blocks.push(Block::Paragraph {
        content: vec![
            Inline::text("Chỉ số IIP ước tăng "),
            Inline::figure("5,9%", "5.9", "reported"),
            Inline::text(" *so với* năm 2023."),
        ],
    });
    doc.blocks.push(Block::List {
        items: vec![
            vec![Inline::text("Điện: tăng 7%")],
            vec![Inline::text("Nước | khí")],
        ],
        style: baocao_plugin_api::ListStyle::Bullet,
    });
    doc
}

/// [`document`] as the host hands it to a plugin.
fn document_json() -> Vec<u8> {
    serde_json::to_vec(&document()).unwrap()
}

/// What the Markdown plugin must make of [`document`]: what the same crate,
/// linked into this test, makes of it.
fn markdown_output() -> String {
    baocao_markdown::render(&document())
}

/// Renders through a plugin that writes text, so that a failed comparison
/// shows text rather than bytes.
fn render_text(
    plugin: &Plugin,
    document_json: &[u8],
    options_json: &[u8],
) -> Result<String, RenderError> {
    plugin
        .render(document_json, options_json)
        .map(|bytes| String::from_utf8(bytes).unwrap())
}

/// Checks that the set has the Markdown plugin and that it renders.
fn assert_markdown_renders(set: &PluginSet) {
    let markdown = set.get("md").unwrap_or_else(|| {
        panic!(
            "the Markdown plugin did not load; rejected: {:?}",
            set.rejected()
        )
    });
    assert_eq!(
        render_text(markdown, &document_json(), b"").unwrap(),
        markdown_output()
    );
}
