//! A tired clerk's mistakes, one folder each in `tests/bad-input/`: each
//! is told once, clearly, with its place, and exits 1 (2 for a usage
//! error), never with a panic. Adding a case is adding a folder; how, and
//! how to review its snapshot, is in `docs/testing.md`.
//!
//! A case is run in a fresh work folder, from which `baocao` is started:
//!
//! - `edit.toml` edits the shipped Hà Nội department: `from` (which must
//!   still be there) is replaced once by `to` in `file`, by default
//!   `data/hanoi.toml`; more edits are `[[edit]]` tables of the same keys.
//!   A file under `data/` is in a copy of `config/hanoi/data`, one under
//!   `department/` in a copy of `config/hanoi`, made when an edit needs it.
//! - Every other file or folder of the case (`dataset.toml`, `department/`,
//!   `data/`) is copied into the work folder as it is.
//! - `args` holds the command and its options (default `check`; lines
//!   starting with `#` are comments). The work folder's inputs are added
//!   when the arguments do not name them: `department`, then `--data data`
//!   or `--data dataset.toml`.
//! - `exit` holds the exit code when it is not 1.
//!
//! The snapshot is standard error, with the work folder's path written
//! `WORK`; its header holds the command and the edits.

use std::path::Path;

use insta::internals::Content;

use crate::{Run, baocao_in, files, workspace};

/// Folders of `tests/bad-input/` that the crates' own harnesses read: the
/// dataset reader's (`crates/baocao-dataset/tests/main.rs`) and the
/// template engine's (`crates/baocao-narrative/tests/main.rs`).
const OTHER_HARNESSES: [&str; 2] = ["dataset", "template"];

/// The files of a case that say how it is run, not copied.
const CONTROL: [&str; 3] = ["edit.toml", "args", "exit"];

/// One replacement in a file of the work folder.
struct Edit {
    file: String,
    from: String,
    to: String,
}

/// The edits of `edit.toml`: its top-level `from`/`to`, then its `[[edit]]`s.
fn edits(case: &Path) -> Vec<Edit> {
    let Ok(text) = std::fs::read_to_string(case.join("edit.toml")) else {
        return Vec::new();
    };
    let mut table: toml::Table =
        toml::from_str(&text).unwrap_or_else(|e| panic!("{}/edit.toml: {e}", case.display()));
    let more = table.remove("edit");
    let mut edits = Vec::new();
    if !table.is_empty() {
        edits.push(edit_of(&table, case));
    }
    if let Some(more) = more {
        let more = more
            .as_array()
            .unwrap_or_else(|| panic!("{}/edit.toml: write [[edit]]", case.display()));
        for t in more {
            let t = t
                .as_table()
                .unwrap_or_else(|| panic!("{}/edit.toml: write [[edit]]", case.display()));
            edits.push(edit_of(t, case));
        }
    }
    assert!(!edits.is_empty(), "{}/edit.toml: no edit", case.display());
    edits
}

fn edit_of(t: &toml::Table, case: &Path) -> Edit {
    let here = case.join("edit.toml");
    for key in t.keys() {
        assert!(
            ["file", "from", "to"].contains(&key.as_str()),
            "{}: unknown key `{key}`: expected file, from, to or [[edit]]",
            here.display()
        );
    }
    let text = |key: &str| {
        t.get(key).map(|v| {
            v.as_str()
                .unwrap_or_else(|| panic!("{}: `{key}` must be a string", here.display()))
                .to_owned()
        })
    };
    let needed = |key: &str| text(key).unwrap_or_else(|| panic!("{}: no `{key}`", here.display()));
    Edit {
        file: text("file").unwrap_or_else(|| "data/hanoi.toml".to_owned()),
        from: needed("from"),
        to: needed("to"),
    }
}

fn copy(from: &Path, to: &Path) {
    if from.is_dir() {
        std::fs::create_dir_all(to).unwrap();
        for entry in std::fs::read_dir(from).unwrap() {
            let entry = entry.unwrap();
            copy(&entry.path(), &to.join(entry.file_name()));
        }
    } else {
        std::fs::copy(from, to).unwrap();
    }
}

/// The work folder of a case: its files copied, its edits made.
fn prepare(case: &Path, work: &Path, edits: &[Edit]) {
    for entry in std::fs::read_dir(case).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name();
        if !CONTROL.iter().any(|c| name == *c) {
            copy(&entry.path(), &work.join(name));
        }
    }
    let hanoi = workspace().join("config/hanoi");
    for edit in edits {
        let top = Path::new(&edit.file).iter().next().unwrap_or_default();
        if top == "data" && !work.join("data").exists() {
            copy(&hanoi.join("data"), &work.join("data"));
        }
        if top == "department" && !work.join("department").exists() {
            copy(&hanoi, &work.join("department"));
        }
        let path = work.join(&edit.file);
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("{}: cannot edit {}: {e}", case.display(), edit.file));
        assert!(
            text.contains(&edit.from),
            "{}: {} lost `{}`",
            case.display(),
            edit.file,
            edit.from
        );
        std::fs::write(&path, text.replacen(&edit.from, &edit.to, 1)).unwrap();
    }
}

/// The arguments of a case, with the work folder's inputs added when they
/// are not named.
fn arguments(case: &Path, work: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(case.join("args")).unwrap_or_else(|_| "check".to_owned());
    let mut args: Vec<String> = text
        .lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .flat_map(str::split_whitespace)
        .map(str::to_owned)
        .collect();
    assert!(!args.is_empty(), "{}/args: no command", case.display());
    if work.join("department").is_dir() && !args.iter().any(|a| a == "department") {
        args.push("department".to_owned());
    }
    let data = if work.join("data").is_dir() {
        Some("data")
    } else if work.join("dataset.toml").is_file() {
        Some("dataset.toml")
    } else {
        None
    };
    if let Some(data) = data
        && !args.iter().any(|a| a == "--data")
    {
        args.extend(["--data".to_owned(), data.to_owned()]);
    }
    args
}

