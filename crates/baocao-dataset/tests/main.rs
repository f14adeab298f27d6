//! The dataset reader seen from outside: what clerks' mistakes are told,
//! where, and what a valid dataset reads into.

#![allow(clippy::unwrap_used, reason = "tests fail loudly on purpose")]

use baocao_dataset::{read_path, read_sources, read_str};

/// The errors of one file, one per line.
fn errors(text: &str, name: &str) -> String {
    match read_str(text, name) {
        Ok(_) => "no error".to_owned(),
        Err(error) => error.to_string(),
    }
}

/// The malformed datasets of `tests/bad-input/dataset/`, one file each:
/// adding a case is adding a file (see `docs/testing.md`).
mod malformed {
    use super::errors;

    /// `name:line:column: ` at the start of `line`.
    fn placed(line: &str, name: &str) -> bool {
        let Some(rest) = line.strip_prefix(name).and_then(|r| r.strip_prefix(':')) else {
            return false;
        };
        let mut parts = rest.splitn(3, ':');
        let number = |p: Option<&str>| {
            p.is_some_and(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
        };
        number(parts.next())
            && number(parts.next())
            && parts.next().is_some_and(|m| m.starts_with(' '))
    }

    /// Each file is read under its own name: it must fail, every error
    /// must name its line and column, and the snapshot is the errors as a
    /// clerk reads them.
    #[test]
    fn each_mistake_is_told_at_its_place() {
        insta::glob!("../../../tests/bad-input/dataset", "*.toml", |path| {
            let text = std::fs::read_to_string(path).unwrap();
            let name = path.file_name().unwrap().to_str().unwrap();
            let found = errors(&text, name);
            assert_ne!(found, "no error", "{name} reads without an error");
            for line in found.lines() {
                assert!(placed(line, name), "{name}: no place in `{line}`");
            }
            // As the clerk sees them: each with its line and a caret.
            let shown = match baocao_dataset::read_str(&text, name) {
                Ok(_) => String::new(),
                Err(e) => {
                    baocao_diagnostic::render(&e.diagnostics, baocao_diagnostic::Style::Plain)
                }
            };
            for d in baocao_dataset::read_str(&text, name)
                .err()
                .into_iter()
                .flat_map(|e| e.diagnostics)
            {
                assert!(
                    d.span.as_ref().is_some_and(|s| s.source_line.is_some()),
                    "{name}: `{d}` is shown without its line"
                );
            }
            // The snapshot's `input_file` names the fixture.
            insta::with_settings!({ omit_expression => true }, {
                insta::assert_snapshot!("errors", format!("{found}\n\n{shown}"));
            });
        });
    }
}

mod values {
    use baocao_dataset::{Kind, Op, Period, TargetMeasure};

    use super::read_str;

    const HANOI: &str = r#"format = 1

[dataset]
region = "Hà Nội"
region_kind = "Thành phố"
source = "Cục Thống kê thành phố Hà Nội"

[[indicator]]
id = "grdp"
name = "Tổng sản phẩm trên địa bàn (GRDP)"
kind = "flow"
unit = "tỷ đồng"
exhaustive = true
value = { 2023 = 1_000, 2024 = 1062 }
growth = { 2024 = 6.20, 2024-Q1 = 5.41, 2024-9M = 6.1e0 }

[[indicator]]
id = "industry"
name = "ngành công nghiệp"
kind = "flow"
parent = "grdp"
contribution = { 2024 = 0.82 }
share = { 2024 = -0.0 }

[[indicator]]
id = "iip"
name = "chỉ số sản xuất công nghiệp (IIP)"
kind = "index"
index = { 2024 = 105.9, 2024-M12 = 1.059e2 }

[[indicator]]
id = "iip_mining"
name = "ngành khai khoáng"
kind = "index"
parent = "iip"
weight = { 2024 = 13.2 }
index = { 2024 = 100.3 }

[[target]]
year = 2025
indicator = "industry"
measure = "growth"
op = "between"
value = 6.95
upper = 7.5

[[note]]
year = 2024
section = "limitations"
text = """

Bên cạnh những kết quả đạt được…\r\n\r\nNgoài ra…

"""
"#;

