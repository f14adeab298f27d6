//! The safety of the files `render` and `batch` write, seen from the
//! command line: links inside the output folder are refused by name,
//! two batches into one folder both finish, and every file that could not
//! be written is listed, on standard error and in `--json`.

use std::collections::BTreeMap;
use std::os::unix::fs::symlink;
use std::path::Path;
use std::process::{Command, Stdio};

use crate::{baocao, baocao_in, plugin_dir, workspace};

/// Every file under `dir` (relative path → bytes); a link is not followed.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            let meta = std::fs::symlink_metadata(&p).unwrap();
            let rel = p.strip_prefix(dir).unwrap().display().to_string();
            if meta.is_dir() {
                stack.push(p);
            } else if meta.file_type().is_symlink() {
                out.insert(rel, b"-> link".to_vec());
            } else {
                out.insert(rel, std::fs::read(&p).unwrap());
            }
        }
    }
    out
}

/// A folder with a file that no run may change.
fn outside() -> (tempfile::TempDir, BTreeMap<String, Vec<u8>>) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("2024.md"), b"not a report: keep me").unwrap();
    let before = files(dir.path());
    (dir, before)
}

/// `render` without `--out` writes to the department's `out/hanoi/…`:
/// when `out/hanoi` is a link, it refuses, names the link, and writes
/// nothing through it. `out` itself may be a link: the user chose it.
#[test]
fn render_refuses_a_link_below_the_folder_it_was_given() {
    let (elsewhere, before) = outside();
    let cwd = tempfile::tempdir().unwrap();
    let real = cwd.path().join("real-out");
    std::fs::create_dir(&real).unwrap();
    symlink(&real, cwd.path().join("out")).unwrap();
    symlink(elsewhere.path(), real.join("hanoi")).unwrap();
    let run = baocao_in(cwd.path(), &["render", "--year", "2024"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "error: out/hanoi is a symbolic link; baocao does not write through links: remove it"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(files(elsewhere.path()), before);

    // Without the planted link, the chosen link `out` is written through.
    std::fs::remove_file(real.join("hanoi")).unwrap();
    let run = baocao_in(cwd.path(), &["render", "--year", "2024"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(real.join("hanoi/2024.md").is_file());
}

/// `batch --out` with a department folder linked elsewhere: that
/// department's files fail, each listed in `--json` with its path and the
/// reason; the target folder is untouched; the others are written.
#[test]
fn batch_lists_every_file_a_link_refused() {
    let (elsewhere, before) = outside();
    let out = tempfile::tempdir().unwrap();
    symlink(elsewhere.path(), out.path().join("hanoi")).unwrap();
    let run = baocao(&[
        "batch",
        "hanoi",
        "hanoi-en",
        "--formats",
        "md,html,txt",
        "--out",
        out.path().to_str().unwrap(),
        "--json",
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let summary: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(summary["written"], 6, "{summary}");
    assert_eq!(summary["failed"], 6, "{summary}");
    let mut paths: Vec<&str> = summary["failures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            assert!(
                f["error"].as_str().unwrap().ends_with(
                    "/hanoi is a symbolic link; baocao does not write through links: remove it"
                ),
                "{f}"
            );
            f["path"].as_str().unwrap()
        })
        .collect();
    paths.sort_unstable();
    assert_eq!(
        paths,
        [
            "hanoi/2023.html",
            "hanoi/2023.md",
            "hanoi/2023.txt",
            "hanoi/2024.html",
            "hanoi/2024.md",
            "hanoi/2024.txt"
        ]
    );
    assert_eq!(files(elsewhere.path()), before);
    assert!(out.path().join("hanoi-en/2024.md").is_file());
}

/// A folder no one may write into, root included (`/proc/self`, where
/// even root cannot make a file): every file is listed as failed, the
/// reports' and the batch's own (index, manifest, cache), in `--json` and
/// on standard error, and the exit code says so.
#[cfg(target_os = "linux")]
#[test]
fn an_unwritable_folder_fails_every_file_and_lists_each() {
    let run = baocao(&[
        "batch",
        "--formats",
        "md,html",
        "--out",
        "/proc/self",
        "--json",
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let summary: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(summary["written"], 0, "{summary}");
    let mut paths: Vec<&str> = summary["failures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    paths.sort_unstable();
    assert_eq!(
        paths,
        [
            ".baocao-cache.json",
            "hanoi/2023.html",
            "hanoi/2023.md",
            "hanoi/2024.html",
            "hanoi/2024.md",
            "index.html",
            "index.md",
            "manifest.json",
        ]
    );
    assert_eq!(summary["failed"], 8, "{summary}");

    let run = baocao(&["batch", "--formats", "md,html", "--out", "/proc/self"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    for file in [
        "index.html",
        "index.md",
        "manifest.json",
        ".baocao-cache.json",
    ] {
        assert!(
            run.stderr
                .contains(&format!("error: /proc/self/{file}: cannot write: ")),
            "{}",
            run.stderr
        );
    }
    assert!(
        run.stderr
            .contains("error: /proc/self/hanoi: cannot write: ")
            && run
                .stderr
                .contains("= help: not written: md, html of 2 reports (hanoi 2023, hanoi 2024)"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("0 written, 0 skipped (unchanged), 8 failed"),
        "{}",
        run.stderr
    );
}

/// A batch that cannot start (its `--out` is a file) still prints its
/// `--json` summary, with why.
#[test]
fn a_batch_that_cannot_start_still_answers_in_json() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("a-file");
    std::fs::write(&out, b"").unwrap();
    let run = baocao(&["batch", "--out", out.to_str().unwrap(), "--json"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let summary: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(summary["written"], 0, "{summary}");
    let why = summary["failures"][0]["error"].as_str().unwrap();
    assert!(
        why.starts_with(&format!("{}: cannot write: ", out.display())),
        "{why}"
    );
}

/// Two `baocao batch` processes into one `--out` at once: both finish
/// with every file written (the second waits for the first), and the
/// folder's manifest matches its files, byte for byte.
#[test]
fn two_batches_into_one_folder_both_finish() {
    let out = tempfile::tempdir().unwrap();
    let spawn = || {
        Command::new(env!("CARGO_BIN_EXE_baocao"))
            .args([
                "batch",
                "hanoi",
                "hanoi-en",
                "hanoi-quarterly",
                "--formats",
                "md,html,txt",
                "--out",
                out.path().to_str().unwrap(),
                "--json",
            ])
            .current_dir(workspace())
            .env("BAOCAO_PLUGIN_PATH", plugin_dir())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (a, b) = (spawn(), spawn());
    for child in [a, b] {
        let done = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&done.stderr);
        assert_eq!(done.status.code(), Some(0), "{stderr}");
        let summary: serde_json::Value = serde_json::from_slice(&done.stdout).unwrap();
        assert_eq!(summary["failed"], 0, "{summary}");
    }
    let all = files(out.path());
    let manifest: Vec<serde_json::Value> = serde_json::from_slice(&all["manifest.json"]).unwrap();
    assert!(!manifest.is_empty());
    for entry in &manifest {
        let path = entry["path"].as_str().unwrap();
        assert_eq!(
            entry["sha256"].as_str().unwrap(),
            baocao_driver::batch::sha256_hex(&all[path]),
            "{path}"
        );
    }
    // Every file is in the manifest, but the index, the manifest and the cache.
    assert_eq!(all.len(), manifest.len() + 4, "{:?}", all.keys());
}

/// Standard output full (`/dev/full`): every command that writes to it
/// exits 1 with a message saying what it was writing, never a panic.
#[test]
fn a_full_standard_output_is_an_error_with_a_message() {
    let out = tempfile::tempdir().unwrap();
    let batch_out = out.path().join("b");
    let cases: [(&[&str], &str); 4] = [
        (&["figures"], "writing the figures to standard output"),
        (&["plugins"], "writing the list to standard output"),
        (
            &["render", "--out", "-"],
            "writing the report to standard output",
        ),
        (
            &["batch", "--out", batch_out.to_str().unwrap(), "--json"],
            "writing the summary to standard output",
        ),
    ];
    for (args, words) in cases {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let run = std::process::Command::new(env!("CARGO_BIN_EXE_baocao"))
            .args(args)
            .current_dir(crate::workspace())
            .env("BAOCAO_PLUGIN_PATH", crate::plugin_dir())
            .stdout(full)
            .output()
            .unwrap();
        let stderr = String::from_utf8(run.stderr).unwrap();
        assert_eq!(run.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(stderr.contains(words), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    }
}
