//! Datasets of extreme size, for measuring that reading and computing stay
//! linear in what a dataset holds, and for tests that they still give the
//! right answers at that size.
//!
//! Each function writes one valid dataset file (except
//! [`long_unknown_ids`], whose every parent and target is a typo on
//! purpose): no randomness, the same arguments give the same bytes.
//!
//! ```
//! let text = baocao_datagen::stress::many_children(3);
//! let ds = baocao_dataset::read_str(&text, "wide.toml").unwrap();
//! assert_eq!(ds.indicators.len(), 2 + 3 + 3);
//! ```

use std::fmt::Write as _;

fn header(text: &mut String, region: &str) {
    text.push_str("format = 1\n\n[dataset]\n");
    let _ = writeln!(text, "region = \"{region}\"\n");
}

/// Two trees, each with `n` children under one exhaustive root: `grdp`,
/// whose children `s00001`, … have levels for 2023 and 2024 (the last
/// one for 2024 only, its 2023 left for the residual), with the root's
/// levels and growth written too; and `iip`, whose children `iip00001`,
/// … have a weight and an index each, with the root's index written.
/// Everything a parent with many children makes the engine do is there:
/// sums of children, a residual, contributions from levels and from
/// weights, shares, structure, counts, and the checks between them.
pub fn many_children(n: usize) -> String {
    let mut text = String::with_capacity(n.saturating_mul(260).saturating_add(512));
    header(&mut text, "Wide");
    let n64 = n as u64;
    let ups: u64 = (1..=n64).map(|k| k % 7).sum();
    let (previous, now) = (1000 * n64, 1047 * n64 + ups);
    // In hundredths, rounded half up: what two decimals of the growth say.
    let growth = (now * 20_000 / previous.max(1)).div_ceil(2) - 10_000;
    let _ = writeln!(
        text,
        "[[indicator]]\nid = \"grdp\"\nname = \"GRDP\"\nkind = \"flow\"\nunit = \"tỷ đồng\"\nexhaustive = true\nvalue = {{ 2023 = {previous}, 2024 = {now} }}\ngrowth = {{ 2024 = {}.{:02} }}\n",
        growth / 100,
        growth % 100
    );
    for k in 1..=n64 {
        let _ = write!(
            text,
            "[[indicator]]\nid = \"s{k:05}\"\nname = \"ngành {k}\"\nkind = \"flow\"\nunit = \"tỷ đồng\"\nparent = \"grdp\"\n"
        );
        let value = 1047 + k % 7;
        if k < n64 {
            let _ = writeln!(text, "value = {{ 2023 = 1000, 2024 = {value} }}\n");
        } else {
            let _ = writeln!(text, "value = {{ 2024 = {value} }}\n");
        }
    }
    let _ = writeln!(
        text,
        "[[indicator]]\nid = \"iip\"\nname = \"IIP\"\nkind = \"index\"\nexhaustive = true\nindex = {{ 2024 = 104.5 }}\n"
    );
    for k in 1..=n {
        let _ = writeln!(
            text,
            "[[indicator]]\nid = \"iip{k:05}\"\nname = \"ngành {k}\"\nkind = \"index\"\nparent = \"iip\"\nweight = {{ 2024 = {}.5 }}\nindex = {{ 2024 = 10{}.{} }}\n",
            1 + k % 13,
            k % 10,
            k % 100
        );
    }
    text
}

/// A chain `c00001` ← `c00002` ← … `n` deep, each parent exhaustive with
/// one child, the levels given at the bottom only: every level above is a
/// sum of one child.
pub fn deep_chain(n: usize) -> String {
    let mut text = String::with_capacity(n.saturating_mul(120).saturating_add(64));
    header(&mut text, "Deep");
    for k in 1..=n {
        let _ = write!(
            text,
            "[[indicator]]\nid = \"c{k:05}\"\nname = \"c {k}\"\nkind = \"flow\"\n"
        );
        if k > 1 {
            let _ = writeln!(text, "parent = \"c{:05}\"", k - 1);
        }
        if k < n {
            text.push_str("exhaustive = true\n\n");
        } else {
            text.push_str("value = { 2023 = 100, 2024 = 105 }\n\n");
        }
    }
    text
}

/// About `rows` lines, most of them long lines of observations:
/// indicators of one flow tree, each with the months of 2024, the year
/// 2024 and 2023 in `value` and the months and the year in `growth`, one
/// inline table a line, as a dataset of monthly data is laid out. A row
/// is one line of the file; a line of figures is about 250 bytes.
pub fn many_rows(rows: usize) -> String {
    const LINES: usize = 8;
    let indicators = rows.div_ceil(LINES).max(1);
    let mut text = String::with_capacity(rows.saturating_mul(112));
    header(&mut text, "Rows");
    text.push_str(
        "[[indicator]]\nid = \"total\"\nname = \"tổng\"\nkind = \"flow\"\nunit = \"tỷ đồng\"\n\n",
    );
    for k in 1..=indicators {
        let _ = write!(
            text,
            "[[indicator]]\nid = \"r{k:07}\"\nname = \"chỉ tiêu {k}\"\nkind = \"flow\"\nunit = \"tỷ đồng\"\nparent = \"total\"\n"
        );
        let base = 1000 + k % 997;
        let _ = write!(
            text,
            "value = {{ 2023 = {}.5, 2024 = {}.25",
            base * 12,
            base * 13
        );
        for m in 1..=12 {
            let _ = write!(text, ", 2024-M{m:02} = {}.{:02}", base + m, (k + m) % 100);
        }
        text.push_str(" }\ngrowth = { 2024 = 8.33");
        for m in 1..=12 {
            let _ = write!(
                text,
                ", 2024-M{m:02} = {}.{:02}",
                (k + m) % 19,
                (k * m) % 100
            );
        }
        text.push_str(" }\n\n");
    }
    text
}

/// `n` indicators with ids `len` characters long, each naming an unknown
/// parent and each with an unknown target indicator: ids that differ from
/// a known one in their middle (a typo a suggestion should find) and ids
/// like no other. Every "did you mean" of the reader runs over every id.
pub fn long_unknown_ids(n: usize, len: usize) -> String {
    let len = len.max(12);
    let id = |k: usize| {
        let tag = format!("{k:07}");
        let fill = len.saturating_sub(tag.len());
        let half = fill / 2;
        format!("{}{tag}{}", "a".repeat(half), "b".repeat(fill - half))
    };
    let mut text = String::with_capacity(n.saturating_mul(3 * len + 160));
    header(&mut text, "Typos");
    for k in 0..n {
        let own = id(k);
        // One letter of the middle changed: a typo of the next id.
        let mut typo = id(k + 1).into_bytes();
        let middle = typo.len() / 2 - 5;
        typo[middle] = b'x';
        let typo = String::from_utf8(typo).unwrap_or_default();
        let _ = writeln!(
            text,
            "[[indicator]]\nid = \"{own}\"\nname = \"x\"\nkind = \"flow\"\nparent = \"{typo}\"\n"
        );
        let _ = writeln!(
            text,
            "[[target]]\nyear = 2025\nindicator = \"z{}\"\nmeasure = \"growth\"\nop = \">=\"\nvalue = 1\n",
            "q".repeat(len.saturating_sub(1))
        );
    }
    text
}
