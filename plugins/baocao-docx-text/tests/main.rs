//! Integration tests of the DOCX-like text exporter, through its public
//! `render` only.

#![allow(clippy::unwrap_used, reason = "tests fail loudly on unexpected errors")]

use baocao_docx_text::{Options, render};
use baocao_plugin_api::{
    Align, Block, Document, HeaderGroup, Inline, ListStyle, Meta, Signature, Table,
};
use unicode_normalization::UnicodeNormalization;
use unicode_width::UnicodeWidthStr;

/// Renders `doc` at `width` with the default indent.
fn render_at(doc: &Document<'_>, width: usize) -> String {
    render(
        doc,
        &Options {
            width,
            ..Options::default()
        },
    )
    .unwrap()
}

/// Displayed width of a line of output.
fn columns(line: &str) -> usize {
    line.width()
}

/// Checks what holds for every output: exactly one final newline, no
/// trailing spaces, NFC text. A page break is a line of one form feed.
fn check_text_file(out: &str) {
    assert!(out.ends_with('\n'), "no final newline");
    assert!(!out.ends_with("\n\n"), "more than one final newline");
    for line in out.lines().filter(|&l| l != "\u{C}") {
        assert_eq!(line, line.trim_end(), "trailing space in {line:?}");
    }
    assert_eq!(out, out.nfc().collect::<String>(), "output is not NFC");
}

fn heading(level: u8, number: &'static str, text: &'static str) -> Block<'static> {
    Block::Heading {
        level,
        number: number.into(),
        content: vec![Inline::text(text)],
    }
}

fn paragraph(content: Vec<Inline<'static>>) -> Block<'static> {
    Block::Paragraph { content }
}

fn text(text: &'static str) -> Inline<'static> {
    Inline::text(text)
}

fn figure(text: &'static str, exact: &'static str) -> Inline<'static> {
    Inline::figure(text, exact, "reported in data/hanoi-2024.toml")
}

/// The meta of the spec's example (official-layout.md).
fn hanoi_meta() -> Meta<'static> {
    Meta {
        authority: "UBND THÀNH PHỐ HÀ NỘI".into(),
        department: "SỞ CÔNG THƯƠNG".into(),
        number: "Số: 12/BC-SCT".into(),
        nation: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM".into(),
        motto: "Độc lập - Tự do - Hạnh phúc".into(),
        place_date: "Hà Nội, ngày 05 tháng 01 năm 2025".into(),
        title: "BÁO CÁO".into(),
        subject: "Tổng kết công tác năm 2024, triển khai nhiệm vụ năm 2025".into(),
        ..Meta::default()
    }
}

