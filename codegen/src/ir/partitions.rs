//! Reads the AWS partitions data (`sdk-partitions.json`) that `aws.partition`
//! looks regions up in.

use serde::Deserialize;
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
    regions: std::collections::BTreeMap<String, Map<String, Value>>,
}

/// Parses the partitions file; each region's outputs are the partition's
/// with the region's own overrides applied.
pub fn parse(text: &str) -> Result<Vec<Partition>> {
    let invalid = |reason: String| Error::Partitions { reason };
    let file: File = serde_json::from_str(text).map_err(|e| invalid(e.to_string()))?;
    let outputs = |id: &str, base: &Map<String, Value>, overrides: &Map<String, Value>| {
        let mut merged = base.clone();
        for (k, v) in overrides {
            if k != "description" {
                merged.insert(k.clone(), v.clone());
            }
        }
        PartitionOutputs::deserialize(Value::Object(merged))
            .map_err(|e| invalid(format!("the outputs of {id}: {e}")))
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
    if !partitions.iter().any(|p| p.id == "aws") {
        return Err(invalid(
            "there is no `aws` partition to fall back on".to_owned(),
        ));
    }
    Ok(partitions)
}
