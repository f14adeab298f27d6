//! A chart as a Word chart (DrawingML, `word/charts/chartN.xml`): Word
//! and LibreOffice draw it from the figures it holds, sharp at any size,
//! and a clerk can restyle it in Word.
//!
//! Why not a picture of the HTML report's SVG: drawing a chart to pixels
//! and encoding it cost about 20 ms (`resvg`; `docs/performance.md`,
//! "Charts"), and a batch of 340 reports has about a thousand charts,
//! which made the batch seven times longer; this part is a few kilobytes
//! of text written in microseconds, and prints sharp at any size.
//!
//! What it keeps of the HTML report's drawing: the axis (the same round
//! steps, chosen by `baocao_chart::Scale`), the colours, and every value
//! labelled with the report's own text ("4,72", not a number Word formats
//! in the reader's locale). The figures are cached in the part, and
//! embedded as a small workbook (`word/embeddings/`, [`workbook`]), so
//! that Word's "Edit Data" opens them in a sheet as it does for a chart
//! made in Word: the categories in column A, a series a column from B,
//! each value exact.

use std::fmt::Write as _;

use baocao_chart::{Scale, Values, colours};
use baocao_plugin_api::{Chart, ChartKind};
use rust_decimal::Decimal;

use crate::parts::{R, XML_DECL, relationships};
use crate::xml::escaped;

const C: &str = "http://schemas.openxmlformats.org/drawingml/2006/chart";
const A: &str = "http://schemas.openxmlformats.org/drawingml/2006/main";

/// The ids of the two axes of every chart.
const CAT_AX: u32 = 500_000_001;
const VAL_AX: u32 = 500_000_002;

/// The relationship id, in the chart's part, of its embedded workbook.
pub(crate) const WORKBOOK_REL: &str = "rIdWorkbook";

/// A chart as Word holds it.
pub(crate) struct WordChart {
    /// The chart's part (`word/charts/chartN.xml`).
    pub(crate) xml: String,
    /// The workbook behind it, the text of its sheet (see [`workbook`]).
    pub(crate) sheet: String,
    /// How high it is drawn, in twips, the width of the text.
    pub(crate) height: u32,
}

/// A chart's part, its sheet and its height. `None` when there is nothing
/// to draw (a kind of a newer version, no value with an exact decimal):
/// the exporter prints the fallback.
pub(crate) fn part(chart: &Chart<'_>, font: &str, lang: &str) -> Option<WordChart> {
    if !chart.kind.is_known() {
        return None;
    }
    let drawn = Values::of(chart)?;
    let (values, all) = (&drawn.series, &drawn.all);
    let mut x = String::with_capacity(8192);
    let _ = write!(
        x,
        "{XML_DECL}<c:chartSpace xmlns:c=\"{C}\" xmlns:a=\"{A}\" xmlns:r=\"{R}\"><c:date1904 val=\"0\"/><c:lang val=\"{lang}\"/><c:roundedCorners val=\"0\"/><c:chart><c:autoTitleDeleted val=\"1\"/><c:plotArea><c:layout/>"
    );
    let height = match chart.kind {
        ChartKind::Line => {
            line(&mut x, chart, &drawn, font);
            axes(&mut x, chart, &Scale::covering(all, false), Bars::No, font);
            4600
        }
        ChartKind::Bars => {
            columns(&mut x, chart, values, "bar", font);
            axes(
                &mut x,
                chart,
                &Scale::covering(all, true),
                Bars::Horizontal,
                font,
            );
            // A row for each item, and the axis.
            let rows = u32::try_from(chart.categories.len()).unwrap_or(10);
            1000 + 520 * rows.min(20)
        }
        _ => {
            columns(&mut x, chart, values, "col", font);
            // A label is about a tenth of the plot's height.
            let scale = Scale::with_room(all, Decimal::TEN, Decimal::ONE);
            axes(&mut x, chart, &scale, Bars::Vertical, font);
            4600
        }
    };
    x.push_str("</c:plotArea>");
    if chart.series.len() > 1 {
        let _ = write!(
            x,
            "<c:legend><c:legendPos val=\"t\"/><c:overlay val=\"0\"/>{}</c:legend>",
            text_properties(font, 1000, false)
        );
    }
    let _ = write!(
        x,
        "<c:plotVisOnly val=\"1\"/><c:dispBlanksAs val=\"gap\"/></c:chart><c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>{}<c:externalData r:id=\"{WORKBOOK_REL}\"><c:autoUpdate val=\"0\"/></c:externalData></c:chartSpace>",
        text_properties(font, 1000, false)
    );
    Some(WordChart {
        xml: x,
        sheet: sheet(chart, &drawn.series),
        height,
    })
}