    #[test]
    fn a_valid_dataset_reads_exactly() {
        let ds = read_str(HANOI, "hanoi.toml").unwrap();
        assert_eq!(ds.region, "Hà Nội");
        assert_eq!(ds.region_kind.as_deref(), Some("Thành phố"));
        assert_eq!(ds.source.as_deref(), Some("Cục Thống kê thành phố Hà Nội"));
        let ids: Vec<&str> = ds.indicators.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(ids, ["grdp", "industry", "iip", "iip_mining"]);
        assert_eq!(ds.years(), [2023, 2024]);

        let grdp = ds.indicator("grdp").unwrap();
        assert_eq!(
            (grdp.kind, grdp.exhaustive, grdp.unit.as_deref()),
            (Kind::Flow, true, Some("tỷ đồng"))
        );
        assert_eq!(grdp.at.to_string(), "hanoi.toml:8:1");
        let figure = |m: &std::collections::BTreeMap<Period, baocao_dataset::Number>, p: &str| {
            let n = &m[&p.parse().unwrap()];
            (n.value.to_string(), n.scale, n.at.to_string())
        };
        assert_eq!(
            figure(&grdp.growth, "2024"),
            ("6.20".into(), 2, "hanoi.toml:15:19".into())
        );
        assert_eq!(
            figure(&grdp.growth, "2024-9M"),
            ("6.1".into(), 1, "hanoi.toml:15:51".into())
        );
        assert_eq!(
            figure(&grdp.value, "2023"),
            ("1000".into(), 0, "hanoi.toml:14:18".into())
        );
        assert_eq!(
            figure(&grdp.value, "2024"),
            ("1062".into(), 0, "hanoi.toml:14:32".into())
        );

        let industry = ds.indicator("industry").unwrap();
        assert_eq!(industry.parent.as_ref().map(|p| p.as_str()), Some("grdp"));
        assert!(!industry.exhaustive);
        assert_eq!(figure(&industry.contribution, "2024").0, "0.82");
        assert_eq!(figure(&industry.share, "2024").0, "0.0");

        let iip = ds.indicator("iip").unwrap();
        assert_eq!(figure(&iip.index, "2024-M12").0, "105.9");
        let mining = ds.indicator("iip_mining").unwrap();
        assert_eq!(figure(&mining.weight, "2024").0, "13.2");

        let [target] = ds.targets.as_slice() else {
            panic!("one target")
        };
        assert_eq!((target.year, target.indicator.as_str()), (2025, "industry"));
        assert_eq!(
            (target.measure, target.op),
            (TargetMeasure::Growth, Op::Between)
        );
        assert_eq!(target.value.value.to_string(), "6.95");
        assert_eq!(
            target
                .upper
                .as_ref()
                .map(|u| u.value.to_string())
                .as_deref(),
            Some("7.5")
        );
        assert_eq!(target.label, None);
        assert_eq!(target.at.to_string(), "hanoi.toml:39:1");

        let [note] = ds.notes.as_slice() else {
            panic!("one note")
        };
        assert_eq!((note.year, note.section.as_str()), (2024, "limitations"));
        assert_eq!(note.text, "Bên cạnh những kết quả đạt được…\n\nNgoài ra…");
    }

    #[test]
    fn columns_count_characters_after_vietnamese_text() {
        // "Hà Nội" is 6 characters but 9 bytes: the column must not count bytes.
        // Also the other way to write entries: an array of inline tables.
        let text = "format = 1\nindicator = [{ id = \"hn\", name = \"Hà Nội\", kind = \"flow\", growth = { 2024 = 6.20 } }]\n[dataset]\nregion = \"Hà Nội\"\n";
        let ds = read_str(text, "f.toml").unwrap();
        let n = &ds.indicators[0].growth[&"2024".parse().unwrap()];
        assert_eq!(n.at.to_string(), "f.toml:2:77");

        let bad = text.replace("6.20", "\"6,20\"");
        let message = read_str(&bad, "f.toml").unwrap_err().to_string();
        assert!(message.starts_with("f.toml:2:77: "), "{message}");
    }

