//! The code map of `docs/ARCHITECTURE.md` against the workspace.
//!
//! The code map is a table with one row per crate: its path, its job and
//! the baocao crates it depends on. The last column is checked here
//! against what cargo says (`cargo metadata --no-deps`): for every crate
//! under `crates/` and `plugins/` (and any other workspace crate given a
//! row), the crates it lists must be exactly its normal dependencies on
//! workspace `baocao-*` crates; dev- and build-dependencies are not edges
//! of the architecture. Every crate under `crates/` and `plugins/` must
//! have a row, and every row must name a workspace crate. The test helper
//! crates under `tests/` need no row.
//!
//! The column holds crate names in backticks separated by commas, or `—`
//! for none. A failure lists, crate by crate, what the doc misses and what
//! it lists wrongly, and the cell as it should read, so that the doc can
//! be fixed in one go.
//!
//! This test lives in `baocao-diagnostic` because that crate depends on no
//! other baocao crate, so it is quick to build, and it already has
//! `serde_json`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

/// The document that holds the code map, from the workspace root.
const DOC: &str = "docs/ARCHITECTURE.md";

/// The heading the code map follows; the map is the first table after it.
const HEADING: &str = "## Code map";

/// How the header of the dependency column starts.
const DEPENDS_ON: &str = "depends on";

/// What the dependency column holds for a crate with no baocao dependency.
const NONE: &str = "—";

/// Folders whose every crate must have a row.
const MAPPED: [&str; 2] = ["crates/", "plugins/"];

/// A workspace crate as cargo knows it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Crate {
    /// The package name.
    name: String,
    /// Its normal dependencies on workspace `baocao-*` crates.
    deps: BTreeSet<String>,
}

