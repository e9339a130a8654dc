//! `cargo xtask`: the maintainer's entry points.
//!
//! - `cargo xtask codegen [--check] [--model PATH]... [--out DIR] [--operations A,B] [--package NAME] [--service ID] [--protocol NAME]`
//! - `cargo xtask ast PATH... [--flatten] [--timing]`: the assembled model as Smithy JSON AST.
//! - `cargo xtask diff-model OLD NEW [--operations A,B] [--format text|json] [--deny-breaking] [--docs]`
//! - `cargo xtask update-model --from UPSTREAM.json [--operations A,B] [--into model/FILE.json] [--partitions-from sdk-partitions.json]`
//! - `cargo xtask test`: every check CI runs.
//! - `cargo xtask protocol-tests [--protocol NAME]... [--suite DIR]`: the official compliance suites.
//! - `cargo xtask bench`: the benchmarks, against the official SDK.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

const USAGE: &str = "\
usage: cargo xtask <command> [options]

commands:
  codegen       regenerate the client crate from a Smithy model
  ast           print Smithy IDL and JSON AST files assembled into one model, as JSON AST
  diff-model    compare two models and classify each change as breaking or compatible
  update-model  copy the chosen operations' closure from an upstream model into ours
  test          run every check: formatting, clippy, generated code up to date, tests, docs
  protocol-tests [--protocol NAME]... [--suite DIR]
                generate the official protocol compliance suites' services, run their
                client tests and report passes and failures per protocol (default: the
                protocols the generator serves; suites from ../shared/smithy/ast)
  bench [SECTION...]
                measure codegen, build cost, parsing and pagination against the official SDK
                (writes xtask/bench/BENCHMARKS.md; builds aws-sdk-lambda, so it takes minutes);
                sections: codegen, build, parse, pagination, load, cbor, xml (a partial run only
                prints)