    #[test]
    fn strings_are_nfc() {
        // "Hà" with a combining grave accent, as some keyboards type it.
        let text = "format = 1\n[dataset]\nregion = \"Ha\u{300} Nội\"\n[[indicator]]\nid = \"a\"\nname = \"nga\u{300}nh\"\nkind = \"flow\"\n";
        let ds = read_str(text, "f.toml").unwrap();
        assert_eq!(ds.region, "Hà Nội");
        assert_eq!(ds.indicators[0].name, "ngành");
    }

    #[test]
    fn windows_files_read_the_same() {
        let text = format!("\u{feff}{}", HANOI.replace('\n', "\r\n"));
        let ds = read_str(&text, "hanoi.toml").unwrap();
        let n = &ds.indicator("grdp").unwrap().growth[&"2024".parse().unwrap()];
        assert_eq!(n.at.to_string(), "hanoi.toml:15:19");
        assert_eq!(
            ds.notes[0].text,
            "Bên cạnh những kết quả đạt được…\n\nNgoài ra…"
        );
    }
}

mod files {
    use super::read_sources;

    const A: &str = "format = 1\n[dataset]\nregion = \"Hà Nội\"\n[[indicator]]\nid = \"grdp\"\nname = \"GRDP\"\nkind = \"flow\"\n";
    const B: &str = "format = 1\n[[indicator]]\nid = \"industry\"\nname = \"ngành công nghiệp\"\nkind = \"flow\"\nparent = \"grdp\"\n[[target]]\nyear = 2025\nindicator = \"grdp\"\nmeasure = \"growth\"\nop = \">=\"\nvalue = 7\n";

    fn errors(sources: &[(&str, &str)]) -> String {
        read_sources(sources).unwrap_err().to_string()
    }

    #[test]
    fn files_merge_in_the_order_given() {
        let ds = read_sources(&[("a.toml", A), ("b.toml", B)]).unwrap();
        let found: Vec<String> = ds
            .indicators
            .iter()
            .map(|i| format!("{} {}", i.id, i.at))
            .collect();
        assert_eq!(found, ["grdp a.toml:4:1", "industry b.toml:2:1"]);
        assert_eq!(ds.targets[0].at.to_string(), "b.toml:7:1");
    }

    #[test]
    fn a_parent_may_be_in_another_file() {
        // b.toml first: the parent is defined later, in a.toml.
        let ds = read_sources(&[("b.toml", B), ("a.toml", A)]).unwrap();
        assert_eq!(ds.indicators[0].id.as_str(), "industry");
    }

    #[test]
    fn dataset_given_in_two_files() {
        let again = "format = 1\n\n[dataset]\nregion = \"Hải Phòng\"\n";
        assert_eq!(
            errors(&[("a.toml", A), ("b.toml", again)]),
            "b.toml:3:1: [dataset] is given again: a dataset has one [dataset] table, first given at a.toml:2:1"
        );
    }

    #[test]
    fn duplicate_id_across_files() {
        let again = "format = 1\n[[indicator]]\nid = \"grdp\"\nname = \"GRDP\"\nkind = \"flow\"\n";
        assert_eq!(
            errors(&[("a.toml", A), ("b.toml", again)]),
            "b.toml:3:6: duplicate indicator id `grdp`: it is already defined at a.toml:5:6"
        );
    }

    #[test]
    fn dataset_in_no_file() {
        assert_eq!(
            errors(&[("b.toml", B)]),
            "b.toml: no [dataset] table: add one to a file, with region = \"…\"\n\
             b.toml:6:10: unknown parent `grdp`: no indicator has this id\n\
             b.toml:9:13: unknown indicator `grdp` in [[target]]: no indicator has this id"
        );
        assert_eq!(errors(&[]), "no dataset files to read");
    }

