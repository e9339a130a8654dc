//! Any text as Smithy IDL (or JSON AST) model files: the loader assembles a
//! model or returns an error, never panics; and what it assembles prints as
//! JSON AST that the JSON loader reads back.
//!
//! Lines `---` split the input into several files, so that assembly across
//! files (conflicting definitions, metadata, `apply`) is fuzzed too; a part
//! starting with `{` is a JSON AST file.

#![no_main]

use std::path::PathBuf;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let files: Vec<(PathBuf, String)> = text
        .split("\n---\n")
        .take(4)
        .enumerate()
        .map(|(i, part)| {
            let extension = if part.trim_start().starts_with('{') {
                "json"
            } else {
                "smithy"
            };
            (PathBuf::from(format!("f{i}.{extension}")), part.to_owned())
        })
        .collect();
    match codegen::load::assemble_texts(files) {
        Ok(model) => {
            let _ = model.to_json(false);
            let flat = model.to_json(true);
            if let Err(e) = codegen::load::from_str(&flat) {
                panic!("the printed model does not read back: {e}\n{flat}");
            }
            let _ = model.into_ast();
        }
        Err(e) => {
            let _ = e.to_string();
        }
    }
});
