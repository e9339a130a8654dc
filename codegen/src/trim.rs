//! Cuts a model down to the closure of some operations, as `update-model`
//! writes it: the chosen operations, every shape they reach, and a service
//! shape that binds only those operations and keeps only the traits a client
//! needs. Keys are sorted, so an update makes a small, reviewable git diff.

use serde_json::{Map, Value};

use crate::error::{Error, Result};
use crate::load;
use crate::model::select;

/// Service traits the trimmed model keeps.
const SERVICE_TRAITS: &[&str] = &[
    "aws.api#service",
    "aws.auth#sigv4",
    "aws.protocols#restJson1",
    "smithy.api#documentation",
    "smithy.api#paginated",
    "smithy.api#title",
    "smithy.rules#endpointRuleSet",
    "smithy.rules#endpointTests",
];

/// The trimmed model, as pretty JSON ending in a newline.
pub fn trim(text: &str, operations: &[String]) -> Result<String> {
    let model = load::from_str(text)?;
    let selection = select(&model, operations, false)?;
    let raw: Value = serde_json::from_str(text).map_err(|e| Error::Json {
        line: e.line(),
        column: e.column(),
        message: e.to_string(),
    })?;
    let raw_shapes = raw
        .get("shapes")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    let mut shapes = Map::new();
    for id in &selection.closure {
        if let Some(shape) = raw_shapes.get(id) {
            shapes.insert(id.clone(), shape.clone());
        }
    }
    let mut service = raw_shapes
        .get(&selection.service)
        .cloned()
        .unwrap_or_default();
    if let Some(object) = service.as_object_mut() {
        object.remove("resources");
        object.remove("errors");
        object.insert(
            "operations".to_owned(),
            Value::Array(
                selection
                    .operations
                    .iter()
                    .map(|op| serde_json::json!({ "target": op }))
                    .collect(),
            ),
        );
        if let Some(Value::Object(traits)) = object.get_mut("traits") {
            traits.retain(|name, _| SERVICE_TRAITS.contains(&name.as_str()));
        }
        if let Some(Value::Object(rename)) = object.get_mut("rename") {
            rename.retain(|id, _| selection.closure.contains(id));
            if rename.is_empty() {
                object.remove("rename");
            }
        }
    }
    shapes.insert(selection.service.clone(), service);
    let mut out = Map::new();
    out.insert(
        "smithy".to_owned(),
        raw.get("smithy")
            .cloned()
            .unwrap_or_else(|| Value::from("2.0")),
    );
    out.insert("shapes".to_owned(), Value::Object(shapes));
    let text =
        serde_json::to_string_pretty(&sorted(Value::Object(out))).map_err(|e| Error::Json {
            line: 0,
            column: 0,
            message: e.to_string(),
        })?;
    Ok(text + "\n")
}

/// The value with every object's keys in sorted order, whatever map type
/// serde_json was built with.
fn sorted(value: Value) -> Value {
    match value {
        Value::Object(map) => {
            let mut entries: Vec<(String, Value)> = map.into_iter().collect();
            entries.sort_by(|a, b| a.0.cmp(&b.0));
            Value::Object(entries.into_iter().map(|(k, v)| (k, sorted(v))).collect())
        }
        Value::Array(items) => Value::Array(items.into_iter().map(sorted).collect()),
        other => other,
    }
}
