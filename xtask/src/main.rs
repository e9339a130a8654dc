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
  --partitions PATH   the AWS partitions data for endpoint rules
                      (default: ../shared/models/sdk-partitions.json when present)
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
    partitions: Option<PathBuf>,
    check: bool,
}

fn parse_codegen(args: &[String]) -> Result<Codegen, Failure> {
    let mut options = Codegen {
        model: root().join("model/lambda.json"),
        out: root().join("generated"),
        operations: Vec::new(),
        package: None,
        partitions: None,
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
            "--check" => return Err(Failure::Usage("--check takes no value".to_owned())),
            "--model" => options.model = PathBuf::from(value("--model")?),
            "--out" => options.out = PathBuf::from(value("--out")?),
            "--package" => options.package = Some(value("--package")?),
            "--partitions" => options.partitions = Some(PathBuf::from(value("--partitions")?)),
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
    let partitions = c.partitions.clone().or_else(|| {
        let shared = root().join(PARTITIONS);
        shared.exists().then_some(shared)
    });
    if let Some(path) = partitions {
        generator = generator.with_partitions_path(&path)?;
    }
    let files = generator.generate_path(&c.model)?;
    for (operation, reason) in files.skipped() {
        eprintln!("warning: left out {operation}: it needs {reason}, which the generator does not support yet");
    }
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

/// The AWS partitions data, beside the workspace.
const PARTITIONS: &str = "../shared/models/sdk-partitions.json";

/// The upstream Lambda model some tests read, beside the workspace.
const UPSTREAM_MODEL: &str = "../shared/models/lambda-2015-03-31.json";

/// Everything CI checks, in order of cost.
fn test() -> Result<(), Failure> {
    let upstream = root().join(UPSTREAM_MODEL);
    let warn_upstream = || {
        if !upstream.exists() {
            eprintln!(
                "\n*** WARNING: {} is missing: the tests on the upstream model are SKIPPED ***\n",
                upstream.display()
            );
        }
    };
    warn_upstream();
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

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Codegen, String> {
        let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
        parse_codegen(&args).map_err(|e| match e {
            Failure::Usage(m) => format!("usage: {m}"),
            Failure::Failed(m) => format!("failed: {m}"),
        })
    }

    #[test]
    fn defaults_are_the_committed_model_and_crate() {
        let c = parse(&[]).expect("no options is fine");
        assert!(c.model.ends_with("model/lambda.json"));
        assert!(c.out.ends_with("generated"));
        assert!(c.operations.is_empty() && c.package.is_none() && !c.check);
    }

    #[test]
    fn options_take_values_with_a_space_or_an_equals_sign() {
        let c = parse(&[
            "--model",
            "m.json",
            "--out=o",
            "--operations",
            "A, B",
            "--package=p",
            "--check",
        ])
        .expect("valid options");
        assert_eq!(c.model, PathBuf::from("m.json"));
        assert_eq!(c.out, PathBuf::from("o"));
        assert_eq!(c.operations, ["A", "B"]);
        assert_eq!(c.package.as_deref(), Some("p"));
        assert!(c.check);
    }

    #[test]
    fn wrong_arguments_are_usage_errors() {
        for (args, message) in [
            (&["--model"][..], "usage: --model needs a value"),
            (&["--out", "--check"][..], "usage: --out needs a value"),
            (
                &["--operations", "A,,B"][..],
                "usage: --operations has an empty name in \"A,,B\"",
            ),
            (
                &["--bogus"][..],
                "usage: unknown codegen option \"--bogus\"",
            ),
            (&["--check=yes"][..], "usage: --check takes no value"),
        ] {
            assert_eq!(parse(args).err().as_deref(), Some(message), "{args:?}");
        }
    }
}
