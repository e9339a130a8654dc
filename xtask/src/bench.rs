//! `cargo xtask bench`: our generator and generated client measured side by
//! side with the official Rust SDK, in the same run, written to
//! `xtask/bench/BENCHMARKS.md`. The reference crates are built only here,
//! never by the test command.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use crate::{root, Failure};

mod candidates;
mod cbor;
mod xml;

const CODEGEN_RUNS: usize = 7;
const PAGES: usize = 100;
const PAGE_SIZE: usize = 100;

/// One row of the table.
struct Row {
    what: String,
    ours: String,
    reference: String,
    ratio: String,
}

fn row(what: &str, ours: String, reference: String, ratio: String) -> Row {
    Row {
        what: what.to_owned(),
        ours,
        reference,
        ratio,
    }
}

fn failed(message: impl Into<String>) -> Failure {
    Failure::Failed(message.into())
}

fn bench_dir() -> PathBuf {
    root().join("xtask/bench")
}

fn target_dir(name: &str) -> PathBuf {
    root().join("target/bench").join(name)
}

fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned())
}

/// Runs a command under GNU time: wall seconds, peak resident memory in KiB
/// (the largest process of the tree), and the command's stdout and stderr.
fn timed(command: &mut Command) -> Result<(f64, u64, String, String), Failure> {
    let program = command.get_program().to_string_lossy().into_owned();
    let mut timed = Command::new("/usr/bin/time");
    timed
        .arg("-f")
        .arg("@@time %e %M")
        .arg(command.get_program())
        .args(command.get_args());
    if let Some(dir) = command.get_current_dir() {
        timed.current_dir(dir);
    }
    for (k, v) in command.get_envs() {
        match v {
            Some(v) => timed.env(k, v),
            None => timed.env_remove(k),
        };
    }
    let started = Instant::now();
    let output = timed.output().map_err(|e| {
        failed(format!(
            "cannot run /usr/bin/time (install the Debian package `time`): {e}"
        ))
    })?;
    let wall = started.elapsed().as_secs_f64();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    if !output.status.success() {
        return Err(failed(format!("`{program}` failed:\n{stderr}")));
    }
    let line = stderr
        .lines()
        .rev()
        .find(|l| l.starts_with("@@time "))
        .ok_or_else(|| failed("no timing from /usr/bin/time"))?;
    // The wall time is our own clock's: GNU time's moves in 10 ms steps.
    let peak = line
        .split_whitespace()
        .nth(2)
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    Ok((wall, peak, stdout, stderr))
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn ratio(ours: f64, reference: f64) -> String {
    if ours > 0.0 && reference > 0.0 {
        format!("{:.2}×", ours / reference)
    } else {
        "n/a".to_owned()
    }
}

fn mib(kib: u64) -> String {
    format!("{:.0} MiB", kib as f64 / 1024.0)
}

/// The heading of the hand-written part of `BENCHMARKS.md` that a run keeps.
const HISTORY: &str = "## What was changed to get here";

/// The parts of the benchmark, in the order they run.
pub const SECTIONS: &[&str] = &[
    "codegen",
    "build",
    "parse",
    "pagination",
    "load",
    "cbor",
    "xml",
];

/// Runs `sections` (all when empty). A full run prints the table and writes
/// it to `xtask/bench/BENCHMARKS.md`; a partial run only prints its rows.
/// `pagination` uses the consumers that `build` compiled.
pub fn bench(sections: &[String]) -> Result<(), Failure> {
    let run = |name: &str| sections.is_empty() || sections.iter().any(|s| s == name);
    let mut rows = Vec::new();
    if run("codegen") {
        rows.extend(codegen_times()?);
    }
    if run("build") {
        rows.extend(consumer_builds()?);
    }
    if run("parse") {
        rows.extend(parse_throughput()?);
    }
    if run("pagination") {
        rows.extend(pagination()?);
    }
    if run("load") {
        rows.extend(load_times()?);
    }
    if run("cbor") {
        rows.extend(cbor::cbor_crates()?);
    }
    if run("xml") {
        rows.extend(xml::xml_readers()?);
    }
    let table = render(&rows);
    out!("{table}");
    if sections.is_empty() {
        let path = bench_dir().join("BENCHMARKS.md");
        // The history below the table is written by hand and kept.
        let history = std::fs::read_to_string(&path)
            .ok()
            .and_then(|old| old.find(HISTORY).map(|at| old[at..].to_owned()))
            .unwrap_or_default();
        let table = if history.is_empty() {
            table
        } else {
            format!("{table}\n{history}")
        };
        std::fs::write(&path, table)
            .map_err(|e| failed(format!("cannot write {}: {e}", path.display())))?;
        outln!("wrote {}", path.display());
    }
    Ok(())
}

fn render(rows: &[Row]) -> String {
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let memory = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|m| {
            m.lines()
                .find(|l| l.starts_with("MemTotal:"))
                .map(|l| l.split_whitespace().nth(1).unwrap_or("0").to_owned())
        })
        .and_then(|kib| kib.parse::<u64>().ok())
        .map_or_else(
            || "unknown".to_owned(),
            |kib| format!("{:.1} GiB", kib as f64 / 1024.0 / 1024.0),
        );
    let date = Command::new("date")
        .arg("-u")
        .arg("+%Y-%m-%d")
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_default();
    let mut out = format!(
        "# Benchmarks\n\n`cargo xtask bench` on {date}: {cores} cores, {memory} of memory. The reference is the official \
         AWS SDK for Rust (`aws-sdk-lambda`), measured in the same run, the same program on both sides in two pairs: \
         **minimal** (static credentials and region set in code, no aws-config on either side) and **production** \
         (each side with its standard credential and region chain: ours built into the client, the reference's \
         `aws_config::load_defaults`). Both use tokio's current-thread runtime. A ratio is ours divided by the \
         reference's: below 1 is better for times, sizes and memory, above 1 for throughput.\n\n\
         | measurement | ours | reference | ratio |\n| --- | --- | --- | --- |\n"
    );
    for r in rows {
        out.push_str(&format!(
            "| {} | {} | {} | {} |\n",
            r.what, r.ours, r.reference, r.ratio
        ));
    }
    out
}

