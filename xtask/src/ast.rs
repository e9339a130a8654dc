//! `cargo xtask ast PATH... [--flatten] [--timing]`: reads Smithy IDL and
//! JSON AST files (and directories of them), assembles them into one model
//! and prints it as Smithy JSON AST, in the form Smithy's `smithy ast`
//! prints it; `--flatten` applies and removes mixins, as
//! `smithy ast --flatten` does. `--timing` loads the model as
//! `cargo xtask codegen` does, several times, and prints how long that took
//! instead of the model.

use std::path::PathBuf;
use std::time::Instant;

use crate::{options, Failure};

/// How many loads `--timing` measures (after one to warm up).
const TIMING_RUNS: usize = 15;

/// What `cargo xtask ast` was asked.
#[derive(Debug, PartialEq)]
pub(crate) struct Ast {
    paths: Vec<PathBuf>,
    flatten: bool,
    timing: bool,
}

pub(crate) fn parse(args: &[String]) -> Result<Ast, Failure> {
    let mut ast = Ast {
        paths: Vec::new(),
        flatten: false,
        timing: false,
    };
    for (flag, value) in options(args, &[])? {
        match flag.as_deref() {
            None => ast.paths.push(PathBuf::from(value)),
            Some("--flatten") => ast.flatten = true,
            Some("--timing") => ast.timing = true,
            Some(other) => return Err(Failure::Usage(format!("unknown ast option \"{other}\""))),
        }
    }
    if ast.paths.is_empty() {
        return Err(Failure::Usage(
            "ast needs at least one model file or directory".to_owned(),
        ));
    }
    Ok(ast)
}

pub(crate) fn run(ast: &Ast) -> Result<(), Failure> {
    if ast.timing {
        return timing(&ast.paths);
    }
    let model = codegen::load::assemble_paths(&ast.paths)?;
    out!("{}", model.to_json(ast.flatten));
    Ok(())
}

/// Loads the model as the generator does and prints the median time, in
/// milliseconds: `load: median 12.345 ms of 15 (1 234 shapes)`.
fn timing(paths: &[PathBuf]) -> Result<(), Failure> {
    let shapes = codegen::load::from_paths(paths)?.shapes.len();
    let mut times = Vec::with_capacity(TIMING_RUNS);
    for _ in 0..TIMING_RUNS {
        let start = Instant::now();
        let model = codegen::load::from_paths(paths)?;
        times.push(start.elapsed().as_secs_f64() * 1e3);
        drop(model);
    }
    times.sort_by(f64::total_cmp);
    outln!(
        "load: median {:.3} ms of {TIMING_RUNS} ({shapes} shapes)",
        times[TIMING_RUNS / 2]
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|a| a.to_string()).collect()
    }

    #[test]
    fn paths_and_flags() {
        assert_eq!(
            parse(&args(&["a.smithy", "--flatten", "dir"]))
                .map_err(|_| ())
                .expect("valid"),
            Ast {
                paths: vec![PathBuf::from("a.smithy"), PathBuf::from("dir")],
                flatten: true,
                timing: false,
            }
        );
        for (list, message) in [
            (&[][..], "ast needs at least one model file or directory"),
            (&["a", "--flat"][..], "unknown ast option \"--flat\""),
            (&["a", "--flatten=yes"][..], "--flatten takes no value"),
        ] {
            match parse(&args(list)) {
                Err(Failure::Usage(m)) => assert_eq!(m, message, "{list:?}"),
                _ => panic!("{list:?} should be a usage error"),
            }
        }
    }
}