/// The sheet the chart's formulas point at (`Sheet1!$A$2:$A$5`,
/// `Sheet1!$B$1`): the series' names in row 1 from B, the categories in
/// column A from row 2, each value exact (a gap an empty cell). Strings
/// are inline, so the workbook needs no shared-strings part.
fn sheet(chart: &Chart<'_>, values: &[Vec<Option<Decimal>>]) -> String {
    let mut x = String::with_capacity(2048);
    x.push_str(XML_DECL);
    x.push_str("<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData><row r=\"1\">");
    for (s, series) in chart.series.iter().enumerate() {
        let _ = write!(
            x,
            "<c r=\"{}1\" t=\"inlineStr\"><is><t>{}</t></is></c>",
            column_letter(s),
            escaped(&series.name)
        );
    }
    x.push_str("</row>");
    for (i, category) in chart.categories.iter().enumerate() {
        let r = i + 2;
        let _ = write!(
            x,
            "<row r=\"{r}\"><c r=\"A{r}\" t=\"inlineStr\"><is><t>{}</t></is></c>",
            escaped(category)
        );
        for (s, row) in values.iter().enumerate() {
            if let Some(v) = row.get(i).copied().flatten() {
                let _ = write!(
                    x,
                    "<c r=\"{}{r}\"><v>{}</v></c>",
                    column_letter(s),
                    v.normalize()
                );
            }
        }
        x.push_str("</row>");
    }
    x.push_str("</sheetData></worksheet>");
    x
}

/// A workbook of one sheet, `Sheet1`, holding `sheet`: the parts Excel
/// needs and no more (no styles, no shared strings, no dates), zipped as
/// the report is.
pub(crate) fn workbook(sheet: &str) -> zip::result::ZipResult<Vec<u8>> {
    const SML: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml";
    let types = format!(
        "{XML_DECL}<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\"{SML}.sheet.main+xml\"/><Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"{SML}.worksheet+xml\"/></Types>"
    );
    let package_rels = relationships(&[("rId1", "officeDocument", "xl/workbook.xml")]);
    let book = format!(
        "{XML_DECL}<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"{R}\"><sheets><sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"
    );
    let book_rels = relationships(&[("rId1", "worksheet", "worksheets/sheet1.xml")]);
    crate::package(&[
        ("[Content_Types].xml".to_owned(), types.as_bytes()),
        ("_rels/.rels".to_owned(), package_rels.as_bytes()),
        ("xl/workbook.xml".to_owned(), book.as_bytes()),
        (
            "xl/_rels/workbook.xml.rels".to_owned(),
            book_rels.as_bytes(),
        ),
        ("xl/worksheets/sheet1.xml".to_owned(), sheet.as_bytes()),
    ])
}

/// A colour of `baocao_chart::colours` as DrawingML writes it.
fn rgb(colour: &str) -> String {
    colour.trim_start_matches('#').to_ascii_uppercase()
}

/// Run properties: the report's font at `size` hundredths of a point.
fn text_properties(font: &str, size: u32, bold: bool) -> String {
    let font = escaped(font);
    format!(
        "<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz=\"{size}\" b=\"{}\"><a:solidFill><a:srgbClr val=\"000000\"/></a:solidFill><a:latin typeface=\"{font}\"/><a:cs typeface=\"{font}\"/></a:defRPr></a:pPr><a:endParaRPr lang=\"vi-VN\"/></a:p></c:txPr>",
        u8::from(bold)
    )
}