/// Builds the release xtask and returns its path.
fn release_xtask() -> Result<PathBuf, Failure> {
    let status = Command::new(cargo())
        .args(["build", "--release", "--quiet", "-p", "xtask"])
        .current_dir(root())
        .status()
        .map_err(|e| failed(format!("cannot run cargo: {e}")))?;
    if !status.success() {
        return Err(failed("cannot build the release xtask"));
    }
    let target =
        std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root().join("target"), PathBuf::from);
    Ok(target.join("release/xtask"))
}

/// 1. Wall time of the release xtask generating `model/` and the whole upstream model.
fn codegen_times() -> Result<Vec<Row>, Failure> {
    let xtask = release_xtask()?;
    let upstream = root().join("../shared/models/lambda-2015-03-31.json");
    let mut rows = Vec::new();
    for (what, model) in [
        (
            "codegen: model/ (1 operation), median of 7",
            root().join("model/lambda.json"),
        ),
        (
            "codegen: upstream Lambda (85 operations), median of 7",
            upstream,
        ),
    ] {
        if !model.exists() {
            rows.push(row(
                what,
                "skipped: model missing".to_owned(),
                "n/a".to_owned(),
                "n/a".to_owned(),
            ));
            continue;
        }
        let mut times = Vec::new();
        for run in 0..CODEGEN_RUNS {
            let out = target_dir("codegen").join(format!("run-{run}"));
            let _ = std::fs::remove_dir_all(&out);
            let start = Instant::now();
            let output = Command::new(&xtask)
                .args(["codegen", "--model"])
                .arg(&model)
                .arg("--out")
                .arg(&out)
                .output()
                .map_err(|e| failed(format!("cannot run the xtask: {e}")))?;
            times.push(start.elapsed().as_secs_f64());
            if !output.status.success() {
                return Err(failed(format!(
                    "codegen failed: {}",
                    String::from_utf8_lossy(&output.stderr)
                )));
            }
        }
        rows.push(row(
            what,
            format!("{:.3} s", median(times)),
            "n/a: smithy-rs needs Gradle and Maven Central, which this machine cannot reach"
                .to_owned(),
            "n/a".to_owned(),
        ));
    }
    Ok(rows)
}

