//! The CBOR crates the runtime could decode and encode rpcv2Cbor bodies
//! with, each used the way the runtime would use it: through serde, from a
//! byte slice, refusing bytes after the data item.

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{DeserializeOwned, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};

/// A candidate crate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Crate {
    /// `ciborium` 0.2, with the runtime's recursion limit of 128.
    Ciborium,
    /// `minicbor-serde` 0.7 (on `minicbor`), as it comes.
    Minicbor,
    /// `cbor4ii` 1 with its serde support, as it comes (nesting limit 256).
    Cbor4ii,
}

impl Crate {
    /// Every candidate, the runtime's choice first.
    pub const ALL: [Crate; 3] = [Crate::Ciborium, Crate::Minicbor, Crate::Cbor4ii];

    /// The crate's name.
    pub fn name(self) -> &'static str {
        match self {
            Crate::Ciborium => "ciborium",
            Crate::Minicbor => "minicbor-serde",
            Crate::Cbor4ii => "cbor4ii",
        }
    }

    /// The candidate named `name`.
    pub fn by_name(name: &str) -> Option<Crate> {
        Crate::ALL.into_iter().find(|c| c.name() == name)
    }

    /// Decodes one data item filling all of `bytes` into `T`.
    pub fn decode<T: DeserializeOwned>(self, bytes: &[u8]) -> Result<T, String> {
        match self {
            Crate::Ciborium => {
                let mut rest = bytes;
                let value = ciborium::de::from_reader_with_recursion_limit(&mut rest, 128)
                    .map_err(|e| e.to_string())?;
                trailing(rest.len())?;
                Ok(value)
            }
            Crate::Minicbor => {
                let mut de = minicbor_serde::Deserializer::new(bytes);
                let value = T::deserialize(&mut de).map_err(|e| e.to_string())?;
                trailing(bytes.len() - de.decoder().position())?;
                Ok(value)
            }
            Crate::Cbor4ii => {
                use cbor4ii::core::dec::Read;
                let mut de = cbor4ii::serde::Deserializer::new(
                    cbor4ii::core::utils::SliceReader::new(bytes),
                );
                let value = T::deserialize(&mut de).map_err(|e| e.to_string())?;
                let mut reader = de.into_inner();
                let left = reader.fill(1).map_err(|e| format!("{e:?}"))?.as_ref().len();
                trailing(left)?;
                Ok(value)
            }
        }
    }

    /// Decodes one data item filling all of `bytes` as a [`Generic`] item.
    /// ciborium reads tags only into its own `Value` (as the runtime reads
    /// timestamps), so it decodes through that; the others' serde layers
    /// are asked directly.
    pub fn decode_generic(self, bytes: &[u8]) -> Result<Generic, String> {
        match self {
            Crate::Ciborium => self.decode::<ciborium::Value>(bytes).map(Generic::from),
            _ => self.decode::<Generic>(bytes),
        }
    }

    /// Encodes `value`.
    pub fn encode<T: Serialize>(self, value: &T) -> Result<Vec<u8>, String> {
        match self {
            Crate::Ciborium => {
                let mut out = Vec::new();
                ciborium::into_writer(value, &mut out).map_err(|e| e.to_string())?;
                Ok(out)
            }
            Crate::Minicbor => minicbor_serde::to_vec(value).map_err(|e| e.to_string()),
            Crate::Cbor4ii => cbor4ii::serde::to_vec(Vec::new(), value).map_err(|e| e.to_string()),
        }
    }
}

fn trailing(left: usize) -> Result<(), String> {
    if left == 0 {
        Ok(())
    } else {
        Err(format!("{left} bytes after the data item"))
    }
}

/// Any CBOR data item, with tags left out (the tagged item stands for itself).
#[derive(Debug, Clone)]
pub enum Generic {
    Null,
    Bool(bool),
    Int(i128),
    Float(f64),
    Bytes(Vec<u8>),
    Text(String),
    Array(Vec<Generic>),
    Map(Vec<(Generic, Generic)>),
}

impl PartialEq for Generic {
    fn eq(&self, other: &Generic) -> bool {
        use Generic::*;
        match (self, other) {
            (Null, Null) => true,
            (Bool(a), Bool(b)) => a == b,
            (Int(a), Int(b)) => a == b,
            (Float(a), Float(b)) => a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan()),
            // One crate may read a whole float as an integer.
            (Int(a), Float(b)) | (Float(b), Int(a)) => *a as f64 == *b,
            (Bytes(a), Bytes(b)) => a == b,
            (Text(a), Text(b)) => a == b,
            (Array(a), Array(b)) => a == b,
            (Map(a), Map(b)) => a == b,
            _ => false,
        }
    }
}

impl From<ciborium::Value> for Generic {
    fn from(value: ciborium::Value) -> Generic {
        use ciborium::Value as V;
        match value {
            V::Integer(i) => Generic::Int(i.into()),
            V::Bytes(b) => Generic::Bytes(b),
            V::Float(f) => Generic::Float(f),
            V::Text(t) => Generic::Text(t),
            V::Bool(b) => Generic::Bool(b),
            V::Null => Generic::Null,
            V::Tag(_, inner) => Generic::from(*inner),
            V::Array(items) => Generic::Array(items.into_iter().map(Generic::from).collect()),
            V::Map(entries) => Generic::Map(
                entries
                    .into_iter()
                    .map(|(k, v)| (Generic::from(k), Generic::from(v)))
                    .collect(),
            ),
            // `Value` is non-exhaustive; nothing else exists in CBOR.
            _ => Generic::Null,
        }
    }
}

