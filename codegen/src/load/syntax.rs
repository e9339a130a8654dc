//! One model file as read, before assembly: shapes, `apply` statements and
//! metadata. Shape IDs are resolved as far as one file can: absolute IDs as
//! written, imported names to their `use`, other names to the namespace,
//! except names of prelude shapes, which are `smithy.api#Name` unless the
//! namespace defines `Name` somewhere, which the assembler decides once it
//! knows every file. IDL and JSON AST files both become a [`ModelFile`].

use serde_json::Value;

use super::hash::FastMap;

/// The prelude's namespace.
pub(crate) const PRELUDE: &str = "smithy.api";

/// Trait IDs the loader itself applies.
pub(crate) mod traits {
    pub const DOCUMENTATION: &str = "smithy.api#documentation";
    pub const DEFAULT: &str = "smithy.api#default";
    pub const ENUM_VALUE: &str = "smithy.api#enumValue";
    pub const INPUT: &str = "smithy.api#input";
    pub const OUTPUT: &str = "smithy.api#output";
    pub const MIXIN: &str = "smithy.api#mixin";
    pub const UNIQUE_ITEMS: &str = "smithy.api#uniqueItems";
    pub const BOX: &str = "smithy.api#box";
    pub const UNIT: &str = "smithy.api#Unit";
}

/// The IDL version a file declares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Version {
    V1,
    V2,
}

/// A shape's type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Blob,
    Boolean,
    String,
    Byte,
    Short,
    Integer,
    Long,
    Float,
    Double,
    BigInteger,
    BigDecimal,
    Timestamp,
    Document,
    Enum,
    IntEnum,
    List,
    Map,
    Structure,
    Union,
    Service,
    Resource,
    Operation,
}

impl Kind {
    /// The shape type for a keyword or JSON AST `type`; `set` is a list with
    /// unique items.
    pub fn from_keyword(name: &str) -> Option<(Kind, bool)> {
        let kind = match name {
            "blob" => Kind::Blob,
            "boolean" => Kind::Boolean,
            "string" => Kind::String,
            "byte" => Kind::Byte,
            "short" => Kind::Short,
            "integer" => Kind::Integer,
            "long" => Kind::Long,
            "float" => Kind::Float,
            "double" => Kind::Double,
            "bigInteger" => Kind::BigInteger,
            "bigDecimal" => Kind::BigDecimal,
            "timestamp" => Kind::Timestamp,
            "document" => Kind::Document,
            "enum" => Kind::Enum,
            "intEnum" => Kind::IntEnum,
            "list" => Kind::List,
            "set" => return Some((Kind::List, true)),
            "map" => Kind::Map,
            "structure" => Kind::Structure,
            "union" => Kind::Union,
            "service" => Kind::Service,
            "resource" => Kind::Resource,
            "operation" => Kind::Operation,
            _ => return None,
        };
        Some((kind, false))
    }

    /// The JSON AST spelling.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Blob => "blob",
            Kind::Boolean => "boolean",
            Kind::String => "string",
            Kind::Byte => "byte",
            Kind::Short => "short",
            Kind::Integer => "integer",
            Kind::Long => "long",
            Kind::Float => "float",
            Kind::Double => "double",
            Kind::BigInteger => "bigInteger",
            Kind::BigDecimal => "bigDecimal",
            Kind::Timestamp => "timestamp",
            Kind::Document => "document",
            Kind::Enum => "enum",
            Kind::IntEnum => "intEnum",
            Kind::List => "list",
            Kind::Map => "map",
            Kind::Structure => "structure",
            Kind::Union => "union",
            Kind::Service => "service",
            Kind::Resource => "resource",
            Kind::Operation => "operation",
        }
    }

    /// Whether this is a simple shape type (no members, no properties).
    pub fn is_simple(self) -> bool {
        self <= Kind::Document
    }

    /// The member names a shape of this kind may have, when fixed.
    pub fn fixed_members(self) -> Option<&'static [&'static str]> {
        match self {
            Kind::List => Some(&["member"]),
            Kind::Map => Some(&["key", "value"]),
            Kind::Structure | Kind::Union | Kind::Enum | Kind::IntEnum => None,
            _ => Some(&[]),
        }
    }
}

/// A node value whose syntactic shape IDs (unquoted strings) may still need
/// resolving. Subtrees without any are already plain JSON.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Node {
    Value(Value),
    /// An unquoted string naming a prelude shape, `smithy.api#Name`, which
    /// becomes the namespace's `Name` if the namespace defines one; and its
    /// offset.
    Id(String, usize),
    Array(Vec<Node>),
    Object(Vec<(String, Node)>),
}

/// A shape ID, resolved as far as its file can, and where it is written.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Reference {
    pub id: String,
    pub at: usize,
    /// `id` is `smithy.api#Name` for a relative `Name`, which names the
    /// namespace's shape instead if the namespace defines one.
    pub prelude_name: bool,
}

/// A trait application: `@id(value)`, a documentation comment, or sugar
/// such as `= value`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Trait {
    pub id: Reference,
    /// `None` for an annotation (`@id` or `@id()`), whose value depends on
    /// the trait's shape.
    pub value: Option<Node>,
}

/// A member of a shape. `target` is `None` when elided (`$name`).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct MemberDef {
    pub name: String,
    pub target: Option<Reference>,
    pub traits: Vec<Trait>,
    pub at: usize,
}

