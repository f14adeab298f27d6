//! What the generator promises, proved with the crates that read its
//! output: the same spec gives the same bytes, every dataset reads and
//! checks clean for every year, and the built-in templates render every
//! department for every year.

#![allow(clippy::unwrap_used, reason = "tests")]

mod shape;

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use baocao_calc::Trend;
use baocao_config::Department;
use baocao_datagen::{MAX_LAST_YEAR, MIN_FIRST_YEAR, Spec, write};
use baocao_dataset::Period;
use baocao_driver::Job;
use unicode_normalization::is_nfc;

/// Small enough to run in a moment, large enough to have a city and a
/// province, and a first year whose growth is written.
fn spec(seed: u64) -> Spec {
    Spec {
        departments: 3,
        first_year: 2022,
        years: 3,
        seed,
    }
}

/// Writes a spec into a new temporary folder.
fn generate(spec: &Spec) -> (tempfile::TempDir, Vec<PathBuf>) {
    let dir = tempfile::tempdir().unwrap();
    let folders = write(spec, dir.path()).unwrap();
    (dir, folders)
}

/// Every file under `dir`, by its path relative to `dir`.
fn files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let relative = path.strip_prefix(root).unwrap().to_path_buf();
                out.insert(relative, fs::read(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

#[test]
fn the_same_spec_gives_the_same_bytes() {
    let (a, folders_a) = generate(&spec(1));
    let (b, folders_b) = generate(&spec(1));
    let names = |folders: &[PathBuf]| -> Vec<String> {
        folders
            .iter()
            .map(|f| f.file_name().unwrap().to_string_lossy().into_owned())
            .collect()
    };
    assert_eq!(names(&folders_a), ["tinh-01", "tinh-02", "tinh-03"]);
    assert_eq!(names(&folders_a), names(&folders_b));
    let (files_a, files_b) = (files(a.path()), files(b.path()));
    let listed: Vec<String> = files_a.keys().map(|p| p.display().to_string()).collect();
    assert_eq!(listed.len(), 9, "{listed:?}");
    assert!(
        listed.contains(&"tinh-02/data/tinh-02.toml".replace('/', std::path::MAIN_SEPARATOR_STR))
    );
    assert_eq!(files_a.len(), files_b.len());
    for (path, bytes) in &files_a {
        assert!(
            files_b[path] == *bytes,
            "{} differs between two runs",
            path.display()
        );
        let text = std::str::from_utf8(bytes).unwrap();
        assert!(is_nfc(text), "{} is not NFC", path.display());
        assert!(text.ends_with('\n') && !text.ends_with("\n\n"));
    }
}

#[test]
fn another_seed_gives_other_values_under_the_same_names() {
    let (a, _) = generate(&spec(1));
    let (b, _) = generate(&spec(2));
    let (files_a, files_b) = (files(a.path()), files(b.path()));
    assert!(files_a.keys().eq(files_b.keys()));
    for folder in ["tinh-01", "tinh-02", "tinh-03"] {
        let data = Path::new(folder)
            .join("data")
            .join(format!("{folder}.toml"));
        assert_ne!(files_a[&data], files_b[&data], "{}", data.display());
        let ds_a = baocao_dataset::read_path(&a.path().join(folder).join("data")).unwrap();
        let ds_b = baocao_dataset::read_path(&b.path().join(folder).join("data")).unwrap();
        assert_eq!(ds_a.region, ds_b.region);
        let grdp = |ds: &baocao_dataset::Dataset| ds.indicator("grdp").unwrap().value.clone();
        assert_ne!(grdp(&ds_a), grdp(&ds_b));
    }
}

#[test]
fn every_dataset_reads_and_every_year_checks_clean() {
    let spec = spec(1);
    let (_dir, folders) = generate(&spec);
    let mut trends = Vec::new();
    for folder in &folders {
        let ds = baocao_dataset::read_path(&folder.join("data")).unwrap();
        assert_eq!(ds.years(), spec.year_list());
        for year in spec.year_list() {
            let figures = baocao_calc::compute(&ds, Period::Year(year));
            let failed: Vec<&str> = figures
                .failed_checks()
                .map(|c| c.message.as_str())
                .collect();
            assert!(failed.is_empty(), "{}, {year}: {failed:#?}", ds.region);
            // The sums of exhaustive parents and the IIP against its parts
            // were compared, not skipped for want of figures.
            assert!(figures.checks.len() >= 3, "{}, {year}", ds.region);
            for id in ["grdp", "industry", "services"] {
                let share = figures.get(id).and_then(|i| i.share.as_ref());
                assert!(share.is_some(), "{}, {year}: no share for {id}", ds.region);
            }
            let grdp_growth = figures.get("grdp").unwrap().growth.as_ref().unwrap();
            assert!(grdp_growth.value().is_sign_positive());
            trends.push(figures.get("iip").unwrap().trend.unwrap());
        }
    }
    assert!(trends.contains(&Trend::Rising), "{trends:?}");
    assert!(trends.iter().any(|t| *t != Trend::Rising), "{trends:?}");
}

#[test]
fn the_builtin_templates_render_every_department_for_every_year() {
    let spec = spec(1);
    let (_dir, folders) = generate(&spec);
    for folder in &folders {
        let dept = Department::load(folder).unwrap();
        assert!(dept.templates.iter().any(|t| t.name == "report.jinja"));
        for year in spec.year_list() {
            let made = Job::new(&dept, Period::Year(year))
                .run()
                .unwrap_or_else(|e| panic!("{}, {year}: {e}", folder.display()));
            let meta = &made.document.meta;
            assert_eq!(meta.authority, dept.settings.letterhead.authority);
            assert!(meta.authority.starts_with("UBND "));
            let signed = format!("ngày 05 tháng 01 năm {}", year + 1);
            assert!(meta.place_date.contains(&signed), "{}", meta.place_date);
            let text = made.document.plain_text();
            assert!(
                text.contains("vào mức tăng") && text.contains("(chiếm"),
                "{}, {year}: no contribution sentence in\n{text}",
                folder.display()
            );
        }
    }
}

#[test]
fn departments_beyond_34_take_a_suffix() {
    let spec = Spec {
        departments: 35,
        first_year: 2024,
        years: 1,
        seed: 7,
    };
    let (_dir, folders) = generate(&spec);
    let last = &folders[34];
    assert!(last.ends_with("tinh-35"));
    let ds = baocao_dataset::read_path(&last.join("data")).unwrap();
    assert_eq!(ds.region, "Hà Nội 2");
    let dept = Department::load(last).unwrap();
    assert_eq!(
        dept.settings.letterhead.authority,
        "UBND THÀNH PHỐ HÀ NỘI 2"
    );
    let wide = Spec {
        departments: 100,
        ..spec
    };
    assert_eq!(wide.department_id(0), "tinh-001");
}

#[test]
fn a_spec_outside_the_dataset_calendar_is_refused_and_its_edges_read() {
    assert_eq!(MIN_FIRST_YEAR, baocao_dataset::MIN_YEAR);
    assert_eq!(MAX_LAST_YEAR + 1, baocao_dataset::MAX_YEAR);
    let one = |first_year, years| Spec {
        departments: 1,
        first_year,
        years,
        seed: 1,
    };
    for bad in [
        one(2024, 0),
        one(MIN_FIRST_YEAR - 1, 3),
        one(MAX_LAST_YEAR - 1, 3),
        one(2000, baocao_datagen::MAX_YEARS + 1),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let err = write(&bad, dir.path()).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::InvalidInput, "{bad:?}");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0, "{bad:?}");
    }
    for edge in [one(MIN_FIRST_YEAR, 2), one(MAX_LAST_YEAR - 1, 2)] {
        let (_dir, folders) = generate(&edge);
        let ds = baocao_dataset::read_path(&folders[0].join("data"))
            .unwrap_or_else(|e| panic!("{edge:?}: {e}"));
        assert_eq!(ds.years(), edge.year_list());
    }
}