codegen options:
  --model PATH        a model: a Smithy IDL (.smithy) or JSON AST (.json) file, or a directory
                      of them; repeat the flag or separate paths with commas to assemble several
                      (default: model/lambda.json)
  --out DIR           where to write the crate (default: generated)
  --operations A,B    generate only these operations and what they reach (default: all)
  --package NAME      the Cargo package name (default: aws-<sdk id>-client)
  --service ID        the service to generate, by absolute shape ID, in a model with several
  --protocol NAME     the protocol to speak when the service has several (awsJson1_0, rpcv2Cbor...)
  --partitions PATH   the AWS partitions data for endpoint rules
                      (default: model/partitions.json; AWS's sdk-partitions.json works too)
  --runtime SOURCE    where the crate's runtime (smithy-lean-runtime) comes from: `path=DIR`
                      (written into Cargo.toml as given, so relative to the generated crate),
                      `version=REQ` (from a registry), or `vendored` (a copy in OUT/runtime)
                      (default: this workspace's codegen/runtime, by a path relative to --out)
  --check             write nothing; fail, naming each stale file, if the output is not current

ast PATH... options:
  --flatten           apply mixins and remove them, as `smithy ast --flatten`
  --timing            print how long codegen takes to load the model instead of the model

diff-model OLD NEW options:
  --operations A,B    compare only these operations' closures (default: all of NEW's)
  --format text|json  the report's format (default: text)
  --deny-breaking     exit non-zero when any change is breaking
  --docs              list documentation changes too (they are always counted)

update-model options:
  --from PATH         the upstream Smithy JSON AST model
  --partitions-from PATH
                      also (or only) rewrite model/partitions.json from AWS's sdk-partitions.json
  --operations A,B    the operations to keep (default: those of the --into model, else all)
  --into PATH         the model file to write (default: model/lambda.json)
";

/// Writes to standard output; a closed pipe (`| head`) is not an error.
fn out(text: std::fmt::Arguments<'_>) {
    use std::io::Write;
    let _ = std::io::stdout().lock().write_fmt(text);
}

macro_rules! out {
    ($($arg:tt)*) => { $crate::out(format_args!($($arg)*)) };
}

macro_rules! outln {
    ($($arg:tt)*) => {{ $crate::out(format_args!($($arg)*)); $crate::out(format_args!("\n")); }};
}

mod ast;
mod bench;
mod protocol_tests;
mod test;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("codegen") => parse_codegen(&args[1..]).and_then(|c| codegen(&c)),
        Some("ast") => ast::parse(&args[1..]).and_then(|a| ast::run(&a)),
        Some("diff-model") => parse_diff(&args[1..]).and_then(|d| diff_model(&d)),
        Some("update-model") => parse_update(&args[1..]).and_then(|u| update_model(&u)),
        Some("test") if args.len() == 1 => test::test(),
        Some("protocol-tests") => protocol_tests::protocol_tests(&args[1..]),
        Some("bench") => match args[1..]
            .iter()
            .find(|a| !bench::SECTIONS.contains(&a.as_str()))
        {
            Some(other) => Err(Failure::Usage(format!(
                "unknown bench section \"{other}\" (sections: {})",
                bench::SECTIONS.join(", ")
            ))),
            None => bench::bench(&args[1..]),
        },
        Some("help" | "--help" | "-h") => {
            out(format_args!("{USAGE}"));
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
    /// The model files and directories, assembled into one model.
    models: Vec<PathBuf>,
    out: PathBuf,
    operations: Vec<String>,
    package: Option<String>,
    service: Option<String>,
    /// The protocol to speak, when the service has several.
    protocol: Option<String>,
    partitions: Option<PathBuf>,
    /// Where the crate's runtime comes from; by default, the workspace's
    /// runtime crate by a path relative to the output folder.
    runtime: Option<codegen::runtime::Runtime>,
    check: bool,
}

/// `--runtime vendored`, `--runtime path=DIR` or `--runtime version=REQ`.
fn parse_runtime(spec: &str) -> Result<codegen::runtime::Runtime, Failure> {
    use codegen::runtime::Runtime;
    match spec.split_once('=') {
        None if spec == "vendored" => Ok(Runtime::Vendored),
        Some(("path", dir)) if !dir.is_empty() => Ok(Runtime::Path(dir.to_owned())),
        Some(("version", req)) if !req.is_empty() => Ok(Runtime::Version(req.to_owned())),
        _ => Err(Failure::Usage(format!(
            "--runtime takes `vendored`, `path=DIR` or `version=REQ`, not \"{spec}\""
        ))),
    }
}

/// `to` as a path relative to the folder `from` (both absolute), or `to`
/// itself when they share nothing but the root.
fn relative_path(from: &Path, to: &Path) -> PathBuf {
    use std::path::Component;
    fn normal(p: &Path) -> Vec<std::path::Component<'_>> {
        let mut parts: Vec<Component> = Vec::new();
        for c in p.components() {
            match c {
                Component::CurDir => {}
                Component::ParentDir if matches!(parts.last(), Some(Component::Normal(_))) => {
                    parts.pop();
                }
                c => parts.push(c),
            }
        }
        parts
    }
    let (from, to_parts) = (normal(from), normal(to));
    let common = from
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count();
    if common <= 1 {
        return to.to_owned();
    }
    let mut relative = PathBuf::new();
    for _ in common..from.len() {
        relative.push("..");
    }
    for part in &to_parts[common..] {
        relative.push(part.as_os_str());
    }
    relative
}