    #[test]
    fn a_broken_file_hides_nothing_it_may_define() {
        // a.toml holds [dataset] and `grdp`, but cannot be read: reporting
        // them missing would send the clerk after the wrong mistake.
        let broken = A.replace("region = \"Hà Nội\"", "region = \"Hà Nội");
        assert_eq!(
            errors(&[("a.toml", &broken), ("b.toml", B)]),
            "a.toml:3:17: a string is not closed; add the closing `\"`"
        );
    }

    #[test]
    fn every_problem_of_every_file_sorted_by_place() {
        let a = "format = 1\n[dataset]\nregion = 5\n[[indicator]]\nid = \"x y\"\nkind = \"fl\"\nname = \"x\"\ngrowth = { 2024 = \"6,2\", 24 = 1 }\n";
        let b = "format = 3\nunknown = 1\n[[indicator]]\nid = \"b\"\nname = \"b\"\nkind = \"index\"\nparent = \"nowhere\"\nvalue = { 2024 = -1 }\n";
        insta::assert_snapshot!(errors(&[("b.toml", b), ("a.toml", a)]));
    }
}

mod folders {
    use std::fs;
    use std::path::Path;

    use super::read_path;

    fn write(dir: &Path, name: &str, text: &[u8]) {
        fs::write(dir.join(name), text).unwrap();
    }

    #[test]
    fn a_folder_merges_its_toml_files_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(root, "b_targets.toml", b"format = 1\n[[target]]\nyear = 2025\nindicator = \"industry\"\nmeasure = \"growth\"\nop = \">=\"\nvalue = 6.95\n");
        write(root, "a_hanoi.toml", "format = 1\n[dataset]\nregion = \"Hà Nội\"\n[[indicator]]\nid = \"grdp\"\nname = \"GRDP\"\nkind = \"flow\"\n".as_bytes());
        write(root, "c_industry.toml", "format = 1\n[[indicator]]\nid = \"industry\"\nname = \"ngành công nghiệp\"\nkind = \"flow\"\nparent = \"grdp\"\n".as_bytes());
        write(root, "README.md", b"not data");
        write(root, "notes.toml.bak", b"not data either");
        fs::create_dir(root.join("old")).unwrap();
        write(&root.join("old"), "old.toml", b"broken = [");

        let ds = read_path(root).unwrap();
        let ids: Vec<&str> = ds.indicators.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(ids, ["grdp", "industry"]);
        assert_eq!(
            &*ds.indicators[1].at.file,
            root.join("c_industry.toml").display().to_string()
        );
        assert_eq!(
            &*ds.targets[0].at.file,
            root.join("b_targets.toml").display().to_string()
        );

        // One file on its own: no [dataset], so it is not a dataset.
        let one = read_path(&root.join("c_industry.toml"))
            .unwrap_err()
            .to_string();
        assert!(one.contains("c_industry.toml: no [dataset] table"), "{one}");
    }

    #[test]
    fn errors_name_the_folder_and_the_file() {
        let dir = tempfile::tempdir().unwrap();
        write(
            dir.path(),
            "hanoi.toml",
            b"format = 1\n[dataset]\nregion = 5\n",
        );
        let message = read_path(dir.path()).unwrap_err().to_string();
        let file = dir.path().join("hanoi.toml");
        assert_eq!(
            message,
            format!(
                "{}:3:10: `region`: expected a string, found a number",
                file.display()
            )
        );
    }

