//! `cbor-check report SUITE.json...`: how each candidate crate does on the
//! CBOR bodies of the given Smithy protocol suites (JSON AST) and on hostile
//! input, as one JSON object on stdout. Each hostile input is decoded in a
//! child process (`cbor-check hostile CRATE INDEX`), so that a decoder that
//! overflows its stack or aborts on an allocation shows as a crash instead
//! of ending the run.

use std::process::{Command, ExitCode};

use base64::Engine;
use bench_cbor::{hostile, page, Crate, Generic, Page};
use serde_json::{json, Value};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("report") => {
            let report = json!({
                "suite": suite(&args[1..]),
                "hostile": hostile_report(),
                "interoperate": interoperate(),
            });
            println!("{report}");
            ExitCode::SUCCESS
        }
        Some("hostile") if args.len() == 3 => {
            let (Some(krate), Ok(index)) = (Crate::by_name(&args[1]), args[2].parse::<usize>())
            else {
                eprintln!("usage: cbor-check hostile CRATE INDEX");
                return ExitCode::from(2);
            };
            let bytes = &hostile()[index].1;
            match krate.decode_generic(bytes) {
                Ok(_) => ExitCode::from(3),
                Err(_) => ExitCode::SUCCESS,
            }
        }
        _ => {
            eprintln!("usage: cbor-check report SUITE.json... | cbor-check hostile CRATE INDEX");
            ExitCode::from(2)
        }
    }
}

/// Every CBOR body of the suites' request and response tests: (test ID, bytes).
fn bodies(files: &[String]) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{file}: {e}"));
        let model: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{file}: {e}"));
        let shapes = model["shapes"].as_object().into_iter().flatten();
        for (_, shape) in shapes {
            for kind in [
                "smithy.test#httpRequestTests",
                "smithy.test#httpResponseTests",
            ] {
                for case in shape["traits"][kind].as_array().into_iter().flatten() {
                    let cbor = case["bodyMediaType"] == "application/cbor";
                    let body = case["body"].as_str().unwrap_or_default();
                    if !cbor || body.is_empty() {
                        continue;
                    }
                    let bytes = base64::engine::general_purpose::STANDARD
                        .decode(body)
                        .unwrap_or_else(|e| panic!("{}: {e}", case["id"]));
                    out.push((case["id"].as_str().unwrap_or("?").to_owned(), bytes));
                }
            }
        }
    }
    out
}

/// How many suite bodies each crate decodes, and how many all three decode
/// to the same data item.
fn suite(files: &[String]) -> Value {
    let bodies = bodies(files);
    let mut decoded = serde_json::Map::new();
    let mut agree = 0;
    let mut disagree = Vec::new();
    let results: Vec<Vec<Result<Generic, String>>> = bodies
        .iter()
        .map(|(_, bytes)| Crate::ALL.iter().map(|c| c.decode_generic(bytes)).collect())
        .collect();
    for (i, krate) in Crate::ALL.iter().enumerate() {
        let ok = results.iter().filter(|r| r[i].is_ok()).count();
        let failed: Vec<&str> = results
            .iter()
            .zip(&bodies)
            .filter(|(r, _)| r[i].is_err())
            .map(|(_, (id, _))| id.as_str())
            .collect();
        decoded.insert(
            krate.name().to_owned(),
            json!({"decoded": ok, "failed": failed}),
        );
    }
    for (result, (id, _)) in results.iter().zip(&bodies) {
        match result.as_slice() {
            [Ok(a), Ok(b), Ok(c)] if a == b && b == c => agree += 1,
            _ => disagree.push(id.clone()),
        }
    }
    json!({"bodies": bodies.len(), "crates": decoded, "agree": agree, "disagree": disagree})
}

/// For each crate, which hostile inputs it refused, accepted or crashed on.
fn hostile_report() -> Value {
    let me = std::env::current_exe().expect("the program's path");
    let cases = hostile();
    let mut out = serde_json::Map::new();
    for krate in Crate::ALL {
        let (mut refused, mut accepted, mut crashed) = (0, Vec::new(), Vec::new());
        for (index, (what, _)) in cases.iter().enumerate() {
            let status = Command::new(&me)
                .args(["hostile", krate.name(), &index.to_string()])
                .stderr(std::process::Stdio::null())
                .status()
                .expect("run the child");
            match status.code() {
                Some(0) => refused += 1,
                Some(3) => accepted.push(*what),
                _ => crashed.push(*what),
            }
        }
        out.insert(
            krate.name().to_owned(),
            json!({"cases": cases.len(), "refused": refused, "accepted": accepted, "crashed": crashed}),
        );
    }
    Value::Object(out)
}

/// Whether what each crate encodes every other decodes to the same page.
fn interoperate() -> Value {
    let expected = page(100);
    let size = Crate::Minicbor.encode(&expected).expect("encodes").len();
    let mut pairs = Vec::new();
    for writer in Crate::ALL {
        let bytes = writer.encode(&expected).expect("encodes");
        for reader in Crate::ALL {
            let same = reader.decode::<Page>(&bytes).is_ok_and(|p| p == expected);
            if !same {
                pairs.push(format!("{} -> {}", writer.name(), reader.name()));
            }
        }
    }
    json!({"failing_pairs": pairs, "page_bytes": size})
}