fn parse_codegen(args: &[String]) -> Result<Codegen, Failure> {
    let mut options = Codegen {
        models: Vec::new(),
        out: root().join("generated"),
        operations: Vec::new(),
        package: None,
        service: None,
        protocol: None,
        partitions: None,
        runtime: None,
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
            "--model" => {
                let list = value("--model")?;
                if list.split(',').any(|p| p.trim().is_empty()) {
                    return Err(Failure::Usage(format!(
                        "--model has an empty path in \"{list}\""
                    )));
                }
                options
                    .models
                    .extend(list.split(',').map(|p| PathBuf::from(p.trim())));
            }
            "--out" => options.out = PathBuf::from(value("--out")?),
            "--package" => options.package = Some(value("--package")?),
            "--service" => options.service = Some(value("--service")?),
            "--protocol" => options.protocol = Some(value("--protocol")?),
            "--partitions" => options.partitions = Some(PathBuf::from(value("--partitions")?)),
            "--runtime" => options.runtime = Some(parse_runtime(&value("--runtime")?)?),
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
    if options.models.is_empty() {
        options.models.push(root().join("model/lambda.json"));
    }
    Ok(options)
}

fn codegen(c: &Codegen) -> Result<(), Failure> {
    let mut generator = codegen::Generator::new().with_operations(c.operations.clone());
    if let Some(package) = &c.package {
        generator = generator.with_package(package.clone());
    }
    if let Some(service) = &c.service {
        generator = generator.with_service(service.clone());
    }
    if let Some(protocol) = &c.protocol {
        generator = generator.with_protocol(protocol.clone());
    }
    let partitions = c
        .partitions
        .clone()
        .unwrap_or_else(|| root().join(PARTITIONS));
    generator = generator.with_partitions_path(&partitions)?;
    let runtime = c.runtime.clone().unwrap_or_else(|| {
        let out = std::env::current_dir().unwrap_or_default().join(&c.out);
        let relative = relative_path(&out, &root().join("codegen/runtime"));
        codegen::runtime::Runtime::Path(relative.to_string_lossy().replace('\\', "/"))
    });
    generator = generator.with_runtime(runtime);
    let files = generator.generate_paths(&c.models)?;
    for (operation, reason) in files.skipped() {
        eprintln!("warning: left out {operation}, which the generator cannot serve yet: {reason}");
    }
    let report = files.write(&c.out, c.check)?;
    let shown = |p: &Path| p.strip_prefix(root()).unwrap_or(p).display().to_string();
    if c.check {
        if report.is_clean() {
            outln!(
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
        outln!("wrote {}", shown(path));
    }
    for path in &report.removed {
        outln!("removed {}", shown(path));
    }
    outln!(
        "{}: {} written, {} removed, {} unchanged",
        shown(&c.out),
        report.changed.len(),
        report.removed.len(),
        report.unchanged
    );
    Ok(())
}

/// Splits `--flag value` and `--flag=value` arguments; positional arguments
/// are returned as `(None, value)`.
fn options(
    args: &[String],
    takes_value: &[&str],
) -> Result<Vec<(Option<String>, String)>, Failure> {
    let mut out = Vec::new();
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        if !arg.starts_with("--") {
            out.push((None, arg.clone()));
            continue;
        }
        let (flag, inline) = match arg.split_once('=') {
            Some((flag, value)) => (flag.to_owned(), Some(value.to_owned())),
            None => (arg.clone(), None),
        };
        if takes_value.contains(&flag.as_str()) {
            let value = inline
                .or_else(|| args.next().cloned())
                .filter(|v| !v.is_empty() && !v.starts_with("--"))
                .ok_or_else(|| Failure::Usage(format!("{flag} needs a value")))?;
            out.push((Some(flag), value));
        } else if inline.is_some() {
            return Err(Failure::Usage(format!("{flag} takes no value")));
        } else {
            out.push((Some(flag), String::new()));
        }
    }
    Ok(out)
}

fn operation_list(list: &str) -> Result<Vec<String>, Failure> {
    let names: Vec<String> = list.split(',').map(|s| s.trim().to_owned()).collect();
    if names.iter().any(String::is_empty) {
        return Err(Failure::Usage(format!(
            "--operations has an empty name in \"{list}\""
        )));
    }
    Ok(names)
}

struct Diff {
    old: PathBuf,
    new: PathBuf,
    operations: Vec<String>,
    json: bool,
    deny_breaking: bool,
    docs: bool,
}

fn parse_diff(args: &[String]) -> Result<Diff, Failure> {
    let mut paths = Vec::new();
    let mut d = Diff {
        old: PathBuf::new(),
        new: PathBuf::new(),
        operations: Vec::new(),
        json: false,
        deny_breaking: false,
        docs: false,
    };
    for (flag, value) in options(args, &["--operations", "--format"])? {
        match flag.as_deref() {
            None => paths.push(PathBuf::from(value)),
            Some("--operations") => d.operations = operation_list(&value)?,
            Some("--format") => {
                d.json = match value.as_str() {
                    "json" => true,
                    "text" => false,
                    other => {
                        return Err(Failure::Usage(format!(
                            "--format must be text or json, not \"{other}\""
                        )))
                    }
                }
            }
            Some("--deny-breaking") => d.deny_breaking = true,
            Some("--docs") => d.docs = true,
            Some(other) => {
                return Err(Failure::Usage(format!(
                    "unknown diff-model option \"{other}\""
                )))
            }
        }
    }
    let [old, new] = <[PathBuf; 2]>::try_from(paths).map_err(|p| {
        Failure::Usage(format!(
            "diff-model takes two models, OLD and NEW ({} given)",
            p.len()
        ))
    })?;
    (d.old, d.new) = (old, new);
    Ok(d)
}

fn diff_model(d: &Diff) -> Result<(), Failure> {
    let old = codegen::load::from_path(&d.old)?;
    let new = codegen::load::from_path(&d.new)?;
    let report = codegen::diff::diff(&old, &new, &d.operations, d.docs)?;
    out!(
        "{}",
        if d.json {
            report.to_json()
        } else {
            report.to_text()
        }
    );
    if d.deny_breaking && report.is_breaking() {
        return Err(Failure::Failed(format!(
            "{} breaking change{} (--deny-breaking)",
            report.breaking,
            if report.breaking == 1 { "" } else { "s" }
        )));
    }
    Ok(())
}

struct Update {
    from: PathBuf,
    operations: Vec<String>,
    into: PathBuf,
    partitions_from: Option<PathBuf>,
}

fn parse_update(args: &[String]) -> Result<Update, Failure> {
    let mut u = Update {
        from: PathBuf::new(),
        operations: Vec::new(),
        into: root().join("model/lambda.json"),
        partitions_from: None,
    };
    let flags = ["--from", "--operations", "--into", "--partitions-from"];
    for (flag, value) in options(args, &flags)? {
        match flag.as_deref() {
            Some("--from") => u.from = PathBuf::from(value),
            Some("--partitions-from") => u.partitions_from = Some(PathBuf::from(value)),
            Some("--operations") => u.operations = operation_list(&value)?,
            Some("--into") => u.into = PathBuf::from(value),
            Some(other) => {
                return Err(Failure::Usage(format!(
                    "unknown update-model option \"{other}\""
                )))
            }
            None => return Err(Failure::Usage(format!("unexpected argument \"{value}\""))),
        }
    }
    if u.from.as_os_str().is_empty() && u.partitions_from.is_none() {
        return Err(Failure::Usage(
            "update-model needs --from UPSTREAM.json or --partitions-from PARTITIONS.json"
                .to_owned(),
        ));
    }
    Ok(u)
}

fn update_model(u: &Update) -> Result<(), Failure> {
    let read = |path: &Path| {
        std::fs::read_to_string(path)
            .map_err(|e| Failure::Failed(format!("cannot read {}: {e}", path.display())))
    };
    if let Some(path) = &u.partitions_from {
        let partitions = codegen::ir::partitions::parse(&read(path)?)?;
        let target = root().join(PARTITIONS);
        let text = codegen::ir::partitions::own_form(&partitions);
        if std::fs::read_to_string(&target).ok().as_deref() == Some(text.as_str()) {
            outln!("{} is up to date", target.display());
        } else {
            std::fs::write(&target, text)
                .map_err(|e| Failure::Failed(format!("cannot write {}: {e}", target.display())))?;
            outln!("wrote {}; next: cargo xtask codegen", target.display());
        }
        if u.from.as_os_str().is_empty() {
            return Ok(());
        }
    }
    let upstream = read(&u.from)?;
    let current = u.into.exists().then(|| read(&u.into)).transpose()?;
    let current_model = current
        .as_deref()
        .map(codegen::load::from_str)
        .transpose()?;
    let operations = match (&current_model, u.operations.is_empty()) {
        (Some(model), true) => codegen::model::select(model, &[], false)?
            .operations
            .iter()
            .map(|id| codegen::model::local_name(id).to_owned())
            .collect(),
        _ => u.operations.clone(),
    };
    let trimmed = codegen::trim::trim(&upstream, &operations)?;
    let new_model = codegen::load::from_str(&trimmed)?;
    if let Some(old) = &current_model {
        let report = codegen::diff::diff(old, &new_model, &operations, false)?;
        out!("{}", report.to_text());
    }
    if current.as_deref() == Some(trimmed.as_str()) {
        outln!("{} is up to date", u.into.display());
        return Ok(());
    }
    std::fs::write(&u.into, &trimmed)
        .map_err(|e| Failure::Failed(format!("cannot write {}: {e}", u.into.display())))?;
    outln!("wrote {}; next: cargo xtask codegen", u.into.display());
    Ok(())
}

/// The AWS partitions data in the project's own form (`update-model
/// --partitions-from` writes it from AWS's `sdk-partitions.json`).
pub(crate) const PARTITIONS: &str = "model/partitions.json";

fn cargo(args: &[&str], env: &[(&str, &str)]) -> Result<(), Failure> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    outln!("$ cargo {}", args.join(" "));
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
    fn runtime_sources_and_relative_paths() {
        use codegen::runtime::Runtime;
        assert_eq!(parse_runtime("vendored").ok(), Some(Runtime::Vendored));
        assert_eq!(
            parse_runtime("path=../rt").ok(),
            Some(Runtime::Path("../rt".into()))
        );
        assert_eq!(
            parse_runtime("version=0.1").ok(),
            Some(Runtime::Version("0.1".into()))
        );
        assert!(parse_runtime("0.1").is_err() && parse_runtime("path=").is_err());
        let rel = |a: &str, b: &str| relative_path(Path::new(a), Path::new(b));
        assert_eq!(
            rel("/w/generated", "/w/codegen/runtime"),
            Path::new("../codegen/runtime")
        );
        assert_eq!(
            rel("/w/a/./b/../c", "/w/codegen/runtime"),
            Path::new("../../codegen/runtime")
        );
        assert_eq!(
            rel("/tmp/x", "/w/codegen/runtime"),
            Path::new("/w/codegen/runtime")
        );
    }

    #[test]
    fn defaults_are_the_committed_model_and_crate() {
        let c = parse(&[]).expect("no options is fine");
        assert_eq!(c.models.len(), 1);
        assert!(c.models[0].ends_with("model/lambda.json"));
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
            "--service",
            "a.b#S",
            "--check",
        ])
        .expect("valid options");
        assert_eq!(c.models, [PathBuf::from("m.json")]);
        assert_eq!(c.out, PathBuf::from("o"));
        assert_eq!(c.operations, ["A", "B"]);
        assert_eq!(c.package.as_deref(), Some("p"));
        assert_eq!(c.service.as_deref(), Some("a.b#S"));
        assert!(c.check);
    }

    #[test]
    fn several_models_are_repeated_or_comma_separated() {
        let c = parse(&[
            "--model",
            "a/dir",
            "--model=b.smithy, c.json",
            "--model",
            "d",
        ])
        .expect("valid options");
        assert_eq!(
            c.models,
            ["a/dir", "b.smithy", "c.json", "d"].map(PathBuf::from)
        );
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
            (
                &["--model", "a,,b"][..],
                "usage: --model has an empty path in \"a,,b\"",
            ),
        ] {
            assert_eq!(parse(args).err().as_deref(), Some(message), "{args:?}");
        }
    }

    fn failure(e: Failure) -> String {
        match e {
            Failure::Usage(m) => format!("usage: {m}"),
            Failure::Failed(m) => format!("failed: {m}"),
        }
    }

    fn strings(args: &[&str]) -> Vec<String> {
        args.iter().map(|a| a.to_string()).collect()
    }

    #[test]
    fn diff_model_takes_two_models_and_its_options() {
        let d = parse_diff(&strings(&[
            "a.json",
            "b.json",
            "--format=json",
            "--deny-breaking",
            "--docs",
            "--operations",
            "X,Y",
        ]))
        .map_err(failure)
        .expect("valid");
        assert_eq!(
            (d.old, d.new),
            (PathBuf::from("a.json"), PathBuf::from("b.json"))
        );
        assert!(d.json && d.deny_breaking && d.docs);
        assert_eq!(d.operations, ["X", "Y"]);
        for (args, message) in [
            (
                &["a.json"][..],
                "usage: diff-model takes two models, OLD and NEW (1 given)",
            ),
            (
                &["a", "b", "--format", "yaml"][..],
                "usage: --format must be text or json, not \"yaml\"",
            ),
            (
                &["a", "b", "--docs=yes"][..],
                "usage: --docs takes no value",
            ),
            (
                &["a", "b", "--bogus"][..],
                "usage: unknown diff-model option \"--bogus\"",
            ),
        ] {
            assert_eq!(
                parse_diff(&strings(args)).err().map(failure).as_deref(),
                Some(message),
                "{args:?}"
            );
        }
    }

    #[test]
    fn update_model_needs_a_source() {
        let u = parse_update(&strings(&["--from", "up.json", "--into=m.json"]))
            .map_err(failure)
            .expect("valid");
        assert_eq!(
            (u.from, u.into),
            (PathBuf::from("up.json"), PathBuf::from("m.json"))
        );
        assert_eq!(
            parse_update(&[]).err().map(failure).as_deref(),
            Some("usage: update-model needs --from UPSTREAM.json or --partitions-from PARTITIONS.json")
        );
        let p = parse_update(&strings(&["--partitions-from", "p.json"]))
            .map_err(failure)
            .expect("partitions alone are enough");
        assert_eq!(p.partitions_from, Some(PathBuf::from("p.json")));
        assert_eq!(
            parse_update(&strings(&["stray"]))
                .err()
                .map(failure)
                .as_deref(),
            Some("usage: unexpected argument \"stray\"")
        );
    }
}