/// The properties of operations, services and resources.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Properties {
    pub input: Option<Reference>,
    pub output: Option<Reference>,
    pub errors: Vec<Reference>,
    pub version: Option<String>,
    pub operations: Vec<Reference>,
    pub resources: Vec<Reference>,
    /// Absolute shape ID to its new name, and where.
    pub rename: Vec<(String, String, usize)>,
    pub identifiers: Vec<(String, Reference)>,
    pub properties: Vec<(String, Reference)>,
    pub create: Option<Reference>,
    pub put: Option<Reference>,
    pub read: Option<Reference>,
    pub update: Option<Reference>,
    pub delete: Option<Reference>,
    pub list: Option<Reference>,
    pub collection_operations: Vec<Reference>,
}

/// A shape definition.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ShapeDef {
    /// The absolute shape ID.
    pub id: String,
    pub kind: Kind,
    pub at: usize,
    pub traits: Vec<Trait>,
    pub mixins: Vec<Reference>,
    /// The resource of `structure X for Resource`.
    pub resource: Option<Reference>,
    pub members: Vec<MemberDef>,
    /// Those of operations, services and resources (boxed: others have none).
    pub properties: Option<Box<Properties>>,
}

/// `apply Target @trait` or `apply Target { @a @b }`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Apply {
    pub target: Reference,
    pub traits: Vec<Trait>,
}

/// A statement of the shape section, in file order.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Statement {
    Shape(ShapeDef),
    Apply(Apply),
}

/// `metadata key = value`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Metadata {
    pub key: String,
    pub value: Node,
    pub at: usize,
}

/// One model file.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ModelFile {
    pub version: Version,
    /// `None` for JSON AST files, whose IDs are all absolute.
    pub namespace: Option<String>,
    /// Imported name to absolute shape ID.
    pub uses: FastMap<String, String>,
    pub metadata: Vec<Metadata>,
    pub statements: Vec<Statement>,
}

/// Whether `s` is an `Identifier` of the grammar:
/// `(1*"_" (ALPHA / DIGIT)) / ALPHA`, then `*(ALPHA / DIGIT / "_")`.
pub(crate) fn is_identifier(s: &str) -> bool {
    identifier_bytes(s.as_bytes())
}

fn identifier_bytes(bytes: &[u8]) -> bool {
    let underscores = bytes.iter().take_while(|&&b| b == b'_').count();
    let Some(&first) = bytes.get(underscores) else {
        return false;
    };
    let starts = if underscores == 0 {
        first.is_ascii_alphabetic()
    } else {
        first.is_ascii_alphanumeric()
    };
    starts
        && bytes[underscores..]
            .iter()
            .all(|&b| b.is_ascii_alphanumeric() || b == b'_')
}

/// Whether `s` is a namespace: identifiers separated by dots.
pub(crate) fn is_namespace(s: &str) -> bool {
    s.as_bytes().split(|&b| b == b'.').all(identifier_bytes)
}

/// Why `s` is not a shape ID (`[namespace#]Name[$member]`), if it is not.
pub(crate) fn shape_id_error(s: &str) -> Option<&'static str> {
    let (root, member) = match s.bytes().position(|b| b == b'$') {
        Some(at) => (&s[..at], Some(&s[at + 1..])),
        None => (s, None),
    };
    let name = match root.bytes().position(|b| b == b'#') {
        Some(at) => {
            if !is_namespace(&root[..at]) {
                return Some("its namespace is not made of identifiers separated by '.'");
            }
            &root[at + 1..]
        }
        None if root.bytes().any(|b| b == b'.') => {
            return Some("a namespace must be followed by '#' and a name")
        }
        None => root,
    };
    if !is_identifier(name) {
        return Some("its name is not an identifier");
    }
    match member {
        Some(member) if !is_identifier(member) => Some("its member name is not an identifier"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_follow_the_grammar() {
        for ok in ["a", "A1", "_a", "__1", "a_b_"] {
            assert!(is_identifier(ok), "{ok}");
        }
        for bad in ["", "_", "__", "1a", "a-b", "a.b"] {
            assert!(!is_identifier(bad), "{bad}");
        }
    }

    #[test]
    fn shape_ids_follow_the_grammar() {
        for ok in ["Foo", "a.b#Foo", "a#Foo$bar", "Foo$bar"] {
            assert_eq!(shape_id_error(ok), None, "{ok}");
        }
        for (bad, why) in [
            ("a.b", "a namespace must be followed by '#' and a name"),
            (
                "a..b#C",
                "its namespace is not made of identifiers separated by '.'",
            ),
            ("a#", "its name is not an identifier"),
            ("a#B$", "its member name is not an identifier"),
            ("a#B$c$d", "its member name is not an identifier"),
            ("a#B#C", "its name is not an identifier"),
        ] {
            assert_eq!(shape_id_error(bad), Some(why), "{bad}");
        }
    }

    #[test]
    fn every_shape_type_keyword_round_trips() {
        for name in [
            "blob",
            "boolean",
            "string",
            "byte",
            "short",
            "integer",
            "long",
            "float",
            "double",
            "bigInteger",
            "bigDecimal",
            "timestamp",
            "document",
            "enum",
            "intEnum",
            "list",
            "map",
            "structure",
            "union",
            "service",
            "resource",
            "operation",
        ] {
            let (kind, set) = Kind::from_keyword(name).expect(name);
            assert!(!set);
            assert_eq!(kind.name(), name);
        }
        assert_eq!(Kind::from_keyword("set"), Some((Kind::List, true)));
        assert_eq!(Kind::from_keyword("apply"), None);
    }
}
