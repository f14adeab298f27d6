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

#[test]
fn a_misspelt_format_gets_a_suggestion() {
    let out = tempfile::tempdir().unwrap();
    let run = baocao(&[
        "render",
        "--format",
        "htm",
        "--out",
        out.path().to_str().unwrap(),
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "error: no plugin provides format `htm` (did you mean `html`?); available: docx, html, md, txt"
        ),
        "{}",
        run.stderr
    );
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

/// Two plugins whose files have the same extension (`txt` and the
/// fixture's `plain`): the first asked for is written, the second refused,
/// never one overwriting the other; a format asked for twice is made once.
#[test]
fn two_formats_never_write_the_same_file() {
    let twins = fault_dir(&["same_extension"]);
    let out = tempfile::tempdir().unwrap();
    let run = baocao(&[
        "render",
        "--plugin-dir",
        twins.path().to_str().unwrap(),
        "--format",
        "txt,plain,md,md",
        "--out",
        out.path().to_str().unwrap(),
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let txt = std::fs::read_to_string(out.path().join("2024.txt")).unwrap();
    assert!(
        txt.contains("UBND THÀNH PHỐ HÀ NỘI"),
        "the text exporter's file: {txt}"
    );
    assert!(
        run.stderr.contains(&format!(
            "error: format `plain` would write {}, which format `txt` has written (both write `.txt` files); ask for one of the two",
            out.path().join("2024.txt").display()
        )),
        "{}",
        run.stderr
    );
    assert_eq!(run.stderr.matches("wrote ").count(), 2, "{}", run.stderr);

    let batch = tempfile::tempdir().unwrap();
    let run = baocao(&[
        "batch",
        "--plugin-dir",
        twins.path().to_str().unwrap(),
        "--formats",
        "plain,txt,md,md",
        "--out",
        batch.path().to_str().unwrap(),
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "error: format `txt` would write hanoi/2024.txt, which format `plain` has written (both write `.txt` files); ask for one of the two\n"
        ) && run.stderr.contains("= help: not written: txt of hanoi 2024\n"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("4 written, 0 skipped (unchanged), 2 failed"),
        "{}",
        run.stderr
    );
    // `plain` came first, so its file is the one written
    let txt = std::fs::read_to_string(batch.path().join("hanoi/2024.txt")).unwrap();
    assert!(
        !txt.contains("┌") && !txt.contains("─"),
        "plain text, not the laid-out one: {txt}"
    );
}

/// A folder holding copies of the fault fixtures, named like plugins.
pub(crate) fn fault_dir(faults: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for fault in faults {
        let built = plugin_dir().join(format!("libfault_{fault}.so"));
        assert!(
            built.is_file(),
            "{} is missing: run `cargo test --workspace`",
            built.display()
        );
        std::fs::copy(
            &built,
            dir.path()
                .join(plugin_file_name(&format!("baocao_{fault}"))),
        )
        .unwrap();
    }
    dir
}

#[test]
fn a_failing_plugin_costs_only_its_format_and_the_exit_code() {
    let faults = fault_dir(&["panic", "error", "wrong_abi", "no_entry"]);
    let out = tempfile::tempdir().unwrap();
    let run = baocao(&[
        "render",
        "--plugin-dir",
        faults.path().to_str().unwrap(),
        "--format",
        "md,panic,error,txt,wrong_abi",
        "--out",
        out.path().to_str().unwrap(),
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        out.path().join("2024.md").is_file() && out.path().join("2024.txt").is_file(),
        "the other formats are written"
    );
    let panic_file = faults.path().join(plugin_file_name("baocao_panic"));
    let error_file = faults.path().join(plugin_file_name("baocao_error"));
    assert!(
        run.stderr.contains(&format!(
            "error: plugin {} (format `panic`) panicked: deliberate panic from the fault-panic test fixture at tests/plugins/fault-panic/src/lib.rs:",
            panic_file.display()
        )),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(&format!(
            "error: plugin {} (format `error`) failed:",
            error_file.display()
        )),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("was rejected: built for plugin ABI 99"),
        "{}",
        run.stderr
    );
    // the plugin's panic hook prints nothing of its own
    assert!(!run.stderr.contains("thread '"), "{}", run.stderr);

    // rejected plugins do not matter when their format is not asked for
    let run = baocao(&[
        "render",
        "--plugin-dir",
        faults.path().to_str().unwrap(),
        "--format",
        "md",
        "--out",
        out.path().to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // a format no file is named for: every rejected file is a suspect
    let run = baocao(&[
        "render",
        "--plugin-dir",
        faults.path().to_str().unwrap(),
        "--format",
        "odt",
        "--out",
        out.path().to_str().unwrap(),
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("no plugin provides format `odt`")
            && run
                .stderr
                .contains("could not be loaded, and may be the one: built for plugin ABI 99"),
        "{}",
        run.stderr
    );
    let listed = baocao(&["plugins", "--plugin-dir", faults.path().to_str().unwrap()]);
    assert!(
        listed.stdout.contains("no `baocao_plugin_v1` symbol"),
        "{}",
        listed.stdout
    );
}

/// `baocao plugins --verify FILE` passes every shipped plugin, and fails
/// each fault fixture with the reason a plugin author can act on; the
/// faults that would take a process down do so in a worker, and baocao
/// answers.
#[test]
fn verify_passes_the_shipped_plugins_and_fails_each_fault() {
    for stem in [
        "baocao_markdown",
        "baocao_html",
        "baocao_docx_text",
        "baocao_docx",
    ] {
        let file = plugin_dir().join(plugin_file_name(stem));
        let run = baocao(&["plugins", "--verify", file.to_str().unwrap()]);
        assert_eq!(run.code, 0, "{stem}: {}{}", run.stdout, run.stderr);
        assert!(
            run.stdout.contains("the plugin passed every check"),
            "{}",
            run.stdout
        );
        assert!(!run.stdout.contains("FAILED"), "{}", run.stdout);
    }
    let faults = [
        ("abort", "was killed by signal 6 (SIGABRT) while rendering"),
        ("alloc", "while rendering"),
        (
            "bad_utf8",
            "FAILED  loads as a baocao plugin: bad metadata: `name` is not UTF-8",
        ),
        (
            "chdir",
            "FAILED  leaves the working directory alone: it changed the working directory",
        ),
        ("duplicate", "FAILED  format id `md` is its own"),
        (
            "error",
            "failed: deliberate error from the fault-error test fixture",
        ),
        ("exit", "exited with status 0 before answering"),
        (
            "no_entry",
            "FAILED  loads as a baocao plugin: no `baocao_plugin_v1` symbol",
        ),
        (
            "null_render",
            "FAILED  loads as a baocao plugin: bad metadata: `render` is missing",
        ),
        (
            "panic",
            "deliberate panic from the fault-panic test fixture",
        ),
        (
            "same_extension",
            "FAILED  files ending in `.txt` are its own: format `txt`",
        ),
        (
            "segfault",
            "was killed by signal 11 (SIGSEGV) while rendering",
        ),
        ("spin", "and was stopped"),
        (
            "stdout",
            "FAILED  prints nothing to standard output: it printed",
        ),
        (
            "wrong_abi",
            "FAILED  loads as a baocao plugin: built for plugin ABI 99",
        ),
        (
            "wrong_magic",
            "FAILED  loads as a baocao plugin: the descriptor does not start with baocao's magic bytes",
        ),
        (
            "abi_v2",
            "FAILED  loads as a baocao plugin: built for plugin ABI 2",
        ),
        (
            "index",
            "panicked: index out of bounds: the len is 3 but the index is 7 at tests/plugins/fault-index/src/lib.rs:",
        ),
    ];
    for (fault, why) in faults {
        let file = plugin_dir().join(format!("libfault_{fault}.so"));
        // A short time limit for the one that spins.
        let run =
            crate::isolation::baocao_limited(&["plugins", "--verify", file.to_str().unwrap()]);
        assert_eq!(run.code, 1, "{fault}: {}{}", run.stdout, run.stderr);
        assert!(
            run.stdout.contains(why),
            "{fault}: `{why}` not in {}",
            run.stdout
        );
        assert!(run.stdout.contains("check(s) failed"), "{}", run.stdout);
    }
}

/// `--format document` writes the document JSON every plugin is given,
/// byte for byte: the Markdown plugin, given it, writes what `--format md`
/// writes.
#[test]
fn the_document_format_is_what_plugins_are_given() {
    let run = baocao(&[
        "render", "--year", "2024", "--format", "document", "--out", "-",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json = run.stdout;
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert!(doc["blocks"].as_array().unwrap().len() > 20, "{json}");
    assert_eq!(doc["language"], "vi");
    let md = baocao(&["render", "--year", "2024", "--format", "md", "--out", "-"]);
    assert_eq!(md.code, 0, "{}", md.stderr);
    let set = baocao_plugin_host::PluginSet::load(&[plugin_dir()]);
    let plugin = set.get("md").unwrap();
    let rendered = plugin.render(json.as_bytes(), b"").unwrap();
    assert_eq!(String::from_utf8(rendered).unwrap(), md.stdout);
    // Named for its format: a `.json` file.
    let dir = tempfile::tempdir().unwrap();
    let wrong = dir.path().join("report.md");
    let run = baocao(&[
        "render",
        "--format",
        "document",
        "--out",
        wrong.to_str().unwrap(),
    ]);
    assert_ne!(run.code, 0);
    assert!(
        run.stderr.contains("writes `.json` files"),
        "{}",
        run.stderr
    );
}

/// Where fault-index panics: its source file from the workspace root (how
/// cargo names a workspace member's files to the compiler), the line that
/// ends with its mark (`fault_index::FAULT_MARK`), the column of the index.
fn index_fault_place() -> String {
    let file = "tests/plugins/fault-index/src/lib.rs";
    let source = std::fs::read_to_string(workspace().join(file)).unwrap();
    let (number, line) = source
        .lines()
        .enumerate()
        .find(|(_, l)| l.ends_with("// the fault"))
        .unwrap();
    let column = line.find("WIDTHS[").unwrap() + 1;
    format!("{file}:{}:{column}", number + 1)
}

/// Renders with fault-index alone, in process or isolated, with
/// `BAOCAO_PLUGIN_BACKTRACE` set to `backtrace` or unset; the faults'
/// folder (kept alive) and the run.
fn render_index_fault(isolated: bool, backtrace: Option<&str>) -> (tempfile::TempDir, Run) {
    let faults = fault_dir(&["index"]);
    let out = tempfile::tempdir().unwrap();
    let mut command = Command::new(env!("CARGO_BIN_EXE_baocao"));
    command
        .args(["render", "--plugin-dir"])
        .arg(faults.path())
        .args(["--format", "index", "--out"])
        .arg(out.path())
        .current_dir(workspace())
        .env("BAOCAO_PLUGIN_PATH", plugin_dir())
        .env_remove("RUST_BACKTRACE")
        .env_remove(baocao_plugin_host::BACKTRACE_VARIABLE);
    if isolated {
        command.arg("--isolate-plugins");
    }
    if let Some(value) = backtrace {
        command.env(baocao_plugin_host::BACKTRACE_VARIABLE, value);
    }
    let output = command.output().unwrap();
    let run = Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8(output.stdout).unwrap(),
        stderr: String::from_utf8(output.stderr).unwrap(),
    };
    (faults, run)
}

/// A plugin's panic is reported once, with the panic's message and its
/// place in the plugin's source, whether the plugin runs in process or in
/// a worker.
#[test]
fn a_plugin_s_panic_is_reported_once_with_its_place() {
    for isolated in [false, true] {
        let (faults, run) = render_index_fault(isolated, None);
        assert_eq!(run.code, 1, "{}", run.stderr);
        let file = faults.path().join(plugin_file_name("baocao_index"));
        assert_eq!(
            run.stderr,
            format!(
                "error: plugin {} (format `index`) panicked: index out of bounds: \
                 the len is 3 but the index is 7 at {}\n",
                file.display(),
                index_fault_place()
            ),
            "isolated: {isolated}"
        );
        assert_eq!(run.stderr.matches("panicked").count(), 1);
    }
}

/// `BAOCAO_PLUGIN_BACKTRACE=1` adds the plugin's frames, from the panic to
/// where the SDK called the exporter, under the located message.
#[test]
fn a_plugin_s_backtrace_on_request() {
    for isolated in [false, true] {
        let (_faults, run) = render_index_fault(isolated, Some("1"));
        assert_eq!(run.code, 1, "{}", run.stderr);
        let (message, backtrace) = run
            .stderr
            .split_once("\n       stack backtrace:\n")
            .unwrap_or_else(|| panic!("no backtrace in:\n{}", run.stderr));
        assert!(
            message.ends_with(&format!(" at {}", index_fault_place())),
            "{message}"
        );
        let frames: Vec<&str> = backtrace.lines().map(str::trim).collect();
        let render = frames
            .iter()
            .position(|f| {
                f.ends_with("<fault_index::Indexing as baocao_plugin_api::Exporter>::render")
            })
            .unwrap_or_else(|| panic!("no frame of the exporter in:\n{backtrace}"));
        assert_eq!(
            frames[render + 1],
            format!("at ./{}", index_fault_place()),
            "{backtrace}"
        );
        // the hook's own frames and the host's are left out
        assert!(frames[0].starts_with("0: "), "{backtrace}");
        assert!(!backtrace.contains("panics::record"), "{backtrace}");
        assert!(!backtrace.contains("baocao_plugin_host"), "{backtrace}");
        assert_eq!(run.stderr.matches("panicked").count(), 1);
    }
}

/// The SDK's sample document (`fixture::RENDERED_HANOI_2024`) is the
/// document baocao gives plugins for its built-in department's 2024
/// report, byte for byte: plugin authors test against what baocao sends.
#[test]
fn the_sdk_sample_document_is_what_baocao_sends() {
    let run = baocao(&[
        "render", "--year", "2024", "--format", "document", "--out", "-",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout == baocao_plugin_api::fixture::RENDERED_HANOI_2024,
        "crates/baocao-plugin-api/fixtures/hanoi-2024.json is not what baocao sends any more: \
         remake it with `cargo run -p baocao-cli -- render --year 2024 --format document --out crates/baocao-plugin-api/fixtures/hanoi-2024.json`, \
         and read its diff"
    );
}