    #[test]
    fn an_empty_folder_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let message = read_path(dir.path()).unwrap_err().to_string();
        assert_eq!(
            message,
            format!(
                "no dataset files in `{}`: expected .toml files",
                dir.path().display()
            )
        );
    }

    #[test]
    fn a_missing_path_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nowhere.toml");
        let message = read_path(&path).unwrap_err().to_string();
        assert!(
            message.starts_with(&format!("cannot read `{}`: ", path.display())),
            "{message}"
        );
    }

    #[test]
    fn a_file_in_an_old_vietnamese_encoding() {
        let dir = tempfile::tempdir().unwrap();
        // "Hà Nội" in Windows-1258 is not UTF-8: 0xE0 is "à".
        write(
            dir.path(),
            "hanoi.toml",
            b"format = 1\n[dataset]\nregion = \"H\xE0 N\xF4i\"\n",
        );
        let message = read_path(&dir.path().join("hanoi.toml"))
            .unwrap_err()
            .to_string();
        assert_eq!(
            message,
            format!(
                "{}:3:12: this file is not UTF-8 text from here on: save it with the UTF-8 encoding",
                dir.path().join("hanoi.toml").display()
            )
        );
    }
}

mod robustness {
    use super::read_str;

    const SAMPLE: &str = "format = 1\n[dataset]\nregion = \"Hà Nội\"\n[[indicator]]\nid = \"iip\"\nname = \"chỉ số\"\nkind = \"index\"\nindex = { 2024 = 105.9, 2024-Q1 = 1e3 }\n[[indicator]]\nid = \"iip_a\"\nname = \"a\"\nkind = \"index\"\nparent = \"iip\"\nweight = { 2024 = 13.2 }\n[[target]]\nyear = 2025\nindicator = \"iip\"\nmeasure = \"index\"\nop = \"between\"\nvalue = 1\nupper = 2\n[[note]]\nyear = 2024\nsection = \"x\"\ntext = '''\nà\n'''\n";

    /// Reading must never panic, and every problem has a place in the file.
    fn check(text: &str) {
        if let Err(error) = read_str(text, "f.toml") {
            assert!(!error.diagnostics.is_empty());
            for d in &error.diagnostics {
                let in_file = d
                    .span
                    .as_ref()
                    .is_some_and(|at| at.file == "f.toml" && at.line >= 1 && at.column >= 1);
                assert!(
                    in_file || d.message.starts_with("no [dataset]"),
                    "{d} in {text:?}"
                );
                assert!(!d.message.ends_with('.'), "{d}");
            }
        }
    }

    /// The tests below cut this sample up: it must read whole, with every
    /// part it is there for, or its cuts would only test a broken file.
    #[test]
    fn the_sample_is_valid() {
        let ds = read_str(SAMPLE, "f.toml").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(ds.region, "Hà Nội");
        let ids: Vec<&str> = ds.indicators.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(ids, ["iip", "iip_a"]);
        let (iip, a) = (&ds.indicators[0], &ds.indicators[1]);
        let p = |s: &str| s.parse::<baocao_dataset::Period>().unwrap();
        let number = |n: Option<&baocao_dataset::Number>| n.unwrap().value.to_string();
        assert_eq!(number(iip.index.get(&p("2024"))), "105.9");
        assert_eq!(number(iip.index.get(&p("2024-Q1"))), "1000");
        assert_eq!(a.parent.as_ref().map(|p| p.as_str()), Some("iip"));
        assert_eq!(number(a.weight.get(&p("2024"))), "13.2");
        let [t] = ds.targets.as_slice() else {
            panic!("one target: {:?}", ds.targets)
        };
        assert_eq!((t.year, t.indicator.as_str()), (2025, "iip"));
        assert_eq!(t.op, baocao_dataset::Op::Between);
        assert_eq!(t.value.value.to_string(), "1");
        assert_eq!(number(t.upper.as_ref()), "2");
        // the note's text, without the newlines around it
        let [n] = ds.notes.as_slice() else {
            panic!("one note: {:?}", ds.notes)
        };
        assert_eq!(
            (n.year, n.section.as_str(), n.text.as_str()),
            (2024, "x", "à")
        );
    }

