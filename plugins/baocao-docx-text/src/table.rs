//! Tables as box-drawn grids.

use baocao_plugin_api::{Align, Table, plain_text};

use crate::flow::{Flow, centre, centred_lines, ragged};
use crate::text::{joined_width, spaces, width, words};

/// Columns taken by the borders and padding around `n` cells: "│ " before
/// each cell, " " after it, and the closing "│".
fn chrome(n: usize) -> usize {
    3 * n + 1
}

/// A cell split into words, ready to be wrapped to its column.
type Cell = Vec<String>;

/// Lays `table` out within `width` columns: caption, grid, note.
pub(crate) fn lines(table: &Table<'_>, width: usize) -> Vec<String> {
    let header: Vec<Cell> = table.header.iter().map(|h| words(h)).collect();
    let has_header = header.iter().any(|cell| !cell.is_empty());
    let body: Vec<Vec<Cell>> = table
        .rows
        .iter()
        .map(|row| row.iter().map(|cell| words(&plain_text(cell))).collect())
        .collect();

    let mut out = centred_lines(&words(&table.caption), width);
    let mut offset = 0;
    let header = has_header.then_some(header.as_slice());
    let widths = column_widths(header, &body, width);
    if !widths.is_empty() {
        let columns = widths.len();
        let grid = Grid {
            widths: &widths,
            align: &table.align,
        };
        let table_width = widths.iter().sum::<usize>() + chrome(columns);
        // A table narrower than the page is centred under its centred
        // caption, as Word centres a table that does not fill the line.
        offset = width.saturating_sub(table_width) / 2;
        let indent = spaces(offset);
        let laid: Vec<Vec<String>> = body.iter().map(|row| grid.row(row, false)).collect();
        // Rules between body rows only when a row wraps: one-line rows are
        // unambiguous and a rule under each would double the table's height.
        let ruled = laid.iter().any(|row| row.len() > 1);
        let mut grid_lines = vec![grid.rule('┌', '┬', '┐')];
        if let Some(header) = header {
            grid_lines.extend(grid.row(header, true));
            grid_lines.push(grid.rule('├', '┼', '┤'));
        }
        for (i, row) in laid.into_iter().enumerate() {
            if ruled && i > 0 {
                grid_lines.push(grid.rule('├', '┼', '┤'));
            }
            grid_lines.extend(row);
        }
        grid_lines.push(grid.rule('└', '┴', '┘'));
        out.extend(grid_lines.into_iter().map(|line| format!("{indent}{line}")));
    }
    // The note starts under the table's left border and may run to the
    // right margin of the page.
    let indent = spaces(offset);
    out.extend(
        Flow {
            width,
            first: &indent,
            rest: &indent,
            justify: false,
        }
        .lines(&words(&table.note)),
    );
    out
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
fn column_widths(header: Option<&[Cell]>, body: &[Vec<Cell>], page: usize) -> Vec<usize> {
    let columns = body
        .iter()
        .map(Vec::len)
        .chain(header.map(<[Cell]>::len))
        .max()
        .unwrap_or(0);
    // An empty column still shows one column of blank, so its borders do not
    // touch.
    let mut body_width = vec![1; columns];
    let mut longest_word = vec![1; columns];
    for cells in body.iter().map(Vec::as_slice).chain(header) {
        for (c, cell) in cells.iter().enumerate() {
            let longest = cell.iter().map(|w| width(w)).max().unwrap_or(0);
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
fn two_line_width(cell: &[String]) -> usize {
    let total = joined_width(cell);
    let longest = cell.iter().map(|w| width(w)).max().unwrap_or(0);
    // Two lines of `w` hold at most `2w + 1` columns of text (the space at
    // the break is not printed), so nothing below that can work; the search
    // upward from there ends within one longest word.
    let mut w = total.saturating_sub(1).div_ceil(2).max(longest);
    while ragged(cell, w).len() > 2 {
        w += 1;
    }
    w
}

/// The fixed geometry of one table's grid.
struct Grid<'g> {
    widths: &'g [usize],
    align: &'g [Align],
}

impl Grid<'_> {
    /// A horizontal rule with the given corner and junction characters.
    fn rule(&self, left: char, junction: char, right: char) -> String {
        let mut line = String::from(left);
        for (c, w) in self.widths.iter().enumerate() {
            if c > 0 {
                line.push(junction);
            }
            line.push_str(&"─".repeat(w + 2));
        }
        line.push(right);
        line
    }

    /// The text lines of one row, every cell wrapped to its column and
    /// aligned in it. Header cells are centred, as a Word table's heading
    /// row is; body cells follow their column's alignment.
    fn row(&self, cells: &[Cell], header: bool) -> Vec<String> {
        let wrapped: Vec<Vec<String>> = self
            .widths
            .iter()
            .enumerate()
            .map(|(c, &w)| cells.get(c).map(|cell| ragged(cell, w)).unwrap_or_default())
            .collect();
        let height = wrapped.iter().map(Vec::len).max().unwrap_or(0).max(1);
        (0..height)
            .map(|i| {
                let mut line = String::from("│");
                for (c, &w) in self.widths.iter().enumerate() {
                    let text = wrapped[c].get(i).map_or("", String::as_str);
                    let align = if header {
                        Align::Center
                    } else {
                        self.align.get(c).copied().unwrap_or_default()
                    };
                    line.push(' ');
                    line.push_str(&fill(text, w, align));
                    line.push_str(" │");
                }
                line
            })
            .collect()
    }
}

/// `text` aligned in exactly `room` columns (wider text is left as it is).
fn fill(text: &str, room: usize, align: Align) -> String {
    let blank = room.saturating_sub(width(text));
    match align {
        Align::Left => format!("{text}{}", spaces(blank)),
        Align::Right => format!("{}{text}", spaces(blank)),
        Align::Center => {
            let left = centre(text, room);
            let right = room.saturating_sub(width(&left));
            format!("{left}{}", spaces(right))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(texts: &[&str]) -> Vec<Cell> {
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

    #[test]
    fn alignment_pads_to_the_column() {
        assert_eq!(fill("5,9", 6, Align::Right), "   5,9");
        assert_eq!(fill("%", 4, Align::Center), " %  ");
        assert_eq!(fill("中", 4, Align::Left), "中  ");
    }
}
