//! A tired clerk's mistakes: each gives one clear line with file:line:col
//! and a non-zero exit, never a panic.

use crate::{baocao, edited_hanoi};

/// (what the clerk did, edit of hanoi.toml, the place and words the message must hold)
const MISTAKES: [(&str, &str, &str, &str); 12] = [
    (
        "decimal comma",
        "growth = { 2024 = 6.20 }",
        "growth = { 2024 = \"6,20\" }",
        "hanoi.toml:43:19: error: ",
    ),
    (
        "misspelt key",
        "exhaustive = true\ngrowth = { 2023 = 6.27",
        "exhaustiv = true\ngrowth = { 2023 = 6.27",
        "hanoi.toml:22:1: error: ",
    ),
    (
        "unknown parent",
        "parent = \"industry_construction\"\ngrowth = { 2024 = 6.20 }",
        "parent = \"industry_constructon\"\ngrowth = { 2024 = 6.20 }",
        "hanoi.toml:42:10: error: ",
    ),
    (
        "duplicate id",
        "id = \"finance\"",
        "id = \"trade\"",
        "hanoi.toml:105:6: error: ",
    ),
    (
        "bad quarter",
        "2024-Q4 = 7.01",
        "2024-Q5 = 7.01",
        "hanoi.toml:23:86: error: ",
    ),
    (
        "lowercase period",
        "2024-Q4 = 7.01",
        "2024-q4 = 7.01",
        "hanoi.toml:23:86: error: ",
    ),
    (
        "negative level",
        "value = { 2024 = 4268 }",
        "value = { 2024 = -4268 }",
        "hanoi.toml:272:18: error: ",
    ),
    (
        "zero index",
        "index = { 2024 = 88.5 }",
        "index = { 2024 = 0 }",
        "hanoi.toml:263:18: error: ",
    ),
    (
        "unknown kind",
        "kind = \"index\"\nindex = { 2024 = 88.5 }",
        "kind = \"indx\"\nindex = { 2024 = 88.5 }",
        "hanoi.toml:262:8: error: ",
    ),
    (
        "missing quote",
        "name = \"dệt\"",
        "name = \"dệt",
        "hanoi.toml:219:12: error: ",
    ),
    (
        "parent cycle",
        "parent = \"grdp\"\nexhaustive = true\ngrowth = { 2023 = 5.29",
        "parent = \"industry\"\nexhaustive = true\ngrowth = { 2023 = 5.29",
        "hanoi.toml:31:10: error: ",
    ),
    (
        "unknown target indicator",
        "indicator = \"exports\"",
        "indicator = \"export\"",
        "hanoi.toml:320:13: error: ",
    ),
];

#[test]
fn each_mistake_gives_a_placed_message_and_exit_1() {
    let mut report = String::new();
    for (what, from, to, place) in MISTAKES {
        let data = edited_hanoi(|t| {
            assert!(t.contains(from), "{what}: the fixture lost `{from}`");
            t.replacen(from, to, 1)
        });
        let run = baocao(&["check", "--data", data.path().to_str().unwrap()]);
        assert_eq!(run.code, 1, "{what}: {}", run.stderr);
        assert!(
            !run.stderr.contains("panicked") && !run.stderr.contains("backtrace"),
            "{what}: {}",
            run.stderr
        );
        let first = run.stderr.lines().next().unwrap_or_default();
        let shown = first.replace(data.path().to_str().unwrap(), "DATA");
        assert!(shown.contains(place), "{what}: {shown}");
        report.push_str(&format!("{what}: {shown}\n"));

        let render = baocao(&[
            "render",
            "--data",
            data.path().to_str().unwrap(),
            "--out",
            "-",
        ]);
        assert_eq!(render.code, 1, "{what}: render must refuse too");
        assert!(render.stdout.is_empty(), "{what}: no report from bad data");
    }
    insta::assert_snapshot!("bad-input-messages", report);
}

#[test]
fn usage_errors_exit_2() {
    let run = baocao(&["render", "--year", "2024", "--period", "2024-Q1"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    let run = baocao(&["render", "--perod", "2024"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
}

#[test]
fn a_bad_period_or_department_is_a_clear_error() {
    let run = baocao(&["render", "--period", "2024-Q5", "--out", "-"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("bad period key `2024-Q5`"),
        "{}",
        run.stderr
    );
    let run = baocao(&["render", "nowhere", "--out", "-"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("unknown department `nowhere`"),
        "{}",
        run.stderr
    );
    let run = baocao(&["render", "--period", "2019", "--out", "-"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("no figures for 2019"), "{}", run.stderr);
}
