//! The reference for the IDL loader: every protocol test suite of
//! `../shared/smithy/protocol-tests/`, read from its Smithy IDL files with
//! the trait definitions of `../shared/smithy/traits/` and flattened, is
//! exactly the JSON AST that Smithy's own loader wrote for it in
//! `../shared/smithy/ast/` (object key order aside).

use std::path::{Path, PathBuf};

use serde_json::Value;

/// `../shared/smithy`, or `None` (recorded as a skip) when its suites are absent.
fn shared() -> Option<PathBuf> {
    let readme = tests::shared_file("smithy/README.md")?;
    let shared = readme.parent()?.to_path_buf();
    if shared.join("ast").is_dir() && shared.join("protocol-tests").is_dir() {
        return Some(shared);
    }
    tests::record_skip(&format!(
        "{} has no ast/ and protocol-tests/ to compare",
        shared.display()
    ));
    None
}

/// Each suite: its reference file, and its model files as
/// `../shared/smithy/README.md` lists them (the trait files come last).
const SUITES: &[(&str, &[&str])] = &[
    ("restJson1", &["aws/restJson1", "aws/shared-types.smithy"]),
    (
        "awsJson1_0",
        &[
            "aws/awsJson1_0",
            "aws/shared-types.smithy",
            "aws/aws-config.smithy",
        ],
    ),
    ("awsJson1_1", &["aws/awsJson1_1", "aws/shared-types.smithy"]),
    (
        "restXml",
        &[
            "aws/restXml",
            "aws/shared-types.smithy",
            "aws/aws-config.smithy",
        ],
    ),
    (
        "restXmlWithNamespace",
        &["aws/restXmlWithNamespace", "aws/shared-types.smithy"],
    ),
    (
        "awsQuery",
        &[
            "aws/awsQuery",
            "aws/shared-types.smithy",
            "aws/aws-config.smithy",
        ],
    ),
    (
        "ec2Query",
        &[
            "aws/ec2Query",
            "aws/shared-types.smithy",
            "aws/aws-config.smithy",
        ],
    ),
    (
        "aws-rpcv2Cbor",
        &[
            "aws/rpcv2Cbor",
            "aws/shared-types.smithy",
            "aws/aws-config.smithy",
        ],
    ),
    (
        "smithy-rpcv2Cbor",
        &["smithy/rpcv2Cbor", "smithy/shared-types.smithy"],
    ),
    (
        "smithy-rpcv2Json",
        &["smithy/rpcv2Json", "smithy/shared-types.smithy"],
    ),
];

/// The suite's model paths, in the order Smithy was given them.
fn suite_paths(shared: &Path, parts: &[&str]) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = parts
        .iter()
        .map(|p| shared.join("protocol-tests").join(p))
        .collect();
    paths.push(shared.join("traits"));
    paths
}

/// Where two JSON values differ, as JSON pointer paths; numbers compare by
/// value (`1` and `1.0` are the same number, as in Smithy's node model).
fn differences(path: &str, ours: &Value, reference: &Value, out: &mut Vec<String>) {
    match (ours, reference) {
        (Value::Object(a), Value::Object(b)) => {
            for (key, value) in b {
                let here = format!("{path}/{key}");
                match a.get(key) {
                    Some(ours) => differences(&here, ours, value, out),
                    None => out.push(format!("{here}: missing (Smithy has {})", short(value))),
                }
            }
            for (key, value) in a {
                if !b.contains_key(key) {
                    out.push(format!("{path}/{key}: extra (we have {})", short(value)));
                }
            }
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => {
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                differences(&format!("{path}/{i}"), x, y, out);
            }
        }
        (Value::Number(a), Value::Number(b)) if a.as_f64() == b.as_f64() => {}
        (a, b) if a == b => {}
        (a, b) => out.push(format!(
            "{path}: we have {}, Smithy has {}",
            short(a),
            short(b)
        )),
    }
}

fn short(value: &Value) -> String {
    let text = value.to_string();
    match text.char_indices().nth(160) {
        Some((cut, _)) => format!("{}...", &text[..cut]),
        None => text,
    }
}

#[test]
fn every_protocol_suite_loads_from_idl_to_exactly_smithys_json_ast() {
    let Some(shared) = shared() else {
        return;
    };
    let mut failures = Vec::new();
    for (suite, parts) in SUITES {
        let paths = suite_paths(&shared, parts);
        let assembled = match codegen::load::assemble_paths(&paths) {
            Ok(model) => model,
            Err(e) => {
                failures.push(format!("{suite}: does not load: {e}"));
                continue;
            }
        };
        let ours: Value = serde_json::from_str(&assembled.to_json(true)).expect("our JSON parses");
        let reference_path = shared.join("ast").join(format!("{suite}.json"));
        let reference: Value = serde_json::from_str(
            &std::fs::read_to_string(&reference_path).expect("read the reference"),
        )
        .expect("the reference parses");
        let mut found = Vec::new();
        differences("", &ours, &reference, &mut found);
        if !found.is_empty() {
            let total = found.len();
            found.truncate(25);
            failures.push(format!(
                "{suite}: {total} differences from Smithy's JSON AST:\n  {}",
                found.join("\n  ")
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn the_generator_reads_a_suite_from_idl_as_from_its_json_ast() {
    let Some(shared) = shared() else {
        return;
    };
    let paths = suite_paths(&shared, SUITES[0].1);
    let from_idl = codegen::load::from_paths(&paths).expect("restJson1 loads from IDL");
    let from_json = codegen::load::from_path(&shared.join("ast/restJson1.json"))
        .expect("restJson1 loads from its JSON AST");
    let ids = |m: &codegen::load::ast::Model| m.shapes.keys().cloned().collect::<Vec<_>>();
    assert_eq!(ids(&from_idl), ids(&from_json));
    for (id, shape) in &from_json.shapes {
        let ours = &from_idl.shapes[id];
        assert_eq!(ours.kind, shape.kind, "{id}");
        assert_eq!(
            ours.members.keys().collect::<Vec<_>>(),
            shape.members.keys().collect::<Vec<_>>(),
            "{id}"
        );
        assert_eq!(
            ours.traits.keys().collect::<Vec<_>>(),
            shape.traits.keys().collect::<Vec<_>>(),
            "{id}"
        );
    }
}