struct Build {
    wall: f64,
    peak_kib: u64,
    crates: usize,
    binary: u64,
}

/// A clean release build of a consumer with a freshly resolved lockfile.
fn clean_build(name: &str, features: &[&str], target: &Path) -> Result<Build, Failure> {
    let dir = bench_dir().join(name);
    let _ = std::fs::remove_dir_all(target);
    let _ = std::fs::remove_file(dir.join("Cargo.lock"));
    let status = Command::new(cargo())
        .args(["generate-lockfile", "--quiet"])
        .current_dir(&dir)
        .status()
        .map_err(|e| failed(format!("cannot run cargo: {e}")))?;
    if !status.success() {
        return Err(failed(format!("cannot resolve the dependencies of {name}")));
    }
    let fetch = Command::new(cargo())
        .args(["fetch", "--quiet"])
        .current_dir(&dir)
        .status();
    if !fetch.is_ok_and(|s| s.success()) {
        return Err(failed(format!(
            "cannot download the dependencies of {name}"
        )));
    }
    let mut build = Command::new(cargo());
    build
        .args(["build", "--release", "--offline"])
        .current_dir(&dir)
        .env("CARGO_TARGET_DIR", target);
    if !features.is_empty() {
        build.arg("--features").arg(features.join(","));
    }
    let (wall, peak_kib, _, stderr) = timed(&mut build)?;
    let crates = stderr
        .lines()
        .filter(|l| l.trim_start().starts_with("Compiling "))
        .count();
    let binary = std::fs::metadata(target.join("release").join(name))
        .map(|m| m.len())
        .unwrap_or(0);
    Ok(Build {
        wall,
        peak_kib,
        crates,
        binary,
    })
}

/// Rebuild time of the client crate alone (and the binary) after it changes.
fn rebuild(name: &str, package: &str, features: &[&str], target: &Path) -> Result<f64, Failure> {
    let dir = bench_dir().join(name);
    let status = Command::new(cargo())
        .args(["clean", "--release", "--quiet", "-p", package])
        .current_dir(&dir)
        .env("CARGO_TARGET_DIR", target)
        .status()
        .map_err(|e| failed(format!("cannot run cargo: {e}")))?;
    if !status.success() {
        return Err(failed(format!("cannot clean {package}")));
    }
    let mut build = Command::new(cargo());
    build
        .args(["build", "--release", "--offline"])
        .current_dir(&dir)
        .env("CARGO_TARGET_DIR", target);
    if !features.is_empty() {
        build.arg("--features").arg(features.join(","));
    }
    Ok(timed(&mut build)?.0)
}

/// The two pairs of consumers compared, like against like: `minimal`
/// (static credentials, no aws-config on either side) and `production` (each
/// side with its standard credential chain: ours built in, the reference's
/// `aws_config::load_defaults`).
const PAIRS: [(&str, &[&str]); 2] = [("minimal", &[]), ("production", &["production"])];

/// The build folder of one consumer in one pair.
fn pair_target(consumer: &str, pair: &str) -> PathBuf {
    target_dir(&format!("{consumer}-{pair}"))
}