/// A year-end report of Sở Công Thương Hà Nội, its text taken from the seed.
fn hanoi_2024() -> Document<'static> {
    let mut meta = hanoi_meta();
    meta.number = "Số: …/BC-SCT".into();
    meta.signature = Signature {
        titles: vec!["KT. GIÁM ĐỐC".into(), "PHÓ GIÁM ĐỐC".into()],
        name: "Nguyễn Kiều Oanh".into(),
    };
    meta.recipients_label = "Nơi nhận:".into();
    meta.recipients = vec![
        "- Bộ Công Thương;".into(),
        "- UBND Thành phố;".into(),
        "- Lưu: VT, KHTC.".into(),
    ];
    let growth = Table {
        header_groups: Vec::new(),
        unit: "".into(),
        caption: "Bảng 1. Tốc độ tăng một số chỉ tiêu chủ yếu năm 2024".into(),
        header: vec![
            "Chỉ tiêu".into(),
            "Đơn vị tính".into(),
            "Năm 2024 so với năm 2023".into(),
        ],
        align: vec![Align::Left, Align::Center, Align::Right],
        rows: [
            ("Giá trị tăng thêm ngành công nghiệp", "6,2", "6.2"),
            ("Chỉ số sản xuất công nghiệp (IIP)", "5,9", "5.9"),
            ("Chỉ số tiêu thụ sản phẩm công nghiệp", "8,2", "8.2"),
            (
                "Chỉ số tồn kho ngành công nghiệp chế biến, chế tạo (cuối năm)",
                "-11,5",
                "-11.5",
            ),
            ("Giá trị tăng thêm khu vực dịch vụ", "7,14", "7.14"),
            (
                "Tổng mức bán ra và doanh thu dịch vụ tiêu dùng",
                "10,6",
                "10.6",
            ),
        ]
        .into_iter()
        .map(|(name, shown, exact)| {
            vec![
                vec![text(name)],
                vec![text("%")],
                vec![figure(shown, exact)],
            ]
        })
        .collect(),
        note: "Ghi chú: số liệu năm 2024 là số ước tính.".into(),
    };
    Document {
        language: "vi".into(),
        meta,
        blocks: vec![
            heading(1, "I.", "KẾT QUẢ THỰC HIỆN NHIỆM VỤ NĂM 2024"),
            heading(2, "1.", "Sản xuất công nghiệp"),
            paragraph(vec![
                text("Giá trị tăng thêm ngành công nghiệp năm 2024 ước tăng "),
                figure("6,2%", "6.2"),
                text(", đóng góp "),
                figure("0,82", "0.82"),
                text(" điểm % vào mức tăng "),
                figure("6,52%", "6.52"),
                text(" của GRDP (chiếm "),
                figure("12,6%", "12.6"),
                text("). Chỉ số sản xuất công nghiệp (IIP) năm 2024 ước tăng "),
                figure("5,9%", "5.9"),
                text(" so với năm 2023."),
            ]),
            paragraph(vec![
                text("Chỉ số tiêu thụ sản phẩm năm 2024 tăng "),
                figure("8,2%", "8.2"),
                text(
                    " so với năm 2023, trong đó một số ngành sản xuất có chỉ số tiêu thụ \
                     tăng: Máy móc, thiết bị tăng ",
                ),
                figure("30%", "30"),
                text("; dệt tăng "),
                figure("29,3%", "29.3"),
                text("; thuốc, hóa dược và dược liệu tăng "),
                figure("18,7%", "18.7"),
                text(
                    ". Chỉ số tồn kho ngành công nghiệp chế biến, chế tạo thời điểm cuối \
                     năm 2024 giảm ",
                ),
                figure("11,5%", "-11.5"),
                text(" so với cuối năm 2023."),
            ]),
            heading(2, "2.", "Thương mại, dịch vụ"),
            paragraph(vec![
                text("Giá trị tăng thêm khu vực dịch vụ năm 2024 ước tăng "),
                figure("7,14%", "7.14"),
                text(" so với năm 2023, đóng góp "),
                figure("4,72", "4.72"),
                text(" điểm % vào mức tăng "),
                figure("6,52%", "6.52"),
                text(" của GRDP (chiếm "),
                figure("72,4%", "72.4"),
                text("). Tổng mức bán ra và doanh thu dịch vụ tiêu dùng ước đạt "),
                figure("4.268", "4268"),
                text(" nghìn tỷ đồng, tăng "),
                figure("10,6%", "10.6"),
                text(" so với năm 2023."),
            ]),
            Block::Table(growth),
            heading(1, "II.", "NHIỆM VỤ, GIẢI PHÁP TRỌNG TÂM NĂM 2025"),
            heading(2, "1.", "Mục tiêu"),
            paragraph(vec![text(
                "Sở Công Thương phấn đấu hoàn thành, hoàn thành vượt mức một số \
                 chỉ tiêu năm 2025:",
            )]),
            Block::List {
                style: Default::default(),
                items: vec![
                    vec![
                        text("Giá trị tăng thêm ngành công nghiệp phấn đấu tăng từ "),
                        figure("6,95%", "6.95"),
                        text(" trở lên;"),
                    ],
                    vec![
                        text("Kim ngạch xuất khẩu phấn đấu tăng từ "),
                        figure("5%", "5"),
                        text(" trở lên;"),
                    ],
                    vec![
                        text(
                            "Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ xã hội \
                             tăng từ ",
                        ),
                        figure("9%", "9"),
                        text(" trở lên;"),
                    ],
                    vec![
                        text("Chỉ số giá tiêu dùng kiểm soát tăng dưới "),
                        figure("4,5%", "4.5"),
                        text("."),
                    ],
                ],
            },
            heading(2, "2.", "Nhiệm vụ, giải pháp chủ yếu"),
            heading(3, "a)", "Lĩnh vực công nghiệp"),
            paragraph(vec![text(
                "Tập trung tháo gỡ khó khăn, vướng mắc và hỗ trợ doanh nghiệp khôi \
                 phục sản xuất kinh doanh, thu hút đầu tư để có những dự án công \
                 nghiệp lớn có vai trò quan trọng đi vào vận hành nhằm gia tăng năng \
                 lực sản xuất. Tập trung thu hút đầu tư vào 7 cụm công nghiệp đã hoàn \
                 thành công tác đầu tư hạ tầng kỹ thuật.",
            )]),
            heading(3, "b)", "Lĩnh vực thương mại"),
            paragraph(vec![text(
                "Tập trung đẩy mạnh công tác hội nhập kinh tế quốc tế, triển khai có \
                 hiệu quả các hiệp định thương mại tự do (FTA) đã có hiệu lực; đề xuất \
                 các giải pháp để tăng trưởng xuất khẩu bền vững. Đẩy mạnh phát triển \
                 thị trường trong nước gắn với cuộc vận động “Người Việt Nam ưu tiên \
                 dùng hàng Việt Nam”.",
            )]),
        ],
    }
}

