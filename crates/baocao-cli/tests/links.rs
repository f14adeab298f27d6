//! A department folder's links never lead `baocao` out of it, nor round in
//! circles: links cannot be kept in git portably, so these cases make them
//! here rather than as folders of `tests/bad-input/`.

#![cfg(unix)]

use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};

use crate::{Run, baocao, baocao_in};

/// A fresh department folder `tinh` made by `baocao init` in a new root,
/// with a folder `outside` beside it holding a "secret" template and
/// stylesheet.
fn department() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("tinh");
    let run = baocao(&["init", dir.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let outside = root.path().join("outside");
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(outside.join("report.jinja"), "BÍ MẬT\n").unwrap();
    std::fs::write(outside.join("secret.css"), "/* BÍ MẬT */\n").unwrap();
    (root, dir, outside)
}

fn check(root: &Path) -> Run {
    baocao_in(root, &["check", "tinh", "--year", "2024"])
}

/// Standard error with the temporary root written `ROOT`.
fn said(run: &Run, root: &Path) -> String {
    let real = root.canonicalize().unwrap();
    run.stderr
        .replace(&real.display().to_string(), "ROOT")
        .replace(&root.display().to_string(), "ROOT")
}

#[test]
fn a_templates_folder_linked_out_of_the_department_is_refused() {
    let (root, dir, outside) = department();
    std::fs::remove_dir_all(dir.join("templates")).unwrap();
    symlink(&outside, dir.join("templates")).unwrap();
    let run = check(root.path());
    assert_eq!(run.code, 1, "{}", run.stderr);
    let said = said(&run, root.path());
    assert!(
        said.contains(
            "error: `tinh/templates` is a link to `ROOT/outside`, outside the department folder"
        ),
        "{said}"
    );
    assert!(!said.contains("BÍ MẬT"), "{said}");
    // render refuses it the same way, and writes nothing.
    let run = baocao_in(
        root.path(),
        &["render", "tinh", "--period", "2024", "--out", "-"],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stdout.is_empty());
    assert!(!run.stdout.contains("BÍ MẬT"));
}

#[test]
fn a_template_linked_out_of_the_department_is_refused() {
    let (root, dir, outside) = department();
    let report = dir.join("templates/report.jinja");
    std::fs::remove_file(&report).unwrap();
    symlink(outside.join("report.jinja"), &report).unwrap();
    let run = check(root.path());
    assert_eq!(run.code, 1, "{}", run.stderr);
    let said = said(&run, root.path());
    assert!(
        said.contains("error: `tinh/templates/report.jinja` is a link to `ROOT/outside/report.jinja`, outside the department folder"),
        "{said}"
    );
    assert!(
        said.contains("copy the file into `templates/` instead of linking to it"),
        "{said}"
    );
}

#[test]
fn links_that_loop_back_are_read_once_and_end() {
    let (root, dir, _) = department();
    let templates = dir.join("templates");
    symlink(".", templates.join("again")).unwrap();
    symlink(".", templates.join("sections/again")).unwrap();
    symlink("..", templates.join("sections/up")).unwrap();
    let run = check(root.path());
    assert_eq!(run.code, 0, "{}", run.stderr);
    // A link that points at itself is an error naming it, not a hang.
    symlink(templates.join("self"), templates.join("self")).unwrap();
    let run = check(root.path());
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        said(&run, root.path()).contains("tinh/templates/self: cannot read"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_stylesheet_linked_out_of_the_department_is_refused() {
    let (root, dir, outside) = department();
    symlink(outside.join("secret.css"), dir.join("print.css")).unwrap();
    let toml = dir.join("department.toml");
    let text = std::fs::read_to_string(&toml).unwrap();
    std::fs::write(
        &toml,
        format!("{text}\n[formats.options.html]\nstylesheet_file = \"print.css\"\n"),
    )
    .unwrap();
    let run = baocao_in(
        root.path(),
        &[
            "render", "tinh", "--period", "2024", "--format", "html", "--out", "-",
        ],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(!run.stdout.contains("BÍ MẬT"), "{}", run.stdout);
    let said = said(&run, root.path());
    assert!(
        said.contains("error: `[formats.options.html] stylesheet_file` names `print.css`, a link to `ROOT/outside/secret.css`, outside the department folder"),
        "{said}"
    );
    assert!(said.contains("--> tinh/department.toml:"), "{said}");
}