/// The series' name (`tx`).
fn series_name(x: &mut String, name: &str, column: usize) {
    let _ = write!(
        x,
        "<c:tx><c:strRef><c:f>Sheet1!${}$1</c:f><c:strCache><c:ptCount val=\"1\"/><c:pt idx=\"0\"><c:v>{}</c:v></c:pt></c:strCache></c:strRef></c:tx>",
        column_letter(column),
        escaped(name)
    );
}

/// Categories and values (`cat`, `val`): unknown values are left out,
/// which Word draws as a gap.
fn data(x: &mut String, chart: &Chart<'_>, values: &[Option<Decimal>], column: usize) {
    let n = chart.categories.len();
    let _ = write!(
        x,
        "<c:cat><c:strRef><c:f>Sheet1!$A$2:$A${}</c:f><c:strCache><c:ptCount val=\"{n}\"/>",
        n + 1
    );
    for (i, c) in chart.categories.iter().enumerate() {
        let _ = write!(x, "<c:pt idx=\"{i}\"><c:v>{}</c:v></c:pt>", escaped(c));
    }
    let col = column_letter(column);
    let _ = write!(
        x,
        "</c:strCache></c:strRef></c:cat><c:val><c:numRef><c:f>Sheet1!${col}$2:${col}${}</c:f><c:numCache><c:formatCode>General</c:formatCode><c:ptCount val=\"{n}\"/>",
        n + 1
    );
    for (i, v) in values.iter().enumerate() {
        if let Some(v) = v {
            let _ = write!(x, "<c:pt idx=\"{i}\"><c:v>{}</c:v></c:pt>", v.normalize());
        }
    }
    x.push_str("</c:numCache></c:numRef></c:val>");
}

/// The sheet's column of the `series`th series (from 0): "B" for the
/// first, "Z" for the 25th, then "AA", "AB"… as a spreadsheet names them.
fn column_letter(series: usize) -> String {
    // Column A holds the categories.
    let mut n = series + 2;
    let mut name = Vec::new();
    while n > 0 {
        let digit = u8::try_from((n - 1) % 26).unwrap_or(0);
        name.push(char::from(b'A' + digit));
        n = (n - 1) / 26;
    }
    name.iter().rev().collect()
}

/// Each value's label: the report's text, at `position` (`outEnd`, `t`,
/// `b`), bold for the whole.
fn labels(
    x: &mut String,
    chart: &Chart<'_>,
    series: usize,
    font: &str,
    position: impl Fn(usize) -> &'static str,
) {
    x.push_str("<c:dLbls>");
    let Some(s) = chart.series.get(series) else {
        x.push_str("<c:delete val=\"1\"/></c:dLbls>");
        return;
    };
    for (i, p) in s.values.iter().enumerate().take(chart.categories.len()) {
        let Some(p) = p else { continue };
        let _ = write!(
            x,
            "<c:dLbl><c:idx val=\"{i}\"/><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:r><a:rPr lang=\"vi-VN\" b=\"{}\"/><a:t>{}</a:t></a:r></a:p></c:rich></c:tx><c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr><c:dLblPos val=\"{}\"/><c:showLegendKey val=\"0\"/><c:showVal val=\"1\"/><c:showCatName val=\"0\"/><c:showSerName val=\"0\"/><c:showPercent val=\"0\"/><c:showBubbleSize val=\"0\"/></c:dLbl>",
            u8::from(p.total),
            escaped(&p.text),
            position(i)
        );
    }
    let _ = write!(
        x,
        "<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>{}<c:showLegendKey val=\"0\"/><c:showVal val=\"1\"/><c:showCatName val=\"0\"/><c:showSerName val=\"0\"/><c:showPercent val=\"0\"/><c:showBubbleSize val=\"0\"/></c:dLbls>",
        text_properties(font, 1000, false)
    );
}

