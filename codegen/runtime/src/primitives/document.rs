//! `Document`: an untyped value of the protocol's data model, as the
//! `document` shape type carries it.

use std::collections::HashMap;

/// A value of any shape: an object, an array, a number, a string, a boolean
/// or null. In JSON it travels as the JSON value itself.
#[derive(Clone, Debug, PartialEq)]
pub enum Document {
    /// An object, by key.
    Object(HashMap<String, Document>),
    /// An array.
    Array(Vec<Document>),
    /// A number.
    Number(Number),
    /// A string.
    String(String),
    /// A boolean.
    Bool(bool),
    /// Null.
    Null,
}

/// A number in a [`Document`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Number {
    /// An integer of zero or more.
    PosInt(u64),
    /// A negative integer.
    NegInt(i64),
    /// A number with a fraction or an exponent.
    Float(f64),
}

impl From<serde_json::Value> for Document {
    fn from(value: serde_json::Value) -> Document {
        match value {
            serde_json::Value::Null => Document::Null,
            serde_json::Value::Bool(b) => Document::Bool(b),
            serde_json::Value::Number(n) => Document::Number(match (n.as_u64(), n.as_i64()) {
                (Some(u), _) => Number::PosInt(u),
                (None, Some(i)) => Number::NegInt(i),
                (None, None) => Number::Float(n.as_f64().unwrap_or(f64::NAN)),
            }),
            serde_json::Value::String(s) => Document::String(s),
            serde_json::Value::Array(items) => {
                Document::Array(items.into_iter().map(Document::from).collect())
            }
            serde_json::Value::Object(map) => Document::Object(
                map.into_iter()
                    .map(|(k, v)| (k, Document::from(v)))
                    .collect(),
            ),
        }
    }
}

impl From<&Document> for serde_json::Value {
    fn from(document: &Document) -> serde_json::Value {
        match document {
            Document::Null => serde_json::Value::Null,
            Document::Bool(b) => serde_json::Value::Bool(*b),
            Document::Number(Number::PosInt(u)) => serde_json::Value::from(*u),
            Document::Number(Number::NegInt(i)) => serde_json::Value::from(*i),
            Document::Number(Number::Float(f)) => serde_json::Value::from(*f),
            Document::String(s) => serde_json::Value::String(s.clone()),
            Document::Array(items) => {
                serde_json::Value::Array(items.iter().map(serde_json::Value::from).collect())
            }
            Document::Object(map) => serde_json::Value::Object(
                map.iter()
                    .map(|(k, v)| (k.clone(), serde_json::Value::from(v)))
                    .collect(),
            ),
        }
    }
}

impl serde::Serialize for Document {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serde_json::Value::from(self).serialize(serializer)
    }
}

impl<'de> serde::Deserialize<'de> for Document {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Document, D::Error> {
        serde_json::Value::deserialize(deserializer).map(Document::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_round_trip_through_json() {
        let text = r#"{"a":[1,-2,2.5,"s",true,null],"b":{}}"#;
        let document: Document = serde_json::from_str(text).expect("a document");
        let Document::Object(map) = &document else {
            panic!("an object: {document:?}")
        };
        assert_eq!(
            map["a"],
            Document::Array(vec![
                Document::Number(Number::PosInt(1)),
                Document::Number(Number::NegInt(-2)),
                Document::Number(Number::Float(2.5)),
                Document::String("s".to_owned()),
                Document::Bool(true),
                Document::Null,
            ])
        );
        let back: serde_json::Value = serde_json::to_value(&document).expect("serialises");
        assert_eq!(
            back,
            serde_json::from_str::<serde_json::Value>(text).expect("JSON")
        );
    }
}
