//! The two-column rows of an official report: the header block at the top
//! and the recipients beside the signature at the end.

use crate::flow::{centre, ragged};
use crate::text::{spaces, width};

/// Columns a cell's text keeps free inside its column, shared between the
/// two sides, like a Word cell's margins: text that fills its column would
/// otherwise run into its neighbour's.
pub(crate) const CELL_MARGIN: usize = 2;

/// The room for text in a column `col` wide.
pub(crate) fn text_room(col: usize) -> usize {
    col.saturating_sub(CELL_MARGIN)
}

/// `words` wrapped to the text room of a column `col` wide, each line
/// centred in the column.
pub(crate) fn centred(words: &[String], col: usize) -> Vec<String> {
    ragged(words, text_room(col))
        .iter()
        .map(|line| centre(line, col))
        .collect()
}

/// The width of the widest of `lines`, leading blanks not counted.
pub(crate) fn text_width(lines: &[String]) -> usize {
    lines
        .iter()
        .map(|line| width(line.trim_start_matches(' ')))
        .max()
        .unwrap_or(0)
}

/// The split of the page into a left and a right column.
///
/// Nghị định 30 draws both blocks as a borderless two-column table whose left
/// cell holds the agency (or the recipients) and whose right cell holds the
/// nation and motto (or the signer). At 80 columns the spec fixes the split
/// at 32 + 48; other widths keep the same proportion, two fifths on the left.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Columns {
    /// Width of the left column.
    pub(crate) left: usize,
    /// Width of the right column.
    pub(crate) right: usize,
}

impl Columns {
    /// The split for a page `width` columns wide.
    pub(crate) fn for_width(width: usize) -> Self {
        let left = width * 2 / 5;
        Columns {
            left,
            right: width - left,
        }
    }

    /// The length of the short rule under the agency and under the subject:
    /// a third of the left column (10 at 80 columns, as in the spec's
    /// example), so it stays "1/3–1/2 of the line" whatever the width.
    pub(crate) fn short_rule(self) -> usize {
        self.left / 3
    }

    /// Sets the lines of two columns beside each other, top-aligned like the
    /// cells of a table row; the shorter column is padded with blank lines.
    ///
    /// Left lines are padded to the left column's width; a left line wider
    /// than its column (a single word that cannot be wrapped) pushes its
    /// right neighbour along rather than being cut.
    pub(crate) fn side_by_side(self, left: &[String], right: &[String]) -> Vec<String> {
        let rows = left.len().max(right.len());
        (0..rows)
            .map(|i| {
                let l = left.get(i).map_or("", String::as_str);
                let r = right.get(i).map_or("", String::as_str);
                let pad = self.left.saturating_sub(width(l));
                format!("{l}{}{r}", spaces(pad))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_split_is_32_48_at_80_columns_and_proportional_elsewhere() {
        let c = Columns::for_width(80);
        assert_eq!((c.left, c.right, c.short_rule()), (32, 48, 10));
        let c = Columns::for_width(60);
        assert_eq!((c.left, c.right, c.short_rule()), (24, 36, 8));
    }

    #[test]
    fn centred_text_keeps_clear_of_the_column_edges() {
        let words = crate::text::words("SỞ CÔNG THƯƠNG");
        // 14 columns of text do not fit in a 14-column cell
        assert_eq!(centred(&words, 14), ["   SỞ CÔNG", "    THƯƠNG"]);
        assert_eq!(text_width(&centred(&words, 14)), 7);
        assert_eq!(centred(&words, 16), [" SỞ CÔNG THƯƠNG"]);
        assert_eq!(centred(&words, 32), ["         SỞ CÔNG THƯƠNG"]);
    }

    #[test]
    fn the_shorter_column_is_padded_with_blank_rows() {
        let c = Columns { left: 4, right: 6 };
        let rows = c.side_by_side(&["ab".into()], &["x".into(), "y".into()]);
        assert_eq!(rows, ["ab  x", "    y"]);
    }
}
