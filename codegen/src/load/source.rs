//! Where things are in model files: the files being loaded, byte offsets into
//! them, and the `path:line:column` that error messages show.

use std::fmt;
use std::path::PathBuf;

/// A place in a model file, as error messages print it: `path:line:column`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The model file.
    pub path: PathBuf,
    /// 1-based line; 0 when the place is the file as a whole.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}", self.path.display())
        } else {
            write!(f, "{}:{}:{}", self.path.display(), self.line, self.column)
        }
    }
}

/// A byte offset in one of the loaded files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Loc {
    /// Index into [`Sources`].
    pub file: u32,
    /// Byte offset, or [`Loc::WHOLE_FILE`].
    pub offset: u32,
}

impl Loc {
    /// The offset of a place that has no line (a shape of a JSON AST file).
    pub const WHOLE_FILE: u32 = u32::MAX;

    pub fn new(file: u32, offset: usize) -> Loc {
        Loc {
            file,
            offset: u32::try_from(offset).unwrap_or(Loc::WHOLE_FILE),
        }
    }
}

/// One model file: its path and text.
#[derive(Debug)]
pub(crate) struct Source {
    pub path: PathBuf,
    pub text: String,
}

/// Every file of one assembly, indexed by [`Loc::file`].
#[derive(Debug, Default)]
pub(crate) struct Sources {
    files: Vec<Source>,
}

impl Sources {
    pub fn add(&mut self, path: PathBuf, text: String) -> u32 {
        self.files.push(Source { path, text });
        u32::try_from(self.files.len() - 1).unwrap_or(u32::MAX)
    }

    /// Every file with its index.
    pub fn iter(&self) -> impl Iterator<Item = (u32, &Source)> {
        (0..).zip(&self.files)
    }

    pub fn get(&self, file: u32) -> Option<&Source> {
        self.files.get(file as usize)
    }

    /// The line and column of `loc`, for an error message.
    pub fn location(&self, loc: Loc) -> Location {
        let Some(source) = self.get(loc.file) else {
            return Location {
                path: PathBuf::from("<unknown>"),
                line: 0,
                column: 0,
            };
        };
        let (line, column) = if loc.offset == Loc::WHOLE_FILE {
            (0, 0)
        } else {
            line_column(&source.text, loc.offset as usize)
        };
        Location {
            path: source.path.clone(),
            line,
            column,
        }
    }
}

/// The 1-based line and column (in characters) of a byte offset.
pub(crate) fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |at| at + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

/// The byte offset of a 1-based line and column (in characters).
pub(crate) fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let line_start = if line <= 1 {
        0
    } else {
        text.match_indices('\n')
            .nth(line - 2)
            .map_or(text.len(), |(at, _)| at + 1)
    };
    text[line_start..]
        .char_indices()
        .nth(column.saturating_sub(1))
        .map_or(text.len(), |(at, _)| line_start + at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns_count_characters_from_one() {
        let text = "ab\ncé d\n";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 3), (2, 1));
        // "é" is two bytes: the space after it is the third character.
        assert_eq!(line_column(text, 6), (2, 3));
        assert_eq!(line_column(text, 100), (3, 1));
        for offset in [0, 3, 6, 8] {
            let (line, column) = line_column(text, offset);
            assert_eq!(offset_of(text, line, column), offset);
        }
    }

    #[test]
    fn a_location_without_a_line_is_the_file() {
        let mut sources = Sources::default();
        let file = sources.add("m.json".into(), "{}".into());
        assert_eq!(
            sources.location(Loc::new(file, usize::MAX)).to_string(),
            "m.json"
        );
        assert_eq!(
            sources.location(Loc::new(file, 1)).to_string(),
            "m.json:1:2"
        );
    }
}
