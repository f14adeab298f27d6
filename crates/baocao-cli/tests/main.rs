//! End-to-end tests of the `baocao` binary on the shipped Hà Nội department.

#![allow(clippy::unwrap_used, reason = "tests")]

mod any_dataset;
mod bad_input;
mod batch;
mod customize;
mod docx;
mod import;
mod isolation;
mod links;
mod overview;
mod plugins;
mod real_data;
mod report;
mod writes;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The output of one run of the binary.
pub struct Run {
    /// Exit code (-1 when killed by a signal).
    pub code: i32,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
}

/// Runs `baocao` with arguments, from the workspace root.
pub fn baocao(args: &[&str]) -> Run {
    baocao_in(&workspace(), args)
}

/// Runs `baocao` with arguments, from the folder `dir`.
pub fn baocao_in(dir: &Path, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_baocao"))
        .args(args)
        .current_dir(dir)
        .env_remove("RUST_BACKTRACE")
        .env("BAOCAO_PLUGIN_PATH", plugin_dir())
        .output()
        .unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

/// Where cargo put the plugin libraries it built for this test run: next to
/// the test executable (`target/<profile>/deps`) under `cargo test
/// --workspace`.
pub fn plugin_dir() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    let dir = exe.parent().unwrap().to_path_buf();
    assert!(
        dir.join(baocao_plugin_host::plugin_file_name("baocao_markdown"))
            .is_file(),
        "the exporter plugins are not built next to {}: run `cargo test --workspace`",
        exe.display()
    );
    dir
}

/// The workspace root.
pub fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

/// A copy of the Hà Nội dataset folder with `edit` applied to hanoi.toml.
pub fn edited_hanoi(edit: impl Fn(&str) -> String) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let data = workspace().join("config/hanoi/data");
    let hanoi = std::fs::read_to_string(data.join("hanoi.toml")).unwrap();
    std::fs::write(dir.path().join("hanoi.toml"), edit(&hanoi)).unwrap();
    std::fs::copy(data.join("notes.toml"), dir.path().join("notes.toml")).unwrap();
    dir
}

/// Markdown → the text a reader sees, one line per paragraph, heading,
/// list item or table row.
pub fn strip_markdown(md: &str) -> String {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
    let mut out = String::new();
    for event in Parser::new_ext(md, Options::ENABLE_TABLES) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::TableRow
                | TagEnd::TableHead,
            ) => out.push('\n'),
            Event::Start(Tag::TableCell) => out.push('|'),
            _ => {}
        }
    }
    out
}

/// Every file under `dir` (relative path → bytes).
pub fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p.strip_prefix(dir).unwrap().to_string_lossy().into_owned();
                out.insert(rel, std::fs::read(&p).unwrap());
            }
        }
    }
    out
}

/// The text of one part of a `.docx` ("word/document.xml").
pub fn docx_part(docx: &[u8], name: &str) -> String {
    use std::io::Read as _;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut text = String::new();
    zip.by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

/// The text of a `.docx`'s body, a line per paragraph (list markers and
/// field results as Word shows them are not included: only the runs).
pub fn docx_text(docx: &[u8]) -> String {
    docx_part(docx, "word/document.xml")
        .split("</w:p>")
        .map(|p| {
            let mut line = String::new();
            for piece in p.split("<w:t").skip(1) {
                // `<w:t>` or `<w:t xml:space=…>`, not `<w:tbl>`, `<w:tc>`…
                if !piece.starts_with(['>', ' ']) {
                    continue;
                }
                let Some((_, rest)) = piece.split_once('>') else {
                    continue;
                };
                let text = rest.split("</w:t>").next().unwrap_or("");
                line.push_str(
                    &text
                        .replace("&lt;", "<")
                        .replace("&gt;", ">")
                        .replace("&quot;", "\"")
                        .replace("&amp;", "&"),
                );
            }
            line
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// What keeps Word from opening a `.docx`, as far as a test can tell: a
/// package that is not a zip, a part missing, or a part that is not
/// well-formed XML. `None` when none of these.
pub fn docx_problem(docx: &[u8]) -> Option<String> {
    use std::io::Read as _;
    let mut zip = match zip::ZipArchive::new(std::io::Cursor::new(docx)) {
        Ok(zip) => zip,
        Err(e) => return Some(format!("not a zip: {e}")),
    };
    for i in 0..zip.len() {
        let mut file = zip.by_index(i).unwrap();
        let name = file.name().map(|n| n.into_owned()).unwrap_or_default();
        if name.ends_with(".png") {
            // A chart's picture: a PNG, under word/media/, that the
            // document's relationships name.
            let mut png = Vec::new();
            if let Err(e) = file.read_to_end(&mut png) {
                return Some(format!("{name}: {e}"));
            }
            if !name.starts_with("word/media/") || !png.starts_with(b"\x89PNG\r\n\x1a\n") {
                return Some(format!("{name}: not a PNG picture under word/media/"));
            }
            continue;
        }
        let mut xml = String::new();
        if let Err(e) = file.read_to_string(&mut xml) {
            return Some(format!("{name}: {e}"));
        }
        let mut reader = quick_xml::Reader::from_str(&xml);
        loop {
            match reader.read_event() {
                Ok(quick_xml::events::Event::Eof) => break,
                Ok(_) => {}
                Err(e) => {
                    return Some(format!(
                        "{name}: not well-formed at {}: {e}",
                        reader.error_position()
                    ));
                }
            }
        }
    }
    // Every picture the document's relationships name is in the package.
    let mut rels = String::new();
    if let Ok(mut file) = zip.by_name("word/_rels/document.xml.rels") {
        let _ = file.read_to_string(&mut rels);
    }
    let pictures: Vec<String> = rels
        .split("Target=\"media/")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(|file| format!("word/media/{file}"))
        .collect();
    [
        "[Content_Types].xml",
        "word/document.xml",
        "word/styles.xml",
    ]
    .iter()
    .map(|p| (*p).to_owned())
    .chain(pictures)
    .find(|part| zip.index_for_name(part).is_none())
    .map(|part| format!("no {part}"))
}
