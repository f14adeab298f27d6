//! The Hà Nội 2024 report: the seed's sentences, snapshots, conditions.

use crate::{baocao, edited_hanoi, strip_markdown};

/// Sentences of the seed report that must appear verbatim, every number in
/// them computed or taken from the dataset.
const SEED_SENTENCES: [&str; 9] = [
    "Giá trị tăng thêm ngành công nghiệp năm 2024 ước tăng 6,2%, đóng góp 0,82 điểm % vào mức tăng 6,52% của GRDP (chiếm 12,6%).",
    "Chỉ số sản xuất công nghiệp (IIP) năm 2024 ước tăng 5,9% so với năm 2023.",
    "Chỉ số tiêu thụ sản phẩm năm 2024 tăng 8,2% so với năm 2023, trong đó một số ngành sản xuất có chỉ số tiêu thụ tăng: Máy móc, thiết bị tăng 30%; dệt tăng 29,3%; thuốc, hóa dược và dược liệu tăng 18,7%...",
    "Chỉ số tồn kho ngành công nghiệp chế biến, chế tạo thời điểm cuối năm 2024 giảm 11,5% so với cuối năm 2023.",
    "Giá trị tăng thêm khu vực dịch vụ năm 2024 ước tăng 7,14% so với năm 2023, đóng góp 4,72 điểm % vào mức tăng 6,52% của GRDP (chiếm 72,4%).",
    "Trong đó, bán buôn, bán lẻ tăng 8,58%, đóng góp 0,85 điểm % vào mức tăng chung của GRDP (chiếm 13%).",
    "Tổng mức bán ra và doanh thu dịch vụ tiêu dùng trên địa bàn năm 2024 ước đạt 4.268 nghìn tỷ đồng, tăng 10,6% so với năm 2023.",
    ": Giá trị tăng thêm ngành công nghiệp phấn đấu tăng từ 6,95% trở lên; kim ngạch xuất khẩu phấn đấu tăng từ 5% trở lên; tổng mức bán lẻ hàng hóa và doanh thu dịch vụ xã hội tăng từ 9% trở lên; chỉ số giá tiêu dùng kiểm soát tăng dưới 4,5%.",
    " quý sau cao hơn quý trước, 4/4 ngành công nghiệp cấp 1 tăng so với năm trước",
];