    #[test]
    fn every_prefix_and_every_line_dropped() {
        for (at, _) in SAMPLE.char_indices() {
            check(&SAMPLE[..at]);
        }
        let lines: Vec<&str> = SAMPLE.lines().collect();
        for n in 0..lines.len() {
            let mut rest = lines.clone();
            rest.remove(n);
            check(&rest.join("\n"));
        }
    }

    #[test]
    fn hostile_inputs() {
        let deep = format!("a = {}", "[".repeat(100_000));
        let many = "[[indicator]]\n".repeat(1000);
        for text in [
            "",
            "\u{feff}",
            "\0",
            deep.as_str(),
            many.as_str(),
            "format = 99999999999999999999999999999999",
            "format = 1\n[dataset]\nregion = \"x\"\n[[indicator]]\nid = \"a\"\nname = \"a\"\nkind = \"flow\"\ngrowth = { 2024 = 1e99999999999, 2023 = 9e-99999999999, 2022 = 0b1 }",
            "format = 1\n[[target]]\nyear = 99999999999999999999\n",
            "format = 1\nindicator = [1, \"x\", [2]]\ntarget = 5\nnote = { }\ndataset = []\n",
        ] {
            check(text);
        }
    }
}

/// "Did you mean" over many long ids: still the right id for each typo,
/// and a file of hundreds of them is read, the suggestions stopping once
/// their budget is spent (the time it takes is in `docs/performance.md`).
mod suggestions {
    use super::read_str;

    /// `n` indicators with ids `len` long, each naming as its parent the
    /// next one's id with a letter of its middle changed.
    fn typos(n: usize, len: usize) -> (String, Vec<String>) {
        let id = |k: usize| {
            let tag = format!("{k:06}");
            let half = (len - tag.len()) / 2;
            format!(
                "{}{tag}{}",
                "a".repeat(half),
                "b".repeat(len - tag.len() - half)
            )
        };
        let mut text = "format = 1\n[dataset]\nregion = \"x\"\n".to_owned();
        let mut ids = Vec::new();
        for k in 0..n {
            let mut typo = id(k + 1).into_bytes();
            typo[len / 2 - 4] = b'x';
            let typo = String::from_utf8(typo).unwrap();
            text.push_str(&format!(
                "[[indicator]]\nid = \"{}\"\nname = \"x\"\nkind = \"flow\"\nparent = \"{typo}\"\n",
                id(k)
            ));
            ids.push(id(k + 1));
        }
        (text, ids)
    }

    #[test]
    fn long_ids_get_the_right_suggestion() {
        let (text, ids) = typos(100, 300);
        let error = read_str(&text, "typos.toml").unwrap_err();
        let told: Vec<&str> = error
            .diagnostics
            .iter()
            .map(|d| d.message.as_str())
            .filter(|m| m.starts_with("unknown parent"))
            .collect();
        assert_eq!(told.len(), 100);
        // The last one names an id no indicator has: no suggestion.
        for (message, id) in told.iter().zip(&ids).take(99) {
            assert!(
                message.ends_with(&format!("did you mean `{id}`?")),
                "{message}"
            );
        }
    }

    #[test]
    fn hundreds_of_typos_are_all_told() {
        let (text, _) = typos(700, 80);
        let error = read_str(&text, "typos.toml").unwrap_err();
        let told = error
            .diagnostics
            .iter()
            .filter(|d| d.message.starts_with("unknown parent"));
        let suggested = told
            .clone()
            .filter(|d| d.message.contains("did you mean"))
            .count();
        assert_eq!(told.count(), 700);
        // The first ones have their suggestion, the budget runs out before
        // the last.
        assert!(suggested > 10 && suggested < 700, "{suggested}");
        assert!(error.diagnostics[0].message.contains("did you mean"));
    }
}

/// Format 1.1: what only it allows is refused in a format 1 file, told at
/// the key (or the figure) that needs it; its approximate figures are
/// read with their word, mistakes in them told; and a quarter's part of
/// its year's growth is read for quarters only.
mod format_1_1 {
    use baocao_dataset::{Approx, Period};

