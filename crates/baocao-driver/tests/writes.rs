//! Where a batch writes, and where it never does: a link planted inside
//! the output folder takes no write outside it, two batches into one
//! folder do not break each other, a killed batch's leftovers are removed
//! by the next one, and only they are.

use std::collections::BTreeMap;
use std::fs;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::sync::mpsc;

use baocao_driver::batch::{
    self, BatchOptions, BatchOutcome, Events, FileStatus, Layout, Plugins, sha256_hex,
};
use baocao_driver::{Department, PluginSet, plan};

/// The exporter plugins cargo built next to this test.
fn plugins() -> PluginSet {
    let exe = std::env::current_exe().unwrap();
    let set = PluginSet::load(&[exe.parent().unwrap().to_path_buf()]);
    assert!(
        set.get("md").is_some(),
        "plugins not built: {:?}",
        set.rejected()
    );
    set
}

/// The built-in Hà Nội and `hanoi-en`, the latter from `config/`.
fn departments() -> Vec<Department> {
    let config = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../config/hanoi-en");
    vec![Department::builtin(), Department::load(&config).unwrap()]
}

/// A batch of both departments, 2023 and 2024, in three formats, into
/// `out`, telling `waiting` when it waits for another batch.
fn run(out: &Path, waiting: &(dyn Fn(&Path) + Sync)) -> BatchOutcome {
    let depts = departments();
    let (loaded, unread) = plan::load(&depts, 2);
    assert!(unread.is_empty());
    let units = plan::units(&loaded, Some(&[2023, 2024]), &[]);
    let set = plugins();
    let opts = BatchOptions {
        formats: Some(vec!["md".into(), "html".into(), "txt".into()]),
        out: out.to_path_buf(),
        layout: Layout::Batch,
        jobs: 2,
        skip_unchanged: false,
        overview: Default::default(),
    };
    let events = Events {
        done: &|| {},
        waiting,
    };
    batch::run_with(&units, &Plugins::shared(&set), &opts, &events).unwrap()
}

fn quiet(out: &Path) -> BatchOutcome {
    run(out, &|_| {})
}

/// Every file under `dir` (relative path → bytes), links not followed.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            let meta = fs::symlink_metadata(&p).unwrap();
            let rel = p.strip_prefix(dir).unwrap().display().to_string();
            if meta.is_dir() {
                stack.push(p);
            } else if meta.file_type().is_symlink() {
                out.insert(rel, b"-> link".to_vec());
            } else {
                out.insert(rel, fs::read(&p).unwrap());
            }
        }
    }
    out
}

/// Whether a name is one of baocao's temporaries.
fn temporary(name: &str) -> bool {
    name.ends_with(".baocao-tmp")
}

/// A folder outside `--out` with a file in it: what no batch may touch.
fn outside() -> (tempfile::TempDir, BTreeMap<String, Vec<u8>>) {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in [
        ("2024.md", &b"not a report: keep me"[..]),
        ("victim", b"keep me too"),
        // Named like a leftover of ours, but not in `--out`.
        (".2024.md.0123456789abcdef.baocao-tmp", b"not yours"),
    ] {
        fs::write(dir.path().join(name), bytes).unwrap();
    }
    let before = files(dir.path());
    (dir, before)
}

fn failed_with(f: &batch::FileOutcome) -> String {
    match &f.status {
        FileStatus::Failed(why) => why.message.clone(),
        other => panic!("{} {} {}: {other:?}", f.department, f.period, f.format),
    }
}

/// A department folder inside `--out` that is a link to another folder:
/// that department's files fail, saying so, and nothing is written or
/// removed through the link; the other department is written.
#[test]
fn a_linked_department_folder_takes_no_write_outside() {
    let (elsewhere, before) = outside();
    let out = tempfile::tempdir().unwrap();
    symlink(elsewhere.path(), out.path().join("hanoi")).unwrap();
    let report = quiet(out.path());
    let refused = format!(
        "{} is a symbolic link; baocao does not write through links: remove it",
        out.path().join("hanoi").display()
    );
    for f in &report.files {
        if f.department == "hanoi" {
            assert_eq!(failed_with(f), refused);
        } else {
            assert_eq!(f.status, FileStatus::Written, "{f:?}");
        }
    }
    assert_eq!(report.failed(), 6);
    assert_eq!(files(elsewhere.path()), before);
    assert!(out.path().join("hanoi-en/2024.html").is_file());
}

