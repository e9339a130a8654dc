//! Broken Smithy IDL models, one fault each, in `tests/models/idl/broken/`:
//! the error names the file, line and column and says what was expected or
//! what is wrong. The messages are pinned as insta snapshots.
//!
//! A fixture holding `// file: NAME` lines is several files: the text before
//! the first such line is the fixture itself, each section after one is the
//! file `NAME` (a JSON AST when the name ends in `.json`).

use std::path::{Path, PathBuf};

/// The fixture's files, named relative to `broken/` so that messages do not
/// depend on where the workspace is.
fn files(path: &Path, text: &str) -> Vec<(PathBuf, String)> {
    let name = path.file_name().expect("a file").to_string_lossy();
    let mut files = vec![(PathBuf::from("broken").join(&*name), String::new())];
    for line in text.split_inclusive('\n') {
        match line.strip_prefix("// file: ") {
            Some(next) => files.push((PathBuf::from("broken").join(next.trim()), String::new())),
            None => files
                .last_mut()
                .expect("one file at least")
                .1
                .push_str(line),
        }
    }
    files
}

#[test]
fn broken_idl_models_name_the_place_and_the_fault() {
    insta::glob!("../models/idl/broken", "*.smithy", |path| {
        let text = std::fs::read_to_string(path).expect("fixture is readable");
        match codegen::load::assemble_texts(files(path, &text)) {
            Ok(_) => panic!("{} loaded without an error", path.display()),
            Err(e) => insta::assert_snapshot!(e.to_string()),
        }
    });
}

#[test]
fn the_generator_reports_idl_errors_too() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let model = dir.path().join("model.smithy");
    std::fs::write(
        &model,
        "$version: \"2\"\nnamespace example\n\nstructure A {\n    a {}\n}\n",
    )
    .expect("write the model");
    let error = codegen::Generator::new()
        .generate_path(&model)
        .expect_err("a syntax error");
    assert_eq!(
        error.to_string(),
        format!(
            "{}:5:7: expected ':' after the member name, found '{{'",
            model.display()
        )
    );
}

#[test]
fn missing_and_foreign_paths_are_errors() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let missing = dir.path().join("missing.smithy");
    assert!(matches!(
        codegen::load::assemble_paths(&[&missing]),
        Err(codegen::Error::ReadModel { .. })
    ));
    let text = dir.path().join("notes.txt");
    std::fs::write(&text, "hi").expect("write");
    assert_eq!(
        codegen::load::assemble_paths(&[&text])
            .expect_err("not a model")
            .to_string(),
        format!(
            "{} is not a model file: expected a .smithy or .json file, or a directory of them",
            text.display()
        )
    );
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).expect("mkdir");
    assert_eq!(
        codegen::load::assemble_paths(&[&empty])
            .expect_err("no files")
            .to_string(),
        format!("no model files (.smithy or .json) in {}", empty.display())
    );
}