    use super::{errors, read_str};

    /// A dataset of one indicator: `dataset` lines under `[dataset]`,
    /// `extra` lines in the indicator.
    fn file(format: &str, dataset: &str, extra: &str) -> String {
        format!(
            "format = {format}\n[dataset]\nregion = \"Nghệ An\"\n{dataset}\n[[indicator]]\nid = \"x\"\nname = \"khu vực dịch vụ\"\nkind = \"flow\"\nunit = \"tỷ đồng\"\n{extra}\n"
        )
    }

    /// `t.toml:line:column` of `needle` in the line of `text` holding
    /// `line` (columns in characters, as editors count them).
    fn place(text: &str, line: &str, needle: &str) -> String {
        let start = text.find(line).unwrap_or_else(|| panic!("no `{line}`"));
        let at = start + text[start..].find(needle).unwrap();
        let before = &text[..at];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().unwrap().chars().count() + 1;
        format!("t.toml:{line}:{column}")
    }

    #[test]
    fn each_key_of_1_1_in_a_format_1_file_is_refused_at_the_key() {
        let cases = [
            // [dataset] lines, indicator lines, where it is told, what it names
            (
                "",
                "structure = { 2024 = 21.52 }",
                "structure",
                "`structure` is format 1.1",
            ),
            (
                "",
                "value_current = { 2024 = 216943 }",
                "value_current",
                "`value_current` is format 1.1",
            ),
            (
                "",
                "contribution_to_year = { 2024-Q1 = 1.22 }",
                "contribution_to_year",
                "`contribution_to_year` is format 1.1",
            ),
            (
                "",
                "index = { 2024 = 106.2 }",
                "index",
                "`index` on a flow is format 1.1",
            ),
            (
                "",
                "value = { 2024-2M = 100 }",
                "2024-2M",
                "the period `2024-2M` (the first 2 months) is format 1.1",
            ),
            (
                "",
                "growth = { 2023 = 5, 2024-4M = 6.1 }",
                "2024-4M",
                "the period `2024-4M` (the first 4 months) is format 1.1",
            ),
            (
                "contribution_base = \"gva\"",
                "",
                "contribution_base",
                "`contribution_base` is format 1.1",
            ),
            // An approximate figure is told at the figure.
            (
                "",
                "value = { 2024 = \"hơn 92590\" }",
                "\"hơn",
                "an approximate figure (`hơn`) is format 1.1",
            ),
            (
                "",
                "growth = { 2023 = 8.78, 2024 = \"khoảng 9\" }",
                "\"khoảng",
                "an approximate figure (`khoảng`) is format 1.1",
            ),
        ];
        for (dataset, extra, key, names) in cases {
            let text = file("1", dataset, extra);
            let line = if extra.is_empty() { dataset } else { extra };
            let found = errors(&text, "t.toml");
            let want = format!(
                "{}: {names}: write `format = 1.1` at the top of the file, or ",
                place(&text, line, key)
            );
            assert!(found.starts_with(&want), "{line}:\n{found}\nwanted: {want}");
            assert_eq!(found.lines().count(), 1, "{found}");
            // What format 1.1 allows reads in a format 1.1 file.
            assert_eq!(errors(&file("1.1", dataset, extra), "t.toml"), "no error");
        }
        // Each told, all at once.
        let all = file(
            "1",
            "contribution_base = \"gva\"",
            "structure = { 2024 = 21.52 }\nvalue_current = { 2024 = \"hơn 92590\" }",
        );
        assert_eq!(errors(&all, "t.toml").lines().count(), 4);
    }

