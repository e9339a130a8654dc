//! Reads a Smithy JSON AST file into a [`ModelFile`], so that JSON AST files
//! and IDL files assemble together. Shape IDs in the JSON AST are absolute;
//! its `apply` entries become apply statements.

use serde_json::{Map, Value};

use super::hash::FastMap;
use super::lexer::SyntaxError;
use super::syntax::{
    shape_id_error, traits, Apply, Kind, MemberDef, Metadata, ModelFile, Node, Properties,
    Reference, ShapeDef, Statement, Trait, Version,
};

/// JSON AST shapes have no offset of their own: errors name the file.
pub(crate) const NO_OFFSET: usize = usize::MAX;

type JResult<T> = Result<T, SyntaxError>;

fn error(message: impl Into<String>) -> SyntaxError {
    SyntaxError {
        offset: NO_OFFSET,
        message: message.into(),
    }
}

/// Parses JSON AST text.
pub(crate) fn parse(text: &str) -> JResult<ModelFile> {
    let root: Value = serde_json::from_str(text).map_err(|e| SyntaxError {
        offset: super::source::offset_of(text, e.line(), e.column()),
        message: format!("invalid JSON: {}", strip_position(&e.to_string())),
    })?;
    let Value::Object(mut root) = root else {
        return Err(error("a Smithy JSON AST model is a JSON object"));
    };
    let version = match root.remove("smithy") {
        Some(Value::String(v)) if matches!(v.as_str(), "1" | "1.0") => Version::V1,
        Some(Value::String(v)) if matches!(v.as_str(), "2" | "2.0") => Version::V2,
        Some(Value::String(v)) => {
            return Err(error(format!(
                "unsupported Smithy version \"{v}\": expected \"2.0\" or \"1.0\""
            )))
        }
        _ => return Err(error("a Smithy JSON AST model needs \"smithy\": \"2.0\"")),
    };
    let metadata = match root.remove("metadata") {
        None => Vec::new(),
        Some(Value::Object(map)) => map
            .into_iter()
            .map(|(key, value)| Metadata {
                key,
                value: Node::Value(value),
                at: NO_OFFSET,
            })
            .collect(),
        Some(_) => return Err(error("\"metadata\" must be an object")),
    };
    let statements = match root.remove("shapes") {
        None => Vec::new(),
        Some(Value::Object(shapes)) => shapes
            .into_iter()
            .map(|(id, shape)| statement(id, shape))
            .collect::<JResult<_>>()?,
        Some(_) => return Err(error("\"shapes\" must be an object")),
    };
    if let Some(key) = root.keys().next() {
        return Err(error(format!("unknown top-level property \"{key}\"")));
    }
    Ok(ModelFile {
        version,
        namespace: None,
        uses: FastMap::default(),
        metadata,
        statements,
    })
}

fn statement(id: String, shape: Value) -> JResult<Statement> {
    if let Some(why) = shape_id_error(&id) {
        return Err(error(format!("invalid shape ID \"{id}\": {why}")));
    }
    if !id.contains('#') {
        return Err(error(format!(
            "shape IDs in a JSON AST are absolute: \"{id}\" has no namespace"
        )));
    }
    let Value::Object(mut shape) = shape else {
        return Err(error(format!("{id}: a shape is a JSON object")));
    };
    let type_name = match shape.remove("type") {
        Some(Value::String(t)) => t,
        _ => return Err(error(format!("{id}: a shape needs a \"type\""))),
    };
    let applied = traits_of(&id, shape.remove("traits"))?;
    if type_name == "apply" {
        reject_rest(&id, &shape)?;
        return Ok(Statement::Apply(Apply {
            target: reference(id)?,
            traits: applied,
        }));
    }
    let Some((kind, set)) = Kind::from_keyword(&type_name) else {
        return Err(error(format!("{id}: unknown shape type \"{type_name}\"")));
    };
    let mut def = ShapeDef {
        id,
        kind,
        at: NO_OFFSET,
        traits: applied,
        mixins: Vec::new(),
        resource: None,
        members: Vec::new(),
        properties: None,
    };
    if set {
        def.traits.push(Trait {
            id: reference(traits::UNIQUE_ITEMS.to_owned())?,
            value: Some(Node::Value(Value::Object(Map::new()))),
        });
    }
    let id = def.id.clone();
    if let Some(mixins) = shape.remove("mixins") {
        def.mixins = references(&id, "mixins", mixins)?;
    }
    match kind {
        Kind::List => def
            .members
            .extend(member(&id, "member", shape.remove("member"))?),
        Kind::Map => {
            def.members.extend(member(&id, "key", shape.remove("key"))?);
            def.members
                .extend(member(&id, "value", shape.remove("value"))?);
        }
        Kind::Structure | Kind::Union | Kind::Enum | Kind::IntEnum => {
            match shape.remove("members") {
                None => {}
                Some(Value::Object(members)) => {
                    for (name, value) in members {
                        def.members.extend(member(&id, &name, Some(value))?);
                    }
                }
                Some(_) => return Err(error(format!("{id}: \"members\" must be an object"))),
            }
        }
        _ => {}
    }
    let properties = properties(&id, &mut shape)?;
    if properties != Properties::default() {
        def.properties = Some(Box::new(properties));
    }
    reject_rest(&id, &shape)?;
    Ok(Statement::Shape(def))
}

