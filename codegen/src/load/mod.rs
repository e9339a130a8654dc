//! Step 1: read Smithy models into [`ast::Model`].
//!
//! A single JSON AST file goes straight through serde ([`from_str`],
//! [`from_path`]). Smithy IDL 2.0 (and 1.0) files, JSON AST files and
//! directories of them, any number, are assembled into one model as Smithy's
//! own assembler does ([`from_paths`], [`assemble_paths`]). One job per
//! module: `lexer` tokenizes IDL, `text` decodes strings, text blocks and
//! numbers, `parser` turns an IDL file into a `syntax::ModelFile` (as
//! `json_file` does a JSON AST file), `assemble` merges the files (resolving
//! shape IDs against `use`, the namespace and the built-in `prelude`),
//! `mixins` resolves mixins and elided targets, `interop` gives IDL 1.0
//! files their implied defaults, and `serialize` writes the result as JSON
//! AST or hands it to the generator, flattened.

mod assemble;
pub mod ast;
mod hash;
mod interop;
mod json_file;
mod lexer;
mod mixins;
mod parallel;
mod parser;
mod prelude;
mod resolve;
mod serialize;
mod source;
mod syntax;
mod text;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
pub use source::Location;
use source::{Loc, Source, Sources};
pub use syntax::Kind;

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

/// From how many files reading them is worth threads.
const PARALLEL_FILES: usize = 16;

/// From how much model text parsing it is worth threads.
const PARALLEL_BYTES: usize = 256 * 1024;

/// A model assembled from Smithy IDL and JSON AST files.
#[derive(Debug)]
pub struct Assembled {
    model: assemble::Model,
}

impl Assembled {
    /// The model as Smithy JSON AST text, in the form `smithy ast` prints it;
    /// with `flatten`, mixins applied and removed, as `smithy ast --flatten`.
    pub fn to_json(&self, flatten: bool) -> String {
        serialize::to_json(&self.model, flatten)
    }

    /// The flattened model, as the generator reads it.
    pub fn into_ast(self) -> ast::Model {
        serialize::into_ast(self.model)
    }
}

/// Reads models from files and directories: a single JSON AST file takes the
/// fast path of [`from_path`]; anything else is assembled and flattened.
pub fn from_paths<P: AsRef<Path>>(paths: &[P]) -> Result<ast::Model> {
    if let [path] = paths {
        let path = path.as_ref();
        if path.extension().is_some_and(|e| e == "json") && path.is_file() {
            return from_path(path);
        }
    }
    Ok(assemble_paths(paths)?.into_ast())
}

/// Reads and assembles model files: `.smithy` (IDL) and `.json` (JSON AST)
/// files, and directories, searched recursively for both, in the order given
/// (directory entries sorted by name).
pub fn assemble_paths<P: AsRef<Path>>(paths: &[P]) -> Result<Assembled> {
    let files = model_files(paths)?;
    let many = files.len() >= PARALLEL_FILES;
    let read = parallel::map(files, many, |path| match std::fs::read_to_string(&path) {
        Ok(text) => Ok((path, text)),
        Err(source) => Err(Error::ReadModel { path, source }),
    });
    assemble_texts(read.into_iter().collect::<Result<_>>()?)
}

/// Assembles model texts, each named by its path: a path ending in `.json`
/// is a JSON AST, any other Smithy IDL.
pub fn assemble_texts(files: Vec<(PathBuf, String)>) -> Result<Assembled> {
    let mut sources = Sources::default();
    for (path, text) in files {
        sources.add(path, text);
    }
    let large = sources.iter().map(|(_, s)| s.text.len()).sum::<usize>() >= PARALLEL_BYTES;
    let parsed = parallel::map(sources.iter().collect(), large, |(file, source)| {
        parse_source(&sources, file, source)
    });
    let parsed = parsed.into_iter().collect::<Result<Vec<_>>>()?;
    let model = assemble::assemble(parsed, &sources)?;
    Ok(Assembled { model })
}

/// Parses one source: a JSON AST when its name ends in `.json`, else IDL.
fn parse_source(sources: &Sources, file: u32, source: &Source) -> Result<assemble::ParsedFile> {
    let json = source.path.extension().is_some_and(|e| e == "json");
    let model = if json {
        json_file::parse(&source.text)
    } else {
        parser::parse(&source.text)
    };
    let model = model.map_err(|e| Error::Syntax {
        location: sources.location(Loc::new(file, e.offset)),
        message: e.message,
    })?;
    Ok(assemble::ParsedFile { file, model })
}

/// The model files named by `paths`: files as given, directories searched.
/// A file named twice (directly, or under two of the paths) is read once.
fn model_files<P: AsRef<Path>>(paths: &[P]) -> Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    let mut seen = HashSet::new();
    for path in paths {
        let path = path.as_ref();
        let metadata = std::fs::metadata(path).map_err(|source| Error::ReadModel {
            path: path.to_owned(),
            source,
        })?;
        // Files are told apart by their canonical path, found once per path given.
        let canonical = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
        let mut here = Vec::new();
        if metadata.is_dir() {
            walk(path, &mut here)?;
        } else if is_model_file(path) {
            here.push(path.to_owned());
        } else {
            return Err(Error::NotAModelFile {
                path: path.to_owned(),
            });
        }
        for file in here {
            let key = match file.strip_prefix(path) {
                Ok(relative) if !relative.as_os_str().is_empty() => canonical.join(relative),
                _ => canonical.clone(),
            };
            if seen.insert(key) {
                found.push(file);
            }
        }
    }
    if found.is_empty() {
        let searched: Vec<String> = paths
            .iter()
            .map(|p| p.as_ref().display().to_string())
            .collect();
        return Err(Error::NoModelFiles {
            paths: searched.join(", "),
        });
    }
    Ok(found)
}

fn is_model_file(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e == "smithy" || e == "json")
}

/// Every model file under `dir`, sorted by path.
fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    let read = |source| Error::ReadModel {
        path: dir.to_owned(),
        source,
    };
    let mut entries = std::fs::read_dir(dir)
        .map_err(read)?
        .map(|e| e.and_then(|e| Ok((e.path(), e.file_type()?.is_dir()))))
        .collect::<std::io::Result<Vec<_>>>()
        .map_err(read)?;
    entries.sort();
    for (path, is_dir) in entries {
        if is_dir {
            walk(&path, out)?;
        } else if is_model_file(&path) {
            out.push(path);
        }
    }
    Ok(())
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