impl<'de> Deserialize<'de> for Generic {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Generic, D::Error> {
        deserializer.deserialize_any(GenericVisitor)
    }
}

struct GenericVisitor;

impl<'de> Visitor<'de> for GenericVisitor {
    type Value = Generic;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any CBOR data item")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Generic, E> {
        Ok(Generic::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Generic, E> {
        Ok(Generic::Int(v.into()))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Generic, E> {
        Ok(Generic::Int(v.into()))
    }
    fn visit_i128<E>(self, v: i128) -> Result<Generic, E> {
        Ok(Generic::Int(v))
    }
    fn visit_u128<E: serde::de::Error>(self, v: u128) -> Result<Generic, E> {
        i128::try_from(v).map(Generic::Int).map_err(E::custom)
    }
    fn visit_f64<E>(self, v: f64) -> Result<Generic, E> {
        Ok(Generic::Float(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Generic, E> {
        Ok(Generic::Text(v.to_owned()))
    }
    fn visit_bytes<E>(self, v: &[u8]) -> Result<Generic, E> {
        Ok(Generic::Bytes(v.to_owned()))
    }
    fn visit_none<E>(self) -> Result<Generic, E> {
        Ok(Generic::Null)
    }
    fn visit_unit<E>(self) -> Result<Generic, E> {
        Ok(Generic::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Generic, D::Error> {
        Generic::deserialize(d)
    }
    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Generic, D::Error> {
        Generic::deserialize(d)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Generic, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Generic::Array(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Generic, A::Error> {
        let mut entries = Vec::new();
        while let Some(entry) = map.next_entry()? {
            entries.push(entry);
        }
        Ok(Generic::Map(entries))
    }
}

/// One item of the typed page the speed benchmark decodes and encodes,
/// shaped like a typical rpcv2Cbor list response.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Item {
    pub id: String,
    pub name: String,
    pub size: i64,
    pub ratio: f64,
    pub enabled: bool,
    pub tags: Vec<String>,
    #[serde(with = "serde_bytes")]
    pub checksum: Vec<u8>,
    pub attributes: BTreeMap<String, String>,
    pub created: f64,
}

/// The typed page: 100 items and a token.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Page {
    pub items: Vec<Item>,
    pub next_token: Option<String>,
    pub count: i32,
}

/// A page of `n` items.
pub fn page(n: usize) -> Page {
    let items = (0..n)
        .map(|i| Item {
            id: format!("arn:aws:example:us-east-1:123456789012:thing/{i:08x}"),
            name: format!("thing number {i}"),
            size: (i as i64) * 1_048_573,
            ratio: i as f64 / 7.0,
            enabled: i % 3 == 0,
            tags: vec!["production".to_owned(), format!("team-{}", i % 5)],
            checksum: (0..32).map(|b| (b * 7 + i) as u8).collect(),
            attributes: BTreeMap::from([
                ("owner".to_owned(), "platform".to_owned()),
                ("tier".to_owned(), format!("{}", i % 4)),
            ]),
            created: 1_700_000_000.0 + i as f64 * 0.25,
        })
        .collect();
    Page {
        items,
        next_token: Some("eyJwYWdlIjoyfQ==".to_owned()),
        count: n as i32,
    }
}

/// Malformed and hostile inputs, each of which a decoder must refuse
/// without crashing: (what it is, the bytes).
pub fn hostile() -> Vec<(&'static str, Vec<u8>)> {
    let nested = |head: u8, depth: usize| {
        let mut bytes = vec![head; depth];
        bytes.push(0x00);
        bytes
    };
    let huge = [0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff];
    vec![
        ("empty input", vec![]),
        ("a stray break", vec![0xff]),
        ("reserved additional information 28", vec![0x1c]),
        ("bytes after the data item", vec![0xa0, 0x00]),
        ("text shorter than its length", vec![0x65, b'a']),
        ("invalid UTF-8", vec![0x62, 0xc3, 0x28]),
        (
            "a map claiming 2^32 entries",
            vec![0xba, 0xff, 0xff, 0xff, 0xff],
        ),
        (
            "an array claiming 2^63 items",
            [&[0x9b][..], &huge].concat(),
        ),
        (
            "a byte string claiming 2^63 bytes",
            [&[0x5b][..], &huge].concat(),
        ),
        (
            "a text string claiming 2^63 bytes",
            [&[0x7b][..], &huge].concat(),
        ),
        (
            "a chunked text with a byte-string chunk",
            vec![0x7f, 0x41, b'a', 0xff],
        ),
        (
            "an indefinite map missing a value",
            vec![0xbf, 0x61, b'a', 0xff],
        ),
        ("100 000 nested arrays", nested(0x81, 100_000)),
        ("100 000 nested maps", {
            let mut bytes = Vec::new();
            for _ in 0..100_000 {
                bytes.extend([0xa1, 0x61, b'k']);
            }
            bytes.push(0x00);
            bytes
        }),
        ("100 000 nested tags", nested(0xc6, 100_000)),
    ]
}