mod runtime;

mod header {
    use super::*;

    /// The top of the page in official-layout.md, character for character.
    const SPEC: &str = "
     UBND THÀNH PHỐ HÀ NỘI             CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
         SỞ CÔNG THƯƠNG                   Độc lập - Tự do - Hạnh phúc
           ──────────                     ───────────────────────────
         Số: 12/BC-SCT                 Hà Nội, ngày 05 tháng 01 năm 2025

                                    BÁO CÁO
            Tổng kết công tác năm 2024, triển khai nhiệm vụ năm 2025
                                   ──────────
";

    #[test]
    fn the_header_block_is_the_spec_example() {
        let doc = Document {
            meta: hanoi_meta(),
            ..Document::default()
        };
        let out = render_at(&doc, 80);
        // the constant starts with a newline so that its lines line up here
        let spec = SPEC.strip_prefix('\n').unwrap();
        let got: Vec<&str> = out.lines().collect();
        let want: Vec<&str> = spec.lines().collect();
        assert_eq!(got[..4], want[..4], "the two-column block");
        assert_eq!(out, spec, "header, title, subject and rule");
    }

    #[test]
    fn decomposed_input_renders_like_composed_input() {
        let composed = hanoi_2024();
        let meta = &composed.meta;
        let nfd = |s: &str| s.nfd().collect::<String>();
        let mut decomposed = composed.clone();
        decomposed.meta.authority = nfd(&meta.authority).into();
        decomposed.meta.department = nfd(&meta.department).into();
        decomposed.meta.nation = nfd(&meta.nation).into();
        decomposed.meta.motto = nfd(&meta.motto).into();
        decomposed.meta.place_date = nfd(&meta.place_date).into();
        decomposed.meta.signature.name = nfd(&meta.signature.name).into();
        // "Hà Nội" written with combining grave, circumflex and dot below
        decomposed
            .blocks
            .push(paragraph(vec![text("Ha\u{300} No\u{302}\u{323}i")]));
        let mut composed = composed.clone();
        composed.blocks.push(paragraph(vec![text("Hà Nội")]));
        assert_ne!(decomposed, composed);
        for width in [40, 60, 80] {
            let out = render_at(&decomposed, width);
            check_text_file(&out);
            assert_eq!(out, render_at(&composed, width));
        }
    }