fn reject_rest(id: &str, shape: &Map<String, Value>) -> JResult<()> {
    match shape.keys().next() {
        Some(key) => Err(error(format!("{id}: unexpected property \"{key}\""))),
        None => Ok(()),
    }
}

/// A shape ID of the JSON AST, which must be absolute.
fn reference(id: String) -> JResult<Reference> {
    if let Some(why) = shape_id_error(&id) {
        return Err(error(format!("invalid shape ID \"{id}\": {why}")));
    }
    if !id.contains('#') {
        return Err(error(format!(
            "relative shape ID \"{id}\": shape IDs in a JSON AST file are absolute"
        )));
    }
    Ok(Reference {
        id,
        at: NO_OFFSET,
        prelude_name: false,
    })
}

fn traits_of(id: &str, value: Option<Value>) -> JResult<Vec<Trait>> {
    match value {
        None => Ok(Vec::new()),
        Some(Value::Object(map)) => map
            .into_iter()
            .map(|(trait_id, value)| {
                Ok(Trait {
                    id: reference(trait_id)?,
                    value: Some(Node::Value(value)),
                })
            })
            .collect(),
        Some(_) => Err(error(format!("{id}: \"traits\" must be an object"))),
    }
}

/// `{"target": "ns#Shape"}`.
fn target(id: &str, what: &str, value: Value) -> JResult<Reference> {
    match value {
        Value::Object(mut map) => match (map.remove("target"), map.is_empty()) {
            (Some(Value::String(target)), true) => reference(target),
            _ => Err(error(format!(
                "{id}: {what} must be {{\"target\": \"ns#Shape\"}}"
            ))),
        },
        _ => Err(error(format!(
            "{id}: {what} must be {{\"target\": \"ns#Shape\"}}"
        ))),
    }
}

fn references(id: &str, what: &str, value: Value) -> JResult<Vec<Reference>> {
    match value {
        Value::Array(items) => items.into_iter().map(|v| target(id, what, v)).collect(),
        _ => Err(error(format!(
            "{id}: \"{what}\" must be a list of references"
        ))),
    }
}

fn named(id: &str, what: &str, value: Value) -> JResult<Vec<(String, Reference)>> {
    match value {
        Value::Object(map) => map
            .into_iter()
            .map(|(name, v)| Ok((name, target(id, what, v)?)))
            .collect(),
        _ => Err(error(format!("{id}: \"{what}\" must be an object"))),
    }
}

fn member(id: &str, name: &str, value: Option<Value>) -> JResult<Option<MemberDef>> {
    let Some(value) = value else {
        return Ok(None);
    };
    let Value::Object(mut map) = value else {
        return Err(error(format!("{id}${name}: a member is a JSON object")));
    };
    let target = match map.remove("target") {
        Some(Value::String(t)) => reference(t)?,
        _ => return Err(error(format!("{id}${name}: a member needs a \"target\""))),
    };
    let applied = traits_of(&format!("{id}${name}"), map.remove("traits"))?;
    reject_rest(&format!("{id}${name}"), &map)?;
    Ok(Some(MemberDef {
        name: name.to_owned(),
        target: Some(target),
        traits: applied,
        at: NO_OFFSET,
    }))
}

