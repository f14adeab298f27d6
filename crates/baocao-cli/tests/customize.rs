//! Departments change their reports by editing their folder, with no
//! rebuild. Every mistake in it is one clear message with its place: those
//! cases are folders of `tests/bad-input/` (see `bad_input.rs`).

use std::path::Path;

use crate::baocao;

/// A fresh department folder made by `baocao init`, edited by `edits`
/// (file relative to the folder, text to find, replacement).
fn department(edits: &[(&str, &str, &str)]) -> tempfile::TempDir {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("thai-binh");
    let run = baocao(&["init", dir.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for (file, from, to) in edits {
        let path = dir.join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{file} lost `{from}`");
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    }
    root
}

fn dir(root: &tempfile::TempDir) -> String {
    root.path().join("thai-binh").to_str().unwrap().to_owned()
}

fn render(root: &tempfile::TempDir) -> String {
    let run = baocao(&[
        "render",
        &dir(root),
        "--year",
        "2024",
        "--format",
        "md",
        "--out",
        "-",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.stdout
}

#[test]
fn init_gives_a_folder_that_renders_like_the_original() {
    let root = department(&[]);
    let original = baocao(&["render", "--year", "2024", "--format", "md", "--out", "-"]).stdout;
    assert_eq!(render(&root), original);
    let check = baocao(&["check", &dir(&root)]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    let again = baocao(&["init", &dir(&root)]);
    assert_eq!(again.code, 1, "init refuses a folder that is not empty");
}

#[test]
fn edits_change_the_next_render() {
    let root = department(&[
        (
            "templates/report.jinja",
            "## Sản xuất công nghiệp",
            "## Công nghiệp và năng lượng",
        ),
        (
            "templates/sections/services.jinja",
            "Trong đó, {{ data.trade.name }}",
            "Riêng {{ data.trade.name }}",
        ),
        (
            "department.toml",
            "name = \"Nguyễn Kiều Oanh\"",
            "name = \"Lê Văn Cường\"",
        ),
        ("department.toml", "growth = 2", "growth = 1"),
        (
            "department.toml",
            "authority = \"UBND THÀNH PHỐ HÀ NỘI\"",
            "authority = \"UBND TỈNH THÁI BÌNH\"",
        ),
        (
            "department.toml",
            "# source = \"Nguồn: Cục Thống kê thành phố Hà Nội\"",
            "source = \"Nguồn: Cục Thống kê tỉnh Thái Bình\"",
        ),
    ]);
    let md = render(&root);
    for want in [
        "### 1. Công nghiệp và năng lượng",
        "Riêng bán buôn, bán lẻ tăng 8,6%",
        "**Lê Văn Cường**",
        "ước tăng 7,1% so với năm 2023",
        "UBND TỈNH THÁI BÌNH",
        "*Nguồn: Cục Thống kê tỉnh Thái Bình*",
    ] {
        assert!(md.contains(want), "missing `{want}`:\n{md}");
    }
    assert!(!md.contains("Cục Thống kê thành phố Hà Nội"), "{md}");
    let english = department(&[("department.toml", "locale = \"vi\"", "locale = \"en\"")]);
    let md = render(&english);
    assert!(md.contains("6.52%"), "English numbers: {md}");
}

/// A misspelt id in a guard leaves its sentence out (any id may be
/// missing from some province's data); `check` warns about it
/// (`tests/bad-input/template-has-misspelt-indicator`).
#[test]
fn a_misspelt_indicator_leaves_its_sentence_out() {
    let root = department(&[(
        "templates/sections/services.jinja",
        "has(\"cpi.growth\"",
        "has(\"cpii.growth\"",
    )]);
    let render = baocao(&["render", &dir(&root), "--year", "2024", "--out", "-"]);
    assert_eq!(render.code, 0, "{}", render.stderr);
    assert!(!render.stdout.contains("Chỉ số giá tiêu dùng (CPI)"));
}

/// A department made with `init --from hanoi` for another province: the
/// copied data says whose it is, and `check` warns about notes that still
/// name Hà Nội once the region is changed.
#[test]
fn check_warns_about_another_province_s_prose() {
    let root = department(&[(
        "data/hanoi.toml",
        "region = \"Hà Nội\"",
        "region = \"Thái Bình\"",
    )]);
    let notes = std::fs::read_to_string(Path::new(&dir(&root)).join("data/notes.toml")).unwrap();
    assert!(
        notes.starts_with("# Copied by `baocao init` from the department `hanoi`"),
        "{notes}"
    );
    let run = baocao(&["check", &dir(&root)]);
    assert_eq!(run.code, 0, "warnings only: {}", run.stderr);
    assert!(
        run.stderr.contains(
            "warning: the `outlook` note of 2024 names Hà Nội, not this dataset's region (Thái Bình)\n"
        ) && run.stderr.contains("data/notes.toml:39:1\n"),
        "{}",
        run.stderr
    );
}

/// A department may write points as the statistics offices do.
#[test]
fn points_can_be_written_in_words() {
    let root = department(&[(
        "department.toml",
        "points = \"điểm %\"",
        "points = \"điểm phần trăm\"",
    )]);
    let run = baocao(&["render", &dir(&root), "--year", "2024", "--out", "-"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = crate::strip_markdown(&run.stdout);
    assert!(
        text.contains("đóng góp 0,82 điểm phần trăm vào mức tăng 6,52% của GRDP (chiếm 12,6%)"),
        "{text}"
    );
    assert!(!text.contains("điểm %"), "{text}");
}
