//! Tables as box-drawn grids.

use std::borrow::Cow;
use std::ops::Range;

use baocao_plugin_api::{Align, Table};

use crate::flow::{Breaks, Flow, centred_lines, centring};
use crate::output::Output;
use crate::page::plain;
use crate::text::{Word, joined_width, push_joined, push_spaces, spaces, words};

/// Columns taken by the borders and padding around `n` cells: "│ " before
/// each cell, " " after it, and the closing "│".
fn chrome(n: usize) -> usize {
    3 * n + 1
}

/// A cell split into words, ready to be wrapped to its column.
type Cell<'a> = Vec<Word<'a>>;

/// A header group as laid out: the columns it covers and the words of its
/// text, none for a group without text, whose columns' headings reach up
/// through both header rows.
struct Group<'a> {
    first: usize,
    span: usize,
    words: Cell<'a>,
}

impl Group<'_> {
    fn columns(&self) -> Range<usize> {
        self.first..self.first + self.span
    }
}

/// The table's header groups over `columns` columns, each column beyond
/// the headings in a group without text of its own; none when no group has
/// text (the grid then has one header row).
fn groups<'t>(table: &'t Table<'_>, columns: usize) -> Vec<Group<'t>> {
    let mut groups: Vec<Group<'t>> = table
        .groups()
        .into_iter()
        .map(|(first, span, text)| Group {
            first,
            span,
            words: words(text),
        })
        .collect();
    if groups.iter().all(|g| g.words.is_empty()) {
        return Vec::new();
    }
    let at = groups.last().map_or(0, |g| g.first + g.span);
    groups.extend((at..columns).map(|first| Group {
        first,
        span: 1,
        words: Vec::new(),
    }));
    groups
}

/// The content width of `columns` side by side: their widths and the
/// borders between them, which a spanning cell takes as text room.
fn spanned(widths: &[usize], columns: Range<usize>) -> usize {
    let n = columns.len();
    widths[columns].iter().sum::<usize>() + 3 * n.saturating_sub(1)
}