/// 2. Clean release builds of the consumer program, ours against the
///    reference's, for each pair.
fn consumer_builds() -> Result<Vec<Row>, Failure> {
    let secs = |s: f64| format!("{s:.1} s");
    let size = |b: u64| format!("{:.1} MB", b as f64 / 1e6);
    let mut rows = Vec::new();
    for (pair, features) in PAIRS {
        let ours = clean_build(
            "consumer-ours",
            features,
            &pair_target("consumer-ours", pair),
        )?;
        let reference = clean_build(
            "consumer-reference",
            features,
            &pair_target("consumer-reference", pair),
        )?;
        rows.extend([
            row(
                &format!("{pair}: clean release build, wall"),
                secs(ours.wall),
                secs(reference.wall),
                ratio(ours.wall, reference.wall),
            ),
            row(
                &format!("{pair}: clean release build, peak memory"),
                mib(ours.peak_kib),
                mib(reference.peak_kib),
                ratio(ours.peak_kib as f64, reference.peak_kib as f64),
            ),
            row(
                &format!("{pair}: crates compiled"),
                ours.crates.to_string(),
                reference.crates.to_string(),
                ratio(ours.crates as f64, reference.crates as f64),
            ),
            row(
                &format!("{pair}: release binary size"),
                size(ours.binary),
                size(reference.binary),
                ratio(ours.binary as f64, reference.binary as f64),
            ),
        ]);
    }
    let ours_rebuild = rebuild(
        "consumer-ours",
        "aws-lambda-client",
        &[],
        &pair_target("consumer-ours", "minimal"),
    )?;
    let reference_rebuild = rebuild(
        "consumer-reference",
        "aws-sdk-lambda",
        &[],
        &pair_target("consumer-reference", "minimal"),
    )?;
    rows.push(row(
        "minimal: rebuild after a model change (client crate + binary)",
        secs(ours_rebuild),
        secs(reference_rebuild),
        ratio(ours_rebuild, reference_rebuild),
    ));
    Ok(rows)
}

/// Runs the criterion benchmark `bench` of the crate in `dir`.
fn run_criterion(dir: &Path, bench: &str, target: &Path) -> Result<(), Failure> {
    let status = Command::new(cargo())
        .args(["bench", "--quiet", "--bench", bench, "--", "--noplot"])
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .status()
        .map_err(|e| failed(format!("cannot run cargo: {e}")))?;
    if status.success() {
        Ok(())
    } else {
        Err(failed(format!("the {bench} benchmark failed")))
    }
}

/// The mean time in nanoseconds criterion measured for `name` in `group`.
fn criterion_mean(target: &Path, group: &str, name: &str) -> Result<f64, Failure> {
    let path = target
        .join("criterion")
        .join(group)
        .join(name)
        .join("new/estimates.json");
    let text = std::fs::read_to_string(&path)
        .map_err(|e| failed(format!("cannot read {}: {e}", path.display())))?;
    let value: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| failed(format!("{}: {e}", path.display())))?;
    value
        .pointer("/mean/point_estimate")
        .and_then(serde_json::Value::as_f64)
        .ok_or_else(|| failed(format!("no mean in {}", path.display())))
}

/// 3. Criterion: one 100-mapping response through each client's `send()`.
fn parse_throughput() -> Result<Vec<Row>, Failure> {
    let dir = bench_dir().join("parse");
    // Shares the reference consumer's build folder: the SDK crates are already compiled there.
    let target = pair_target("consumer-reference", "minimal");
    let _ = std::fs::remove_file(dir.join("Cargo.lock"));
    run_criterion(&dir, "parse", &target)?;
    let mean = |name: &str| criterion_mean(&target, "list_event_source_mappings_100", name);
    let (ours, reference, value) = (mean("ours")?, mean("reference")?, mean("serde_json_value")?);
    let per_second = |ns: f64| format!("{:.0} responses/s ({:.1} µs each)", 1e9 / ns, ns / 1e3);
    Ok(vec![
        row(
            "both pairs: parse 100 mappings via send(), throughput (credentials play no part)",
            per_second(ours),
            per_second(reference),
            format!("{:.2}×", reference / ours),
        ),
        row(
            "… against untyped `serde_json::Value` of the same bytes",
            per_second(ours),
            per_second(value),
            format!("{:.2}×", value / ours),
        ),
    ])
}

