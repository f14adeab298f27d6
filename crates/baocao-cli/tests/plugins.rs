//! Formats come from plugins loaded at run time, and a missing or broken
//! plugin costs only its own format.

use std::path::Path;
use std::process::Command;

use baocao_plugin_host::plugin_file_name;

use crate::{Run, baocao, plugin_dir, workspace};

#[test]
fn plugins_lists_the_three_exporters() {
    let run = baocao(&["plugins"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for (id, name, file) in [
        ("md", "Markdown", "baocao_markdown"),
        ("html", "HTML", "baocao_html"),
        ("txt", "DOCX-like text", "baocao_docx_text"),
    ] {
        let line = run
            .stdout
            .lines()
            .find(|l| l.starts_with(&format!("{id} ")))
            .unwrap_or_else(|| panic!("{id}: {}", run.stdout));
        assert!(line.contains(name), "{line}");
        assert!(
            run.stdout.contains(&plugin_file_name(file)),
            "{}",
            run.stdout
        );
    }
}

/// Runs a copy of the binary from `dir`, with no BAOCAO_PLUGIN_PATH, so the
/// only plugins are those next to it.
fn run_copy(dir: &Path, args: &[&str]) -> Run {
    let out = Command::new(dir.join("baocao"))
        .args(args)
        .current_dir(workspace())
        .env_remove("BAOCAO_PLUGIN_PATH")
        .env_remove("RUST_BACKTRACE")
        .output()
        .unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

#[test]
fn a_deleted_plugin_makes_only_its_format_unavailable() {
    let bin = tempfile::tempdir().unwrap();
    std::fs::copy(env!("CARGO_BIN_EXE_baocao"), bin.path().join("baocao")).unwrap();
    for stem in ["baocao_markdown", "baocao_html"] {
        let f = plugin_file_name(stem);
        std::fs::copy(plugin_dir().join(&f), bin.path().join(&f)).unwrap();
    }
    let out = tempfile::tempdir().unwrap();
    let run = run_copy(
        bin.path(),
        &[
            "render",
            "--year",
            "2024",
            "--format",
            "md,html,txt",
            "--out",
            out.path().to_str().unwrap(),
        ],
    );
    assert_eq!(run.code, 1, "a requested format failed: {}", run.stderr);
    assert!(out.path().join("2024.md").is_file());
    assert!(out.path().join("2024.html").is_file());
    assert!(!out.path().join("2024.txt").exists());
    assert!(
        run.stderr
            .contains("error: no plugin provides format `txt`; available: html, md"),
        "{}",
        run.stderr
    );
    // the folder next to the executable is searched, the current one is not
    let listed = run_copy(bin.path(), &["plugins"]);
    assert!(
        listed.stdout.contains(&bin.path().display().to_string()),
        "{}",
        listed.stdout
    );
}

#[test]
fn a_garbage_plugin_is_rejected_and_the_rest_still_work() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join(plugin_file_name("baocao_txt")),
        b"not a library",
    )
    .unwrap();
    let d = dir.path().to_str().unwrap();
    let listed = baocao(&["plugins", "--plugin-dir", d]);
    assert!(
        listed.stdout.contains("rejected")
            && listed.stdout.contains("not a loadable shared library"),
        "{}",
        listed.stdout
    );
    let out = tempfile::tempdir().unwrap();
    let run = baocao(&[
        "render",
        "--plugin-dir",
        d,
        "--format",
        "md,txt",
        "--out",
        out.path().to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(out.path().join("2024.txt").is_file());
}

#[test]
fn runtime_plugins_write_what_the_libraries_write() {
    let dept = baocao_config::Department::builtin();
    let made = baocao_driver::Job::new(&dept, "2024".parse().unwrap())
        .run()
        .unwrap();
    let out = tempfile::tempdir().unwrap();
    let run = baocao(&[
        "render",
        "--year",
        "2024",
        "--format",
        "md,html,txt",
        "--out",
        out.path().to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let read = |ext: &str| std::fs::read_to_string(out.path().join(format!("2024.{ext}"))).unwrap();
    assert_eq!(read("md"), baocao_markdown::render(&made.document));
    assert_eq!(read("html"), baocao_html::render(&made.document));
    assert_eq!(
        read("txt"),
        baocao_docx_text::render(&made.document, &Default::default()).unwrap()
    );
}
