//! Types for the Smithy JSON AST, exactly as the file spells it.
//!
//! Everything is keyed in `BTreeMap`s, so the order of keys in the JSON never
//! reaches the output.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::Value;

/// Traits of a shape or member: trait shape ID to its JSON value.
pub type Traits = BTreeMap<String, Value>;

/// A whole model file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Model {
    /// The Smithy IDL version (`"2.0"`).
    pub smithy: String,
    /// Free-form model metadata; not used by the generator.
    #[serde(default)]
    pub metadata: BTreeMap<String, Value>,
    /// Every shape by absolute shape ID.
    #[serde(default)]
    pub shapes: BTreeMap<String, Shape>,
}

/// One shape. `type` is kept as a string so that an unknown type is reported
/// with the shape's ID rather than as a JSON error.
#[derive(Debug, Deserialize)]
pub struct Shape {
    /// `structure`, `string`, `list`...
    #[serde(rename = "type")]
    pub kind: String,
    /// Members of structures, unions and enums.
    #[serde(default)]
    pub members: BTreeMap<String, Member>,
    /// The member of a list or set.
    pub member: Option<Member>,
    /// The key of a map.
    pub key: Option<Member>,
    /// The value of a map.
    pub value: Option<Member>,
    /// Input of an operation.
    pub input: Option<Reference>,
    /// Output of an operation.
    pub output: Option<Reference>,
    /// Errors of an operation or service.
    #[serde(default)]
    pub errors: Vec<Reference>,
    /// Operations bound to a service or resource.
    #[serde(default)]
    pub operations: Vec<Reference>,
    /// Operations bound to a resource's collection.
    #[serde(default, rename = "collectionOperations")]
    pub collection_operations: Vec<Reference>,
    /// Lifecycle operations of a resource.
    pub create: Option<Reference>,
    /// Lifecycle operations of a resource.
    pub put: Option<Reference>,
    /// Lifecycle operations of a resource.
    pub read: Option<Reference>,
    /// Lifecycle operations of a resource.
    pub update: Option<Reference>,
    /// Lifecycle operations of a resource.
    pub delete: Option<Reference>,
    /// Lifecycle operations of a resource.
    pub list: Option<Reference>,
    /// Identifiers of a resource, by name.
    #[serde(default)]
    pub identifiers: BTreeMap<String, Reference>,
    /// Properties of a resource, by name.
    #[serde(default)]
    pub properties: BTreeMap<String, Reference>,
    /// Renamed shapes in a service's closure.
    #[serde(default)]
    pub rename: BTreeMap<String, String>,
    /// Resources bound to a service or resource.
    #[serde(default)]
    pub resources: Vec<Reference>,
    /// Mixins applied to the shape.
    #[serde(default)]
    pub mixins: Vec<Reference>,
    /// The version of a service.
    pub version: Option<String>,
    /// Traits applied to the shape.
    #[serde(default)]
    pub traits: Traits,
}

/// A member: a named reference with its own traits.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Member {
    /// The targeted shape ID.
    pub target: String,
    /// Traits applied to the member.
    #[serde(default)]
    pub traits: Traits,
}

/// A bare reference to another shape.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reference {
    /// The referenced shape ID.
    pub target: String,
}

impl Shape {
    /// Every operation bound to this service or resource directly: its
    /// `operations`, `collectionOperations` and lifecycle operations.
    pub fn bound_operations(&self) -> impl Iterator<Item = &Reference> {
        let lifecycle = [
            &self.create,
            &self.put,
            &self.read,
            &self.update,
            &self.delete,
            &self.list,
        ];
        self.operations
            .iter()
            .chain(&self.collection_operations)
            .chain(lifecycle.into_iter().flatten())
    }
}