    #[test]
    fn a_wide_character_keeps_the_right_column_in_place() {
        let mut doc = Document {
            meta: hanoi_meta(),
            ..Document::default()
        };
        doc.meta.authority = "UBND 中 HÀ NỘI".into();
        let out = render_at(&doc, 80);
        check_text_file(&out);
        let first = out.lines().next().unwrap();
        // "UBND 中 HÀ NỘI" is 14 columns (中 takes two): 9 blanks before it
        // in the left column, 9 after; the nation starts 7 columns into the
        // right one.
        let (left, right) = first.split_at(first.find("CỘNG").unwrap());
        assert_eq!(columns(left), 32 + 7);
        assert_eq!(left.trim_end(), "         UBND 中 HÀ NỘI");
        assert_eq!(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    }

    #[test]
    fn the_signature_sits_beside_the_recipients() {
        let out = render_at(&hanoi_2024(), 80);
        let lines: Vec<&str> = out.lines().collect();
        let at = lines
            .iter()
            .position(|l| l.starts_with("Nơi nhận:"))
            .unwrap();
        let end = &lines[at..];
        assert_eq!(
            end.len(),
            7,
            "2 titles, 4 blanks and the name beside the label and 3 recipients"
        );
        assert!(end[0].ends_with("KT. GIÁM ĐỐC"));
        assert!(end[1].starts_with("- Bộ Công Thương;") && end[1].ends_with("PHÓ GIÁM ĐỐC"));
        assert_eq!(end[3], "- Lưu: VT, KHTC.");
        // the name is centred in the right column, under the titles
        let name = end[6].trim_start();
        assert_eq!(name, "Nguyễn Kiều Oanh");
        assert_eq!(columns(end[6]) - columns(name), 32 + (48 - 16) / 2);
    }
}

mod paragraphs {
    use super::*;
    use proptest::prelude::*;

    /// Lowercase Vietnamese letters, precomposed, and what figures are
    /// written with.
    const LETTERS: &str = "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ0123456789,%.";

    fn word(max: usize) -> impl Strategy<Value = String> {
        let letters: Vec<char> = LETTERS.chars().collect();
        proptest::collection::vec(proptest::sample::select(letters), 1..=max)
            .prop_map(|chars| chars.into_iter().collect())
    }

    /// Mostly syllable-sized words, now and then one longer than any line.
    fn words() -> impl Strategy<Value = Vec<String>> {
        let one = prop_oneof![30 => word(8), 1 => word(130)];
        proptest::collection::vec(one, 1..120)
    }

    fn one_paragraph(words: &[String], decompose: bool) -> Document<'static> {
        let mut text = words.join(" ");
        if decompose {
            text = text.nfd().collect();
        }
        Document {
            blocks: vec![paragraph(vec![Inline::text(text)])],
            ..Document::default()
        }
    }

    proptest! {
        #[test]
        fn justified_paragraphs_fill_the_width_and_keep_the_words(
            words in words(),
            width in 40usize..=120,
            decompose in any::<bool>(),
        ) {
            let out = render_at(&one_paragraph(&words, decompose), width);
            check_text_file(&out);
            let lines: Vec<&str> = out.lines().collect();
            for (i, line) in lines.iter().enumerate() {
                let in_line = line.split_whitespace().count();
                prop_assert!(
                    columns(line) <= width || in_line == 1,
                    "line {i} is {} columns: {line:?}", columns(line)
                );
                // all but the last are justified, unless a lone word had
                // no partner that fit
                if i + 1 < lines.len() && in_line > 1 {
                    prop_assert_eq!(columns(line), width, "line {} not justified: {:?}", i, line);
                }
            }
            let printed: Vec<&str> = out.split_whitespace().collect();
            prop_assert_eq!(printed, words.iter().map(String::as_str).collect::<Vec<_>>());
        }
    }

    #[test]
    fn the_first_line_is_indented_and_the_others_are_not() {
        let doc = one_paragraph(&vec!["từ".to_owned(); 40], false);
        let out = render(
            &doc,
            &Options {
                width: 40,
                indent: 4,
            },
        )
        .unwrap();
        let lines: Vec<&str> = out.lines().collect();
        assert!(lines[0].starts_with("    từ"));
        assert!(lines[1..].iter().all(|l| l.starts_with("từ")));
    }

    #[test]
    fn list_items_hang_under_their_text() {
        let doc = Document {
            blocks: vec![Block::List {
                style: Default::default(),
                items: vec![vec![Inline::text(
                    "Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ xã hội tăng từ 9% trở lên;",
                )]],
            }],
            ..Document::default()
        };
        let out = render_at(&doc, 40);
        assert_eq!(
            out,
            "     - Tổng mức bán lẻ hàng hóa và doanh\n       \
             thu dịch vụ xã hội tăng từ 9% trở\n       \
             lên;\n"
        );
    }
}

