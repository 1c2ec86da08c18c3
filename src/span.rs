//! Byte spans into the original text and their translation to lines and columns.

use serde::Serialize;

/// A half-open byte range `start..end` into the original file.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end);
        Span { start, end }
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    pub fn text<'a>(&self, source: &'a str) -> &'a str {
        &source[self.start..self.end]
    }

    /// The smallest span covering both.
    pub fn cover(&self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
}

const BOM: char = '\u{feff}';

/// 1-based line and column of a byte offset; columns count characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// Line starts of a text, built once per file at output time.
///
/// Lines end at `\n` (so a CRLF line keeps its `\r` as the last character);
/// a leading byte-order mark is not counted as a column.
pub struct LineIndex<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
    /// The last position asked for: findings come in order, so counting the
    /// characters from there keeps a very long line linear, not quadratic.
    last: std::cell::Cell<(usize, Position)>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex {
            text,
            line_starts,
            last: std::cell::Cell::new((0, Position { line: 1, column: 1 })),
        }
    }

    /// 0-based line holding `offset`, and where its text starts (after a
    /// leading byte-order mark on the first line).
    fn line_of(&self, offset: usize) -> (usize, usize) {
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let start = match self.line_starts[line] {
            0 if self.text.starts_with(BOM) => BOM.len_utf8().min(offset),
            start => start,
        };
        (line, start)
    }

    /// Position of a byte offset (which must be on a character boundary).
    pub fn position(&self, offset: usize) -> Position {
        let (line, start) = self.line_of(offset);
        let (last_offset, last) = self.last.get();
        let column = if last.line == line + 1 && start <= last_offset && last_offset <= offset {
            last.column + self.text[last_offset..offset].chars().count()
        } else {
            self.text[start..offset].chars().count() + 1
        };
        let position = Position {
            line: line + 1,
            column,
        };
        self.last.set((offset, position));
        position
    }

    /// Byte span of the whole line (without its line break or a leading
    /// byte-order mark) holding `offset`.
    pub fn line_span(&self, offset: usize) -> Span {
        let (line, start) = self.line_of(offset);
        let end = self
            .line_starts
            .get(line + 1)
            .map_or(self.text.len(), |&next| next - 1);
        let end = if self.text[start..end].ends_with('\r') {
            end - 1
        } else {
            end
        };
        Span::new(start, end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters_not_bytes() {
        let text = "Ménaka\nSégou « x »\n";
        let index = LineIndex::new(text);
        let x = text.find('x').unwrap();
        assert_eq!(index.position(x), Position { line: 2, column: 9 });
        assert_eq!(index.position(0), Position { line: 1, column: 1 });
    }

    #[test]
    fn bom_is_not_a_column() {
        let text = "\u{feff}Title\nBody";
        let index = LineIndex::new(text);
        assert_eq!(index.position(3), Position { line: 1, column: 1 });
        assert_eq!(index.position(text.find('B').unwrap()).column, 1);
        assert_eq!(index.line_span(3), Span::new(3, 8));
    }

    #[test]
    fn crlf_lines() {
        let text = "one\r\ntwo\r\n";
        let index = LineIndex::new(text);
        assert_eq!(index.position(5), Position { line: 2, column: 1 });
        assert_eq!(index.line_span(6), Span::new(5, 8));
        assert_eq!(index.line_span(0), Span::new(0, 3));
    }
}
