//! The sixth section: the CBOR crates the runtime could use for rpcv2Cbor,
//! side by side: ciborium (the runtime's), minicbor-serde and cbor4ii, on
//! the rpcv2Cbor suites' bodies, hostile input, interoperation and speed
//! (`xtask/bench/cbor`).

use serde_json::Value;

use super::candidates::Comparison;
use super::{row, Row};
use crate::Failure;

/// The candidates, the runtime's first, as `bench-cbor` names them.
const CRATES: &[&str] = &["ciborium", "minicbor-serde", "cbor4ii"];

pub(super) fn cbor_crates() -> Result<Vec<Row>, Failure> {
    let c = Comparison::run(
        "cbor",
        &["smithy-rpcv2Cbor.json", "aws-rpcv2Cbor.json"],
        "CBOR crates",
        CRATES,
    )?;
    let mut rows = vec![
        c.suite_row(
            "bodies of the rpcv2Cbor suites read (half and single floats, tags, indefinite lengths)",
        ),
        c.hostile_row("malformed and hostile inputs (deep nesting, 2^63 lengths, bad UTF-8...)"),
    ];
    let failing: Vec<&str> = c
        .get("/interoperate/failing_pairs")
        .as_array()
        .map(|pairs| pairs.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let read_by_ours = failing
        .iter()
        .any(|pair| pair.ends_with(&format!("-> {}", CRATES[0])));
    rows.push(row(
        "CBOR crates: a 100-item page written by each and read by each (writer -> reader)",
        if read_by_ours {
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
    let size = c.get("/interoperate/page_bytes").as_u64().unwrap_or(0);
    for (group, verb) in [
        ("cbor_decode_page_100", "decode"),
        ("cbor_encode_page_100", "encode"),
    ] {
        rows.extend(c.time_rows(
            group,
            &format!("{verb} a typed 100-item page ({size} bytes)"),
        )?);
    }
    Ok(rows)
}
