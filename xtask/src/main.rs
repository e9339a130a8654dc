//! `cargo xtask`: the maintainer's entry points.
//!
//! - `cargo xtask codegen [--check] [--model PATH] [--out DIR] [--operations A,B] [--package NAME]`
//! - `cargo xtask test`: every check CI runs.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

const USAGE: &str = "\
usage: cargo xtask <command> [options]

commands:
  codegen   regenerate the client crate from a Smithy model
  test      run every check: formatting, clippy, generated code up to date, tests, docs

codegen options:
  --model PATH        the Smithy JSON AST model (default: model/lambda.json)
  --out DIR           where to write the crate (default: generated)
  --operations A,B    generate only these operations and what they reach (default: all)
  --package NAME      the Cargo package name (default: aws-<sdk id>-client)
  --check             write nothing; fail, naming each stale file, if the output is not current
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("codegen") => parse_codegen(&args[1..]).and_then(|c| codegen(&c)),
        Some("test") if args.len() == 1 => test(),
        Some("help" | "--help" | "-h") => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Some(other) => Err(Failure::Usage(format!(
            "unknown command or argument \"{other}\""
        ))),
        None => Err(Failure::Usage("no command given".to_owned())),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Usage(message)) => {
            eprintln!("error: {message}\n\n{USAGE}");
            ExitCode::from(2)
        }
        Err(Failure::Failed(message)) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

enum Failure {
    /// The arguments are wrong: print the usage.
    Usage(String),
    /// The command ran and failed.
    Failed(String),
}

impl From<codegen::Error> for Failure {
    fn from(e: codegen::Error) -> Failure {
        Failure::Failed(e.to_string())
    }
}

/// The workspace root (the parent of this crate's folder).
fn root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().unwrap_or(manifest).to_owned()
}

struct Codegen {
    model: PathBuf,
    out: PathBuf,
    operations: Vec<String>,
    package: Option<String>,
    check: bool,
}

fn parse_codegen(args: &[String]) -> Result<Codegen, Failure> {
    let mut options = Codegen {
        model: root().join("model/lambda.json"),
        out: root().join("generated"),
        operations: Vec::new(),
        package: None,
        check: false,
    };
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((flag, value)) => (flag, Some(value.to_owned())),
            None => (arg.as_str(), None),
        };
        let mut value = |name: &str| {
            inline
                .clone()
                .or_else(|| args.next().cloned())
                .filter(|v| !v.is_empty() && !v.starts_with("--"))
                .ok_or_else(|| Failure::Usage(format!("{name} needs a value")))
        };
        match flag {
            "--check" if inline.is_none() => options.check = true,
            "--model" => options.model = PathBuf::from(value("--model")?),
            "--out" => options.out = PathBuf::from(value("--out")?),
            "--package" => options.package = Some(value("--package")?),
            "--operations" => {
                let list = value("--operations")?;
                options.operations = list.split(',').map(|s| s.trim().to_owned()).collect();
                if options.operations.iter().any(String::is_empty) {
                    return Err(Failure::Usage(format!(
                        "--operations has an empty name in \"{list}\""
                    )));
                }
            }
            other => {
                return Err(Failure::Usage(format!(
                    "unknown codegen option \"{other}\""
                )))
            }
        }
    }
    Ok(options)
}

fn codegen(c: &Codegen) -> Result<(), Failure> {
    let mut generator = codegen::Generator::new().with_operations(c.operations.clone());
    if let Some(package) = &c.package {
        generator = generator.with_package(package.clone());
    }
    let files = generator.generate_path(&c.model)?;
    let report = files.write(&c.out, c.check)?;
    let shown = |p: &Path| p.strip_prefix(root()).unwrap_or(p).display().to_string();
    if c.check {
        if report.is_clean() {
            println!(
                "{} is up to date ({} files)",
                shown(&c.out),
                report.unchanged
            );
            return Ok(());
        }
        for path in &report.changed {
            eprintln!("stale: {}", shown(path));
        }
        for path in &report.removed {
            eprintln!("no longer generated: {}", shown(path));
        }
        return Err(Failure::Failed(format!(
            "{} is not what the model generates; run `cargo xtask codegen` and commit the result",
            shown(&c.out)
        )));
    }
    for path in &report.changed {
        println!("wrote {}", shown(path));
    }
    for path in &report.removed {
        println!("removed {}", shown(path));
    }
    println!(
        "{}: {} written, {} removed, {} unchanged",
        shown(&c.out),
        report.changed.len(),
        report.removed.len(),
        report.unchanged
    );
    Ok(())
}

/// Everything CI checks, in order of cost.
fn test() -> Result<(), Failure> {
    let check = parse_codegen(&["--check".to_owned()])?;
    codegen(&check)?;
    cargo(&["fmt", "--all", "--", "--check"], &[])?;
    cargo(
        &[
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ],
        &[],
    )?;
    cargo(&["test", "--workspace"], &[])?;
    cargo(
        &["doc", "--workspace", "--no-deps"],
        &[("RUSTDOCFLAGS", "-D warnings")],
    )?;
    println!("all checks passed");
    Ok(())
}

fn cargo(args: &[&str], env: &[(&str, &str)]) -> Result<(), Failure> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    println!("$ cargo {}", args.join(" "));
    let status = Command::new(&cargo)
        .args(args)
        .envs(env.iter().copied())
        .current_dir(root())
        .status()
        .map_err(|e| Failure::Failed(format!("cannot run {cargo}: {e}")))?;
    if status.success() {
        Ok(())
    } else {
        Err(Failure::Failed(format!(
            "`cargo {}` failed ({status})",
            args.join(" ")
        )))
    }
}