mod tables {
    use super::*;
    use proptest::prelude::*;

    /// The display columns at which `line` has a border or junction.
    fn borders(line: &str) -> Vec<usize> {
        let mut at = 0;
        let mut found = Vec::new();
        for c in line.chars() {
            if "│┌┬┐├┼┤└┴┘".contains(c) {
                found.push(at);
            }
            at += c.to_string().width();
        }
        found
    }

    /// The grid's lines: from the top border to the bottom one.
    fn grid(out: &str) -> Vec<&str> {
        out.lines()
            .skip_while(|l| !l.trim_start().starts_with('┌'))
            .take_while(|l| !l.is_empty())
            .filter(|l| !borders(l).is_empty())
            .collect()
    }

    fn table(
        header: &[&'static str],
        rows: &[&[&'static str]],
        align: &[Align],
    ) -> Document<'static> {
        Document {
            blocks: vec![Block::Table(Table {
                header: header.iter().map(|&h| h.into()).collect(),
                align: align.to_vec(),
                rows: rows
                    .iter()
                    .map(|row| row.iter().map(|&c| vec![Inline::text(c)]).collect())
                    .collect(),
                ..Table::default()
            })],
            ..Document::default()
        }
    }

    fn check_grid(out: &str, width: usize) {
        check_text_file(out);
        let lines = grid(out);
        assert!(lines.len() >= 3, "no grid in {out}");
        let first = borders(lines[0]);
        for line in &lines {
            assert_eq!(columns(line), columns(lines[0]), "ragged grid:\n{out}");
            assert_eq!(borders(line), first, "borders do not line up:\n{out}");
            assert!(columns(line) <= width, "grid wider than {width}:\n{out}");
        }
    }

    #[test]
    fn diacritics_and_wide_characters_keep_the_borders_aligned() {
        let decomposed_hanoi = "Ha\u{300} No\u{302}\u{323}i";
        let doc = table(
            &["Địa bàn", "中 Chỉ số", "Tăng (%)"],
            &[
                &[decomposed_hanoi, "IIP", "5,9"],
                &["中国", "Tiêu thụ", "8,2"],
                &["Thành phố Hồ Chí Minh", "中", "-11,5"],
            ],
            &[Align::Left, Align::Center, Align::Right],
        );
        for width in [40, 80] {
            let out = render_at(&doc, width);
            check_grid(&out, width);
            assert!(out.contains("│ Hà Nội "), "not composed:\n{out}");
        }
        let out = render_at(&doc, 80);
        // starts with a newline so that the grid lines up here
        let want = "
                ┌───────────────────────┬───────────┬──────────┐
                │        Địa bàn        │ 中 Chỉ số │ Tăng (%) │
                ├───────────────────────┼───────────┼──────────┤
                │ Hà Nội                │    IIP    │      5,9 │
                │ 中国                  │ Tiêu thụ  │      8,2 │
                │ Thành phố Hồ Chí Minh │    中     │    -11,5 │
                └───────────────────────┴───────────┴──────────┘
";
        assert_eq!(out, want.strip_prefix('\n').unwrap());
    }

    #[test]
    fn a_wide_table_wraps_its_text_columns_first() {
        let doc = table(
            &["Chỉ tiêu", "Đơn vị tính", "Năm 2024 so với năm 2023"],
            &[
                &[
                    "Chỉ số tồn kho ngành công nghiệp chế biến, chế tạo (cuối năm)",
                    "%",
                    "-11,5",
                ],
                &[
                    "Tổng mức bán ra và doanh thu dịch vụ tiêu dùng",
                    "nghìn tỷ đồng",
                    "4.268",
                ],
            ],
            &[Align::Left, Align::Center, Align::Right],
        );
        let out = render_at(&doc, 40);
        check_grid(&out, 40);
        assert_eq!(columns(grid(&out)[0]), 40);
        // figures are never cut
        assert!(out.contains("-11,5 │") && out.contains("4.268 │"));
    }

    proptest! {
        #[test]
        fn every_grid_line_has_the_same_width(
            cells in proptest::collection::vec(
                proptest::collection::vec("[a-zàộữ中 ]{0,30}", 1..5),
                1..6,
            ),
            width in 40usize..=120,
        ) {
            let doc = Document {
                blocks: vec![Block::Table(Table {
                    header: vec!["Chỉ tiêu".into(), "中".into()],
                    rows: cells
                        .into_iter()
                        .map(|row| row.into_iter().map(|c| vec![Inline::text(c)]).collect())
                        .collect(),
                    ..Table::default()
                })],
                ..Document::default()
            };
            let out = render_at(&doc, width);
            let lines = grid(&out);
            for line in &lines {
                prop_assert_eq!(columns(line), columns(lines[0]));
                prop_assert_eq!(borders(line), borders(lines[0]));
            }
        }
    }
}

mod any_input {
    use super::*;
    use proptest::prelude::*;

    /// Any text: controls, combining marks, wide and zero-width characters,
    /// glue spaces, with Vietnamese words mixed in so that lines fill.
    fn any_text() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            any::<String>(),
            "[ \\t\\n\\u{a0}\\u{200b}\\u{301}\\u{323}中a-zộ]{0,20}",
            Just("tăng trưởng kinh tế ".to_owned()),
        ];
        proptest::collection::vec(piece, 0..4).prop_map(|p| p.concat())
    }