/// Columns (`col`) or horizontal bars (`bar`): one series coloured by
/// sign and the whole apart, or several series in their colours.
fn columns(
    x: &mut String,
    chart: &Chart<'_>,
    values: &[Vec<Option<Decimal>>],
    dir: &str,
    font: &str,
) {
    let _ = write!(
        x,
        "<c:barChart><c:barDir val=\"{dir}\"/><c:grouping val=\"clustered\"/><c:varyColors val=\"0\"/>"
    );
    let several = chart.series.len() > 1;
    for (s, series) in chart.series.iter().enumerate() {
        let base = if several {
            colours::SERIES[s % colours::SERIES.len()].0
        } else {
            colours::PART
        };
        let _ = write!(x, "<c:ser><c:idx val=\"{s}\"/><c:order val=\"{s}\"/>");
        series_name(x, &series.name, s);
        let _ = write!(
            x,
            "<c:spPr><a:solidFill><a:srgbClr val=\"{}\"/></a:solidFill></c:spPr><c:invertIfNegative val=\"0\"/>",
            rgb(base)
        );
        // Points of another colour: a part that fell, and the whole.
        let row = values.get(s).map(Vec::as_slice).unwrap_or_default();
        for (i, p) in series.values.iter().enumerate().take(row.len()) {
            let total = p.as_ref().is_some_and(|p| p.total);
            let fell = !several
                && row
                    .get(i)
                    .copied()
                    .flatten()
                    .is_some_and(|v| v < Decimal::ZERO);
            let colour = if total {
                colours::WHOLE
            } else if fell {
                colours::FELL
            } else {
                continue;
            };
            let _ = write!(
                x,
                "<c:dPt><c:idx val=\"{i}\"/><c:invertIfNegative val=\"0\"/><c:bubble3D val=\"0\"/><c:spPr><a:solidFill><a:srgbClr val=\"{}\"/></a:solidFill></c:spPr></c:dPt>",
                rgb(colour)
            );
        }
        labels(x, chart, s, font, |_| "outEnd");
        data(x, chart, row, s);
        x.push_str("</c:ser>");
    }
    let _ = write!(
        x,
        "<c:gapWidth val=\"60\"/><c:axId val=\"{CAT_AX}\"/><c:axId val=\"{VAL_AX}\"/></c:barChart>"
    );
}

/// Lines with a marker at each point: the first series solid and filled,
/// the others dashed and hollow, as the HTML drawing has them; the
/// highest label of a category above its point, the others under.
fn line(x: &mut String, chart: &Chart<'_>, values: &Values, font: &str) {
    x.push_str("<c:lineChart><c:grouping val=\"standard\"/><c:varyColors val=\"0\"/>");
    for (s, series) in chart.series.iter().enumerate() {
        let (colour, dash) = colours::SERIES[s % colours::SERIES.len()];
        let colour = rgb(colour);
        let dash = match dash {
            "" => "",
            "6 4" => "<a:prstDash val=\"dash\"/>",
            "2 3" => "<a:prstDash val=\"sysDot\"/>",
            _ => "<a:prstDash val=\"dashDot\"/>",
        };
        let fill = if s == 0 {
            colour.clone()
        } else {
            "FFFFFF".to_owned()
        };
        let _ = write!(x, "<c:ser><c:idx val=\"{s}\"/><c:order val=\"{s}\"/>");
        series_name(x, &series.name, s);
        let _ = write!(
            x,
            "<c:spPr><a:ln w=\"28575\" cap=\"rnd\"><a:solidFill><a:srgbClr val=\"{colour}\"/></a:solidFill>{dash}<a:round/></a:ln></c:spPr><c:marker><c:symbol val=\"circle\"/><c:size val=\"6\"/><c:spPr><a:solidFill><a:srgbClr val=\"{fill}\"/></a:solidFill><a:ln w=\"19050\"><a:solidFill><a:srgbClr val=\"{colour}\"/></a:solidFill></a:ln></c:spPr></c:marker>"
        );
        labels(x, chart, s, font, |c| {
            if values.highest(c) == Some(s) {
                "t"
            } else {
                "b"
            }
        });
        let row = values.series.get(s).map(Vec::as_slice).unwrap_or_default();
        data(x, chart, row, s);
        x.push_str("<c:smooth val=\"0\"/></c:ser>");
    }
    let _ = write!(
        x,
        "<c:marker val=\"1\"/><c:axId val=\"{CAT_AX}\"/><c:axId val=\"{VAL_AX}\"/></c:lineChart>"
    );
}

