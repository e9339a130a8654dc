//! The sixth section: the CBOR crates the runtime could use for rpcv2Cbor,
//! side by side: ciborium (the runtime's), minicbor-serde and cbor4ii, on
//! the rpcv2Cbor suites' bodies, hostile input, interoperation and speed
//! (`xtask/bench/cbor`).

use std::process::Command;

use serde_json::Value;

use super::{bench_dir, cargo, criterion_mean, failed, ratio, row, run_criterion, target_dir, Row};
use crate::{root, Failure};

/// The candidates, the runtime's first, as `bench-cbor` names them.
const CRATES: [&str; 3] = ["ciborium", "minicbor-serde", "cbor4ii"];

pub(super) fn cbor_crates() -> Result<Vec<Row>, Failure> {
    let dir = bench_dir().join("cbor");
    let target = target_dir("cbor");
    let _ = std::fs::remove_file(dir.join("Cargo.lock"));
    let suites: Vec<_> = ["smithy-rpcv2Cbor.json", "aws-rpcv2Cbor.json"]
        .iter()
        .map(|name| root().join("../shared/smithy/ast").join(name))
        .filter(|path| path.is_file())
        .collect();
    let output = Command::new(cargo())
        .args([
            "run",
            "--release",
            "--quiet",
            "--bin",
            "bench-cbor",
            "--",
            "report",
        ])
        .args(&suites)
        .current_dir(&dir)
        .env("CARGO_TARGET_DIR", &target)
        .output()
        .map_err(|e| failed(format!("cannot run cargo: {e}")))?;
    if !output.status.success() {
        return Err(failed(format!(
            "the CBOR check failed: {}",
            String::from_utf8_lossy(&output.stderr)
        )));
    }
    let report: Value = serde_json::from_slice(&output.stdout)
        .map_err(|e| failed(format!("the CBOR check printed no report: {e}")))?;
    run_criterion(&dir, "cbor", &target)?;
    let mean = |group: &str, krate: &str| criterion_mean(&target, group, krate);

    let others = |describe: &dyn Fn(&str) -> String| {
        CRATES[1..]
            .iter()
            .map(|krate| format!("{krate}: {}", describe(krate)))
            .collect::<Vec<_>>()
            .join("; ")
    };
    let mut rows = Vec::new();
    let suite = &report["suite"];
    if suites.is_empty() {
        rows.push(row(
            "CBOR crates: rpcv2Cbor suite bodies read",
            "skipped: ../shared/smithy missing".to_owned(),
            "n/a".to_owned(),
            "n/a".to_owned(),
        ));
    } else {
        let bodies = suite["bodies"].as_u64().unwrap_or(0);
        let read = |krate: &str| {
            let decoded = suite["crates"][krate]["decoded"].as_u64().unwrap_or(0);
            format!("{decoded} of {bodies}")
        };
        rows.push(row(
            &format!(
                "CBOR crates: bodies of the rpcv2Cbor suites read (half and single floats, tags, indefinite lengths); {} of {bodies} read alike by all three",
                suite["agree"]
            ),
            format!("ciborium: {}", read("ciborium")),
            others(&read),
            "n/a".to_owned(),
        ));
    }
    let hostile = |krate: &str| {
        let h = &report["hostile"][krate];
        let crashed = h["crashed"].as_array().map_or(0, Vec::len);
        let accepted = h["accepted"].as_array().map_or(0, Vec::len);
        format!(
            "{} of {} refused, {accepted} accepted, {crashed} crashed",
            h["refused"], h["cases"]
        )
    };
    rows.push(row(
        "CBOR crates: malformed and hostile inputs (deep nesting, 2^63 lengths, bad UTF-8...)",
        format!("ciborium: {}", hostile("ciborium")),
        others(&hostile),
        "n/a".to_owned(),
    ));
    let failing: Vec<&str> = report["interoperate"]["failing_pairs"]
        .as_array()
        .map(|pairs| pairs.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let read_by_ciborium = failing
        .iter()
        .any(|pair| pair.ends_with(&format!("-> {}", CRATES[0])));
    rows.push(row(
        "CBOR crates: a 100-item page written by each and read by each (writer -> reader)",
        if read_by_ciborium {
            "ciborium cannot read every other crate's page".to_owned()
        } else {
            "ciborium reads every crate's page".to_owned()
        },
        if failing.is_empty() {
            "every pair reads back".to_owned()
        } else {
            format!("fails: {}", failing.join(", "))
        },
        "n/a".to_owned(),
    ));
    let size = report["interoperate"]["page_bytes"].as_u64().unwrap_or(0);
    for (group, verb) in [
        ("cbor_decode_page_100", "decode"),
        ("cbor_encode_page_100", "encode"),
    ] {
        let ours = mean(group, CRATES[0])?;
        for krate in &CRATES[1..] {
            let theirs = mean(group, krate)?;
            rows.push(row(
                &format!(
                    "CBOR crates: {verb} a typed 100-item page ({size} bytes), mean time, against {krate}"
                ),
                format!("{:.1} µs", ours / 1e3),
                format!("{:.1} µs", theirs / 1e3),
                ratio(ours, theirs),
            ));
        }
    }
    Ok(rows)
}