    fn inlines() -> impl Strategy<Value = Vec<Inline<'static>>> {
        proptest::collection::vec(any_text().prop_map(Inline::text), 0..3)
    }

    fn block() -> impl Strategy<Value = Block<'static>> {
        prop_oneof![
            (any::<u8>(), any_text(), inlines()).prop_map(|(level, number, content)| {
                Block::Heading {
                    level,
                    number: number.into(),
                    content,
                }
            }),
            inlines().prop_map(|content| Block::Paragraph { content }),
            (
                proptest::collection::vec(inlines(), 0..3),
                proptest::sample::select(vec![
                    ListStyle::Bullet,
                    ListStyle::Letter,
                    ListStyle::Number
                ]),
            )
                .prop_map(|(items, style)| Block::List { style, items }),
            Just(Block::PageBreak {}),
            (
                any_text(),
                proptest::collection::vec(any_text(), 0..4),
                proptest::collection::vec(proptest::collection::vec(inlines(), 0..5), 0..4),
                any_text(),
                proptest::collection::vec((any_text(), 0u32..4), 0..4),
                any_text(),
            )
                .prop_map(|(caption, header, rows, note, groups, unit)| {
                    Block::Table(Table {
                        header_groups: groups
                            .into_iter()
                            .map(|(text, span)| HeaderGroup::new(text, span))
                            .collect(),
                        unit: unit.into(),
                        caption: caption.into(),
                        header: header.into_iter().map(Into::into).collect(),
                        align: vec![Align::Right, Align::Center],
                        rows,
                        note: note.into(),
                    })
                }),
        ]
    }

    fn document() -> impl Strategy<Value = Document<'static>> {
        (
            proptest::collection::vec(any_text(), 9),
            proptest::collection::vec(any_text(), 0..4),
            proptest::collection::vec(block(), 0..6),
        )
            .prop_map(|(m, recipients, blocks)| {
                let mut doc = Document {
                    blocks,
                    ..Document::default()
                };
                let meta = &mut doc.meta;
                meta.authority = m[0].clone().into();
                meta.department = m[1].clone().into();
                meta.number = m[2].clone().into();
                meta.nation = m[3].clone().into();
                meta.motto = m[4].clone().into();
                meta.place_date = m[5].clone().into();
                meta.subject = m[6].clone().into();
                meta.signature.titles = vec![m[7].clone().into()];
                meta.signature.name = m[8].clone().into();
                meta.recipients = recipients.into_iter().map(Into::into).collect();
                doc
            })
    }

    proptest! {
        #[test]
        fn any_document_renders_to_a_clean_text_file(
            doc in document(),
            width in 40usize..=120,
            indent in 0usize..=10,
        ) {
            let out = render(&doc, &Options { width, indent }).unwrap();
            check_text_file(&out);
            for line in out.lines().filter(|&l| l != "\u{C}") {
                prop_assert!(!line.chars().any(|c| c.is_control()), "control in {:?}", line);
            }
        }
    }
}

