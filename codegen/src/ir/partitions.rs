//! Reads the AWS partitions data that `aws.partition` looks regions up in:
//! either AWS's own `sdk-partitions.json`, or the same facts in this
//! project's form (`model/partitions.json`), which [`own_form`] writes.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{Partition, PartitionOutputs};
use crate::error::{Error, Result};

#[derive(Deserialize)]
struct File {
    partitions: Vec<RawPartition>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawPartition {
    id: String,
    region_regex: String,
    outputs: Map<String, Value>,
    #[serde(default)]
    regions: BTreeMap<String, Map<String, Value>>,
}

/// This project's form: each partition's outputs, the regions it lists, and
/// the outputs of the regions that differ from their partition's.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct OwnFile {
    partitions: Vec<OwnPartition>,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct OwnPartition {
    id: String,
    region_pattern: String,
    outputs: PartitionOutputs,
    regions: Vec<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    region_outputs: BTreeMap<String, PartitionOutputs>,
}

/// Parses partitions data in either form; each region's outputs are the
/// partition's with the region's own overrides applied.
pub fn parse(text: &str) -> Result<Vec<Partition>> {
    let invalid = |reason: String| Error::Partitions { reason };
    let value: Value = serde_json::from_str(text).map_err(|e| invalid(e.to_string()))?;
    let own = value["partitions"][0].get("regionPattern").is_some();
    let partitions = if own {
        parse_own(value).map_err(invalid)?
    } else {
        parse_upstream(value).map_err(invalid)?
    };
    if !partitions.iter().any(|p| p.id == "aws") {
        return Err(invalid(
            "there is no `aws` partition to fall back on".to_owned(),
        ));
    }
    Ok(partitions)
}

fn parse_own(value: Value) -> std::result::Result<Vec<Partition>, String> {
    let file = OwnFile::deserialize(value).map_err(|e| e.to_string())?;
    Ok(file
        .partitions
        .into_iter()
        .map(|mut p| Partition {
            regions: p
                .regions
                .into_iter()
                .map(|r| {
                    let own = p.region_outputs.remove(&r);
                    (r, own)
                })
                .collect(),
            id: p.id,
            region_regex: p.region_pattern,
            outputs: p.outputs,
        })
        .collect())
}

fn parse_upstream(value: Value) -> std::result::Result<Vec<Partition>, String> {
    let file = File::deserialize(value).map_err(|e| e.to_string())?;
    let outputs = |id: &str, base: &Map<String, Value>, overrides: &Map<String, Value>| {
        let mut merged = base.clone();
        for (k, v) in overrides {
            if k != "description" {
                merged.insert(k.clone(), v.clone());
            }
        }
        PartitionOutputs::deserialize(Value::Object(merged))
            .map_err(|e| format!("the outputs of {id}: {e}"))
    };
    let mut partitions = Vec::new();
    for p in file.partitions {
        let base = outputs(&p.id, &p.outputs, &Map::new())?;
        let mut regions = Vec::new();
        for (name, overrides) in &p.regions {
            let own = outputs(name, &p.outputs, overrides)?;
            regions.push((name.clone(), (own != base).then_some(own)));
        }
        partitions.push(Partition {
            outputs: base,
            id: p.id,
            region_regex: p.region_regex,
            regions,
        });
    }
    Ok(partitions)
}

/// The partitions in this project's form, as pretty JSON with sorted keys.
pub fn own_form(partitions: &[Partition]) -> String {
    let file = OwnFile {
        partitions: partitions
            .iter()
            .map(|p| OwnPartition {
                id: p.id.clone(),
                region_pattern: p.region_regex.clone(),
                outputs: p.outputs.clone(),
                regions: p.regions.iter().map(|(r, _)| r.clone()).collect(),
                region_outputs: p
                    .regions
                    .iter()
                    .filter_map(|(r, o)| Some((r.clone(), o.clone()?)))
                    .collect(),
            })
            .collect(),
    };
    let value = serde_json::to_value(&file).unwrap_or_default();
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    const UPSTREAM: &str = r#"{"partitions": [{
        "id": "aws", "regionRegex": "^us\\-\\w+\\-\\d+$",
        "outputs": {"name": "aws", "dnsSuffix": "amazonaws.com", "dualStackDnsSuffix": "api.aws",
                    "supportsFIPS": true, "supportsDualStack": true, "implicitGlobalRegion": "us-east-1"},
        "regions": {"us-east-1": {"description": "N. Virginia"}, "us-west-9": {"dnsSuffix": "example.com"}}
    }], "version": "1.1"}"#;

    #[test]
    fn the_own_form_holds_the_same_facts() {
        let upstream = parse(UPSTREAM).expect("upstream form");
        let own = own_form(&upstream);
        assert!(own.contains("\"regionOutputs\""), "{own}");
        assert!(
            !own.contains("N. Virginia"),
            "descriptions are not facts the client needs"
        );
        assert_eq!(parse(&own).expect("own form"), upstream);
        assert_eq!(own_form(&parse(&own).expect("own form")), own, "stable");
    }

    #[test]
    fn a_partitions_file_without_aws_is_refused() {
        let err =
            parse(&UPSTREAM.replace("\"id\": \"aws\"", "\"id\": \"other\"")).expect_err("no aws");
        assert!(err.to_string().contains("no `aws` partition"), "{err}");
    }
}