/// `text` with the work folder's path written `WORK`.
fn stable(text: &str, work: &Path) -> String {
    let mut out = text.to_owned();
    let real = work.canonicalize().unwrap();
    for path in [real.as_path(), work] {
        out = out.replace(path.to_str().unwrap(), "WORK");
    }
    out
}

fn run(work: &Path, args: &[String]) -> Run {
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    baocao_in(work, &args)
}

/// What every run on bad input must do, whatever its message.
fn assert_well_behaved(what: &str, run: &Run, stderr: &str, exit: i32) {
    assert_eq!(run.code, exit, "{what}: exit code\n{stderr}");
    let lower = stderr.to_lowercase();
    assert!(
        !lower.contains("panicked") && !lower.contains("backtrace"),
        "{what}: {stderr}"
    );
    if exit != 0 {
        assert!(run.stdout.is_empty(), "{what}: output from bad input");
    }
    // A diagnostic is its headline and its place (the next line): the same
    // pair twice is the same problem told twice.
    let mut seen = std::collections::BTreeSet::new();
    let lines: Vec<&str> = stderr.lines().collect();
    for (n, line) in lines.iter().enumerate() {
        let headline = ["error: ", "warning: ", "note: "]
            .iter()
            .any(|s| line.starts_with(s));
        let place = lines.get(n + 1).copied().unwrap_or_default();
        assert!(
            !headline || seen.insert((*line, place)),
            "{what}: said twice: {line}\n{stderr}"
        );
    }
}

fn describe(args: &[String], edits: &[Edit], case: &Path, exit: i32) -> (String, Content) {
    let command = format!("baocao {}", args.join(" "));
    let s = |s: &str| Content::from(s.to_owned());
    let mut info = vec![(s("exit"), Content::from(exit))];
    if !edits.is_empty() {
        let edits = edits
            .iter()
            .map(|e| {
                Content::Map(vec![
                    (s("file"), s(&e.file)),
                    (s("from"), s(&e.from)),
                    (s("to"), s(&e.to)),
                ])
            })
            .collect();
        info.push((s("edits"), Content::Seq(edits)));
    }
    let mut copied: Vec<String> = std::fs::read_dir(case)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !CONTROL.contains(&n.as_str()))
        .collect();
    copied.sort();
    if !copied.is_empty() {
        info.push((
            s("files"),
            Content::Seq(copied.iter().map(|c| s(c)).collect()),
        ));
    }
    (command, Content::Map(info))
}

fn run_case(case: &Path) {
    let what = case.file_name().unwrap().to_str().unwrap();
    let work = tempfile::tempdir().unwrap();
    let edits = edits(case);
    prepare(case, work.path(), &edits);
    let args = arguments(case, work.path());
    let exit = std::fs::read_to_string(case.join("exit")).map_or(1, |t| {
        t.split_whitespace()
            .next()
            .and_then(|c| c.parse().ok())
            .unwrap_or_else(|| panic!("{what}/exit: not a number"))
    });

    let before = files(work.path());
    let found = run(work.path(), &args);
    let stderr = stable(&found.stderr, work.path());
    assert_well_behaved(what, &found, &stderr, exit);
    assert_eq!(files(work.path()), before, "{what}: a file was written");

    // The same diagnostics as JSON, each once; one placed in a file is
    // shown with its line and a caret.
    if exit != 2 {
        let mut json_args = vec!["--message-format".to_owned(), "json".to_owned()];
        json_args.extend(args.iter().cloned());
        let json = run(work.path(), &json_args);
        assert_eq!(json.code, exit, "{what}: exit code with JSON messages");
        let list: Vec<serde_json::Value> = json
            .stderr
            .lines()
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{what}: {e}: {l}")))
            .collect();
        for (n, d) in list.iter().enumerate() {
            assert!(!list[..n].contains(d), "{what}: told twice: {d}");
        }
        if list
            .iter()
            .any(|d| d["severity"] == "error" && d["line"].as_u64().is_some_and(|l| l > 0))
        {
            assert!(
                stderr.lines().any(|l| l.contains(" | ")) && stderr.contains('^'),
                "{what}: no source line with a caret\n{stderr}"
            );
        }
    }

    // What `check` refuses, `render` refuses too, and writes nothing.
    if args[0] == "check" && exit == 1 {
        let mut render: Vec<String> = args.clone();
        render[0] = "render".to_owned();
        render.retain(|a| a != "--strict");
        render.extend(["--out".to_owned(), "-".to_owned()]);
        let refused = run(work.path(), &render);
        let refused_err = stable(&refused.stderr, work.path());
        assert_well_behaved(&format!("{what} (render)"), &refused, &refused_err, 1);
    }

    let (command, info) = describe(&args, &edits, case, exit);
    insta::with_settings!({ description => command, raw_info => &info, omit_expression => true }, {
        insta::assert_snapshot!("stderr", stderr);
    });
}

#[test]
fn each_case_is_told_once_at_its_place() {
    // `[!.]*`: every entry but hidden ones, and not the folder itself.
    insta::glob!("../../../tests/bad-input", "[!.]*", |case| {
        let name = case.file_name().unwrap().to_str().unwrap();
        if case.is_dir() && !OTHER_HARNESSES.contains(&name) {
            run_case(case);
        }
    });
}