/// 5. Loading the restJson1 protocol suite in release, as codegen loads a model.
///
/// From its Smithy IDL files (the suite, its shared types and the trait
/// definitions, as `../shared/smithy/README.md` lists them) and from the JSON
/// AST that Smithy's loader wrote for the same suite.
fn load_times() -> Result<Vec<Row>, Failure> {
    let what =
        "load the restJson1 protocol suite: Smithy IDL (ours) against its JSON AST, median of 15";
    let shared = root().join("../shared/smithy");
    let suite = shared.join("protocol-tests/aws/restJson1");
    let json = shared.join("ast/restJson1.json");
    if !suite.is_dir() || !json.is_file() {
        return Ok(vec![row(
            what,
            "skipped: ../shared/smithy missing".to_owned(),
            "n/a".to_owned(),
            "n/a".to_owned(),
        )]);
    }
    let xtask = release_xtask()?;
    let idl = [
        suite,
        shared.join("protocol-tests/aws/shared-types.smithy"),
        shared.join("traits"),
    ];
    let median = |paths: &[PathBuf]| -> Result<f64, Failure> {
        let output = Command::new(&xtask)
            .arg("ast")
            .arg("--timing")
            .args(paths)
            .output()
            .map_err(|e| failed(format!("cannot run the xtask: {e}")))?;
        let stdout = String::from_utf8_lossy(&output.stdout);
        if !output.status.success() {
            return Err(failed(format!(
                "loading {} failed: {}",
                paths[0].display(),
                String::from_utf8_lossy(&output.stderr)
            )));
        }
        stdout
            .split_whitespace()
            .skip_while(|w| *w != "median")
            .nth(1)
            .and_then(|ms| ms.parse::<f64>().ok())
            .ok_or_else(|| {
                failed(format!(
                    "no timing in `xtask ast --timing` output: {stdout}"
                ))
            })
    };
    let (ours, reference) = (median(&idl)?, median(&[json])?);
    Ok(vec![row(
        what,
        format!("{ours:.1} ms"),
        format!("{reference:.1} ms (JSON AST)"),
        ratio(ours, reference),
    )])
}

/// 4. 10,000 mappings over 100 pages from a local fake server.
fn pagination() -> Result<Vec<Row>, Failure> {
    let mapping = std::fs::read_to_string(bench_dir().join("fixtures/mapping.json"))
        .map_err(|e| failed(format!("cannot read the mapping fixture: {e}")))?;
    let mapping: serde_json::Value =
        serde_json::from_str(&mapping).map_err(|e| failed(format!("the mapping fixture: {e}")))?;
    let mut rows = Vec::new();
    for (pair, _) in PAIRS {
        let ours_bin = pair_target("consumer-ours", pair).join("release/consumer-ours");
        let reference_bin =
            pair_target("consumer-reference", pair).join("release/consumer-reference");
        let mut results = Vec::new();
        for pages in [10, PAGES] {
            let server = FakeServer::start(&mapping, pages)?;
            let baseline = server.fetch_all()?;
            let run = |bin: &Path| -> Result<(f64, u64), Failure> {
                // The production pair finds these through its standard chain;
                // instance metadata is switched off on both sides, as off EC2.
                let mut command = Command::new(bin);
                command
                    .arg(server.url())
                    .env("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE")
                    .env("AWS_SECRET_ACCESS_KEY", "secret")
                    .env("AWS_REGION", "us-east-1")
                    .env("AWS_EC2_METADATA_DISABLED", "true");
                let (wall, peak, stdout, _) = timed(&mut command)?;
                let count: usize = stdout
                    .trim()
                    .parse()
                    .map_err(|_| failed(format!("{} printed {stdout:?}", bin.display())))?;
                if count != pages * PAGE_SIZE {
                    return Err(failed(format!(
                        "{} listed {count} mappings, not {}",
                        bin.display(),
                        pages * PAGE_SIZE
                    )));
                }
                Ok((wall, peak))
            };
            results.push((pages, baseline, run(&ours_bin)?, run(&reference_bin)?));
        }
        for (pages, baseline, (ours_wall, ours_peak), (ref_wall, ref_peak)) in &results {
            let items = pages * PAGE_SIZE;
            rows.push(row(
                &format!(
                    "{pair}: paginate {items} mappings over {pages} pages, wall (raw HTTP fetch of the same pages: {:.3} s)",
                    baseline.as_secs_f64()
                ),
                format!("{ours_wall:.3} s"),
                format!("{ref_wall:.3} s"),
                ratio(*ours_wall, *ref_wall),
            ));
            rows.push(row(
                &format!("{pair}: paginate {items} mappings over {pages} pages, peak memory"),
                mib(*ours_peak),
                mib(*ref_peak),
                ratio(*ours_peak as f64, *ref_peak as f64),
            ));
        }
    }
    Ok(rows)
}

