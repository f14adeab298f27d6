//! Departments change their reports by editing their folder, with no
//! rebuild; and every mistake in it is one clear message with its place.

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

/// (mistake, file to edit, text, replacement, place and words of the first message)
const MISTAKES: [(&str, &str, &str, &str, &str); 13] = [
    (
        "misspelt key",
        "department.toml",
        "locale = \"vi\"",
        "locle = \"vi\"",
        "department.toml:9:1: error: unknown key `locle` at the top level; did you mean `locale`?",
    ),
    (
        "misspelt table key",
        "department.toml",
        "authority = ",
        "autority = ",
        "department.toml:17:1: error: unknown key `autority` in [letterhead]; did you mean `authority`?",
    ),
    (
        "misspelt table",
        "department.toml",
        "[numbers]",
        "[numbres]",
        "department.toml:63:2: error: unknown key `numbres` at the top level; did you mean `numbers`?",
    ),
    (
        "a number in quotes",
        "department.toml",
        "growth = 2",
        "growth = \"2\"",
        "department.toml:64:10: error: invalid type: string \"2\", expected u32",
    ),
    (
        "unknown locale",
        "department.toml",
        "locale = \"vi\"",
        "locale = \"vn\"",
        "department.toml:9:10: error: unknown locale `vn`: expected `vi` or `en`",
    ),
    (
        "date in Vietnamese order",
        "department.toml",
        "\"2024\" = \"2025-01-05\"",
        "\"2024\" = \"05/01/2025\"",
        "department.toml:41:10: error: the date of `2024` must be written YYYY-MM-DD, found `05/01/2025`",
    ),
    (
        "id with diacritics",
        "department.toml",
        "id = \"thai-binh\"",
        "id = \"Thái Bình\"",
        "department.toml:7:6: error: `id` must be lowercase letters",
    ),
    (
        "output outside the folder",
        "department.toml",
        "path = \"out/{department}/{period}.{ext}\"",
        "path = \"../{period}.{ext}\"",
        "department.toml:83:8: error: `output.path` must stay inside the current folder",
    ),
    (
        "unclosed quote",
        "department.toml",
        "place = \"Hà Nội\"",
        "place = \"Hà Nội",
        "department.toml:22:16: error: invalid basic string",
    ),
    (
        "missing required key",
        "department.toml",
        "place = \"Hà Nội\"\n",
        "",
        "department.toml:16:1: error: missing field `place`",
    ),
    (
        "template syntax",
        "templates/report.jinja",
        "{% if notes(\"limitations\") %}",
        "{% if %}",
        "templates/report.jinja:31: error: syntax error: unexpected end of block",
    ),
    (
        "unknown filter",
        "templates/sections/services.jinja",
        "| change }} {{ period.vs_previous }}",
        "| percent }} {{ period.vs_previous }}",
        "templates/sections/services.jinja:9: error: unknown filter",
    ),
    (
        "absent figure printed",
        "templates/sections/services.jinja",
        "{% if s.value %}",
        "{{ data.exports.growth | pct }}{% if s.value %}",
        "templates/sections/services.jinja:22: error: invalid operation: this figure is not available",
    ),
];

