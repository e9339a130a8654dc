//! The prelude, `smithy.api`, built in: the name and type of each of its
//! shapes, as the specification defines them (`model.rst`, "Prelude", and
//! the trait chapters). Relative shape IDs resolve to these when neither a
//! `use` statement nor the file's namespace defines the name, and the type of
//! a trait's shape decides the value of an annotation (`@trait` without a
//! value: `{}` for structures and maps, `[]` for lists).
//!
//! The prelude's shapes are never written out: they are part of every model.

use std::sync::OnceLock;

use serde_json::Value;

use super::hash::FastMap;
use super::syntax::Kind;

/// Every shape of the prelude, sorted by name.
const SHAPES: &[(&str, Kind)] = &[
    ("AuthTraitReference", Kind::String),
    ("BigDecimal", Kind::BigDecimal),
    ("BigInteger", Kind::BigInteger),
    ("Blob", Kind::Blob),
    ("Boolean", Kind::Boolean),
    ("Byte", Kind::Byte),
    ("ClosureId", Kind::String),
    ("CommonMark", Kind::String),
    ("Document", Kind::Document),
    ("Double", Kind::Double),
    ("EnumConstantBodyName", Kind::String),
    ("EnumDefinition", Kind::Structure),
    ("Example", Kind::Structure),
    ("ExampleError", Kind::Structure),
    ("Float", Kind::Float),
    ("HttpApiKeyLocations", Kind::Enum),
    ("IdempotentErrors", Kind::List),
    ("Identifier", Kind::String),
    ("Integer", Kind::Integer),
    ("LocalMixinTrait", Kind::String),
    ("LocalMixinTraitList", Kind::List),
    ("Long", Kind::Long),
    ("Namespaces", Kind::List),
    ("NonEmptyString", Kind::String),
    ("NonEmptyStringList", Kind::List),
    ("NonEmptyStringMap", Kind::Map),
    ("PrimitiveBoolean", Kind::Boolean),
    ("PrimitiveByte", Kind::Byte),
    ("PrimitiveDouble", Kind::Double),
    ("PrimitiveFloat", Kind::Float),
    ("PrimitiveInteger", Kind::Integer),
    ("PrimitiveLong", Kind::Long),
    ("PrimitiveShort", Kind::Short),
    ("Reference", Kind::Structure),
    ("Renames", Kind::Map),
    ("RequestCompressionEncodingsList", Kind::List),
    ("Severity", Kind::Enum),
    ("ShapeClosure", Kind::Structure),
    ("ShapeClosures", Kind::List),
    ("Short", Kind::Short),
    ("String", Kind::String),
    ("StructurallyExclusive", Kind::Enum),
    ("Timestamp", Kind::Timestamp),
    ("TraitChangeType", Kind::Enum),
    ("TraitDiffRule", Kind::Structure),
    ("TraitDiffRules", Kind::List),
    ("TraitShapeId", Kind::String),
    ("TraitShapeIdList", Kind::List),
    ("TraitValidator", Kind::Structure),
    ("Unit", Kind::Structure),
    ("addedDefault", Kind::Structure),
    ("auth", Kind::List),
    ("authDefinition", Kind::Structure),
    ("box", Kind::Structure),
    ("clientOptional", Kind::Structure),
    ("cors", Kind::Structure),
    ("default", Kind::Document),
    ("deprecated", Kind::Structure),
    ("documentation", Kind::String),
    ("endpoint", Kind::Structure),
    ("enum", Kind::List),
    ("enumValue", Kind::Document),
    ("error", Kind::Enum),
    ("eventHeader", Kind::Structure),
    ("eventPayload", Kind::Structure),
    ("examples", Kind::List),
    ("externalDocumentation", Kind::Map),
    ("hostLabel", Kind::Structure),
    ("http", Kind::Structure),
    ("httpApiKeyAuth", Kind::Structure),
    ("httpBasicAuth", Kind::Structure),
    ("httpBearerAuth", Kind::Structure),
    ("httpChecksumRequired", Kind::Structure),
    ("httpDigestAuth", Kind::Structure),
    ("httpError", Kind::Integer),
    ("httpHeader", Kind::String),
    ("httpLabel", Kind::Structure),
    ("httpPayload", Kind::Structure),
    ("httpPrefixHeaders", Kind::String),
    ("httpQuery", Kind::String),
    ("httpQueryParams", Kind::Structure),
    ("httpResponseCode", Kind::Structure),
    ("idRef", Kind::Structure),
    ("idempotencyToken", Kind::Structure),
    ("idempotent", Kind::Structure),
    ("input", Kind::Structure),
    ("internal", Kind::Structure),
    ("jsonName", Kind::String),
    ("length", Kind::Structure),
    ("longPoll", Kind::Structure),
    ("mediaType", Kind::String),
    ("metadata", Kind::Structure),
    ("mixin", Kind::Structure),
    ("nestedProperties", Kind::Structure),
    ("noReplace", Kind::Structure),
    ("notProperty", Kind::Structure),
    ("optionalAuth", Kind::Structure),
    ("output", Kind::Structure),
    ("paginated", Kind::Structure),
    ("pattern", Kind::String),
    ("private", Kind::Structure),
    ("property", Kind::Structure),
    ("protocolDefinition", Kind::Structure),
    ("range", Kind::Structure),
    ("readonly", Kind::Structure),
    ("recommended", Kind::Structure),
    ("references", Kind::List),
    ("requestCompression", Kind::Structure),
    ("required", Kind::Structure),
    ("requiresLength", Kind::Structure),
    ("resourceIdentifier", Kind::String),
    ("retryable", Kind::Structure),
    ("sensitive", Kind::Structure),
    ("since", Kind::String),
    ("sparse", Kind::Structure),
    ("streaming", Kind::Structure),
    ("suppress", Kind::List),
    ("tags", Kind::List),
    ("timestampFormat", Kind::Enum),
    ("title", Kind::String),
    ("trait", Kind::Structure),
    ("traitValidators", Kind::Map),
    ("uniqueItems", Kind::Structure),
    ("unitType", Kind::Structure),
    ("unstable", Kind::Structure),
    ("xmlAttribute", Kind::Structure),
    ("xmlFlattened", Kind::Structure),
    ("xmlName", Kind::String),
    ("xmlNamespace", Kind::Structure),
];

