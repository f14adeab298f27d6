//! Plugins isolated when it matters: with `--isolate-plugins` (or a
//! department's `isolate_plugins`), a plugin that exits, crashes, aborts,
//! hangs or allocates without bound costs only its own format, with a
//! reason; the other formats, and a batch's manifest, are written. In
//! process as isolated, what a plugin prints never reaches baocao's
//! standard output, and a plugin that changes directory does not move
//! baocao's files.

use std::path::Path;
use std::process::Command;

use crate::plugins::fault_dir;
use crate::{Run, baocao, plugin_dir, workspace};

/// The time limit of a render in these tests, in milliseconds (through
/// `BAOCAO_PLUGIN_TIME_LIMIT_MS`, which exists for tests): the spinning
/// plugin is stopped after it instead of 30 s. Nothing asserts on time.
const TIME_LIMIT_MS: &str = "500";

/// Runs `baocao` from `dir` with the short time limit.
fn run_in(dir: &Path, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_baocao"))
        .args(args)
        .current_dir(dir)
        .env_remove("RUST_BACKTRACE")
        .env("BAOCAO_PLUGIN_PATH", plugin_dir())
        .env("BAOCAO_PLUGIN_TIME_LIMIT_MS", TIME_LIMIT_MS)
        .output()
        .unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

pub(crate) fn baocao_limited(args: &[&str]) -> Run {
    run_in(&workspace(), args)
}

/// The fault fixtures of this file and what each one's failure says.
const FAULTS: [(&str, &str); 5] = [
    ("exit", "exited with status 0 before answering"),
    (
        "segfault",
        "was killed by signal 11 (SIGSEGV) while rendering",
    ),
    ("abort", "was killed by signal 6 (SIGABRT) while rendering"),
    ("spin", "took longer than 500 ms and was stopped"),
    ("alloc", "was killed by signal 6 (SIGABRT) while rendering"),
];

/// The line of `stderr` that says why `fault` failed, checked to name its
/// file and say `why`.
fn assert_failed(stderr: &str, faults: &Path, fault: &str, why: &str) {
    let file = faults.join(baocao_plugin_host::plugin_file_name(&format!(
        "baocao_{fault}"
    )));
    let want = format!("error: plugin {} (format `{fault}`) {why}", file.display());
    assert!(stderr.contains(&want), "no `{want}` in:\n{stderr}");
}

#[test]
fn render_with_isolated_plugins_loses_only_the_faulty_formats() {
    let faults = fault_dir(&FAULTS.map(|(fault, _)| fault));
    let out = tempfile::tempdir().unwrap();
    let run = baocao_limited(&[
        "render",
        "--isolate-plugins",
        "--plugin-dir",
        faults.path().to_str().unwrap(),
        "--year",
        "2024",
        "--format",
        "md,exit,segfault,abort,spin,alloc,txt",
        "--out",
        out.path().to_str().unwrap(),
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    for (fault, why) in FAULTS {
        assert_failed(&run.stderr, faults.path(), fault, why);
        assert!(!out.path().join(format!("2024.{fault}")).exists());
    }
    // the formats after the faults are made as well as those before
    let md = std::fs::read_to_string(out.path().join("2024.md")).unwrap();
    let txt = std::fs::read_to_string(out.path().join("2024.txt")).unwrap();
    assert!(md.contains("SỞ CÔNG THƯƠNG") && txt.contains("SỞ CÔNG THƯƠNG"));
    assert!(
        run.stderr
            .contains("it aborted, as Rust code does when it cannot allocate memory"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_batch_with_isolated_plugins_writes_every_other_file_and_the_manifest() {
    let faults = fault_dir(&FAULTS.map(|(fault, _)| fault));
    let out = tempfile::tempdir().unwrap();
    let run = baocao_limited(&[
        "batch",
        "--isolate-plugins",
        "--plugin-dir",
        faults.path().to_str().unwrap(),
        "--years",
        "2023..=2024",
        "--formats",
        "md,exit,segfault,html,abort,spin,alloc",
        "--jobs",
        "2",
        "--out",
        out.path().to_str().unwrap(),
        "--json",
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let summary: serde_json::Value = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("stdout is not the JSON summary ({e}):\n{}", run.stdout));
    assert_eq!(summary["written"], 4, "{summary}");
    assert_eq!(summary["failed"], 10, "{summary}");
    let errors: Vec<&str> = summary["failures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["error"].as_str().unwrap())
        .collect();
    for (fault, why) in FAULTS {
        let n = errors
            .iter()
            .filter(|e| e.contains(&format!("(format `{fault}`) {why}")))
            .count();
        assert_eq!(n, 2, "{fault} fails in both reports: {errors:#?}");
    }
    for year in ["2023", "2024"] {
        for ext in ["md", "html"] {
            assert!(out.path().join(format!("hanoi/{year}.{ext}")).is_file());
        }
    }
    let manifest = std::fs::read_to_string(out.path().join("manifest.json")).unwrap();
    assert!(
        manifest.contains("\"path\": \"hanoi/2024.html\""),
        "{manifest}"
    );
    assert!(out.path().join("index.html").is_file());
}

/// A department that asks for isolation in its `department.toml` gets it
/// without the flag, and `baocao plugins` says how plugins were loaded.
#[test]
fn a_department_can_ask_for_isolation() {
    let root = tempfile::tempdir().unwrap();
    let dept = root.path().join("careful");
    let init = baocao(&["init", dept.to_str().unwrap()]);
    assert_eq!(init.code, 0, "{}", init.stderr);
    let toml = dept.join("department.toml");
    let text = std::fs::read_to_string(&toml).unwrap();
    std::fs::write(&toml, format!("isolate_plugins = true\n{text}")).unwrap();

    let faults = fault_dir(&["segfault"]);
    let out = tempfile::tempdir().unwrap();
    let run = baocao_limited(&[
        "render",
        dept.to_str().unwrap(),
        "--plugin-dir",
        faults.path().to_str().unwrap(),
        "--format",
        "segfault,md",
        "--out",
        out.path().to_str().unwrap(),
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_failed(&run.stderr, faults.path(), "segfault", FAULTS[1].1);
    assert!(out.path().join("2024.md").is_file());

    let listed = baocao_limited(&["plugins", dept.to_str().unwrap()]);
    assert_eq!(listed.code, 0, "{}", listed.stderr);
    assert!(
        listed
            .stdout
            .contains("note: each plugin was loaded in a worker process of its own"),
        "{}",
        listed.stdout
    );
    let listed = baocao_limited(&["plugins"]);
    assert!(
        listed
            .stdout
            .contains("note: loading a plugin runs its code, in this process"),
        "{}",
        listed.stdout
    );
}

/// What fault-stdout prints reaches standard error; standard output holds
/// the report, or the summary, alone: in process and isolated alike.
#[test]
fn what_a_plugin_prints_never_reaches_standard_output() {
    let noisy = fault_dir(&["stdout"]);
    let dir = noisy.path().to_str().unwrap();
    for isolate in [false, true] {
        let flag: &[&str] = if isolate { &["--isolate-plugins"] } else { &[] };
        let args = [
            &[
                "render",
                "--plugin-dir",
                dir,
                "--format",
                "stdout",
                "--out",
                "-",
            ],
            flag,
        ]
        .concat();
        let rendered = baocao_limited(&args);
        assert_eq!(rendered.code, 0, "{}", rendered.stderr);
        assert_eq!(
            rendered.stdout,
            "rendered by the fault-stdout test fixture\n"
        );
        assert!(
            rendered
                .stderr
                .contains("noise from the fault-stdout test fixture"),
            "isolated: {isolate}; {}",
            rendered.stderr
        );

        let out = tempfile::tempdir().unwrap();
        let args = [
            &[
                "batch",
                "--plugin-dir",
                dir,
                "--years",
                "2023..=2024",
                "--formats",
                "md,stdout",
                "--out",
                out.path().to_str().unwrap(),
                "--json",
            ],
            flag,
        ]
        .concat();
        let batch = baocao_limited(&args);
        assert_eq!(batch.code, 0, "{}", batch.stderr);
        let summary: serde_json::Value = serde_json::from_str(&batch.stdout)
            .unwrap_or_else(|e| panic!("isolated: {isolate}; not JSON ({e}):\n{}", batch.stdout));
        assert_eq!(summary["written"], 4, "{summary}");
    }
}

/// In process, a plugin that changes directory has it put back: the
/// report's other format still goes to `out/hanoi/` under the folder
/// baocao was started in, not under the plugin's.
#[test]
fn a_plugin_that_changes_directory_does_not_move_the_files() {
    let root = tempfile::tempdir().unwrap();
    let work = root.path().join("work");
    std::fs::create_dir(&work).unwrap();
    let wanderer = fault_dir(&["chdir"]);
    let run = run_in(
        &work,
        &[
            "render",
            "--plugin-dir",
            wanderer.path().to_str().unwrap(),
            "--year",
            "2024",
            "--format",
            "chdir,md",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        std::fs::read_to_string(work.join("out/hanoi/2024.chdir")).unwrap(),
        "rendered by the fault-chdir test fixture\n"
    );
    assert!(work.join("out/hanoi/2024.md").is_file());
    assert!(
        !root.path().join("out").exists(),
        "nothing lands in the plugin's folder"
    );
}