/// How the category axis runs.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Bars {
    /// Columns: categories left to right, labels under the lowest column.
    Vertical,
    /// Horizontal bars: the first category at the top (Word draws the
    /// first at the bottom unless the axis is reversed), the value axis
    /// at the bottom.
    Horizontal,
    /// A line.
    No,
}

/// The category axis and the value axis, on `scale`, its unit as its title.
fn axes(x: &mut String, chart: &Chart<'_>, scale: &Scale, bars: Bars, font: &str) {
    let (cat_pos, val_pos, orientation, crosses) = match bars {
        Bars::Horizontal => ("l", "b", "maxMin", "max"),
        _ => ("b", "l", "minMax", "autoZero"),
    };
    let line = "<c:spPr><a:ln w=\"9525\"><a:solidFill><a:srgbClr val=\"404040\"/></a:solidFill></a:ln></c:spPr>";
    let _ = write!(
        x,
        "<c:catAx><c:axId val=\"{CAT_AX}\"/><c:scaling><c:orientation val=\"{orientation}\"/></c:scaling><c:delete val=\"0\"/><c:axPos val=\"{cat_pos}\"/><c:numFmt formatCode=\"General\" sourceLinked=\"0\"/><c:majorTickMark val=\"none\"/><c:minorTickMark val=\"none\"/><c:tickLblPos val=\"low\"/>{line}{}<c:crossAx val=\"{VAL_AX}\"/><c:crosses val=\"autoZero\"/><c:auto val=\"1\"/><c:lblAlgn val=\"ctr\"/><c:lblOffset val=\"100\"/><c:noMultiLvlLbl val=\"0\"/></c:catAx>",
        text_properties(font, 1000, false)
    );
    let decimals = scale.decimals();
    let format = if decimals == 0 {
        "0".to_owned()
    } else {
        format!("0.{}", "0".repeat(decimals as usize))
    };
    let unit = chart.unit.trim();
    let title = if unit.is_empty() {
        String::new()
    } else {
        format!(
            "<c:title><c:tx><c:rich><a:bodyPr rot=\"0\" vert=\"horz\"/><a:lstStyle/><a:p><a:pPr><a:defRPr sz=\"1000\" b=\"0\" i=\"1\"/></a:pPr><a:r><a:rPr lang=\"vi-VN\" sz=\"1000\" b=\"0\" i=\"1\"/><a:t>{}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val=\"0\"/></c:title>",
            escaped(unit)
        )
    };
    let _ = write!(
        x,
        "<c:valAx><c:axId val=\"{VAL_AX}\"/><c:scaling><c:orientation val=\"minMax\"/><c:max val=\"{}\"/><c:min val=\"{}\"/></c:scaling><c:delete val=\"0\"/><c:axPos val=\"{val_pos}\"/><c:majorGridlines><c:spPr><a:ln w=\"6350\"><a:solidFill><a:srgbClr val=\"D9D9D9\"/></a:solidFill></a:ln></c:spPr></c:majorGridlines>{title}<c:numFmt formatCode=\"{format}\" sourceLinked=\"0\"/><c:majorTickMark val=\"none\"/><c:minorTickMark val=\"none\"/><c:tickLblPos val=\"nextTo\"/><c:spPr><a:ln><a:noFill/></a:ln></c:spPr>{}<c:crossAx val=\"{CAT_AX}\"/><c:crosses val=\"{crosses}\"/><c:crossBetween val=\"between\"/><c:majorUnit val=\"{}\"/></c:valAx>",
        scale.hi.normalize(),
        scale.lo.normalize(),
        text_properties(font, 1000, false),
        scale.step.normalize(),
    );
}

#[cfg(test)]
mod tests {
    #[test]
    fn series_columns_are_named_as_a_spreadsheet_names_them() {
        let names: Vec<String> = [0, 1, 24, 25, 26, 50, 51, 700]
            .into_iter()
            .map(super::column_letter)
            .collect();
        assert_eq!(names, ["B", "C", "Z", "AA", "AB", "AZ", "BA", "ZZ"]);
    }
}