#[test]
fn each_config_or_template_mistake_is_one_placed_message() {
    let mut wrong = Vec::new();
    for (what, file, from, to, want) in MISTAKES {
        let root = department(&[(file, from, to)]);
        let run = baocao(&["check", &dir(&root), "--year", "2024"]);
        assert_eq!(run.code, 1, "{what}: {}", run.stderr);
        assert!(!run.stderr.contains("panicked"), "{what}: {}", run.stderr);
        let first = run.stderr.lines().next().unwrap_or_default();
        let shown = first.replace(&format!("{}{}", dir(&root), std::path::MAIN_SEPARATOR), "");
        if !shown.contains(want) {
            wrong.push(format!("{what}:\n  got  {shown}\n  want {want}"));
        }
        let render = baocao(&["render", &dir(&root), "--year", "2024", "--out", "-"]);
        assert_eq!(render.code, 1, "{what}: render refuses too");
        assert!(render.stdout.is_empty(), "{what}: no report");
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// A misspelt id in a guard leaves its sentence out (any id may be
/// missing from some province's data), and `check` says which id, where,
/// and what was meant.
#[test]
fn a_misspelt_indicator_is_a_placed_warning() {
    let root = department(&[(
        "templates/sections/services.jinja",
        "has(\"cpi.growth\"",
        "has(\"cpii.growth\"",
    )]);
    let run = baocao(&["check", &dir(&root), "--year", "2024"]);
    assert_eq!(run.code, 0, "a warning, not an error: {}", run.stderr);
    assert!(
        run.stderr
            .contains("warning: `cpii` is neither an indicator of the dataset nor a standard id\n")
            && run
                .stderr
                .contains("templates/sections/services.jinja:46:12\n")
            && run
                .stderr
                .contains("^^^^ unknown id: what needs it is always left out")
            && run.stderr.contains("= help: did you mean `cpi`?"),
        "{}",
        run.stderr
    );
    let json = diagnostics(&["check", &dir(&root), "--year", "2024"]);
    let cpii: Vec<&serde_json::Value> = json
        .iter()
        .filter(|d| d["message"].as_str().unwrap().starts_with("`cpii`"))
        .collect();
    assert_eq!(cpii.len(), 1, "{json:?}");
    assert_eq!(cpii[0]["severity"], "warning");
    assert_eq!(
        (
            cpii[0]["line"].as_u64(),
            cpii[0]["column"].as_u64(),
            cpii[0]["width"].as_u64()
        ),
        (Some(46), Some(12), Some(4))
    );
    let render = baocao(&["render", &dir(&root), "--year", "2024", "--out", "-"]);
    assert_eq!(render.code, 0, "{}", render.stderr);
    assert!(!render.stdout.contains("Chỉ số giá tiêu dùng (CPI)"));
}

#[test]
fn an_english_department_needs_english_names() {
    let root = department(&[
        ("department.toml", "locale = \"vi\"", "locale = \"en\""),
        ("data/hanoi.toml", "name_en = \"textiles\"\n", ""),
    ]);
    let run = baocao(&["check", &dir(&root)]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let data = Path::new(&dir(&root)).join("data").join("hanoi.toml");
    assert!(
        run.stderr.contains(&format!("{}:", data.display()))
            && run
                .stderr
                .contains("indicator `consumption_textiles` has no `name_en`"),
        "{}",
        run.stderr
    );
}

/// `check` tells everything at once: a failed consistency check of the
/// data and a broken template are both listed, each once, however many
/// periods the dataset holds.
#[test]
fn check_lists_failed_checks_and_template_errors_each_once() {
    let root = department(&[
        // Last year's total sales, which do not fit the reported growth.
        (
            "data/hanoi.toml",
            "value = { 2024 = 4268 }",
            "value = { 2023 = 3000, 2024 = 4268 }",
        ),
        (
            "templates/sections/services.jinja",
            "{% if s.value %}",
            "{{ data.exports.growth | pct }}{% if s.value %}",
        ),
    ]);
    let run = baocao(&["check", &dir(&root)]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let json = diagnostics(&["check", &dir(&root)]);
    let failed: Vec<&serde_json::Value> = json
        .iter()
        .filter(|d| {
            d["severity"] == "warning"
                && d["message"]
                    .as_str()
                    .unwrap()
                    .contains("of `sales_total` for 2024")
        })
        .collect();
    assert!(!failed.is_empty(), "{json:?}");
    // At the figure that does not fit: `value = { 2023 = 3000, 2024 = 4268 }`.
    assert!(
        failed[0]["file"].as_str().unwrap().ends_with("hanoi.toml"),
        "{json:?}"
    );
    let template: Vec<&serde_json::Value> = json
        .iter()
        .filter(|d| {
            d["severity"] == "error"
                && d["file"]
                    .as_str()
                    .unwrap_or_default()
                    .ends_with("services.jinja")
                && d["line"] == 22
        })
        .collect();
    assert_eq!(template.len(), 1, "{json:?}");
    // Each diagnostic once.
    let mut all: Vec<String> = json.iter().map(ToString::to_string).collect();
    let n = all.len();
    all.sort_unstable();
    all.dedup();
    assert_eq!(all.len(), n, "{}", run.stderr);
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

/// An English department with Vietnamese templates would mix languages.
#[test]
fn check_warns_about_templates_in_another_language() {
    let root = department(&[("department.toml", "locale = \"vi\"", "locale = \"en\"")]);
    let run = baocao(&["check", &dir(&root)]);
    let json = diagnostics(&["check", &dir(&root)]);
    assert!(
        json.iter().any(|d| d["severity"] == "warning"
            && d["file"]
                .as_str()
                .unwrap_or_default()
                .ends_with("templates/sections/industry.jinja")
            && d["message"].as_str().unwrap().starts_with(
                "the template reads as Vietnamese, but the department's locale is `en`"
            )),
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

/// The diagnostics of a run, from `--message-format json`.
fn diagnostics(args: &[&str]) -> Vec<serde_json::Value> {
    let mut with = vec!["--message-format", "json"];
    with.extend_from_slice(args);
    let run = baocao(&with);
    run.stderr
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}
