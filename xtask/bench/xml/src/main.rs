//! `bench-xml report SUITE.json...`: how each candidate reader does on the
//! XML bodies of the given Smithy protocol suites (JSON AST) and on hostile
//! input, as one JSON object on stdout. Each hostile input is read in a
//! child process (`bench-xml hostile READER INDEX`) given 10 seconds, so
//! that a reader that overflows its stack, aborts or expands entities
//! without end shows as a crash instead of ending the run.

use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

use bench_xml::{hostile, Reader, Tree};
use serde_json::{json, Value};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("report") => {
            let report = json!({"suite": suite(&args[1..]), "hostile": hostile_report()});
            println!("{report}");
            ExitCode::SUCCESS
        }
        Some("hostile") if args.len() == 3 => {
            let (Some(reader), Ok(index)) = (Reader::by_name(&args[1]), args[2].parse::<usize>())
            else {
                eprintln!("usage: bench-xml hostile READER INDEX");
                return ExitCode::from(2);
            };
            match reader.accepts(&hostile()[index].1) {
                Ok(_) => ExitCode::from(3),
                Err(_) => ExitCode::SUCCESS,
            }
        }
        _ => {
            eprintln!("usage: bench-xml report SUITE.json... | bench-xml hostile READER INDEX");
            ExitCode::from(2)
        }
    }
}

/// Every XML body of the suites' request and response tests: (test ID, bytes).
fn bodies(files: &[String]) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{file}: {e}"));
        let model: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{file}: {e}"));
        for (_, shape) in model["shapes"].as_object().into_iter().flatten() {
            for kind in [
                "smithy.test#httpRequestTests",
                "smithy.test#httpResponseTests",
            ] {
                for case in shape["traits"][kind].as_array().into_iter().flatten() {
                    let media = case["bodyMediaType"].as_str().unwrap_or_default();
                    let body = case["body"].as_str().unwrap_or_default();
                    if media.contains("xml") && !body.trim().is_empty() {
                        let id = case["id"].as_str().unwrap_or("?").to_owned();
                        out.push((id, body.as_bytes().to_vec()));
                    }
                }
            }
        }
    }
    out
}

/// How many suite bodies each reader reads, and how many all three read
/// to the same tree.
fn suite(files: &[String]) -> Value {
    let bodies = bodies(files);
    let results: Vec<Vec<Result<Tree, String>>> = bodies
        .iter()
        .map(|(_, bytes)| Reader::ALL.iter().map(|r| r.parse(bytes)).collect())
        .collect();
    let mut readers = serde_json::Map::new();
    for (i, reader) in Reader::ALL.iter().enumerate() {
        let failed: Vec<&str> = results
            .iter()
            .zip(&bodies)
            .filter(|(r, _)| r[i].is_err())
            .map(|(_, (id, _))| id.as_str())
            .collect();
        readers.insert(
            reader.name().to_owned(),
            json!({"decoded": bodies.len() - failed.len(), "failed": failed}),
        );
    }
    let mut agree = 0;
    let mut disagree = Vec::new();
    for (result, (id, _)) in results.iter().zip(&bodies) {
        match result.as_slice() {
            [Ok(a), Ok(b), Ok(c)] if a == b && b == c => agree += 1,
            _ => disagree.push(id.clone()),
        }
    }
    json!({"bodies": bodies.len(), "crates": readers, "agree": agree, "disagree": disagree})
}

/// For each reader, which hostile inputs it refused, accepted or crashed on.
fn hostile_report() -> Value {
    let me = std::env::current_exe().expect("the program's path");
    let cases = hostile();
    let mut out = serde_json::Map::new();
    for reader in Reader::ALL {
        let (mut refused, mut accepted, mut crashed) = (0, Vec::new(), Vec::new());
        for (index, (what, _)) in cases.iter().enumerate() {
            let mut child = Command::new(&me)
                .args(["hostile", reader.name(), &index.to_string()])
                .stderr(Stdio::null())
                .spawn()
                .expect("run the child");
            let started = Instant::now();
            let status = loop {
                if let Some(status) = child.try_wait().expect("wait for the child") {
                    break Some(status);
                }
                if started.elapsed() > Duration::from_secs(10) {
                    let _ = child.kill();
                    let _ = child.wait();
                    break None;
                }
                std::thread::sleep(Duration::from_millis(20));
            };
            match status.and_then(|s| s.code()) {
                Some(0) => refused += 1,
                Some(3) => accepted.push(*what),
                _ => crashed.push(*what),
            }
        }
        out.insert(
            reader.name().to_owned(),
            json!({"cases": cases.len(), "refused": refused, "accepted": accepted, "crashed": crashed}),
        );
    }
    Value::Object(out)
}
