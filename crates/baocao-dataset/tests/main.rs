//! The dataset reader seen from outside: what clerks' mistakes are told,
//! where, and what a valid dataset reads into.

#![allow(clippy::unwrap_used, reason = "tests fail loudly on purpose")]

use baocao_dataset::{read_path, read_sources, read_str};

/// The three lines every case starts from, so that cases stay short.
macro_rules! with_head {
    ($($body:literal),* $(,)?) => {
        concat!("format = 1\n[dataset]\nregion = \"Hà Nội\"\n", $($body),*)
    };
}

/// The errors of one file named `bad.toml`, one per line.
fn errors(text: &str) -> String {
    match read_str(text, "bad.toml") {
        Ok(_) => "no error".to_owned(),
        Err(error) => error.to_string(),
    }
}

mod malformed {
    use super::errors;

    /// One malformed dataset, the place of its only error and the message.
    struct Case {
        name: &'static str,
        text: &'static str,
        at: &'static str,
        message: &'static str,
    }

    const CASES: &[Case] = &[
        Case {
            name: "syntax: string not closed",
            text: "format = 1\n[dataset]\nregion = \"Hà Nội\n",
            at: "3:17",
            message: "a string is not closed; add the closing `\"`",
        },
        Case {
            name: "syntax: duplicate key",
            text: with_head!("region = \"Hải Phòng\"\n"),
            at: "4:1",
            message: "`region` is given twice; a key or table may appear only once in the same table: remove one",
        },
        Case {
            name: "syntax: decimal comma",
            text: with_head!(
                "[[indicator]]\nid = \"industry\"\nname = \"ngành công nghiệp\"\nkind = \"flow\"\n",
                "growth = { 2024 = 6,2 }\n",
            ),
            at: "8:19",
            message: "`6,2` is not a number: TOML numbers take a decimal point: write 6.2",
        },
        Case {
            name: "syntax: text without quotes",
            text: "format = 1\n[dataset]\nregion = Hà Nội\n",
            at: "3:10",
            message: "`Hà Nội` is text without quotes: text must be in double quotes; write \"Hà Nội\"",
        },
        Case {
            name: "syntax: a word that starts like false",
            text: with_head!(
                "[[indicator]]\nid = \"industry\"\nname = \"ngành công nghiệp\"\nkind = flow\n"
            ),
            at: "7:8",
            message: "`flow` is text without quotes: text must be in double quotes; write \"flow\"",
        },
        Case {
            name: "syntax: capital True",
            text: with_head!(
                "[[indicator]]\nid = \"grdp\"\nname = \"GRDP\"\nkind = \"flow\"\nexhaustive = True\n"
            ),
            at: "8:14",
            message: "`True` is not a value; write true or false in lowercase",
        },
        Case {
            name: "format missing",
            text: "[dataset]\nregion = \"Hà Nội\"\n",
            at: "1:1",
            message: "missing `format = 1` at the top of the file",
        },
        Case {
            name: "format from the future",
            text: "format = 2\n[dataset]\nregion = \"Hà Nội\"\n",
            at: "1:10",
            message: "unsupported format 2: this version of baocao reads format 1",
        },
        Case {
            name: "region missing",
            text: "format = 1\n[dataset]\nregion_kind = \"Thành phố\"\n",
            at: "2:1",
            message: "missing `region` in [dataset]: the region's name used in sentences, like region = \"Hà Nội\"",
        },
        Case {
            name: "region not a string",
            text: "format = 1\n[dataset]\nregion = 5\n",
            at: "3:10",
            message: "`region`: expected a string, found a number",
        },
        Case {
            name: "unknown top-level key",
            text: with_head!("[[indicators]]\nid = \"x\"\n"),
            at: "4:3",
            message: "unknown key `indicators` at the top level; did you mean `indicator`?",
        },
        Case {
            name: "key of another table",
            text: "format = 1\nsource = \"Cục Thống kê\"\n[dataset]\nregion = \"Hà Nội\"\n",
            at: "2:1",
            message: "unknown key `source` at the top level; `source` belongs in [dataset]",
        },
        Case {
            name: "unknown indicator key",
            text: with_head!(
                "[[indicator]]\nid = \"industry\"\nname = \"ngành công nghiệp\"\nkind = \"flow\"\n",
                "grwoth = { 2024 = 6.2 }\n",
            ),
            at: "8:1",
            message: "unknown key `grwoth` in [[indicator]]; did you mean `growth`?",
        },
        Case {
            name: "indicator id with capitals",
            text: with_head!(
                "[[indicator]]\nid = \"Industry\"\nname = \"ngành công nghiệp\"\nkind = \"flow\"\n"
            ),
            at: "5:6",
            message: "bad indicator id `Industry`: use only lowercase letters a-z, digits and _, like `industry_construction`; did you mean `industry`?",
        },
        Case {
            name: "duplicate indicator id",
            text: with_head!(
                "[[indicator]]\nid = \"industry\"\nname = \"ngành công nghiệp\"\nkind = \"flow\"\n",
                "[[indicator]]\nid = \"industry\"\nname = \"công nghiệp\"\nkind = \"flow\"\n",
            ),
            at: "9:6",
            message: "duplicate indicator id `industry`: it is already defined at bad.toml:5:6",
        },
        Case {
            name: "kind misspelt",
            text: with_head!(
                "[[indicator]]\nid = \"industry\"\nname = \"ngành công nghiệp\"\nkind = \"flwo\"\n"
            ),
            at: "7:8",
            message: "unknown kind `flwo`: expected flow, stock or index; did you mean `flow`?",
        },
        Case {
            name: "name missing",
            text: with_head!("[[indicator]]\nid = \"industry\"\nkind = \"flow\"\n"),
            at: "4:1",
            message: "missing `name` in [[indicator]] `industry`: the Vietnamese label used in sentences",
        },
        Case {
            name: "unit not a string",
            text: with_head!(
                "[[indicator]]\nid = \"exports\"\nname = \"kim ngạch xuất khẩu\"\nkind = \"flow\"\nunit = 1\n"
            ),
            at: "8:8",
            message: "`unit`: expected a string, found a number",
        },
        Case {
            name: "unknown parent",
            text: with_head!(
                "[[indicator]]\nid = \"industry\"\nname = \"ngành công nghiệp\"\nkind = \"flow\"\n",
                "[[indicator]]\nid = \"mining\"\nname = \"ngành khai khoáng\"\nkind = \"flow\"\nparent = \"industri\"\n",
            ),
            at: "12:10",
            message: "unknown parent `industri`: no indicator has this id; did you mean `industry`?",
        },
        Case {
            name: "parent cycle",
            text: with_head!(
                "[[indicator]]\nid = \"a\"\nname = \"a\"\nkind = \"flow\"\nparent = \"b\"\n",
                "[[indicator]]\nid = \"b\"\nname = \"b\"\nkind = \"flow\"\nparent = \"a\"\n",
            ),
            at: "8:10",
            message: "parent cycle: a → b → a; an indicator cannot be inside its own components",
        },
        Case {
            name: "own parent",
            text: with_head!(
                "[[indicator]]\nid = \"a\"\nname = \"a\"\nkind = \"flow\"\nparent = \"a\"\n"
            ),
            at: "8:10",
            message: "indicator `a` is its own parent",
        },
        Case {
            name: "index under a flow",
            text: with_head!(
                "[[indicator]]\nid = \"industry\"\nname = \"ngành công nghiệp\"\nkind = \"flow\"\n",
                "[[indicator]]\nid = \"iip_mining\"\nname = \"ngành khai khoáng\"\nkind = \"index\"\nparent = \"industry\"\n",
            ),
            at: "12:10",
            message: "`iip_mining` is an index but its parent `industry` is a flow: an index can only be a component of an index",
        },
        Case {
            name: "observations not a table",
            text: with_head!(
                "[[indicator]]\nid = \"industry\"\nname = \"ngành công nghiệp\"\nkind = \"flow\"\ngrowth = 6.2\n"
            ),
            at: "8:10",
            message: "`growth`: expected a table of period = number, like growth = { 2024 = 6.2 }, found a number",
        },
        Case {
            name: "decimal comma in quotes",
            text: with_head!(
                "[[indicator]]\nid = \"industry\"\nname = \"ngành công nghiệp\"\nkind = \"flow\"\ngrowth = { 2024 = \"6,2\" }\n"
            ),
            at: "8:19",
            message: "`growth` for 2024: expected a number, found a string; write 6.2: TOML numbers use a dot",
        },
        Case {
            name: "bad period key",
            text: with_head!(
                "[[indicator]]\nid = \"industry\"\nname = \"ngành công nghiệp\"\nkind = \"flow\"\ngrowth = { 2024-Q5 = 6.2 }\n"
            ),
            at: "8:12",
            message: "bad period key `2024-Q5`: a quarter is Q1, Q2, Q3 or Q4; expected a year (2024), a quarter (2024-Q1 … 2024-Q4), a half (2024-H1, 2024-H2), the first n months (2024-5M … 2024-11M) or a month (2024-M01 … 2024-M12)",
        },
        Case {
            name: "negative level",
            text: with_head!(
                "[[indicator]]\nid = \"exports\"\nname = \"kim ngạch xuất khẩu\"\nkind = \"flow\"\nvalue = { 2024 = -17.3 }\n"
            ),
            at: "8:18",
            message: "`value` for 2024 is negative (-17.3): a level cannot be below 0",
        },
        Case {
            name: "index not above 0",
            text: with_head!(
                "[[indicator]]\nid = \"iip\"\nname = \"IIP\"\nkind = \"index\"\nindex = { 2024 = 0 }\n"
            ),
            at: "8:18",
            message: "`index` for 2024 is 0: an index must be above 0",
        },
        Case {
            name: "index on a flow",
            text: with_head!(
                "[[indicator]]\nid = \"industry\"\nname = \"ngành công nghiệp\"\nkind = \"flow\"\nindex = { 2024 = 106.2 }\n"
            ),
            at: "8:1",
            message: "`index` is only for indicators of kind \"index\", and this one is a flow: give its growth in `growth`",
        },
        Case {
            name: "value on an index",
            text: with_head!(
                "[[indicator]]\nid = \"iip\"\nname = \"IIP\"\nkind = \"index\"\nvalue = { 2024 = 105.9 }\n"
            ),
            at: "8:1",
            message: "`value` is not for indicators of kind \"index\": give the index in `index` (the same period a year earlier = 100)",
        },
        Case {
            name: "weight not above 0",
            text: with_head!(
                "[[indicator]]\nid = \"iip\"\nname = \"IIP\"\nkind = \"index\"\nweight = { 2024 = -1 }\n"
            ),
            at: "8:19",
            message: "`weight` for 2024 is -1: a weight must be above 0",
        },
        Case {
            name: "hexadecimal number",
            text: with_head!(
                "[[indicator]]\nid = \"industry\"\nname = \"ngành công nghiệp\"\nkind = \"flow\"\ngrowth = { 2024 = 0x10 }\n"
            ),
            at: "8:19",
            message: "`growth` for 2024: expected a decimal number, found 0x10: write it in base 10",
        },
        Case {
            name: "infinite number",
            text: with_head!(
                "[[indicator]]\nid = \"industry\"\nname = \"ngành công nghiệp\"\nkind = \"flow\"\ngrowth = { 2024 = inf }\n"
            ),
            at: "8:19",
            message: "`growth` for 2024: expected a finite number, found inf",
        },
        Case {
            name: "single brackets for an indicator",
            text: with_head!(
                "[indicator]\nid = \"industry\"\nname = \"ngành công nghiệp\"\nkind = \"flow\"\n"
            ),
            at: "4:1",
            message: "write [[indicator]] with double brackets, one for each indicator",
        },
        Case {
            name: "exhaustive in quotes",
            text: with_head!(
                "[[indicator]]\nid = \"grdp\"\nname = \"GRDP\"\nkind = \"flow\"\nexhaustive = \"true\"\n"
            ),
            at: "8:14",
            message: "`exhaustive`: expected true or false, found a string; write true without quotes",
        },
        Case {
            name: "target year out of range",
            text: with_head!(
                "[[indicator]]\nid = \"cpi\"\nname = \"CPI\"\nkind = \"index\"\n",
                "[[target]]\nyear = 20255\nindicator = \"cpi\"\nmeasure = \"growth\"\nop = \"<\"\nvalue = 4.5\n",
            ),
            at: "9:8",
            message: "`year` must be between 1900 and 2200, found 20255",
        },
        Case {
            name: "target of an unknown indicator",
            text: with_head!(
                "[[indicator]]\nid = \"cpi\"\nname = \"CPI\"\nkind = \"index\"\n",
                "[[target]]\nyear = 2025\nindicator = \"cip\"\nmeasure = \"growth\"\nop = \"<\"\nvalue = 4.5\n",
            ),
            at: "10:13",
            message: "unknown indicator `cip` in [[target]]: no indicator has this id; did you mean `cpi`?",
        },
        Case {
            name: "target measure misspelt",
            text: with_head!(
                "[[indicator]]\nid = \"cpi\"\nname = \"CPI\"\nkind = \"index\"\n",
                "[[target]]\nyear = 2025\nindicator = \"cpi\"\nmeasure = \"grow\"\nop = \"<\"\nvalue = 4.5\n",
            ),
            at: "11:11",
            message: "unknown measure `grow`: expected growth, value or index; did you mean `growth`?",
        },
        Case {
            name: "target measure of another kind",
            text: with_head!(
                "[[indicator]]\nid = \"cpi\"\nname = \"CPI\"\nkind = \"index\"\n",
                "[[target]]\nyear = 2025\nindicator = \"cpi\"\nmeasure = \"value\"\nop = \"<\"\nvalue = 4.5\n",
            ),
            at: "11:11",
            message: "measure `value` does not fit `cpi`, which is an index: use growth or index",
        },
        Case {
            name: "target op written backwards",
            text: with_head!(
                "[[indicator]]\nid = \"cpi\"\nname = \"CPI\"\nkind = \"index\"\n",
                "[[target]]\nyear = 2025\nindicator = \"cpi\"\nmeasure = \"growth\"\nop = \"=<\"\nvalue = 4.5\n",
            ),
            at: "12:6",
            message: "unknown op `=<`: expected >=, >, <=, < or between; did you mean `<=`?",
        },
        Case {
            name: "between without upper",
            text: with_head!(
                "[[indicator]]\nid = \"cpi\"\nname = \"CPI\"\nkind = \"index\"\n",
                "[[target]]\nyear = 2025\nindicator = \"cpi\"\nmeasure = \"growth\"\nop = \"between\"\nvalue = 4\n",
            ),
            at: "8:1",
            message: "missing `upper` in [[target]]: op = \"between\" needs `value` (the lower bound) and `upper`",
        },
        Case {
            name: "upper without between",
            text: with_head!(
                "[[indicator]]\nid = \"cpi\"\nname = \"CPI\"\nkind = \"index\"\n",
                "[[target]]\nyear = 2025\nindicator = \"cpi\"\nmeasure = \"growth\"\nop = \"<\"\nvalue = 4\nupper = 4.5\n",
            ),
            at: "14:1",
            message: "`upper` is only used with op = \"between\", and here op is \"<\"",
        },
        Case {
            name: "upper below value",
            text: with_head!(
                "[[indicator]]\nid = \"cpi\"\nname = \"CPI\"\nkind = \"index\"\n",
                "[[target]]\nyear = 2025\nindicator = \"cpi\"\nmeasure = \"growth\"\nop = \"between\"\nvalue = 4.5\nupper = 4\n",
            ),
            at: "14:9",
            message: "`upper` (4) must be greater than `value` (4.5)",
        },
        Case {
            name: "note section in Vietnamese",
            text: with_head!("[[note]]\nyear = 2024\nsection = \"hạn chế\"\ntext = \"…\"\n"),
            at: "6:11",
            message: "bad section `hạn chế`: use only lowercase letters a-z, digits and _, like `limitations`",
        },
        Case {
            name: "note without text",
            text: with_head!("[[note]]\nyear = 2024\nsection = \"limitations\"\n"),
            at: "4:1",
            message: "missing `text` in [[note]]: the text, in quotes or between \"\"\" lines",
        },
        Case {
            name: "note year in quotes",
            text: with_head!(
                "[[note]]\nyear = \"2024\"\nsection = \"limitations\"\ntext = \"…\"\n"
            ),
            at: "5:8",
            message: "`year`: expected a number, found a string; write 2024 without quotes",
        },
    ];

    #[test]
    fn each_mistake_is_told_at_its_place() {
        let mut wrong = Vec::new();
        for case in CASES {
            let found = errors(case.text);
            let expected = format!("bad.toml:{}: {}", case.at, case.message);
            let place = format!("bad.toml:{}: ", case.at);
            if !found.starts_with(&place) || found != expected {
                wrong.push(format!(
                    "{}\n  expected: {expected}\n  found:    {found}",
                    case.name
                ));
            }
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    /// All the messages together, to read them as a clerk would.
    #[test]
    fn messages_read_well() {
        let all: Vec<String> = CASES
            .iter()
            .map(|case| format!("# {}\n{}\n", case.name, errors(case.text)))
            .collect();
        insta::assert_snapshot!(all.join("\n"));
    }
}

mod values {
    use baocao_dataset::{Kind, Measure, Op, Period};

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
        assert_eq!((target.measure, target.op), (Measure::Growth, Op::Between));
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
            "no [dataset] table: add one to a file, with region = \"…\"\n\
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
        assert!(one.starts_with("no [dataset] table"), "{one}");
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
