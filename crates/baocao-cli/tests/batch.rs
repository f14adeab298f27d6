//! `baocao batch`: deterministic whatever the thread count, atomic, and
//! going on past a broken department.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::{baocao, files, plugin_dir, workspace};

/// `n` department folders under one parent, made by `baocao init`.
fn departments(n: usize) -> tempfile::TempDir {
    let root = tempfile::tempdir().unwrap();
    for k in 1..=n {
        let dir = root.path().join(format!("tinh-{k:02}"));
        let run = baocao(&["init", dir.to_str().unwrap()]);
        assert_eq!(run.code, 0, "{}", run.stderr);
    }
    root
}

#[test]
fn the_same_bytes_whatever_the_jobs() {
    let depts = departments(4);
    let one = tempfile::tempdir().unwrap();
    let four = tempfile::tempdir().unwrap();
    let d = depts.path().to_str().unwrap();
    for (out, jobs) in [(&one, "1"), (&four, "4")] {
        let run = baocao(&[
            "batch",
            "--formats",
            "md,html,txt,docx",
            d,
            "hanoi-en",
            "--out",
            out.path().to_str().unwrap(),
            "--jobs",
            jobs,
            "--quiet",
        ]);
        assert_eq!(run.code, 0, "{}", run.stderr);
    }
    let (a, b) = (files(one.path()), files(four.path()));
    // 4 departments × 2 years + hanoi-en × 2 years, 4 formats (the Word
    // report's zip included), plus index.html, index.md, manifest.json and the cache
    assert_eq!(a.len(), 10 * 4 + 4, "{:?}", a.keys().collect::<Vec<_>>());
    assert_eq!(a, b, "byte-identical outputs for --jobs 1 and --jobs 4");
    let manifest = String::from_utf8(a["manifest.json"].clone()).unwrap();
    assert!(
        manifest.contains("\"path\": \"tinh-01/2024.html\""),
        "{manifest}"
    );
}

