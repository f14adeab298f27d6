//! `department.toml`: the settings of docs/configuration.md, as
//! `config/hanoi/department.toml` writes them, with the built-in templates
//! (no `templates/` folder is written).

use std::fmt::Write as _;

use crate::dataset_file::quoted;
use crate::economy::stream;
use crate::region::{Region, RegionKind};
use crate::rng::SplitMix64;

const FAMILY: [&str; 14] = [
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
    "Hồ", "Ngô",
];
const MIDDLE: [&str; 8] = [
    "Văn", "Minh", "Quang", "Thanh", "Hữu", "Đức", "Ngọc", "Hoài",
];
const GIVEN: [&str; 16] = [
    "An", "Bình", "Cường", "Dũng", "Hà", "Hải", "Hương", "Lan", "Long", "Mai", "Nam", "Phong",
    "Quân", "Sơn", "Thảo", "Trung",
];

/// The text of `department.toml`.
pub(crate) fn text(
    id: &str,
    region: &Region,
    seed: u64,
    department: usize,
    years: &[i32],
) -> String {
    let mut rng = SplitMix64::stream(seed, &[stream::SIGNER, department as u64]);
    let signer = format!(
        "{} {} {}",
        rng.pick(&FAMILY),
        rng.pick(&MIDDLE),
        rng.pick(&GIVEN)
    );
    // A third of directors sign themselves; elsewhere a deputy signs on
    // the director's behalf ("KT."), as in Hà Nội.
    let titles = if rng.range(0, 2) == 0 {
        "[\"GIÁM ĐỐC\"]"
    } else {
        "[\"KT. GIÁM ĐỐC\", \"PHÓ GIÁM ĐỐC\"]"
    };
    let (party, council, people) = match region.kind {
        RegionKind::City => ("Thành ủy", "HĐND Thành phố", "UBND Thành phố"),
        RegionKind::Province => ("Tỉnh ủy", "HĐND Tỉnh", "UBND Tỉnh"),
    };
    let mut out = String::new();
    let _ = write!(
        out,
        "\
# Sở Công Thương {name}: a synthetic department made by baocao-datagen
# (seed {seed}). Its figures are invented; every key, with its default, is
# documented in docs/configuration.md.
id = {id}
locale = \"vi\"
data = \"data\"

[letterhead]
authority = {authority}
department = \"SỞ CÔNG THƯƠNG\"
number = \"Số: {{n}}/BC-SCT\"
place = {place}

[report]
template = \"report.jinja\"
title = \"BÁO CÁO\"
subject = \"Tổng kết công tác {{{{ period.label }}}}, triển khai nhiệm vụ năm {{{{ period.next_year }}}}\"

# The date each report is signed, by period (YYYY-MM-DD).
[report.dates]
",
        name = region.name,
        id = quoted(id),
        authority = quoted(&region.authority()),
        place = quoted(&region.place()),
    );
    for year in years {
        let _ = writeln!(out, "\"{year}\" = \"{}-01-05\"", year + 1);
    }
    let _ = write!(
        out,
        "
[signature]
titles = {titles}
name = {signer}

[recipients]
label = \"Nơi nhận:\"
list = [
  \"- Bộ Công Thương;\",
  \"- Thường trực {party};\",
  \"- Thường trực {council};\",
  \"- {people};\",
  \"- Cục Thống kê;\",
  \"- Lưu: VT, KHTC.\",
]
",
        signer = quoted(&signer),
    );
    out
}