fn properties(id: &str, shape: &mut Map<String, Value>) -> JResult<Properties> {
    let mut p = Properties::default();
    let one = |shape: &mut Map<String, Value>, key: &str| -> JResult<Option<Reference>> {
        shape.remove(key).map(|v| target(id, key, v)).transpose()
    };
    p.input = one(shape, "input")?;
    p.output = one(shape, "output")?;
    p.create = one(shape, "create")?;
    p.put = one(shape, "put")?;
    p.read = one(shape, "read")?;
    p.update = one(shape, "update")?;
    p.delete = one(shape, "delete")?;
    p.list = one(shape, "list")?;
    let many = |shape: &mut Map<String, Value>, key: &str| -> JResult<Vec<Reference>> {
        shape
            .remove(key)
            .map(|v| references(id, key, v))
            .transpose()
            .map(Option::unwrap_or_default)
    };
    p.errors = many(shape, "errors")?;
    p.operations = many(shape, "operations")?;
    p.resources = many(shape, "resources")?;
    p.collection_operations = many(shape, "collectionOperations")?;
    if let Some(v) = shape.remove("identifiers") {
        p.identifiers = named(id, "identifiers", v)?;
    }
    if let Some(v) = shape.remove("properties") {
        p.properties = named(id, "properties", v)?;
    }
    match shape.remove("version") {
        None => {}
        Some(Value::String(v)) => p.version = Some(v),
        Some(_) => return Err(error(format!("{id}: \"version\" must be a string"))),
    }
    match shape.remove("rename") {
        None => {}
        Some(Value::Object(map)) => {
            for (from, to) in map {
                match to {
                    Value::String(to) => p.rename.push((from, to, NO_OFFSET)),
                    _ => return Err(error(format!("{id}: rename of {from} must be a string"))),
                }
            }
        }
        Some(_) => return Err(error(format!("{id}: \"rename\" must be an object"))),
    }
    Ok(p)
}

/// serde_json appends " at line L column C"; the location says it already.
fn strip_position(message: &str) -> &str {
    message
        .rfind(" at line ")
        .map_or(message, |at| &message[..at])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_members_traits_and_applies() {
        let file = parse(
            r#"{"smithy": "2.0", "metadata": {"m": [1]}, "shapes": {
                "a#S": {"type": "structure", "members": {"x": {"target": "smithy.api#String",
                    "traits": {"smithy.api#required": {}}}}, "mixins": [{"target": "a#M"}]},
                "a#L": {"type": "set", "member": {"target": "a#S"}},
                "a#Op": {"type": "operation", "input": {"target": "a#S"}, "errors": [{"target": "a#E"}]},
                "a#S$x": {"type": "apply", "traits": {"smithy.api#documentation": "d"}}
            }}"#,
        )
        .expect("valid");
        assert_eq!(file.version, Version::V2);
        assert_eq!(file.metadata[0].key, "m");
        assert_eq!(file.statements.len(), 4);
        let Statement::Shape(list) = &file.statements[0] else {
            panic!()
        };
        assert_eq!((list.id.as_str(), list.kind), ("a#L", Kind::List));
        assert_eq!(list.traits[0].id.id, traits::UNIQUE_ITEMS);
        assert!(matches!(&file.statements[3], Statement::Apply(a) if a.target.id == "a#S$x"));
    }

    #[test]
    fn malformed_shapes_are_named() {
        for (text, message) in [
            ("[]", "a Smithy JSON AST model is a JSON object"),
            (
                r#"{"smithy": "3"}"#,
                "unsupported Smithy version \"3\": expected \"2.0\" or \"1.0\"",
            ),
            (
                r#"{"smithy": "2", "shapes": {"S": {"type": "string"}}}"#,
                "shape IDs in a JSON AST are absolute: \"S\" has no namespace",
            ),
            (
                r#"{"smithy": "2", "shapes": {"a#S": {"type": "strang"}}}"#,
                "a#S: unknown shape type \"strang\"",
            ),
            (
                r#"{"smithy": "2", "shapes": {"a#S": {"type": "list", "member": {}}}}"#,
                "a#S$member: a member needs a \"target\"",
            ),
            (
                r#"{"smithy": "2", "shapes": {"a#S": {"type": "string", "extra": 1}}}"#,
                "a#S: unexpected property \"extra\"",
            ),
        ] {
            assert_eq!(parse(text).expect_err(text).message, message, "{text}");
        }
        let e = parse("{\n  \"smithy\": }").unwrap_err();
        assert_eq!(
            (e.offset, e.message.as_str()),
            (14, "invalid JSON: expected value")
        );
    }
}