/// A batch shares each year's figures with the next year's report (its
/// targets table looks back a year), and `render` is a batch of one: the
/// files must be those `render` makes for each report alone, for every
/// shipped department in every format.
#[test]
fn a_batch_writes_what_render_writes_alone() {
    let batch = tempfile::tempdir().unwrap();
    let run = baocao(&[
        "batch",
        "--formats",
        "md,html,txt,docx",
        "hanoi",
        "hanoi-en",
        "hanoi-quarterly",
        "--periods",
        "2024-Q3",
        "--out",
        batch.path().to_str().unwrap(),
        "--quiet",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let made = files(batch.path());
    let mut compared = 0;
    for (dept, period) in [
        ("hanoi", "2023"),
        ("hanoi", "2024"),
        ("hanoi", "2024-Q3"),
        ("hanoi-en", "2023"),
        ("hanoi-en", "2024"),
        ("hanoi-en", "2024-Q3"),
        ("hanoi-quarterly", "2023"),
        ("hanoi-quarterly", "2024"),
        ("hanoi-quarterly", "2024-Q3"),
    ] {
        let alone = tempfile::tempdir().unwrap();
        let run = baocao(&[
            "render",
            dept,
            "--period",
            period,
            "--format",
            "md,html,txt,docx",
            "--out",
            alone.path().to_str().unwrap(),
        ]);
        assert_eq!(run.code, 0, "{dept} {period}: {}", run.stderr);
        for (name, bytes) in files(alone.path()) {
            let in_batch = made
                .get(&format!("{dept}/{name}"))
                .unwrap_or_else(|| panic!("the batch made {dept}/{name}"));
            assert!(
                *in_batch == bytes,
                "{dept}/{name} differs between the batch and render"
            );
            compared += 1;
        }
    }
    assert_eq!(compared, 36);
}

#[test]
fn a_broken_department_does_not_stop_the_others() {
    let depts = departments(3);
    let broken = depts.path().join("tinh-02/data/hanoi.toml");
    let text = std::fs::read_to_string(&broken).unwrap();
    std::fs::write(
        &broken,
        text.replacen(
            "growth = { 2024 = 6.20 }",
            "growth = { 2024 = \"6,20\" }",
            1,
        ),
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    let run = baocao(&[
        "batch",
        "--formats",
        "md,html,txt",
        depts.path().to_str().unwrap(),
        "--out",
        out.path().to_str().unwrap(),
        "--json",
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let summary: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(summary["written"], 12, "{summary}");
    assert_eq!(summary["failed"], 1, "{summary}");
    let why = summary["failures"][0]["error"].as_str().unwrap();
    assert!(
        why.contains("hanoi.toml:") && why.contains("expected a number, found a string"),
        "{why}"
    );
    assert!(out.path().join("tinh-03/2024.md").is_file());
    assert!(!out.path().join("tinh-02").exists());
}

#[test]
fn a_failing_format_is_recorded_and_the_rest_written() {
    let out = tempfile::tempdir().unwrap();
    let run = baocao(&[
        "batch",
        "--formats",
        "md,pdf",
        "--out",
        out.path().to_str().unwrap(),
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    // one line for the format, not one per report
    assert!(
        run.stderr
            .contains("error: no plugin provides format `pdf`; available: docx, html, md, txt\n")
            && run
                .stderr
                .contains("= help: not written: pdf of 2 reports (hanoi 2023, hanoi 2024)\n"),
        "{}",
        run.stderr
    );
    assert_eq!(run.stderr.matches("error:").count(), 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("2 written, 0 skipped (unchanged), 2 failed"),
        "{}",
        run.stderr
    );
    assert!(out.path().join("hanoi/2024.md").is_file());
}

/// A template mistake fails every format of every report of its
/// department: one line says so, with the template's place, not six.
#[test]
fn one_cause_is_one_line() {
    let depts = departments(2);
    let template = depts.path().join("tinh-02/templates/report.jinja");
    let mut text = std::fs::read_to_string(&template).unwrap();
    let line = text.lines().count() + 1;
    text.push_str("{{ data.industy.growth | change }}\n");
    std::fs::write(&template, text).unwrap();
    let out = tempfile::tempdir().unwrap();
    let run = baocao(&[
        "batch",
        "--formats",
        "md,html,txt",
        depts.path().to_str().unwrap(),
        "--out",
        out.path().to_str().unwrap(),
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let errors: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.starts_with("error:"))
        .collect();
    assert_eq!(errors.len(), 1, "{}", run.stderr);
    assert!(
        errors[0].contains("`industy` is neither an indicator of the dataset nor a standard id"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains(&format!("templates/report.jinja:{line}:9\n"))
            && run.stderr.contains(&format!(
                "{line} | {{{{ data.industy.growth | change }}}}\n"
            ))
            && run.stderr.contains(
                "= help: not written: md, html, txt of 2 reports (tinh-02 2023, tinh-02 2024)\n"
            ),
        "{}",
        run.stderr
    );
    assert!(out.path().join("tinh-01/2024.md").is_file());
}

/// An option a plugin refuses is told once for the department and the
/// format, at its line of `department.toml`, however many reports it
/// failed; the department's other formats are written.
#[test]
fn a_refused_option_is_told_once_per_department_and_format() {
    let depts = departments(1);
    let toml = depts.path().join("tinh-01/department.toml");
    let mut text = std::fs::read_to_string(&toml).unwrap();
    // A blank line, the table, the option.
    let line = text.lines().count() + 3;
    text.push_str("\n[formats.options.html]\nstylesheet_mode = \"replce\"\n");
    std::fs::write(&toml, text).unwrap();
    let out = tempfile::tempdir().unwrap();
    let run = baocao(&[
        "batch",
        "--formats",
        "md,html",
        depts.path().to_str().unwrap(),
        "--out",
        out.path().to_str().unwrap(),
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let errors: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.starts_with("error:"))
        .collect();
    assert_eq!(
        errors,
        [
            "error: option `stylesheet_mode` of the html format must be `add` or `replace`, found `replce`"
        ],
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains(&format!("tinh-01/department.toml:{line}:1\n"))
            && run
                .stderr
                .contains("= help: the html format expects `add` or `replace` here\n")
            && run
                .stderr
                .contains("= help: not written: html of 2 reports (tinh-01 2023, tinh-01 2024)\n"),
        "{}",
        run.stderr
    );
    assert!(out.path().join("tinh-01/2024.md").is_file());
}

#[test]
fn skip_unchanged_says_how_many_it_skipped_and_redoes_changed_ones() {
    let depts = departments(1);
    let d = depts.path().join("tinh-01");
    let out = tempfile::tempdir().unwrap();
    let args = [
        "batch",
        "--formats",
        "md,html,txt",
        d.to_str().unwrap(),
        "--out",
        out.path().to_str().unwrap(),
        "--skip-unchanged",
        "--json",
    ];
    let first: serde_json::Value = serde_json::from_str(&baocao(&args).stdout).unwrap();
    assert_eq!(
        (first["written"].as_u64(), first["skipped"].as_u64()),
        (Some(6), Some(0))
    );
    let second: serde_json::Value = serde_json::from_str(&baocao(&args).stdout).unwrap();
    assert_eq!(
        (second["written"].as_u64(), second["skipped"].as_u64()),
        (Some(0), Some(6))
    );
    // a file edited by hand is rewritten, not trusted
    std::fs::write(out.path().join("tinh-01/2024.md"), "sửa tay").unwrap();
    // and a changed signer changes every report of the department
    let toml = d.join("department.toml");
    let text = std::fs::read_to_string(&toml).unwrap();
    std::fs::write(&toml, text.replace("Nguyễn Kiều Oanh", "Lê Văn Cường")).unwrap();
    let third: serde_json::Value = serde_json::from_str(&baocao(&args).stdout).unwrap();
    assert_eq!(
        (third["written"].as_u64(), third["skipped"].as_u64()),
        (Some(6), Some(0))
    );
    let md = std::fs::read_to_string(out.path().join("tinh-01/2024.md")).unwrap();
    assert!(md.contains("Lê Văn Cường"));
}

#[test]
fn a_killed_batch_leaves_only_complete_files() {
    let depts = departments(30);
    let d = depts.path().to_str().unwrap();
    let reference = tempfile::tempdir().unwrap();
    let run = baocao(&[
        "batch",
        "--formats",
        "md,html,txt",
        d,
        "--out",
        reference.path().to_str().unwrap(),
        "--quiet",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let complete = files(reference.path());

    let out = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_baocao"))
        .args([
            "batch",
            "--formats",
            "md,html,txt",
            d,
            "--out",
            out.path().to_str().unwrap(),
            "--quiet",
            "--jobs",
            "2",
        ])
        .current_dir(workspace())
        .env("BAOCAO_PLUGIN_PATH", plugin_dir())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Kill it as soon as the first report is on disk (or give up waiting
    // after a while: then it simply finished, which proves less but
    // nothing wrong).
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(20) {
        if out.path().join("tinh-01").exists() || child.try_wait().unwrap().is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(1));
    }
    let _ = child.kill();
    let _ = child.wait();
    for (path, bytes) in files(out.path()) {
        let name = Path::new(&path)
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        if name.starts_with('.') && name.ends_with(".baocao-tmp") {
            continue; // an unfinished temporary, never a report under its own name
        }
        if [
            "index.html",
            "index.md",
            "manifest.json",
            ".baocao-cache.json",
        ]
        .contains(&name.as_str())
        {
            continue;
        }
        assert_eq!(
            Some(&bytes),
            complete.get(&path),
            "{path} is not a complete report"
        );
    }
    // the next batch cleans up what the killed one left
    let run = baocao(&[
        "batch",
        d,
        "--formats",
        "md,html,txt",
        "--out",
        out.path().to_str().unwrap(),
        "--quiet",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let after = files(out.path());
    assert!(
        after.keys().all(|k| !k.ends_with(".baocao-tmp")),
        "temporaries left: {:?}",
        after
            .keys()
            .filter(|k| k.ends_with(".baocao-tmp"))
            .collect::<Vec<_>>()
    );
    assert_eq!(after, complete);
}

#[test]
fn a_department_id_cannot_write_outside_out() {
    let depts = departments(1);
    let toml = depts.path().join("tinh-01/department.toml");
    let text = std::fs::read_to_string(&toml).unwrap();
    std::fs::write(
        &toml,
        text.replace("id = \"tinh-01\"", "id = \"../../escape\""),
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    let run = baocao(&[
        "batch",
        "--formats",
        "md,html,txt",
        depts.path().join("tinh-01").to_str().unwrap(),
        "--out",
        out.path().join("o").to_str().unwrap(),
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("`id` must be lowercase letters"),
        "{}",
        run.stderr
    );
    assert!(!out.path().join("escape").exists());
}