    /// An approximate figure is read as written, with its word (in any
    /// case, NFC or not, `_` between digits).
    #[test]
    fn approximate_figures_read_with_their_word() {
        let text = file(
            "1.1",
            "",
            "value = { 2022 = \"gần 176000\", 2023 = \"Hơn 24_500\", 2024 = \"khoa\u{309}ng 6.20\" }\ngrowth = { 2024 = \"trên 9\", 2023 = 7.14 }",
        );
        let ds = read_str(&text, "t.toml").unwrap();
        let x = &ds.indicators[0];
        let read = |m: &std::collections::BTreeMap<Period, baocao_dataset::Number>, p: &str| {
            let n = &m[&p.parse().unwrap()];
            (n.value.to_string(), n.scale, n.approx)
        };
        let cases = [
            (read(&x.value, "2022"), ("176000", 0, Some(Approx::Nearly))),
            (read(&x.value, "2023"), ("24500", 0, Some(Approx::MoreThan))),
            (read(&x.value, "2024"), ("6.20", 2, Some(Approx::About))),
            (read(&x.growth, "2024"), ("9", 0, Some(Approx::Above))),
            (read(&x.growth, "2023"), ("7.14", 2, None)),
        ];
        for (got, (value, scale, word)) in cases {
            assert_eq!(got, (value.to_owned(), scale, word));
        }
        // Told at the figure: the string, quotes included.
        let n = &x.value[&"2022".parse().unwrap()];
        assert_eq!(n.at.to_string(), place(&text, "value = {", "\"gần"));
    }

    #[test]
    fn a_mistaken_approximate_figure_is_told_at_it() {
        let cases = [
            // the figure, what is told
            (
                "\"hơn abc\"",
                "`value` for 2024: expected a number after `hơn`, like \"hơn 24000\", found `abc`",
            ),
            (
                "\"gần 6,2\"",
                "`value` for 2024: expected a number after `gần`, like \"gần 24000\", found `6,2`; write 6.2: numbers use a dot",
            ),
            (
                "\"khoang 24000\"",
                "`value` for 2024: unknown word `khoang` before the figure; an approximate figure starts with khoảng, gần, hơn or trên; did you mean `khoảng`?",
            ),
            (
                "\"tren 24000\"",
                "`value` for 2024: unknown word `tren` before the figure; an approximate figure starts with khoảng, gần, hơn or trên; did you mean `trên`?",
            ),
        ];
        for (figure, message) in cases {
            let extra = format!("value = {{ 2024 = {figure} }}");
            let text = file("1.1", "", &extra);
            let want = format!("{}: {message}", place(&text, &extra, figure));
            assert_eq!(errors(&text, "t.toml"), want, "{figure}");
        }
        // Not a word and a figure: a figure in quotes, told as one.
        let text = file("1.1", "", "value = { 2024 = \"hơn\" }");
        assert_ne!(errors(&text, "t.toml"), "no error");
    }

    /// `contribution_to_year` is a quarter's part of its year's growth:
    /// given for a year, a half, the first months or a month, it would
    /// be read and never used.
    #[test]
    fn contribution_to_year_is_for_quarters() {
        let cases = [
            // period, refused
            ("2024-Q1", false),
            ("2024-Q4", false),
            ("2024", true),
            ("2024-H1", true),
            ("2024-9M", true),
            ("2024-2M", true),
            ("2024-M03", true),
        ];
        for (period, refused) in cases {
            let extra = format!("contribution_to_year = {{ {period} = 1.22 }}");
            let text = file("1.1", "", &extra);
            let found = errors(&text, "t.toml");
            if refused {
                let want = format!(
                    "{}: `contribution_to_year` for {period}: only a quarter has a part of its year's growth (2024-Q1 … 2024-Q4), like contribution_to_year = {{ 2024-Q1 = 1.22 }}",
                    place(&text, &extra, period)
                );
                assert_eq!(found, want, "{period}");
            } else {
                assert_eq!(found, "no error", "{period}");
                let ds = read_str(&text, "t.toml").unwrap();
                let parts = &ds.indicators[0].contribution_to_year;
                assert_eq!(parts[&period.parse().unwrap()].value.to_string(), "1.22");
            }
        }
    }
}