/// Widens the columns under each group whose text does not fit over them:
/// to hold the text on one line if the grid stays within `page`, else its
/// longest word; the group's last column takes the difference.
fn widen_for_groups(widths: &mut [usize], groups: &[Group<'_>], page: usize) {
    for group in groups.iter().filter(|g| !g.words.is_empty()) {
        let room = spanned(widths, group.columns());
        let total = widths.iter().sum::<usize>() + chrome(widths.len());
        let natural = joined_width(&group.words);
        let longest = group.words.iter().map(|w| w.width).max().unwrap_or(0);
        let need = if total + natural.saturating_sub(room) <= page {
            natural
        } else {
            longest
        };
        if need > room {
            widths[group.first + group.span - 1] += need - room;
        }
    }
}

/// Writes `table` laid out within `width` columns: caption, unit line,
/// grid, note.
pub(crate) fn write(table: &Table<'_>, width: usize, out: &mut Output) {
    let header: Vec<Cell<'_>> = table.header.iter().map(|h| words(h)).collect();
    let has_header = header.iter().any(|cell| !cell.is_empty());
    // The cells' text, which their words borrow.
    let texts: Vec<Vec<Cow<'_, str>>> = table
        .rows
        .iter()
        .map(|row| row.iter().map(|cell| plain(cell)).collect())
        .collect();
    let body: Vec<Vec<Cell<'_>>> = texts
        .iter()
        .map(|row| row.iter().map(|text| words(text)).collect())
        .collect();

    centred_lines(&words(&table.caption), width, out);
    let mut offset = 0;
    let header = has_header.then_some(header.as_slice());
    let mut widths = column_widths(header, &body, width);
    let groups = match header {
        Some(_) => groups(table, widths.len()),
        None => Vec::new(),
    };
    widen_for_groups(&mut widths, &groups, width);
    let unit = words(&table.unit);
    if widths.is_empty() {
        unit_line(&unit, width, out);
    } else {
        let columns = widths.len();
        let grid = Grid {
            widths: &widths,
            align: &table.align,
        };
        let table_width = widths.iter().sum::<usize>() + chrome(columns);
        // A table narrower than the page is centred under its centred
        // caption, as Word centres a table that does not fill the line.
        offset = width.saturating_sub(table_width) / 2;
        unit_line(&unit, offset + table_width, out);
        let laid: Vec<Wrapped> = body.iter().map(|row| grid.wrap(row)).collect();
        // Rules between body rows only when a row wraps: one-line rows are
        // unambiguous and a rule under each would double the table's height.
        let ruled = laid.iter().any(|row| row.height > 1);
        match header {
            Some(header) if !groups.is_empty() => {
                grid.grouped_header(offset, &groups, header, out);
                grid.rule(offset, '├', '┼', '┤', out);
            }
            Some(header) => {
                grid.rule(offset, '┌', '┬', '┐', out);
                grid.row(offset, header, &grid.wrap(header), true, out);
                grid.rule(offset, '├', '┼', '┤', out);
            }
            None => grid.rule(offset, '┌', '┬', '┐', out),
        }
        for (i, (row, wrapped)) in body.iter().zip(&laid).enumerate() {
            if ruled && i > 0 {
                grid.rule(offset, '├', '┼', '┤', out);
            }
            grid.row(offset, row, wrapped, false, out);
        }
        grid.rule(offset, '└', '┴', '┘', out);
    }
    // The note starts under the table's left border and may run to the
    // right margin of the page.
    let indent = spaces(offset);
    Flow {
        width,
        first: &indent,
        rest: &indent,
        justify: false,
    }
    .write(&words(&table.note), out);
}

/// Writes the unit line ("Đơn vị tính: %") flush right against column
/// `right` (the table's right border), wrapped if it is wider than that.
fn unit_line(unit: &[Word<'_>], right: usize, out: &mut Output) {
    for line in Breaks::new(unit, right, right) {
        let words = &unit[line];
        out.line(|text| {
            push_spaces(text, right.saturating_sub(joined_width(words)));
            push_joined(text, words);
        });
    }
}

/// The content width of each column so that the grid fits in `page` columns.
///
/// Every column starts at its natural width (its longest cell on one line).
/// While the grid is too wide, the widest column that can still give way
/// loses one column (the leftmost on a tie), in two rounds:
///
/// 1. headings wrap first, down to two lines, but not narrower than the
///    column's body: "Năm 2024 so với năm 2023" over a column of "6,2" is
///    set on two lines before any body text wraps, as in printed tables;
/// 2. then any column wraps, never narrower than its longest word.
///
/// So long text columns give way and number columns, whose cells are single
/// words, keep their width. When even the longest words do not fit, the
/// grid is wider than the page: cutting "10.221,8" in two would be worse
/// than an overlong line.
fn column_widths(header: Option<&[Cell<'_>]>, body: &[Vec<Cell<'_>>], page: usize) -> Vec<usize> {
    let columns = body
        .iter()
        .map(Vec::len)
        .chain(header.map(<[Cell<'_>]>::len))
        .max()
        .unwrap_or(0);
    // An empty column still shows one column of blank, so its borders do not
    // touch.
    let mut body_width = vec![1; columns];
    let mut longest_word = vec![1; columns];
    for cells in body.iter().map(Vec::as_slice).chain(header) {
        for (c, cell) in cells.iter().enumerate() {
            let longest = cell.iter().map(|w| w.width).max().unwrap_or(0);
            longest_word[c] = longest_word[c].max(longest);
        }
    }
    for row in body {
        for (c, cell) in row.iter().enumerate() {
            body_width[c] = body_width[c].max(joined_width(cell));
        }
    }
    let mut widths = body_width.clone();
    let mut two_lines = body_width;
    for (c, cell) in header.unwrap_or_default().iter().enumerate() {
        widths[c] = widths[c].max(joined_width(cell));
        two_lines[c] = two_lines[c].max(two_line_width(cell));
    }
    let room = page.saturating_sub(chrome(columns));
    let mut excess = widths.iter().sum::<usize>().saturating_sub(room);
    for floor in [&two_lines, &longest_word] {
        while excess > 0 {
            let widest = (0..columns).filter(|&c| widths[c] > floor[c]).fold(
                None,
                |best: Option<usize>, c| match best {
                    Some(b) if widths[b] >= widths[c] => Some(b),
                    _ => Some(c),
                },
            );
            let Some(c) = widest else { break };
            widths[c] -= 1;
            excess -= 1;
        }
    }
    widths
}

/// The narrowest width at which `cell` wraps onto at most two lines.
fn two_line_width(cell: &[Word<'_>]) -> usize {
    let total = joined_width(cell);
    let longest = cell.iter().map(|w| w.width).max().unwrap_or(0);
    // Two lines of `w` hold at most `2w + 1` columns of text (the space at
    // the break is not printed), so nothing below that can work; the search
    // upward from there ends within one longest word.
    let mut w = total.saturating_sub(1).div_ceil(2).max(longest);
    while Breaks::new(cell, w, w).nth(2).is_some() {
        w += 1;
    }
    w
}

/// The fixed geometry of one table's grid.
struct Grid<'g> {
    widths: &'g [usize],
    align: &'g [Align],
}

/// A row's cells wrapped to their columns: the words of each line of each
/// cell, as ranges into the cell.
struct Wrapped {
    /// For each column, its cell's lines (none for a missing cell).
    lines: Vec<Vec<Range<usize>>>,
    /// The number of text lines of the row: its tallest cell, at least one.
    height: usize,
}

impl Grid<'_> {
    /// Writes a horizontal rule with the given corner and junction
    /// characters, `offset` columns in.
    fn rule(&self, offset: usize, left: char, junction: char, right: char, out: &mut Output) {
        out.line(|line| {
            push_spaces(line, offset);
            line.push(left);
            for (c, w) in self.widths.iter().enumerate() {
                if c > 0 {
                    line.push(junction);
                }
                line.extend(std::iter::repeat_n('─', w + 2));
            }
            line.push(right);
        });
    }

    /// Every cell of a row wrapped to its column.
    fn wrap(&self, cells: &[Cell<'_>]) -> Wrapped {
        let lines: Vec<Vec<Range<usize>>> = self
            .widths
            .iter()
            .enumerate()
            .map(|(c, &w)| {
                cells
                    .get(c)
                    .map(|cell| Breaks::new(cell, w, w).collect())
                    .unwrap_or_default()
            })
            .collect();
        let height = lines.iter().map(Vec::len).max().unwrap_or(0).max(1);
        Wrapped { lines, height }
    }

    /// Writes the text lines of one row, `offset` columns in, every cell
    /// aligned in its column. Header cells are centred, as a Word table's
    /// heading row is; body cells follow their column's alignment.
    fn row(
        &self,
        offset: usize,
        cells: &[Cell<'_>],
        wrapped: &Wrapped,
        header: bool,
        out: &mut Output,
    ) {
        for i in 0..wrapped.height {
            out.line(|line| {
                push_spaces(line, offset);
                line.push('│');
                for (c, &w) in self.widths.iter().enumerate() {
                    let words = match (cells.get(c), wrapped.lines[c].get(i)) {
                        (Some(cell), Some(range)) => &cell[range.clone()],
                        _ => &[],
                    };
                    let align = if header {
                        Align::Center
                    } else {
                        self.align.get(c).copied().unwrap_or_default()
                    };
                    line.push(' ');
                    fill(line, words, w, align);
                    line.push_str(" │");
                }
            });
        }
    }
}

/// A piece of a header line: the columns it covers, and the words it shows
/// or `None` for a rule across them.
struct Piece<'w, 'a> {
    columns: Range<usize>,
    words: Option<&'w [Word<'a>]>,
}

/// The corner or junction where a rule under the group row meets the
/// borders: `up` whether a border comes down from the group row, `left` and
/// `right` whether the rule runs on that side. A border always goes down
/// into the heading row.
fn junction(up: bool, left: bool, right: bool) -> char {
    match (up, left, right) {
        (false, _, _) => '┬',
        (true, true, true) => '┼',
        (true, false, true) => '├',
        (true, true, false) => '┤',
        (true, false, false) => '│',
    }
}

impl Grid<'_> {
    /// Writes one line of the header: `edges` at the two ends, `joint(b)`
    /// between two pieces that meet before column `b`, each piece a rule or
    /// its words centred across its columns.
    fn header_line(
        &self,
        offset: usize,
        edges: (char, char),
        joint: impl Fn(usize) -> char,
        pieces: &[Piece<'_, '_>],
        out: &mut Output,
    ) {
        out.line(|line| {
            push_spaces(line, offset);
            line.push(edges.0);
            for (i, piece) in pieces.iter().enumerate() {
                if i > 0 {
                    line.push(joint(piece.columns.start));
                }
                let room = spanned(self.widths, piece.columns.clone());
                match piece.words {
                    None => line.extend(std::iter::repeat_n('─', room + 2)),
                    Some(words) => {
                        line.push(' ');
                        fill(line, words, room, Align::Center);
                        line.push(' ');
                    }
                }
            }
            line.push(edges.1);
        });
    }

    /// Writes the top rule and the two header rows of a table with header
    /// groups: each group's text centred over its columns, a rule under it,
    /// the headings of its columns under that; the heading of a column in a
    /// group without text spans both rows, centred in their height, as a
    /// merged cell of a Word table.
    fn grouped_header(
        &self,
        offset: usize,
        groups: &[Group<'_>],
        header: &[Cell<'_>],
        out: &mut Output,
    ) {
        let wrapped = self.wrap(header);
        let heading = |c: usize, line: usize| -> &[Word<'_>] {
            match (header.get(c), wrapped.lines[c].get(line)) {
                (Some(cell), Some(range)) => &cell[range.clone()],
                _ => &[],
            }
        };
        // The group row's lines, each group's text wrapped over its columns.
        let group_lines: Vec<Vec<Range<usize>>> = groups
            .iter()
            .map(|g| {
                let room = spanned(self.widths, g.columns());
                Breaks::new(&g.words, room, room).collect()
            })
            .collect();
        let upper = group_lines.iter().map(Vec::len).max().unwrap_or(0).max(1);
        let grouped = |c: usize| {
            groups
                .iter()
                .any(|g| !g.words.is_empty() && g.columns().contains(&c))
        };
        let columns = self.widths.len();
        let lower = (0..columns)
            .filter(|&c| grouped(c))
            .map(|c| wrapped.lines[c].len())
            .max()
            .unwrap_or(0)
            .max(1);
        // A column heading over both rows may need more lines than they have.
        let tallest = (0..columns)
            .filter(|&c| !grouped(c))
            .map(|c| wrapped.lines[c].len())
            .max()
            .unwrap_or(0);
        let lower = lower.max(tallest.saturating_sub(upper + 1));
        let height = upper + 1 + lower;
        // The text of a spanning heading on line `row` of the header.
        let spanning = |c: usize, row: usize| -> &[Word<'_>] {
            let top = (height - wrapped.lines[c].len()) / 2;
            row.checked_sub(top).map_or(&[], |line| heading(c, line))
        };
        // A border comes down from the group row before column `b` unless
        // `b` is inside a group with text.
        let border = |b: usize| {
            !groups
                .iter()
                .any(|g| !g.words.is_empty() && g.first < b && b < g.first + g.span)
        };
        // The group row's pieces: a group with text, or one spanning column.
        let upper_pieces = |row: usize, rule: bool| -> Vec<Piece<'_, '_>> {
            groups
                .iter()
                .zip(&group_lines)
                .flat_map(|(g, lines)| {
                    if g.words.is_empty() {
                        g.columns()
                            .map(|c| Piece {
                                columns: c..c + 1,
                                words: (!rule).then(|| spanning(c, row)),
                            })
                            .collect::<Vec<_>>()
                    } else {
                        let words = lines.get(row).map_or(&[][..], |r| &g.words[r.clone()]);
                        vec![Piece {
                            columns: g.columns(),
                            words: (!rule).then_some(words),
                        }]
                    }
                })
                .collect()
        };
        self.header_line(offset, ('┌', '┐'), |_| '┬', &upper_pieces(0, true), out);
        for row in 0..upper {
            self.header_line(offset, ('│', '│'), |_| '│', &upper_pieces(row, false), out);
        }
        // The rule under the groups, through which spanning headings go on.
        let middle: Vec<Piece<'_, '_>> = (0..columns)
            .map(|c| Piece {
                columns: c..c + 1,
                words: (!grouped(c)).then(|| spanning(c, upper)),
            })
            .collect();
        let left = if grouped(0) { '├' } else { '│' };
        let right = if grouped(columns - 1) { '┤' } else { '│' };
        self.header_line(
            offset,
            (left, right),
            |b| junction(border(b), grouped(b - 1), grouped(b)),
            &middle,
            out,
        );
        for row in upper + 1..height {
            let pieces: Vec<Piece<'_, '_>> = (0..columns)
                .map(|c| Piece {
                    columns: c..c + 1,
                    words: Some(if grouped(c) {
                        heading(c, row - upper - 1)
                    } else {
                        spanning(c, row)
                    }),
                })
                .collect();
            self.header_line(offset, ('│', '│'), |_| '│', &pieces, out);
        }
    }
}

/// Writes `words` aligned in exactly `room` columns (wider text is left as
/// it is).
fn fill(out: &mut String, words: &[Word<'_>], room: usize, align: Align) {
    let width = joined_width(words);
    let blank = room.saturating_sub(width);
    match align {
        Align::Left => {
            push_joined(out, words);
            push_spaces(out, blank);
        }
        Align::Right => {
            push_spaces(out, blank);
            push_joined(out, words);
        }
        Align::Center => {
            let left = centring(width, room);
            push_spaces(out, left);
            push_joined(out, words);
            push_spaces(out, room.saturating_sub(left + width));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells<'a>(texts: &[&'a str]) -> Vec<Cell<'a>> {
        texts.iter().map(|t| words(t)).collect()
    }

    #[test]
    fn a_grid_that_fits_keeps_natural_widths() {
        let header = cells(&["Chỉ tiêu", "%"]);
        let body = [cells(&["IIP", "5,9"])];
        assert_eq!(column_widths(Some(&header), &body, 80), [8, 3]);
    }

    #[test]
    fn the_widest_wrappable_column_shrinks_first() {
        let body = [cells(&[
            "Giá trị tăng thêm ngành công nghiệp",
            "10.221,8",
            "tăng khá so với năm trước",
        ])];
        // natural 35 + 8 + 25 = 68, chrome 10, room 50: 18 to take away;
        // the first column goes down to 25, then both text columns share
        let widths = column_widths(None, &body, 60);
        assert_eq!(widths, [21, 8, 21]);
        assert_eq!(widths.iter().sum::<usize>() + chrome(3), 60);
    }

    #[test]
    fn headings_wrap_onto_two_lines_before_body_text_wraps() {
        let header = cells(&["Chỉ tiêu", "Năm 2024 so với năm 2023"]);
        let body = [cells(&["Giá trị tăng thêm ngành công nghiệp", "6,2"])];
        // natural 35 + 24 + chrome 7 = 66; at 60 the heading gives the 6
        // columns ("Năm 2024 so" / "với năm 2023" needs 12) and the body
        // text stays on one line
        assert_eq!(column_widths(Some(&header), &body, 60), [35, 18]);
        assert_eq!(column_widths(Some(&header), &body, 50), [31, 12]);
    }

    #[test]
    fn columns_never_get_narrower_than_their_longest_word() {
        let body = [cells(&["abcdefghij klm", "1234567890"])];
        assert_eq!(column_widths(None, &body, 20), [10, 10]);
    }

    #[test]
    fn two_line_width_is_the_narrowest_that_takes_two_lines() {
        assert_eq!(two_line_width(&words("Năm 2024 so với năm 2023")), 12);
        assert_eq!(two_line_width(&words("Đơn vị tính")), 6);
        assert_eq!(two_line_width(&words("%")), 1);
        assert_eq!(two_line_width(&[]), 0);
    }

    fn filled(text: &str, room: usize, align: Align) -> String {
        let mut line = String::new();
        fill(&mut line, &words(text), room, align);
        line
    }

    #[test]
    fn alignment_pads_to_the_column() {
        assert_eq!(filled("5,9", 6, Align::Right), "   5,9");
        assert_eq!(filled("%", 4, Align::Center), " %  ");
        assert_eq!(filled("中", 4, Align::Left), "中  ");
        assert_eq!(filled("Hà Nội", 9, Align::Center), " Hà Nội  ");
        assert_eq!(filled("", 3, Align::Center), "   ");
        // wider text is left as it is
        assert_eq!(filled("10.221,8", 5, Align::Right), "10.221,8");
        assert_eq!(filled("10.221,8", 5, Align::Center), "10.221,8");
    }
}