/// A keep-alive HTTP/1.1 server on loopback that answers
/// ListEventSourceMappings with `pages` pages of 100 mappings, `Marker` = page number.
struct FakeServer {
    address: std::net::SocketAddr,
}

impl FakeServer {
    fn start(mapping: &serde_json::Value, pages: usize) -> Result<FakeServer, Failure> {
        let bodies: Vec<Vec<u8>> = (0..pages)
            .map(|page| {
                let mut body =
                    serde_json::json!({ "EventSourceMappings": vec![mapping.clone(); PAGE_SIZE] });
                if page + 1 < pages {
                    body["NextMarker"] = serde_json::Value::from((page + 1).to_string());
                }
                serde_json::to_vec(&body).unwrap_or_default()
            })
            .collect();
        let bodies = std::sync::Arc::new(bodies);
        let listener = TcpListener::bind("127.0.0.1:0")
            .map_err(|e| failed(format!("cannot listen on loopback: {e}")))?;
        let address = listener.local_addr().map_err(|e| failed(e.to_string()))?;
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let bodies = bodies.clone();
                std::thread::spawn(move || serve(stream, &bodies));
            }
        });
        Ok(FakeServer { address })
    }

    fn url(&self) -> String {
        format!("http://{}", self.address)
    }

    /// The server's own limit: every page fetched over one connection with no client library.
    fn fetch_all(&self) -> Result<Duration, Failure> {
        let start = Instant::now();
        let stream = TcpStream::connect(self.address).map_err(|e| failed(e.to_string()))?;
        let _ = stream.set_nodelay(true);
        let mut writer = stream.try_clone().map_err(|e| failed(e.to_string()))?;
        let mut reader = BufReader::new(stream);
        let mut marker: Option<String> = None;
        loop {
            let query = marker
                .as_ref()
                .map(|m| format!("?Marker={m}"))
                .unwrap_or_default();
            write!(
                writer,
                "GET /2015-03-31/event-source-mappings{query} HTTP/1.1\r\nHost: x\r\n\r\n"
            )
            .map_err(|e| failed(e.to_string()))?;
            let mut length = 0;
            loop {
                let mut line = String::new();
                reader
                    .read_line(&mut line)
                    .map_err(|e| failed(e.to_string()))?;
                if line == "\r\n" || line.is_empty() {
                    break;
                }
                if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                    length = v.trim().parse().unwrap_or(0);
                }
            }
            let mut body = vec![0; length];
            reader
                .read_exact(&mut body)
                .map_err(|e| failed(e.to_string()))?;
            // No parsing: the marker is the last member the server writes.
            let tail = String::from_utf8_lossy(&body[body.len().saturating_sub(64)..]).into_owned();
            match tail
                .rsplit_once("\"NextMarker\":\"")
                .and_then(|(_, rest)| rest.split_once('"'))
            {
                Some((next, _)) => marker = Some(next.to_owned()),
                None => return Ok(start.elapsed()),
            }
        }
    }
}

fn serve(stream: TcpStream, bodies: &[Vec<u8>]) {
    let _ = stream.set_nodelay(true);
    let Ok(mut writer) = stream.try_clone() else {
        return;
    };
    let mut reader = BufReader::new(stream);
    loop {
        let mut request_line = String::new();
        if reader.read_line(&mut request_line).unwrap_or(0) == 0 {
            return;
        }
        loop {
            let mut line = String::new();
            if reader.read_line(&mut line).unwrap_or(0) == 0 {
                return;
            }
            if line == "\r\n" {
                break;
            }
        }
        let page = request_line
            .split_whitespace()
            .nth(1)
            .and_then(|target| target.split_once("Marker="))
            .and_then(|(_, rest)| rest.split('&').next())
            .and_then(|m| m.parse::<usize>().ok())
            .unwrap_or(0);
        let body = bodies.get(page).map_or(&b"{}"[..], Vec::as_slice);
        let mut response = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nx-amzn-RequestId: bench-{page}\r\n\r\n",
            body.len()
        )
        .into_bytes();
        response.extend_from_slice(body);
        // One write, without Nagle's delay: the server must not be the bottleneck.
        if writer.write_all(&response).is_err() {
            return;
        }
    }
}
