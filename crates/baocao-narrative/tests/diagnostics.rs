//! What a clerk sees for each kind of template mistake: the place of the
//! mistake (file, line, column, the tag or the name underlined), a message
//! in plain words and what to do, as `baocao check` prints it.

use baocao_diagnostic::{Style, render};
use baocao_narrative::{Report, Templates};

/// The diagnostic of a template that must fail, as printed.
fn shown(template: &str) -> String {
    let err = super::render(template).expect_err("the template has a mistake");
    render(&[err.diagnostic()], Style::Plain)
}

/// The diagnostic of a report whose main template includes
/// `sections/industry.jinja`, read from the department's folder.
fn shown_in_section(main: &str, section: &str) -> String {
    let ds = baocao_dataset::read_str(super::DATA, "t.toml").expect("the test dataset reads");
    let figures = baocao_calc::compute(&ds, "2024".parse().expect("a period"));
    let mut t = Templates::default();
    t.insert("report.jinja", "config/tinh/templates/report.jinja", main);
    t.insert(
        "sections/industry.jinja",
        "config/tinh/templates/sections/industry.jinja",
        section,
    );
    let err = baocao_narrative::render(&Report::new(&ds, figures, &t, "report.jinja"))
        .expect_err("the template has a mistake");
    render(&[err.diagnostic()], Style::Plain)
}

// 1. A part opened and never closed: told at the tag that opened it.

#[test]
fn an_unclosed_if_is_told_where_it_opens() {
    insta::assert_snapshot!(shown(
        "Mở đầu.\n{% if data.up.growth %}\nNgành tăng {{ data.up.growth | change }}.\n\nĐoạn sau.\n"
    ));
}

#[test]
fn an_unclosed_for_is_told_where_it_opens() {
    insta::assert_snapshot!(shown(
        "{% for c in data.grdp.children %}\n- {{ c.name | capfirst }}\n{% if true %}x{% endif %}\n"
    ));
}

#[test]
fn an_unclosed_macro_is_told_where_it_opens() {
    insta::assert_snapshot!(shown(
        "{% macro rise(f) %}\n{{ f | change }}\n\n{{ rise(data.up.growth) }}\n"
    ));
}

#[test]
fn an_unclosed_block_is_told_where_it_opens() {
    insta::assert_snapshot!(shown("{% block body %}\nNội dung.\n"));
}

/// Tags in comments and in `{% raw %}` close nothing; `{%-` and `-%}`
/// are tags as any other.
#[test]
fn comments_raw_and_whitespace_control_are_read_as_minijinja_reads_them() {
    insta::assert_snapshot!(shown(
        "{# {% if a %} in a comment #}\n{%- if data.up.growth -%}\n{% raw %}{% endif %}{% endraw %}\n{# {% endif %} #}\n"
    ));
}

#[test]
fn the_innermost_unclosed_part_is_told() {
    insta::assert_snapshot!(shown(
        "{% if data.up.growth %}\n{% for c in data.grdp.children %}\n{% if c.growth %}x{% endif %}\n{% endif %}\n"
    ));
}

#[test]
fn an_endif_with_nothing_to_close() {
    insta::assert_snapshot!(shown("Câu.{% endif %}\n"));
}

// 2. Statements misspelt or out of place.

#[test]
fn end_if_in_two_words() {
    insta::assert_snapshot!(shown("{% if data.up.growth %}Tăng.{% end if %}\n"));
}

#[test]
fn endfi() {
    insta::assert_snapshot!(shown("{% if data.up.growth %}Tăng.{% endfi %}\n"));
}

#[test]
fn elsif() {
    insta::assert_snapshot!(shown(
        "{% if data.up.growth %}Tăng.{% elsif data.down.growth %}Giảm.{% endif %}\n"
    ));
}

#[test]
fn else_if_in_two_words() {
    insta::assert_snapshot!(shown(
        "{% if data.up.growth %}Tăng.{% else if data.down.growth %}Giảm.{% endif %}\n"
    ));
}

#[test]
fn a_bare_end_closes_what_is_open() {
    insta::assert_snapshot!(shown(
        "{% for c in data.grdp.children %}{{ c.name }}{% end %}\n"
    ));
}