/// Links planted at the names a batch writes (its reports, its index,
/// manifest and cache) and at the temporary names older versions used
/// (`.<name>.<pid>.tmp`): each link is replaced by the file, never
/// written through.
#[test]
fn links_at_the_names_written_are_replaced_not_followed() {
    let (elsewhere, before) = outside();
    let victim = elsewhere.path().join("victim");
    let out = tempfile::tempdir().unwrap();
    fs::create_dir(out.path().join("hanoi")).unwrap();
    let pid = std::process::id();
    for name in [
        "hanoi/2024.md".to_owned(),
        format!("hanoi/.2024.md.{pid}.tmp"),
        "index.html".to_owned(),
        format!(".index.html.{pid}.tmp"),
        "manifest.json".to_owned(),
        ".baocao-cache.json".to_owned(),
    ] {
        symlink(&victim, out.path().join(name)).unwrap();
    }
    let report = quiet(out.path());
    assert_eq!(report.failed(), 0, "{report:?}");
    assert_eq!(files(elsewhere.path()), before);
    for name in ["hanoi/2024.md", "index.html", "manifest.json"] {
        let meta = fs::symlink_metadata(out.path().join(name)).unwrap();
        assert!(meta.is_file(), "{name}");
    }
}

/// Two batches into one folder at once: the second waits for the first
/// (the folder's lock), both succeed, and the folder ends with every file,
/// its manifest matching their bytes.
#[test]
fn two_batches_into_one_folder_both_succeed() {
    let out = tempfile::tempdir().unwrap();
    let (a, b) = std::thread::scope(|s| {
        let a = s.spawn(|| quiet(out.path()));
        let b = s.spawn(|| quiet(out.path()));
        (a.join().unwrap(), b.join().unwrap())
    });
    for r in [&a, &b] {
        assert_eq!(r.failed(), 0, "{r:?}");
        assert_eq!(r.files.len(), 12);
    }
    manifest_matches(out.path(), 12);
}

/// The manifest lists `n` files, each with the size and SHA-256 of the
/// file as it is, and the folder holds nothing else but the index, the
/// cache and no temporary.
fn manifest_matches(out: &Path, n: usize) {
    let all = files(out);
    let manifest: Vec<serde_json::Value> = serde_json::from_slice(&all["manifest.json"]).unwrap();
    assert_eq!(manifest.len(), n);
    for entry in &manifest {
        let path = entry["path"].as_str().unwrap();
        let bytes = &all[path];
        assert_eq!(
            entry["sha256"].as_str().unwrap(),
            sha256_hex(bytes),
            "{path}"
        );
        assert_eq!(
            entry["size"].as_u64().unwrap(),
            bytes.len() as u64,
            "{path}"
        );
    }
    assert_eq!(all.len(), n + 4, "{:?}", all.keys());
    assert!(!all.keys().any(|k| temporary(k)), "{:?}", all.keys());
}

/// A batch into a folder another batch holds waits, says so, and writes
/// nothing until the other lets go; then it writes everything. (The other
/// batch is this test holding the folder's lock.)
#[test]
fn a_batch_waits_for_the_folder_and_says_so() {
    let out = tempfile::tempdir().unwrap();
    let held = fs::File::open(out.path()).unwrap();
    held.lock().unwrap();
    let (told, heard) = mpsc::channel::<PathBuf>();
    let told = std::sync::Mutex::new(told);
    std::thread::scope(|s| {
        let batch = s.spawn(|| {
            run(out.path(), &|p| {
                told.lock().unwrap().send(p.to_path_buf()).unwrap();
            })
        });
        assert_eq!(heard.recv().unwrap(), out.path());
        // Told before it waits: it has written nothing yet.
        assert!(files(out.path()).is_empty());
        drop(held);
        let report = batch.join().unwrap();
        assert_eq!(report.failed(), 0, "{report:?}");
    });
    manifest_matches(out.path(), 12);
}

/// What a batch killed during its index phase (or any other) leaves: our
/// temporaries, at the top and in the department folders. The next batch
/// removes them, and nothing that is not ours.
#[test]
fn a_killed_batchs_temporaries_are_removed_by_the_next_and_only_they() {
    let out = tempfile::tempdir().unwrap();
    fs::create_dir(out.path().join("hanoi")).unwrap();
    fs::create_dir(out.path().join("notes")).unwrap();
    let ours = [
        ".index.html.0123456789abcdef.baocao-tmp",
        ".manifest.json.fedcba9876543210.baocao-tmp",
        ".baocao-cache.json.00000000deadbeef.baocao-tmp",
        "hanoi/.2024.md.0123456789abcdef.baocao-tmp",
        "notes/.x.txt.0123456789abcdef.baocao-tmp",
    ];
    let theirs = [
        ".index.html.1234.tmp",
        "hanoi/.2024.md.1234.tmp",
        "hanoi/draft.md",
        "notes/.x.txt.0123456789abcdef.tmp",
        ".profile",
    ];
    for name in ours.iter().chain(&theirs) {
        fs::write(out.path().join(name), b"left").unwrap();
    }
    let report = quiet(out.path());
    assert_eq!(report.failed(), 0, "{report:?}");
    let after = files(out.path());
    for name in ours {
        assert!(!after.contains_key(name), "{name} left");
    }
    for name in theirs {
        assert_eq!(
            after.get(name).map(Vec::as_slice),
            Some(&b"left"[..]),
            "{name}"
        );
    }
}