/// The type of the prelude shape `name` (a name without namespace).
pub(crate) fn kind(name: &str) -> Option<Kind> {
    static BY_NAME: OnceLock<FastMap<&'static str, Kind>> = OnceLock::new();
    BY_NAME
        .get_or_init(|| SHAPES.iter().copied().collect())
        .get(name)
        .copied()
}

/// The `@default` of a prelude shape, which only the primitive shapes of
/// IDL 1.0 (`PrimitiveInteger`...) have.
pub(crate) fn default(name: &str) -> Option<Value> {
    match name {
        "PrimitiveBoolean" => Some(Value::Bool(false)),
        "PrimitiveByte" | "PrimitiveShort" | "PrimitiveInteger" | "PrimitiveLong"
        | "PrimitiveFloat" | "PrimitiveDouble" => Some(Value::from(0)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shape_is_found_once() {
        assert!(
            SHAPES.windows(2).all(|w| w[0].0 < w[1].0),
            "sorted, so no name twice"
        );
        for (name, kind) in SHAPES {
            assert_eq!(super::kind(name), Some(*kind), "{name}");
        }
    }

    #[test]
    fn simple_types_traits_and_unit_are_there() {
        assert_eq!(kind("String"), Some(Kind::String));
        assert_eq!(kind("Unit"), Some(Kind::Structure));
        assert_eq!(kind("required"), Some(Kind::Structure));
        assert_eq!(kind("tags"), Some(Kind::List));
        assert_eq!(kind("documentation"), Some(Kind::String));
        assert_eq!(kind("externalDocumentation"), Some(Kind::Map));
        assert_eq!(kind("Nope"), None);
        assert_eq!(default("PrimitiveLong"), Some(Value::from(0)));
        assert_eq!(default("Long"), None);
    }
}