#[test]
fn a_value_in_a_statement_tag() {
    insta::assert_snapshot!(shown("{% data.up.growth | pct %}\n"));
}

#[test]
fn a_second_else() {
    insta::assert_snapshot!(shown(
        "{% if data.up.growth %}a{% else %}b{% else %}c{% endif %}\n"
    ));
}

// 3. Filters, functions and tests by a name the environment lacks.

#[test]
fn a_misspelt_filter() {
    insta::assert_snapshot!(shown("Tăng {{ data.up.growth | pctt }}.\n"));
}

#[test]
fn a_misspelt_function() {
    insta::assert_snapshot!(shown("{% if hass(\"up.growth\") %}x{% endif %}\n"));
}

#[test]
fn a_filter_called_as_a_function() {
    insta::assert_snapshot!(shown("{{ pct(data.up.share) }}\n"));
}

#[test]
fn a_misspelt_test() {
    insta::assert_snapshot!(shown("{% if region is defind %}x{% endif %}\n"));
}

// 4. Figures and names the report does not have.

#[test]
fn an_id_and_a_measure_run_together() {
    insta::assert_snapshot!(shown("IIP {{ data.iip_growht | change }}.\n"));
}

#[test]
fn an_unknown_indicator() {
    insta::assert_snapshot!(shown("\n\n{{ data.nothere.growth }}\n"));
}

#[test]
fn a_misspelt_indicator() {
    insta::assert_snapshot!(shown("Bán ra {{ data.sale.value | level }}.\n"));
}

#[test]
fn a_misspelt_measure_in_an_if() {
    insta::assert_snapshot!(shown(
        "{% if data.up.growht %}Tăng {{ data.up.growth | change }}.{% endif %}\n"
    ));
}

#[test]
fn a_misspelt_measure_in_has() {
    insta::assert_snapshot!(shown(
        "{% if has(\"up.growht\", what=\"câu ngành tăng\") %}x{% endif %}\n"
    ));
}

#[test]
fn a_misspelt_variable() {
    insta::assert_snapshot!(shown("Báo cáo của {{ regoin }}.\n"));
}

#[test]
fn a_misspelt_attribute() {
    insta::assert_snapshot!(shown("Kết quả {{ period.lable }}.\n"));
}

#[test]
fn a_misspelt_method() {
    insta::assert_snapshot!(shown(
        "{% for c in data.grdp.tops(2) %}{{ c.name }}{% endfor %}\n"
    ));
}

/// A name set to an indicator is read as the indicator.
#[test]
fn a_misspelt_attribute_of_a_name_set_to_an_indicator() {
    insta::assert_snapshot!(shown(
        "{% set g = data.grdp %}\n{% for c in g.childs if c.growth %}{{ c.name }}{% endfor %}\n"
    ));
}

// 5. Everything else: a precise place and plain words.

#[test]
fn an_absent_figure_written_unguarded() {
    insta::assert_snapshot!(shown("Dòng một.\n{{ data.empty.growth | pct }}\n"));
}

#[test]
fn a_filter_given_an_indicator() {
    insta::assert_snapshot!(shown("{{ data.up | pct }}\n"));
}

#[test]
fn arithmetic_on_a_figure() {
    insta::assert_snapshot!(shown("{{ data.up.growth + 1 }}\n"));
}

#[test]
fn text_added_to_a_number() {
    insta::assert_snapshot!(shown("{{ \"năm \" + period.year }}\n"));
}

#[test]
fn too_many_arguments() {
    insta::assert_snapshot!(shown("{{ data.up.growth | pct(1, 2) }}\n"));
}

#[test]
fn an_if_without_a_condition() {
    insta::assert_snapshot!(shown("{% if %}x{% endif %}\n"));
}

#[test]
fn a_value_tag_never_closed() {
    insta::assert_snapshot!(shown(
        "Tăng {{ data.up.growth | pct\n\nĐoạn sau {{ region }}.\n"
    ));
}

#[test]
fn a_value_tag_closed_with_one_brace() {
    insta::assert_snapshot!(shown(
        "Kết quả {{ period.label } so với {{ period.compare }}.\n"
    ));
}

