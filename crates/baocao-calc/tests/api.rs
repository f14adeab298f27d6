//! What the engine offers beside the figures JSON: the scope of a
//! computation, provenance lines, rankings, an indicator's place in its
//! tree.

use baocao_calc::{CheckStatus, Measure, Rule, Scope, Trend};

use crate::{compute, ind};

fn dataset() -> String {
    [
        ind(
            "iip",
            "index",
            "index = { 2024 = 105, 2024-Q1 = 101, 2024-Q2 = 102, 2024-Q3 = 103, 2024-Q4 = 104 }\ngrowth = { 2024 = 9 }",
        ),
        ind(
            "mining",
            "index",
            "parent = \"iip\"\nname_en = \"mining\"\nindex = { 2024 = 98 }",
        ),
        ind("mfg", "index", "parent = \"iip\"\nindex = { 2024 = 107 }"),
        ind("food", "index", "parent = \"mfg\"\nindex = { 2024 = 107 }"),
        ind("power", "index", "parent = \"iip\"\nindex = { 2024 = 110 }"),
        ind("water", "index", "parent = \"iip\""),
        ind("new", "flow", "value = { 2023 = 0, 2024 = 5 }"),
    ]
    .concat()
}

fn read(toml: &str) -> baocao_dataset::Dataset {
    let text = format!("format = 1\n[dataset]\nregion = \"Test\"\n{toml}");
    baocao_dataset::read_str(&text, "test.toml").unwrap()
}

/// Figures only: the same figures and counts, without the checks and the
/// trends (the problems met while deriving stay).
#[test]
fn figures_only_leaves_out_checks_and_trends() {
    let ds = read(&dataset());
    let period = "2024".parse().unwrap();
    let full = baocao_calc::compute(&ds, period);
    let some = baocao_calc::compute_with(&ds, period, Scope::FiguresOnly);
    // the reported growth 9 disagrees with the index 105
    let failed: Vec<&str> = full.failed_checks().map(|c| c.rule.as_str()).collect();
    assert_eq!(
        failed,
        ["index_index_from_growth", "division_by_zero_growth"]
    );
    assert_eq!(full.get("iip").unwrap().trend, Some(Trend::Rising));
    let rules: Vec<&str> = some.checks.iter().map(|c| c.rule.as_str()).collect();
    assert_eq!(rules, ["division_by_zero_growth"]);
    for (id, f) in &full.indicators {
        let s = some.get(id).unwrap();
        assert_eq!(s.trend, None, "{id}");
        for m in Measure::ALL {
            assert_eq!(s.figure(m), f.figure(m), "{id}.{m}");
        }
        assert_eq!(s.count, f.count, "{id}");
    }
    assert_eq!(some.get("iip").unwrap().count.map(|c| (c.grew, c.of)), None);
}

#[test]
fn provenance_says_where_a_figure_came_from() {
    let f = compute(&dataset(), "2024");
    let iip = f.get("iip").unwrap();
    let index = iip.index.as_ref().unwrap();
    // line 8 of the dataset (after its three lines of heading), column 18
    assert_eq!(index.provenance(), "reported, test.toml:8:18");
    assert!(index.is_reported());
    assert_eq!(index.rule, Rule::Reported);
    let mining = f.get("mining").unwrap().growth.as_ref().unwrap();
    assert_eq!(mining.provenance(), "derived: mining.index − 100");
    assert!(!mining.is_reported());
    assert_eq!(mining.from, ["mining.index"]);
}

/// Children ranked by growth, highest first, ties by id; those without a
/// growth left out.
#[test]
fn top_children() {
    let toml = [
        ind("iip", "index", ""),
        ind("c", "index", "parent = \"iip\"\nindex = { 2024 = 103 }"),
        ind("b", "index", "parent = \"iip\"\nindex = { 2024 = 110 }"),
        ind("a", "index", "parent = \"iip\"\nindex = { 2024 = 103 }"),
        ind("d", "index", "parent = \"iip\"\nindex = { 2024 = 90 }"),
        ind("e", "index", "parent = \"iip\""),
    ]
    .concat();
    let f = compute(&toml, "2024");
    let top =
        |id: &str, n: usize| -> Vec<String> { f.top(id, n).iter().map(|i| i.id.clone()).collect() };
    assert_eq!(top("iip", 2), ["b", "a"]);
    assert_eq!(top("iip", 3), ["b", "a", "c"]);
    assert_eq!(top("iip", 10), ["b", "a", "c", "d"]);
    assert_eq!(top("iip", 0), Vec::<String>::new());
    assert_eq!(top("a", 3), Vec::<String>::new());
    assert_eq!(top("nothere", 3), Vec::<String>::new());
}

/// Each indicator knows its parent, its children in dataset order, its
/// root, its kind, unit and names.
#[test]
fn an_indicator_knows_its_place() {
    let f = compute(&dataset(), "2024");
    let iip = f.get("iip").unwrap();
    assert_eq!(iip.children, ["mining", "mfg", "power", "water"]);
    assert_eq!((iip.parent.as_deref(), iip.root.as_str()), (None, "iip"));
    let food = f.get("food").unwrap();
    assert_eq!(food.parent.as_deref(), Some("mfg"));
    assert_eq!(food.root, "iip");
    assert!(food.children.is_empty());
    let mining = f.get("mining").unwrap();
    assert_eq!(mining.name_en.as_deref(), Some("mining"));
    assert_eq!(mining.kind, baocao_dataset::Kind::Index);
    assert_eq!(mining.unit, None);
    let new = f.get("new").unwrap();
    assert_eq!(new.unit.as_deref(), Some("tỷ đồng"));
    assert_eq!(new.kind, baocao_dataset::Kind::Flow);
    // water has nothing: it is there, and empty
    assert!(f.get("water").unwrap().is_empty());
    assert!(!mining.is_empty());
    assert_eq!(f.indicators.len(), 7);
    assert_eq!(
        (f.region.as_str(), f.period.to_string().as_str()),
        ("Test", "2024")
    );
}

/// A trend alone, or a count alone, is something known.
#[test]
fn a_trend_or_a_count_alone_is_not_empty() {
    let toml = [
        ind("q", "index", "index = { 2024-Q1 = 101, 2024-Q2 = 102 }"),
        ind("p", "index", ""),
        ind("k", "index", "parent = \"p\"\nindex = { 2024-H1 = 101 }"),
    ]
    .concat();
    let f = compute(&toml, "2024-H1");
    let q = f.get("q").unwrap();
    assert_eq!((q.trend, q.growth.as_ref()), (Some(Trend::Rising), None));
    assert!(!q.is_empty());
    let p = f.get("p").unwrap();
    assert!(p.count.is_some() && p.growth.is_none() && p.index.is_none());
    assert!(!p.is_empty());
}

#[test]
fn names_of_measures_rules_and_statuses() {
    let names: Vec<String> = Measure::ALL.iter().map(ToString::to_string).collect();
    assert_eq!(
        names,
        [
            "value",
            "previous",
            "value_current",
            "index",
            "growth",
            "contribution",
            "share",
            "structure"
        ]
    );
    for t in [Trend::Rising, Trend::Falling, Trend::Mixed] {
        assert_eq!(
            t.as_str(),
            match t {
                Trend::Rising => "rising",
                Trend::Falling => "falling",
                Trend::Mixed => "mixed",
            }
        );
    }
    assert!(Rule::Reported.is_reported() && Rule::ReportedPrevious.is_reported());
    assert!(!Rule::Residual.is_reported() && !Rule::Structure.is_reported());
    assert!(CheckStatus::Ok < CheckStatus::Failed);
}
