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
/// package that is not a zip, a part missing, a part that is not
/// well-formed XML, a relationship to a part that is not there, or a
/// chart's embedded workbook with any of these. `None` when none of these.
pub fn docx_problem(docx: &[u8]) -> Option<String> {
    package_problem(
        docx,
        &[
            "[Content_Types].xml",
            "word/document.xml",
            "word/styles.xml",
        ],
    )
}

/// [`docx_problem`] for any OOXML package with its `required` parts.
fn package_problem(package: &[u8], required: &[&str]) -> Option<String> {
    use std::io::Read as _;
    let mut zip = match zip::ZipArchive::new(std::io::Cursor::new(package)) {
        Ok(zip) => zip,
        Err(e) => return Some(format!("not a zip: {e}")),
    };
    let mut targets = Vec::new();
    for i in 0..zip.len() {
        let mut file = zip.by_index(i).unwrap();
        let name = file.name().map(|n| n.into_owned()).unwrap_or_default();
        if name.ends_with(".xlsx") {
            // A chart's workbook, for Word's "Edit Data": a package of
            // its own, under word/embeddings/.
            let mut book = Vec::new();
            if let Err(e) = file.read_to_end(&mut book) {
                return Some(format!("{name}: {e}"));
            }
            if !name.starts_with("word/embeddings/") {
                return Some(format!("{name}: a workbook outside word/embeddings/"));
            }
            let sheet = ["[Content_Types].xml", "xl/workbook.xml"];
            if let Some(problem) = package_problem(&book, &sheet) {
                return Some(format!("{name}: {problem}"));
            }
            continue;
        }
        let mut xml = String::new();
        if let Err(e) = file.read_to_string(&mut xml) {
            return Some(format!("{name}: {e}"));
        }
        let mut reader = quick_xml::Reader::from_str(&xml);
        // quick-xml checks that an end tag matches its start, not that
        // every element is closed by the end of the part.
        let mut open = 0_usize;
        loop {
            match reader.read_event() {
                Ok(quick_xml::events::Event::Eof) if open == 0 => break,
                Ok(quick_xml::events::Event::Eof) => {
                    return Some(format!(
                        "{name}: not well-formed: {open} elements left open"
                    ));
                }
                Ok(quick_xml::events::Event::Start(_)) => open += 1,
                Ok(quick_xml::events::Event::End(_)) => open = open.saturating_sub(1),
                Ok(_) => {}
                Err(e) => {
                    return Some(format!(
                        "{name}: not well-formed at {}: {e}",
                        reader.error_position()
                    ));
                }
            }
        }
        if let Some((folder, _)) = name.rsplit_once("_rels/") {
            // Each relationship's target, from the folder of its source.
            for rest in xml.split("Target=\"").skip(1) {
                let (target, rest) = rest.split_once('"').unwrap_or((rest, ""));
                if !rest.starts_with(" TargetMode=\"External\"") {
                    targets.push((name.clone(), resolve(folder, target)));
                }
            }
        }
    }
    if let Some(part) = required.iter().find(|p| zip.index_for_name(p).is_none()) {
        return Some(format!("no {part}"));
    }
    targets
        .into_iter()
        .find(|(_, part)| zip.index_for_name(part).is_none())
        .map(|(rels, part)| {
            format!("{rels}: a relationship to {part}, which is not in the package")
        })
}

/// The checker above finds what it says it finds (it is what every
/// dataset's Word report is held to).
#[test]
fn the_docx_checker_finds_a_missing_target_and_a_broken_workbook() {
    use std::io::Write as _;
    fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        for (name, bytes) in parts {
            zip.start_file(*name, zip::write::SimpleFileOptions::default())
                .unwrap();
            zip.write_all(bytes).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }
    let rels =
        br#"<Relationships><Relationship Id="r" Target="../embeddings/b.xlsx"/></Relationships>"#;
    let book = zip_of(&[
        ("[Content_Types].xml", b"<Types/>"),
        ("xl/workbook.xml", b"<workbook/>"),
    ]);
    let docx = |book: Option<&[u8]>| {
        let mut parts: Vec<(&str, &[u8])> = vec![
            ("[Content_Types].xml", b"<Types/>"),
            ("word/document.xml", b"<w:document xmlns:w=\"w\"/>"),
            ("word/styles.xml", b"<styles/>"),
            ("word/charts/_rels/chart1.xml.rels", rels),
        ];
        if let Some(book) = book {
            parts.push(("word/embeddings/b.xlsx", book));
        }
        zip_of(&parts)
    };
    assert_eq!(docx_problem(&docx(Some(&book))), None);
    assert_eq!(
        docx_problem(&docx(None)).as_deref(),
        Some(
            "word/charts/_rels/chart1.xml.rels: a relationship to word/embeddings/b.xlsx, which is not in the package"
        )
    );
    let no_sheet = zip_of(&[("[Content_Types].xml", b"<Types/>")]);
    assert_eq!(
        docx_problem(&docx(Some(&no_sheet))).as_deref(),
        Some("word/embeddings/b.xlsx: no xl/workbook.xml")
    );
    let broken = zip_of(&[
        ("[Content_Types].xml", b"<Types>"),
        ("xl/workbook.xml", b"<workbook/>"),
    ]);
    assert!(docx_problem(&docx(Some(&broken))).is_some_and(|p| {
        p.starts_with("word/embeddings/b.xlsx: [Content_Types].xml: not well-formed")
    }),);
}

/// A relationship's target as a part name: relative to `folder` (with
/// its trailing `/`), or from the package's root when it starts with `/`.
fn resolve(folder: &str, target: &str) -> String {
    let mut path: Vec<&str> = if target.starts_with('/') {
        Vec::new()
    } else {
        folder.split('/').filter(|s| !s.is_empty()).collect()
    };
    for segment in target.split('/').filter(|s| !s.is_empty()) {
        match segment {
            ".." => {
                path.pop();
            }
            "." => {}
            s => path.push(s),
        }
    }
    path.join("/")
}