#[test]
fn a_syntax_error_in_plain_words() {
    insta::assert_snapshot!(shown("{{ data.up.growth | }}\n"));
}

#[test]
fn a_template_that_does_not_exist() {
    insta::assert_snapshot!(shown_in_section(
        "{% include \"sections/industy.jinja\" %}\n",
        "Công nghiệp.\n"
    ));
}

// 6. A mistake in an included template is told in that template, under
// the department's path for it.

#[test]
fn a_mistake_in_an_included_template() {
    insta::assert_snapshot!(shown_in_section(
        "# Báo cáo\n{% include \"sections/industry.jinja\" %}\n",
        "Ngành tăng {{ data.up.growth | chnage }}.\n"
    ));
}

#[test]
fn an_unclosed_if_in_an_included_template() {
    insta::assert_snapshot!(shown_in_section(
        "# Báo cáo\n{% include \"sections/industry.jinja\" %}\n",
        "{% if data.up.growth %}\nNgành tăng {{ data.up.growth | change }}.\n"
    ));
}

#[test]
fn an_endfor_closing_an_if() {
    insta::assert_snapshot!(shown("{% if data.up.growth %}\nTăng.\n{% endfor %}\n"));
}

#[test]
fn a_misspelt_loop_attribute() {
    insta::assert_snapshot!(shown(
        "{% for c in data.grdp.children %}{{ loop.idnex }}. {{ c.name }}{% endfor %}\n"
    ));
}

#[test]
fn an_unknown_name_far_from_any() {
    insta::assert_snapshot!(shown("{{ thang }}\n"));
}

/// Pieces templates are made of, mistakes included.
pub(crate) const PIECES: &[&str] = &[
    "{%",
    "%}",
    "{%-",
    "-%}",
    "{{",
    "}}",
    "{#",
    "#}",
    " if ",
    " elif ",
    " else ",
    " endif ",
    " end ",
    " for c in ",
    " endfor ",
    " raw ",
    " endraw ",
    " set x ",
    " = ",
    " macro m() ",
    " endmacro ",
    "data.",
    "up",
    "iip_growht",
    ".growth",
    ".growht",
    " | ",
    "pct",
    "pctt",
    "has(",
    "\"up.growht\"",
    "'",
    "\"",
    "(",
    ")",
    ",",
    "what=",
    "\n",
    "Đoạn ",
    "ạ",
    " ",
    "x",
    ".",
    "{",
    "}",
    "regoin",
    "period.lable",
    " + 1",
];

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2048))]

    /// Whatever a clerk types, a mistake is told, never a crash, and
    /// told in the template with a place.
    #[test]
    fn any_mistake_is_told_without_a_crash(
        pieces in proptest::collection::vec(proptest::sample::select(PIECES), 0..24)
    ) {
        let template = pieces.concat();
        if let Err(e) = super::render(&template) {
            let d = e.diagnostic();
            proptest::prop_assert!(d.file() == Some("templates/r.jinja"), "{template:?}: {d}");
            proptest::prop_assert!(!d.message.is_empty());
            let _ = render(&[d], Style::Plain);
        }
    }
}

/// The subject line of department.toml is a template too.
#[test]
fn a_mistake_in_the_subject() {
    let ds = baocao_dataset::read_str(super::DATA, "t.toml").expect("the test dataset reads");
    let figures = baocao_calc::compute(&ds, "2024".parse().expect("a period"));
    let mut t = Templates::default();
    t.insert("r.jinja", "templates/r.jinja", "Câu.\n");
    let mut report = Report::new(&ds, figures, &t, "r.jinja");
    report.meta.subject = "Tổng kết công tác {{ period.lable }}".into();
    let err = baocao_narrative::render(&report).expect_err("the subject has a mistake");
    insta::assert_snapshot!(render(&[err.diagnostic()], Style::Plain));
}

#[test]
fn an_import_of_a_template_that_does_not_exist() {
    insta::assert_snapshot!(shown_in_section(
        "{% from \"sections/word.jinja\" import rise %}\n{{ rise(data.up.growth) }}\n",
        "Công nghiệp.\n"
    ));
}
