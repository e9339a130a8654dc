//! Step 1: read a Smithy JSON AST into [`ast::Model`].

pub mod ast;

use std::path::Path;

use crate::error::{Error, Result};

/// Parses model text. JSON errors carry line and column.
pub fn from_str(text: &str) -> Result<ast::Model> {
    if let Some((line, column, found)) = first_token(text).filter(|(_, _, c)| *c != '{') {
        return Err(Error::Json {
            line,
            column,
            message: format!("a Smithy model is a JSON object, but the file starts with `{found}`"),
        });
    }
    let model: ast::Model = serde_json::from_str(text).map_err(|e| Error::Json {
        line: e.line(),
        column: e.column(),
        message: strip_position(&e.to_string()),
    })?;
    if !matches!(model.smithy.as_str(), "2.0" | "2" | "1.0" | "1") {
        return Err(Error::SmithyVersion {
            found: model.smithy,
        });
    }
    Ok(model)
}

/// Reads and parses a model file.
pub fn from_path(path: &Path) -> Result<ast::Model> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::ReadModel {
        path: path.to_owned(),
        source,
    })?;
    from_str(&text)
}

/// The first non-whitespace character and its 1-based line and column.
fn first_token(text: &str) -> Option<(usize, usize, char)> {
    let (mut line, mut column) = (1, 1);
    for c in text.chars() {
        match c {
            '\n' => {
                line += 1;
                column = 1;
            }
            c if c.is_whitespace() || c == '\u{feff}' => column += 1,
            c => return Some((line, column, c)),
        }
    }
    None
}

/// serde_json appends " at line L column C"; we report those separately.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(at) => message[..at].to_owned(),
        None => message.to_owned(),
    }
}