#[test]
fn every_seed_sentence_appears_verbatim() {
    let run = baocao(&["render", "--year", "2024", "--out", "-"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = strip_markdown(&run.stdout);
    for s in SEED_SENTENCES {
        assert!(text.contains(s), "missing: {s}\n---\n{text}");
    }
}

#[test]
fn the_markdown_report_for_2023() {
    let run = baocao(&["render", "hanoi", "--period", "2023", "--out", "-"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!("hanoi-2023.md", run.stdout);
}

#[test]
fn the_figures_json_for_2024() {
    let run = baocao(&["figures", "--year", "2024"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let again = baocao(&["figures", "--period", "2024"]);
    assert_eq!(run.stdout, again.stdout, "byte-identical across runs");
    let json = &run.stdout;
    // shares derived, construction's points a residual
    for needle in [
        r#""value": "12.57668711656441717791411043""#,
        r#""value": "72.3926380368098159509202454""#,
        r#""rule": "residual""#,
        r#""trend": "rising""#,
    ] {
        assert!(json.contains(needle), "{needle}");
    }
    insta::assert_snapshot!("hanoi-2024-figures.json", json);
}

/// The Markdown report for 2024 from another dataset; it must succeed.
fn render_2024_with(data: &tempfile::TempDir) -> crate::Run {
    let run = baocao(&[
        "render",
        "--year",
        "2024",
        "--data",
        data.path().to_str().unwrap(),
        "--out",
        "-",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run
}

#[test]
fn falling_quarters_do_not_read_as_rising() {
    let data = edited_hanoi(|t| {
        t.replace("2024-Q4 = 107.1", "2024-Q4 = 104.0")
            .replace("2024-Q3 = 106.3", "2024-Q3 = 105.0")
            .replace("2024-Q2 = 105.7", "2024-Q2 = 105.5")
    });
    let run = render_2024_with(&data);
    let text = strip_markdown(&run.stdout);
    assert!(!text.contains("quý sau cao hơn quý trước"), "{text}");
    assert!(text.contains("diễn biến không đồng đều giữa các quý, 4/4 ngành công nghiệp cấp 1 tăng so với năm trước"), "{text}");
}

#[test]
fn a_falling_industry_is_counted() {
    let data = edited_hanoi(|t| t.replace("index = { 2024 = 100.3 }", "index = { 2024 = 98.7 }"));
    let run = render_2024_with(&data);
    let text = strip_markdown(&run.stdout);
    assert!(!text.contains("4/4"), "{text}");
    assert!(
        text.contains(
            "quý sau cao hơn quý trước, 3/4 ngành công nghiệp cấp 1 tăng so với năm trước"
        ),
        "{text}"
    );
}

#[test]
fn a_negative_contribution_subtracts() {
    let data = edited_hanoi(|t| {
        t.replace(
            "growth = { 2024 = 8.58 }\ncontribution = { 2024 = 0.85 }",
            "growth = { 2024 = -2.1 }\ncontribution = { 2024 = -0.25 }",
        )
    });
    let run = render_2024_with(&data);
    let text = strip_markdown(&run.stdout);
    // The statistics offices' wording: "làm giảm … trong mức tăng chung",
    // with no share of a growth it took away from.
    assert!(
        text.contains(
            "Trong đó, bán buôn, bán lẻ giảm 2,1%, làm giảm 0,25 điểm % trong mức tăng chung của GRDP."
        ),
        "{text}"
    );
    assert!(!text.contains("chiếm -"), "{text}");
}

#[test]
fn an_absent_figure_drops_its_sentence_rather_than_print_zero() {
    let data = edited_hanoi(|t| t.replace("value = { 2024 = 4268 }\ngrowth = { 2024 = 10.6 }", ""));
    let run = render_2024_with(&data);
    assert!(!run.stdout.contains("Tổng mức bán ra"), "{}", run.stdout);
    assert!(!run.stdout.contains(" 0 nghìn tỷ"));
}

#[test]
fn render_writes_the_default_path() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r");
    let run = baocao(&["render", "--year", "2024", "--out", out.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let md = std::fs::read_to_string(out.join("2024.md")).unwrap();
    assert!(md.contains("BÁO CÁO"));
}

#[test]
fn check_is_clean_on_the_shipped_department() {
    let run = baocao(&["check", "--strict"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = baocao(&["check", "config/hanoi"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn check_reports_a_failed_consistency_check_with_its_place() {
    let data = edited_hanoi(|t| {
        t.replace(
            "contribution = { 2023 = 1.18, 2024 = 1.34 }",
            "contribution = { 2023 = 1.18, 2024 = 1.34 }\nvalue = { 2023 = 100, 2024 = 110 }",
        )
    });
    let path = data.path().to_str().unwrap();
    let run = baocao(&["check", "--data", path]);
    assert_eq!(run.code, 0, "warnings only: {}", run.stderr);
    assert!(run.stderr.contains("hanoi.toml:"), "{}", run.stderr);
    assert!(run.stderr.contains("warning: value of `industry_construction` for 2024 is 110 (reported) but industry_construction.previous × (1 + industry_construction.growth / 100) = 106.21"), "{}", run.stderr);
    let strict = baocao(&["check", "--data", path, "--strict"]);
    assert_eq!(strict.code, 1, "{}", strict.stderr);
}

#[test]
fn every_shipped_department_in_every_format() {
    for (dept, period) in [
        ("hanoi", "2024"),
        ("hanoi-en", "2024"),
        ("hanoi-quarterly", "2024-Q3"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().to_str().unwrap();
        let run = baocao(&[
            "render",
            dept,
            "--period",
            period,
            "--format",
            "md,html,txt,docx",
            "--out",
            out,
        ]);
        assert_eq!(run.code, 0, "{dept}: {}", run.stderr);
        assert!(!run.stderr.contains("warning"), "{dept}: {}", run.stderr);
        for ext in ["md", "html", "txt"] {
            let text = std::fs::read_to_string(dir.path().join(format!("{period}.{ext}"))).unwrap();
            insta::assert_snapshot!(format!("{dept}-{period}.{ext}"), text);
        }
        // The Word report says what the text says (its layout has its own
        // snapshots in the plugin and is checked by LibreOffice in CI).
        let docx = std::fs::read(dir.path().join(format!("{period}.docx"))).unwrap();
        let body = crate::docx_text(&docx);
        let txt = std::fs::read_to_string(dir.path().join(format!("{period}.txt"))).unwrap();
        let first_heading = txt
            .lines()
            .find(|l| l.starts_with("I. "))
            .unwrap_or_else(|| panic!("{dept}: a first section"));
        assert!(body.contains(first_heading), "{dept}: {first_heading}");
    }
}

#[test]
fn figures_keep_their_provenance_in_html_and_the_text_keeps_the_seed() {
    let dir = tempfile::tempdir().unwrap();
    let run = baocao(&[
        "render",
        "--year",
        "2024",
        "--format",
        "html,txt",
        "--out",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = std::fs::read_to_string(dir.path().join("2024.html")).unwrap();
    // In the report's language, with the figures' names and the file
    // relative to the department's folder.
    assert!(
        html.contains(r#"title="Tính: đóng góp ngành công nghiệp ÷ tăng trưởng GRDP × 100""#),
        "{html}"
    );
    assert!(
        html.contains(r#"title="Số báo cáo, data/hanoi.toml dòng 44""#),
        "{html}"
    );
    let txt = std::fs::read_to_string(dir.path().join("2024.txt")).unwrap();
    let flat = txt.split_whitespace().collect::<Vec<_>>().join(" ");
    for s in SEED_SENTENCES.iter().take(2) {
        assert!(flat.contains(s), "{s}");
    }
}

#[test]
fn out_is_a_folder_when_it_exists_even_with_a_dot_in_its_name() {
    let dir = tempfile::tempdir().unwrap();
    let dotted = dir.path().join("reports.2024");
    std::fs::create_dir(&dotted).unwrap();
    let run = baocao(&[
        "render",
        "--format",
        "html",
        "--out",
        dotted.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(dotted.join("2024.html").is_file());
    let file = dir.path().join("bao-cao.md");
    let run = baocao(&["render", "--out", file.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(file.is_file());
}

/// Target verdicts by which way is better, in every text format: GRDP
/// beyond its 6,5–7% plan is "Vượt", CPI over its "< 4,5" cap is "Không
/// đạt", a value target says how much of its plan it reached.
#[test]
fn targets_are_judged_in_every_format() {
    let data = crate::workspace().join("tests/datasets/cases/targets-2024.toml");
    for format in ["md", "html", "txt"] {
        let run = baocao(&[
            "render",
            "--data",
            data.to_str().unwrap(),
            "--format",
            format,
            "--out",
            "-",
        ]);
        assert_eq!(run.code, 0, "{format}: {}", run.stderr);
        let out = &run.stdout;
        // One line of the table holds the figure, the plan and the verdict
        // (a wrapped text table's first line included).
        for tokens in [
            ["6,5–7", "7,51", "+0,51", "Vượt"],
            ["4,5", "4,6", "-0,1", "Không"],
            ["≥ 50", "52,4", "104,8%", "Vượt"],
        ] {
            assert!(
                out.lines().any(|l| tokens.iter().all(|t| l.contains(t))),
                "{format}: no row with {tokens:?}\n{out}"
            );
        }
        assert!(
            out.contains("So KH") && out.contains("Đánh giá"),
            "{format}"
        );
    }
}

/// `check` looks at every period the dataset holds, not only whole years:
/// half-year points that do not add up are found, and are an error under
/// `--strict`.
#[test]
fn check_covers_periods_that_are_not_years() {
    let data = crate::workspace().join("tests/datasets/cases/half-year-points.toml");
    let data = data.to_str().unwrap();
    let run = baocao(&["check", "--data", data]);
    assert_eq!(run.code, 0, "a warning by default: {}", run.stderr);
    assert!(
        run.stderr
            .contains("warning: contribution of `grdp` for 2024-H1 is 2.93")
            && run.stderr.contains("= 2.88: a gap of 0.05"),
        "{}",
        run.stderr
    );
    let strict = baocao(&["check", "--data", data, "--strict"]);
    assert_eq!(strict.code, 1, "{}", strict.stderr);
    assert!(
        strict
            .stderr
            .contains("error: contribution of `grdp` for 2024-H1"),
        "{}",
        strict.stderr
    );
}

/// `--out` naming a file of another format is refused, naming the
/// extension the format writes, and nothing is written.
#[test]
fn out_names_a_file_of_the_format_it_holds() {
    let dir = tempfile::tempdir().unwrap();
    let wrong = dir.path().join("report.md");
    let run = baocao(&[
        "render",
        "--format",
        "html",
        "--out",
        wrong.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("format `html` writes `.html` files")
            && run.stderr.contains("but the file named is a `.md` file")
            && run.stderr.contains("report.html"),
        "{}",
        run.stderr
    );
    assert!(!wrong.exists());
    let right = dir.path().join("report.HTML");
    let run = baocao(&[
        "render",
        "--format",
        "html",
        "--out",
        right.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(right.is_file());
}

/// Format 1.1: a flow given as an index ("bằng 110,6% so với năm trước")
/// keeps its index as reported and is worded by its derived growth; the
/// first two months are a period of their own ("2 tháng năm 2025"); a
/// national release's points of total value added are not set against
/// GDP's growth.
#[test]
fn format_1_1_indices_of_flows_and_the_first_two_months() {
    let run_on = |command: &str, data: &str, args: &[&str]| run_on(command, data, args).0;
    let markdown = ["--format", "md", "--out", "-"];

    let flow = "tests/datasets/cases/flow-index-2024.toml";
    let figures: serde_json::Value =
        serde_json::from_str(&run_on("figures", flow, &["--year", "2024"])).unwrap();
    let retail = &figures["indicators"]["retail"];
    assert_eq!(retail["index"]["origin"], "reported");
    assert_eq!(retail["index"]["value"], "110.6");
    assert_eq!(retail["growth"]["rule"], "growth_from_index");
    assert_eq!(retail["growth"]["value"], "10.6");
    let md = run_on("render", flow, &markdown);
    assert!(
        md.contains("ước đạt 4.268 nghìn tỷ đồng, tăng 10,6% so với năm 2023"),
        "{md}"
    );

    let two = "tests/datasets/real/vietnam-2025-2m.toml";
    let md = run_on(
        "render",
        two,
        &[&["--period", "2025-2M"][..], &markdown].concat(),
    );
    assert!(
        md.contains("Chỉ số sản xuất công nghiệp (IIP) 2 tháng năm 2025 ước tăng 7,2% so với cùng kỳ năm 2024"),
        "{md}"
    );

    // The national office's points are of the growth of total value added,
    // not of GDP: the figures say so, and the report does not print them
    // against GDP's growth.
    let gva = "tests/datasets/real/vietnam-2024.toml";
    let json = run_on("figures", gva, &["--year", "2024"]);
    assert!(json.contains("\"contribution_base\": \"gva\""), "{json}");
    let md = run_on("render", gva, &markdown);
    assert!(
        md.contains("đóng góp 2,7 điểm % vào mức tăng tổng giá trị tăng thêm."),
        "{md}"
    );
    // No share of GDP's growth made of its points (2,70 / 7,09 = 38,1%):
    // they are points of another growth.
    assert!(!md.contains("38,1"), "{md}");
    assert!(!md.contains("của GDP ("), "{md}");

    // 1M is the month M01: one spelling per period, however it is written.
    let path = crate::workspace().join(two);
    let run = baocao(&[
        "figures",
        "--data",
        path.to_str().unwrap(),
        "--period",
        "2025-1M",
    ]);
    assert!(run.stderr.contains("2025-M01"), "{}", run.stderr);
}

/// `baocao <command> --data <file of the workspace> <args…>`, which must
/// succeed: its standard output and error.
fn run_on(command: &str, data: &str, args: &[&str]) -> (String, String) {
    let path = crate::workspace().join(data);
    let mut all = vec![command, "--data", path.to_str().unwrap()];
    all.extend(args);
    let run = baocao(&all);
    assert_eq!(run.code, 0, "{all:?}: {}", run.stderr);
    (run.stdout, run.stderr)
}

/// What else format 1.1 adds, each in a dataset that `check` accepts, in
/// the figures JSON and in a sentence of the report: levels at current
/// prices and the structure taken from them, approximate figures worded
/// with their word, and each quarter's part of the year's growth.
#[test]
fn format_1_1_prices_structure_approximations_and_quarters() {
    let markdown = ["--year", "2024", "--format", "md", "--out", "-"];

    let prices = "tests/datasets/cases/current-prices-2024.toml";
    let (_, out) = run_on("check", prices, &[]);
    assert!(
        out.contains("ok: the formats' options, the dataset and the templates are clean"),
        "{out}"
    );
    let (json, _) = run_on("figures", prices, &["--year", "2024"]);
    let figures: serde_json::Value = serde_json::from_str(&json).unwrap();
    let grdp = &figures["indicators"]["grdp"];
    assert_eq!(grdp["value_current"]["approx"], "hơn");
    assert_eq!(grdp["value_current"]["prices"], "current");
    assert_eq!(grdp["value"]["prices"], "constant");
    assert_eq!(grdp["growth"]["prices"], "constant");
    let services = &figures["indicators"]["services"];
    assert_eq!(services["structure"]["value"], "42.68");
    assert_eq!(services["structure"]["prices"], "current");
    let checked: Vec<&str> = figures["checks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["rule"].as_str().unwrap())
        .collect();
    assert!(
        checked.contains(&"structure_sum_of_children"),
        "{checked:?}"
    );
    assert!(
        checked.contains(&"structure_structure_at_current_prices"),
        "{checked:?}"
    );
    let (md, _) = run_on("render", prices, &markdown);
    assert!(
        md.contains("Quy mô GRDP theo giá hiện hành năm 2024 ước đạt hơn 216.943 tỷ đồng. Về cơ cấu kinh tế năm 2024, khu vực nông, lâm nghiệp và thủy sản chiếm 21,52%; khu vực công nghiệp và xây dựng chiếm 31,25%; khu vực dịch vụ chiếm 42,68%; thuế sản phẩm trừ trợ cấp sản phẩm chiếm 4,55%."),
        "{md}"
    );

    // The release itself, as published: services' 43,69% is not what its
    // levels give, and the structures add up to 101,01.
    let (_, stderr) = run_on("check", "tests/datasets/real/nghean-2024.toml", &[]);
    assert!(
        stderr.contains("structure of `services` for 2024 is 43.69 (reported) but services.value_current / grdp.value_current × 100 = 42.679413"),
        "{stderr}"
    );
    assert!(stderr.contains("= 101.01: a gap of -1.01"), "{stderr}");

    let quarters = "tests/datasets/cases/quarters-2024.toml";
    let (json, _) = run_on("figures", quarters, &["--year", "2024"]);
    let figures: serde_json::Value = serde_json::from_str(&json).unwrap();
    let q = &figures["indicators"]["grdp"]["quarters"];
    assert_eq!(q["2024-Q1"]["contribution_to_year"]["origin"], "reported");
    assert_eq!(
        q["2024-Q4"]["contribution_to_year"]["rule"],
        "contribution_to_year"
    );
    assert!(
        q["2024-Q4"]["contribution_to_year"]["value"]
            .as_str()
            .unwrap()
            .starts_with("2.13888888")
    );
    let (md, _) = run_on("render", quarters, &markdown);
    assert!(
        md.contains("Trong mức tăng trưởng GRDP năm 2024, quý I tăng 5,5%, đóng góp 1,22 điểm %; quý II tăng 6,8%, đóng góp 1,66 điểm %; quý III tăng 7%, đóng góp 1,79 điểm %; quý IV tăng 7,7%, đóng góp 2,14 điểm %."),
        "{md}"
    );
}

/// A department named by an absolute path, from anywhere, gives the bytes
/// it gives named by a relative path: no path of the machine is printed
/// (figures name their file relative to the department's folder). An
/// English department's provenance is English, a Vietnamese one's
/// Vietnamese.
#[test]
fn a_department_by_absolute_path_gives_the_same_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    for dept in ["hanoi", "hanoi-en"] {
        let absolute = crate::workspace().join("config").join(dept);
        let relative = format!("config/{dept}");
        let out = |name: &str| dir.path().join(format!("{dept}-{name}.html"));
        let run = baocao(&[
            "render",
            &relative,
            "--year",
            "2024",
            "--format",
            "html",
            "--out",
            out("relative").to_str().unwrap(),
        ]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let run = crate::baocao_in(
            elsewhere.path(),
            &[
                "render",
                absolute.to_str().unwrap(),
                "--year",
                "2024",
                "--format",
                "html",
                "--out",
                out("absolute").to_str().unwrap(),
            ],
        );
        assert_eq!(run.code, 0, "{}", run.stderr);
        let a = std::fs::read(out("relative")).unwrap();
        let b = std::fs::read(out("absolute")).unwrap();
        assert!(a == b, "{dept}: the bytes differ");
        let html = String::from_utf8(a).unwrap();
        let root = crate::workspace().to_string_lossy().into_owned();
        assert!(!html.contains(&root), "{dept}: {root} printed");
        let reported = if dept == "hanoi" {
            r#"title="Số báo cáo, data/hanoi.toml dòng 23""#
        } else {
            r#"title="Reported, ../hanoi/data/hanoi.toml line 23""#
        };
        assert!(html.contains(reported), "{dept}: {html}");
    }
}
