//! IDL 1.0 files read as Smithy 2.0 reads them: in 1.0, numbers and booleans
//! that are not `@box`ed have a zero value. Such shapes of a 1.0 file, and
//! structure members of a 1.0 file that target one, get `@default` of that
//! zero value; a `@box`ed member gets `@default(null)`; and an optional member
//! targeting a streaming blob gets `@default("")`.

use serde_json::{Map, Value};

use super::assemble::{is_prelude_shape, Applied, Model, Shape};
use super::prelude;
use super::syntax::{traits, Kind, Version};

const STREAMING: &str = "smithy.api#streaming";
const REQUIRED: &str = "smithy.api#required";

/// Adds the defaults that IDL 1.0 implied.
pub(crate) fn upgrade_v1(model: &mut Model) {
    if model.shapes.values().all(|s| s.version == Version::V2) {
        return;
    }
    for shape in model.shapes.values_mut() {
        if shape.version == Version::V1
            && had_zero_value(shape.kind)
            && !shape.traits.contains_key(traits::BOX)
            && !shape.traits.contains_key(traits::DEFAULT)
        {
            let zero = zero(shape.kind);
            shape.traits.insert(
                traits::DEFAULT.to_owned(),
                Applied {
                    value: zero,
                    loc: shape.loc,
                },
            );
        }
    }
    let mut upgrades = Vec::new();
    for shape in model.shapes.values() {
        if shape.version != Version::V1 || shape.kind != Kind::Structure {
            continue;
        }
        for (index, member) in shape.members.iter().enumerate() {
            if member.traits.contains_key(traits::DEFAULT) {
                continue;
            }
            let boxed = member.traits.contains_key(traits::BOX);
            let Some((kind, target_boxed, streaming)) = target(model, &member.target) else {
                continue;
            };
            let streaming_blob = streaming && !member.traits.contains_key(REQUIRED);
            let value = if (had_zero_value(kind) || streaming_blob) && !boxed && !target_boxed {
                zero(kind)
            } else if boxed {
                Value::Null
            } else {
                continue;
            };
            upgrades.push((shape.id.clone(), index, value));
        }
    }
    for (id, index, value) in upgrades {
        if let Some(member) = model
            .shapes
            .get_mut(&id)
            .and_then(|s| s.members.get_mut(index))
        {
            let loc = member.loc;
            member
                .traits
                .insert(traits::DEFAULT.to_owned(), Applied { value, loc });
        }
    }
}

/// A member target's type, whether it is boxed as IDL 1.0 saw it, and
/// whether it is a streaming blob.
fn target(model: &Model, id: &str) -> Option<(Kind, bool, bool)> {
    if let Some(shape) = model.shapes.get(id) {
        let streaming = shape.kind == Kind::Blob && shape.traits.contains_key(STREAMING);
        return Some((shape.kind, boxed(shape), streaming));
    }
    if !is_prelude_shape(id) {
        return None;
    }
    let name = id.split_once('#').map_or(id, |(_, n)| n);
    let kind = prelude::kind(name)?;
    let boxed = prelude::default(name).is_none();
    Some((kind, boxed, false))
}

/// A 1.0 shape is boxed when it says so; a 2.0 shape when it has no
/// default of its type's zero value.
fn boxed(shape: &Shape) -> bool {
    match shape.version {
        Version::V1 => shape.traits.contains_key(traits::BOX),
        Version::V2 => !shape
            .traits
            .get(traits::DEFAULT)
            .is_some_and(|d| is_zero(&d.value, shape.kind)),
    }
}

/// Whether a default is the zero value that IDL 1.0 implied for the type.
fn is_zero(value: &Value, kind: Kind) -> bool {
    match kind {
        Kind::Boolean => *value == Value::Bool(false),
        _ => had_zero_value(kind) && value.as_f64() == Some(0.0),
    }
}

fn had_zero_value(kind: Kind) -> bool {
    matches!(
        kind,
        Kind::Byte
            | Kind::Short
            | Kind::Integer
            | Kind::Long
            | Kind::Float
            | Kind::Double
            | Kind::Boolean
            | Kind::IntEnum
    )
}

fn zero(kind: Kind) -> Value {
    match kind {
        Kind::Boolean => Value::Bool(false),
        Kind::Blob | Kind::String => Value::String(String::new()),
        Kind::List => Value::Array(Vec::new()),
        Kind::Map => Value::Object(Map::new()),
        Kind::Document => Value::Null,
        _ => Value::from(0),
    }
}