mod snapshots {
    use super::*;

    fn snapshot(width: usize) -> String {
        let out = render_at(&hanoi_2024(), width);
        check_text_file(&out);
        out
    }

    #[test]
    fn hanoi_2024_at_80_columns() {
        insta::with_settings!({ description => "fixture hanoi_2024() in tests/main.rs, width 80" }, {
            insta::assert_snapshot!(snapshot(80));
        });
    }

    #[test]
    fn hanoi_2024_at_60_columns() {
        insta::with_settings!({ description => "fixture hanoi_2024() in tests/main.rs, width 60" }, {
            insta::assert_snapshot!(snapshot(60));
        });
    }

    #[test]
    fn no_line_is_wider_than_the_page() {
        for width in [40, 60, 80, 100] {
            let out = render_at(&hanoi_2024(), width);
            for line in out.lines() {
                assert!(columns(line) <= width, "{width}: {line:?}");
            }
        }
    }
}

mod every_kind {
    use super::*;
    use baocao_plugin_api::fixture::every_kind;

    fn snapshot(width: usize) -> String {
        let out = render_at(&every_kind(), width);
        check_text_file(&out);
        out
    }

    #[test]
    fn every_kind_at_80_columns() {
        insta::with_settings!({ description => "baocao_plugin_api::fixture::every_kind(), width 80" }, {
            insta::assert_snapshot!(snapshot(80));
        });
    }

    #[test]
    fn every_kind_at_60_columns() {
        insta::with_settings!({ description => "baocao_plugin_api::fixture::every_kind(), width 60" }, {
            insta::assert_snapshot!(snapshot(60));
        });
    }

    #[test]
    fn no_line_is_wider_than_the_page_and_the_grid_is_square() {
        for width in [40, 50, 60, 80, 100] {
            let out = snapshot(width);
            for line in out.lines() {
                assert!(columns(line) <= width, "{width}: {line:?}");
            }
            let grid: Vec<&str> = out
                .lines()
                .skip_while(|l| !l.trim_start().starts_with('┌'))
                .take_while(|l| !l.trim_start().starts_with('└'))
                .collect();
            for line in &grid {
                assert_eq!(columns(line), columns(grid[0]), "{width}:\n{out}");
            }
        }
    }

    #[test]
    fn styled_text_prints_plainly_and_lists_keep_their_markers() {
        let out = snapshot(80);
        assert!(out.contains("chưa đạt kế hoạch đề ra"));
        assert!(!out.contains('*'));
        for marker in [
            "     - sản xuất",
            "     1. Triển khai",
            "     a) Chỉ số",
            "     c) chỉ số",
        ] {
            assert!(out.contains(marker), "{marker}:\n{out}");
        }
        // the page break starts part II at the top of a page
        assert!(out.contains("\n\u{C}\nII. NHIỆM VỤ"), "{out}");
    }

    #[test]
    fn a_place_name_is_never_split_in_the_recipients() {
        let mut doc = Document {
            meta: hanoi_meta(),
            ..Document::default()
        };
        doc.meta.recipients_label = "Nơi nhận:".into();
        doc.meta.recipients = vec!["- Sở Công Thương thành phố Đà Nẵng;".into()];
        doc.meta.signature.titles = vec!["GIÁM ĐỐC".into()];
        let out = render_at(&doc, 40);
        let left: Vec<&str> = out
            .lines()
            .skip_while(|l| !l.starts_with("Nơi nhận:"))
            .map(|l| {
                l.get(..l.char_indices().nth(16).map_or(l.len(), |(i, _)| i))
                    .unwrap_or(l)
                    .trim_end()
            })
            .collect();
        assert_eq!(
            left,
            [
                "Nơi nhận:",
                "- Sở",
                "  Công Thương",
                "  thành phố",
                "  Đà Nẵng;"
            ],
            "{out}"
        );
    }
}