/// A row of the code map.
#[derive(Debug)]
struct Row {
    /// Line number in the document, from 1.
    line: usize,
    /// The crate's folder, from the workspace root (`crates/baocao-calc`).
    path: String,
    /// The dependency column, parsed.
    deps: Result<BTreeSet<String>, String>,
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every workspace crate by its folder relative to the workspace root, with
/// `/` as separator, from `cargo metadata`.
fn workspace_crates(root: &Path) -> BTreeMap<String, Crate> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = Command::new(&cargo)
        .args(["metadata", "--format-version", "1", "--no-deps"])
        .current_dir(root)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {cargo:?} metadata: {e}"));
    assert!(
        output.status.success(),
        "cargo metadata failed ({}):\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    let metadata: Value =
        serde_json::from_slice(&output.stdout).expect("cargo metadata prints JSON");
    crates_of(&metadata)
}

/// The workspace crates of `cargo metadata`'s output.
fn crates_of(metadata: &Value) -> BTreeMap<String, Crate> {
    let text = |v: &Value| v.as_str().expect("a string in cargo metadata").to_owned();
    let root = PathBuf::from(text(&metadata["workspace_root"]));
    let members: BTreeSet<String> = metadata["workspace_members"]
        .as_array()
        .expect("workspace_members")
        .iter()
        .map(text)
        .collect();
    let packages: Vec<&Value> = metadata["packages"]
        .as_array()
        .expect("packages")
        .iter()
        .filter(|p| members.contains(&text(&p["id"])))
        .collect();
    let ours: BTreeSet<String> = packages
        .iter()
        .map(|p| text(&p["name"]))
        .filter(|name| name.starts_with("baocao-"))
        .collect();
    packages
        .iter()
        .map(|p| {
            let manifest = PathBuf::from(text(&p["manifest_path"]));
            let folder = manifest.parent().expect("a manifest is in a folder");
            let path = folder
                .strip_prefix(&root)
                .unwrap_or_else(|_| panic!("{} is outside the workspace root", folder.display()));
            let path = path
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            let deps = p["dependencies"]
                .as_array()
                .expect("dependencies")
                .iter()
                // `kind` is null for normal dependencies, "dev" or "build"
                // for the others; a target-specific one is still normal.
                .filter(|d| d["kind"].is_null())
                .map(|d| text(&d["name"]))
                .filter(|name| ours.contains(name))
                .collect();
            (
                path,
                Crate {
                    name: text(&p["name"]),
                    deps,
                },
            )
        })
        .collect()
}

/// The cells of a table line, trimmed; `\|` does not split.
fn cells(line: &str) -> Vec<String> {
    let line = line.trim();
    let line = line.strip_prefix('|').unwrap_or(line);
    let line = line
        .strip_suffix('|')
        .filter(|l| !l.ends_with('\\'))
        .unwrap_or(line);
    let mut out = vec![String::new()];
    let mut escaped = false;
    for c in line.chars() {
        match c {
            '|' if !escaped => out.push(String::new()),
            _ => out.last_mut().expect("one cell at least").push(c),
        }
        escaped = c == '\\';
    }
    out.iter().map(|c| c.trim().to_owned()).collect()
}

/// `` `name` `` → `name`.
fn in_backticks(text: &str) -> Option<&str> {
    let inner = text.strip_prefix('`')?.strip_suffix('`')?;
    (!inner.is_empty() && !inner.contains('`')).then_some(inner)
}

/// The dependency column: `—`, or crate names in backticks separated by
/// commas.
fn parse_deps(cell: &str) -> Result<BTreeSet<String>, String> {
    if cell == NONE {
        return Ok(BTreeSet::new());
    }
    let mut deps = BTreeSet::new();
    for item in cell.split(',').map(str::trim) {
        let name = in_backticks(item).ok_or_else(|| {
            format!("`{item}` is not a crate name in backticks (write `baocao-calc`, `baocao-dataset`, or {NONE} for none)")
        })?;
        if !deps.insert(name.to_owned()) {
            return Err(format!("`{name}` is listed twice"));
        }
    }
    Ok(deps)
}

/// The rows of the code map: the first table after [`HEADING`].
fn code_map(doc: &str) -> Result<Vec<Row>, String> {
    let lines: Vec<&str> = doc.lines().collect();
    let heading = lines
        .iter()
        .position(|l| l.trim_end() == HEADING)
        .ok_or_else(|| format!("no `{HEADING}` heading"))?;
    let start = (heading + 1..lines.len())
        .find(|&i| lines[i].trim_start().starts_with('|'))
        .ok_or_else(|| format!("no table after `{HEADING}`"))?;
    let end = (start..lines.len())
        .find(|&i| !lines[i].trim_start().starts_with('|'))
        .unwrap_or(lines.len());
    if end - start < 2 {
        return Err(format!("line {}: a table without a header", start + 1));
    }
    let header = cells(lines[start]);
    let column = header
        .iter()
        .position(|c| c.to_lowercase().starts_with(DEPENDS_ON))
        .ok_or_else(|| {
            format!(
                "line {}: no column whose header starts with `{DEPENDS_ON}`",
                start + 1
            )
        })?;
    let mut rows = Vec::new();
    for (i, line) in lines.iter().enumerate().take(end).skip(start + 2) {
        let cells = cells(line);
        if cells.len() != header.len() {
            return Err(format!(
                "line {}: {} cells, the header has {}",
                i + 1,
                cells.len(),
                header.len()
            ));
        }
        let path = in_backticks(&cells[0]).ok_or_else(|| {
            format!(
                "line {}: the crate is not a folder in backticks: {}",
                i + 1,
                cells[0]
            )
        })?;
        rows.push(Row {
            line: i + 1,
            path: path.trim_end_matches('/').to_owned(),
            deps: parse_deps(&cells[column]),
        });
    }
    Ok(rows)
}

/// `` `a`, `b` `` or `—`.
fn cell(names: &BTreeSet<String>) -> String {
    if names.is_empty() {
        NONE.to_owned()
    } else {
        names
            .iter()
            .map(|n| format!("`{n}`"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Every difference between the code map of `doc` and `crates`, one entry
/// per crate (or per broken row).
fn problems(doc: &str, crates: &BTreeMap<String, Crate>) -> Vec<String> {
    let rows = match code_map(doc) {
        Ok(rows) => rows,
        Err(e) => return vec![e],
    };
    let mut out = Vec::new();
    let mut seen = BTreeMap::new();
    for row in &rows {
        let at = format!("{DOC}:{}", row.line);
        if let Some(first) = seen.insert(row.path.as_str(), row.line) {
            out.push(format!(
                "{}: a second row ({at}; the first is on line {first})",
                row.path
            ));
            continue;
        }
        let Some(real) = crates.get(&row.path) else {
            out.push(format!(
                "{} ({at}): no workspace crate is in this folder; remove the row",
                row.path
            ));
            continue;
        };
        let listed = match &row.deps {
            Ok(deps) => deps,
            Err(e) => {
                out.push(format!(
                    "{} ({at}): {e}\n    the cell should read: {}",
                    row.path,
                    cell(&real.deps)
                ));
                continue;
            }
        };
        let missing: BTreeSet<String> = real.deps.difference(listed).cloned().collect();
        let wrong: BTreeSet<String> = listed.difference(&real.deps).cloned().collect();
        if missing.is_empty() && wrong.is_empty() {
            continue;
        }
        let mut what = Vec::new();
        if !missing.is_empty() {
            what.push(format!("missing from the doc: {}", cell(&missing)));
        }
        if !wrong.is_empty() {
            what.push(format!("listed but not a dependency: {}", cell(&wrong)));
        }
        out.push(format!(
            "{} ({at}): {}\n    the cell should read: {}",
            row.path,
            what.join("; "),
            cell(&real.deps)
        ));
    }
    for (path, krate) in crates {
        if MAPPED.iter().any(|m| path.starts_with(m)) && !seen.contains_key(path.as_str()) {
            out.push(format!(
                "{path}: no row for `{}`; its dependencies: {}",
                krate.name,
                cell(&krate.deps)
            ));
        }
    }
    out
}

#[test]
fn the_code_map_lists_every_crate_with_its_real_dependencies() {
    let root = workspace_root();
    let crates = workspace_crates(&root);
    assert!(
        crates.contains_key("crates/baocao-diagnostic"),
        "cargo metadata does not know this crate: {crates:?}"
    );
    let doc = std::fs::read_to_string(root.join(DOC))
        .unwrap_or_else(|e| panic!("cannot read {DOC}: {e}"));
    let problems = problems(&doc, &crates);
    assert!(
        problems.is_empty(),
        "the code map of {DOC} does not match the workspace (the dependency column lists the normal \
         dependencies on baocao crates, as `cargo metadata` gives them; dev-dependencies do not count):\n\n{}\n",
        problems.join("\n")
    );
}

/// The checker itself, on a made-up workspace: a wrong doc is told apart
/// from a right one, and the message says what to change.
#[test]
fn a_wrong_code_map_is_reported_crate_by_crate() {
    let krate = |name: &str, deps: &[&str]| Crate {
        name: name.to_owned(),
        deps: deps.iter().map(|d| (*d).to_owned()).collect(),
    };
    let crates = BTreeMap::from([
        ("crates/baocao-a".to_owned(), krate("baocao-a", &[])),
        (
            "crates/baocao-b".to_owned(),
            krate("baocao-b", &["baocao-a"]),
        ),
        (
            "plugins/baocao-c".to_owned(),
            krate("baocao-c", &["baocao-a", "baocao-b"]),
        ),
        ("crates/baocao-d".to_owned(), krate("baocao-d", &[])),
        ("tests/helper".to_owned(), krate("helper", &["baocao-a"])),
    ]);
    let doc = |c_deps: &str| {
        format!(
            "# Architecture\n\n## Code map\n\nThe crates.\n\n\
             | crate | job | depends on (baocao) |\n\
             |---|---|---|\n\
             | `crates/baocao-a` | the bottom \\| of it all | {NONE} |\n\
             | `crates/baocao-b` | the middle | `baocao-a` |\n\
             | `plugins/baocao-c` | the top | {c_deps} |\n\
             | `crates/baocao-d` | alone | {NONE} |\n\
             \n| other | table |\n|---|---|\n| `crates/gone` | not checked |\n"
        )
    };

    assert_eq!(
        problems(&doc("`baocao-a`, `baocao-b`"), &crates),
        Vec::<String>::new()
    );
    assert_eq!(
        problems(&doc("`baocao-b`,`baocao-a`"), &crates),
        Vec::<String>::new()
    );

    let found = problems(&doc("`baocao-b`, `baocao-d`"), &crates);
    assert_eq!(
        found,
        [format!(
            "plugins/baocao-c ({DOC}:11): missing from the doc: `baocao-a`; listed but not a dependency: \
             `baocao-d`\n    the cell should read: `baocao-a`, `baocao-b`"
        )]
    );

    let found = problems(&doc(NONE), &crates);
    assert_eq!(found.len(), 1);
    assert!(
        found[0].contains("missing from the doc: `baocao-a`, `baocao-b`"),
        "{found:?}"
    );
    assert!(!found[0].contains("listed but"), "{found:?}");

    let found = problems(&doc("baocao-a, `baocao-b`"), &crates);
    assert_eq!(found.len(), 1);
    assert!(
        found[0].contains("`baocao-a` is not a crate name in backticks"),
        "{found:?}"
    );

    let found = problems(&doc("`baocao-a`, `baocao-a`"), &crates);
    assert!(found[0].contains("listed twice"), "{found:?}");

    // A crate without a row, and a row without a crate.
    let without_d =
        doc("`baocao-a`, `baocao-b`").replace("| `crates/baocao-d` |", "| `crates/baocao-e` |");
    assert_eq!(
        problems(&without_d, &crates),
        [
            format!(
                "crates/baocao-e ({DOC}:12): no workspace crate is in this folder; remove the row"
            ),
            format!("crates/baocao-d: no row for `baocao-d`; its dependencies: {NONE}"),
        ]
    );
}

/// The dependency set comes from normal dependencies on workspace crates
/// only.
#[test]
fn dev_build_and_outside_dependencies_are_not_edges() {
    let metadata = serde_json::json!({
        "workspace_root": "/ws",
        "workspace_members": ["a", "b", "h"],
        "packages": [
            {"id": "a", "name": "baocao-a", "manifest_path": "/ws/crates/baocao-a/Cargo.toml", "dependencies": []},
            {"id": "b", "name": "baocao-b", "manifest_path": "/ws/plugins/baocao-b/Cargo.toml", "dependencies": [
                {"name": "baocao-a", "kind": null},
                {"name": "baocao-h", "kind": "dev"},
                {"name": "baocao-h", "kind": "build"},
                {"name": "serde", "kind": null},
            ]},
            {"id": "h", "name": "baocao-h", "manifest_path": "/ws/tests/h/Cargo.toml", "dependencies": [
                {"name": "baocao-a", "kind": null, "target": "cfg(unix)"},
            ]},
        ],
    });
    let crates = crates_of(&metadata);
    let deps = |path: &str| crates[path].deps.iter().cloned().collect::<Vec<_>>();
    assert_eq!(deps("crates/baocao-a"), Vec::<String>::new());
    assert_eq!(deps("plugins/baocao-b"), ["baocao-a"]);
    assert_eq!(deps("tests/h"), ["baocao-a"]);
}
