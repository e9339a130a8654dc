//! Smithy node values (the values of `smithy.api#examples` and, later, of
//! protocol tests), checked against the shape they are written for.
//!
//! A value is checked against the model's shapes, not the IR, so that tests
//! built from it compare the generated client with what the model says.

use serde_json::Value as Json;

use crate::model::{Kind, Model};

/// A node value that fits its shape.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `null` (an item of a sparse list or map).
    Null,
    /// A boolean.
    Bool(bool),
    /// A byte, short, integer, long or intEnum.
    Integer(i64),
    /// A float or double, NaN and the infinities included.
    Float(f64),
    /// A bigInteger or bigDecimal, as the decimal text the model gives.
    BigNumber(String),
    /// A string or an enum value.
    String(String),
    /// A blob, given as text in node values.
    Blob(Vec<u8>),
    /// A timestamp.
    Timestamp(Timestamp),
    /// A list or set.
    List(Vec<Value>),
    /// A map, by key.
    Map(Vec<(String, Value)>),
    /// The members of a structure, or the one member of a union, by member name.
    Struct(Vec<(String, Value)>),
    /// A document: any JSON value.
    Document(Json),
}

/// A point in time: seconds since the Unix epoch and nanoseconds past them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timestamp {
    /// Whole seconds (rounded down).
    pub secs: i64,
    /// Nanoseconds past `secs`.
    pub nanos: u32,
}

impl Value {
    /// The value of member `name` of a structure value.
    pub fn member(&self, name: &str) -> Option<&Value> {
        match self {
            Value::Struct(members) => members.iter().find(|(n, _)| n == name).map(|(_, v)| v),
            _ => None,
        }
    }
}

/// Checks `json` against shape `target`; the error names the path within the
/// value (`Items[0].Size`) and what does not fit.
pub fn check(model: &Model, target: &str, json: &Json) -> Result<Value, String> {
    value(model, target, json, "")
}

fn value(model: &Model, target: &str, json: &Json, path: &str) -> Result<Value, String> {
    let at = |what: &str| {
        let path = if path.is_empty() { "the value" } else { path };
        format!("{path}: expected {what}, found {json}")
    };
    let kind = model.kind(target);
    if kind == Kind::Document {
        return Ok(Value::Document(json.clone()));
    }
    if json.is_null() {
        return Err(format!(
            "{}: null, where the model allows none (only items of @sparse lists and maps may be null)",
            if path.is_empty() { "the value" } else { path }
        ));
    }
    let sparse = || {
        model
            .shape(target)
            .is_some_and(|s| s.traits.contains_key("smithy.api#sparse"))
    };
    // An item of a @sparse list or map may be null.
    let item_value = |target: &str, v: &Json, path: &str| match v {
        Json::Null if sparse() => Ok(Value::Null),
        v => value(model, target, v, path),
    };
    match kind {
        Kind::Boolean => json
            .as_bool()
            .map(Value::Bool)
            .ok_or_else(|| at("a boolean")),
        Kind::Byte | Kind::Short | Kind::Integer | Kind::Long | Kind::IntEnum => {
            let (min, max, what) = match kind {
                Kind::Byte => (i64::from(i8::MIN), i64::from(i8::MAX), "a byte"),
                Kind::Short => (i64::from(i16::MIN), i64::from(i16::MAX), "a short"),
                Kind::Long => (i64::MIN, i64::MAX, "a long"),
                _ => (i64::from(i32::MIN), i64::from(i32::MAX), "an integer"),
            };
            json.as_i64()
                .filter(|i| (min..=max).contains(i))
                .map(Value::Integer)
                .ok_or_else(|| at(what))
        }
        Kind::Float | Kind::Double => match json {
            Json::Number(n) => n.as_f64().map(Value::Float).ok_or_else(|| at("a number")),
            Json::String(s) => match s.as_str() {
                "NaN" => Ok(Value::Float(f64::NAN)),
                "Infinity" => Ok(Value::Float(f64::INFINITY)),
                "-Infinity" => Ok(Value::Float(f64::NEG_INFINITY)),
                _ => Err(at("a number, \"NaN\", \"Infinity\" or \"-Infinity\"")),
            },
            _ => Err(at("a number")),
        },
        Kind::BigInteger => match json {
            Json::Number(n) if !n.to_string().contains(['.', 'e', 'E']) => {
                Ok(Value::BigNumber(n.to_string()))
            }
            _ => Err(at("an integer")),
        },
        Kind::BigDecimal => match json {
            Json::Number(n) => Ok(Value::BigNumber(n.to_string())),
            _ => Err(at("a number")),
        },
        Kind::String | Kind::Enum => json
            .as_str()
            .map(|s| Value::String(s.to_owned()))
            .ok_or_else(|| at("a string")),
        Kind::Blob => json
            .as_str()
            .map(|s| Value::Blob(s.as_bytes().to_vec()))
            .ok_or_else(|| at("a string")),
        Kind::Timestamp => timestamp(json)
            .map(Value::Timestamp)
            .ok_or_else(|| at("epoch seconds or an RFC 3339 date-time")),
        Kind::List => {
            let items = json.as_array().ok_or_else(|| at("an array"))?;
            let item = member_target(model, target, "member")?;
            items
                .iter()
                .enumerate()
                .map(|(i, v)| item_value(&item, v, &format!("{path}[{i}]")))
                .collect::<Result<_, _>>()
                .map(Value::List)
        }
        Kind::Map => {
            let entries = json.as_object().ok_or_else(|| at("an object"))?;
            let target = member_target(model, target, "value")?;
            entries
                .iter()
                .map(|(k, v)| Ok((k.clone(), item_value(&target, v, &join(path, k))?)))
                .collect::<Result<_, String>>()
                .map(Value::Map)
        }
        Kind::Structure | Kind::Union => {
            let object = json.as_object().ok_or_else(|| at("an object"))?;
            if target == "smithy.api#Unit" && object.is_empty() {
                return Ok(Value::Struct(Vec::new()));
            }
            let shape = model
                .shape(target)
                .ok_or_else(|| format!("{target} is not defined"))?;
            if kind == Kind::Union && object.values().filter(|v| !v.is_null()).count() != 1 {
                return Err(at("an object with exactly one member of the union"));
            }
            let mut members = Vec::with_capacity(object.len());
            // A member given as null is unset.
            for (name, v) in object.iter().filter(|(_, v)| !v.is_null()) {
                let member = shape.members.get(name).ok_or_else(|| {
                    let place = if path.is_empty() { "the value" } else { path };
                    format!("{place}: {target} has no member {name}")
                })?;
                members.push((
                    name.clone(),
                    value(model, &member.target, v, &join(path, name))?,
                ));
            }
            Ok(Value::Struct(members))
        }
        other => Err(format!(
            "{}: values of {} shapes are not supported",
            if path.is_empty() { "the value" } else { path },
            other.name()
        )),
    }
}

/// A `@default` value of shape `target`: as [`check`], except that a blob's
/// default is written in base64.
pub fn default_value(model: &Model, target: &str, json: &Json) -> Result<Value, String> {
    match (model.kind(target), json) {
        (Kind::Blob, Json::String(text)) => base64_decode(text)
            .map(Value::Blob)
            .ok_or_else(|| format!("the blob default {text:?} is not base64")),
        _ => check(model, target, json),
    }
}

/// Standard base64 with padding; `None` if `text` is not that.
fn base64_decode(text: &str) -> Option<Vec<u8>> {
    let digit = |c: u8| -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        } as u32)
    };
    let bytes = text.as_bytes();
    if bytes.len() % 4 != 0 {
        return None;
    }
    let mut out = Vec::with_capacity(bytes.len() / 4 * 3);
    for chunk in bytes.chunks(4) {
        let pad = chunk.iter().rev().take_while(|c| **c == b'=').count();
        if pad > 2 {
            return None;
        }
        let mut n = 0u32;
        for c in &chunk[..4 - pad] {
            n = n << 6 | digit(*c)?;
        }
        n <<= 6 * pad as u32;
        let decoded = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        out.extend_from_slice(&decoded[..3 - pad]);
    }
    Some(out)
}

fn join(path: &str, name: &str) -> String {
    if path.is_empty() {
        name.to_owned()
    } else {
        format!("{path}.{name}")
    }
}

/// The target of a list's `member` or a map's `value`.
fn member_target(model: &Model, shape: &str, which: &str) -> Result<String, String> {
    let s = model
        .shape(shape)
        .ok_or_else(|| format!("{shape} is not defined"))?;
    let member = if which == "member" {
        &s.member
    } else {
        &s.value
    };
    member
        .as_ref()
        .map(|m| m.target.clone())
        .ok_or_else(|| format!("{shape} has no {which}"))
}

/// Epoch seconds (read from the number's decimal text, so no precision is
/// lost) or an RFC 3339 date-time.
fn timestamp(json: &Json) -> Option<Timestamp> {
    match json {
        Json::Number(n) => epoch_seconds(&n.to_string()),
        Json::String(s) => parse_date_time(s),
        _ => None,
    }
}

/// Decimal epoch seconds (`1569284520.333`, `-1.5`, `9.46845296123E8`).
pub fn epoch_seconds(text: &str) -> Option<Timestamp> {
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let digits = &without_exponent(digits)?;
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    if whole.is_empty()
        || !whole.bytes().all(|b| b.is_ascii_digit())
        || !fraction.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let whole: i64 = whole.parse().ok()?;
    let mut nanos_text: String = fraction.chars().take(9).collect();
    while nanos_text.len() < 9 {
        nanos_text.push('0');
    }
    let nanos: u32 = nanos_text.parse().ok()?;
    Some(match (negative, nanos) {
        (false, _) => Timestamp { secs: whole, nanos },
        (true, 0) => Timestamp {
            secs: -whole,
            nanos: 0,
        },
        (true, n) => Timestamp {
            secs: -whole - 1,
            nanos: 1_000_000_000 - n,
        },
    })
}

/// Unsigned decimal `text` with its exponent (`e8`, `E-3`) applied by moving
/// the point, so that no digit goes through a float. Exponents beyond any
/// timestamp's range are refused.
fn without_exponent(text: &str) -> Option<String> {
    let Some(at) = text.find(['e', 'E']) else {
        return Some(text.to_owned());
    };
    let exponent: i64 = text[at + 1..]
        .parse()
        .ok()
        .filter(|e: &i64| e.abs() <= 40)?;
    let (whole, fraction) = text[..at].split_once('.').unwrap_or((&text[..at], ""));
    let digits = format!("{whole}{fraction}");
    if whole.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let point = whole.len() as i64 + exponent;
    Some(if point <= 0 {
        format!("0.{}{digits}", "0".repeat(point.unsigned_abs() as usize))
    } else if point as usize >= digits.len() {
        format!("{digits}{}", "0".repeat(point as usize - digits.len()))
    } else {
        let (whole, fraction) = digits.split_at(point as usize);
        format!("{whole}.{fraction}")
    })
}

/// An RFC 3339 date-time (`2019-09-24T00:22:00.333Z`, `...+02:00`).
pub fn parse_date_time(text: &str) -> Option<Timestamp> {
    let b = text.as_bytes();
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let s = text.get(r)?;
        s.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| s.parse().ok())?
    };
    if b.len() < 20 || b[4] != b'-' || b[7] != b'-' || !matches!(b[10], b'T' | b't') {
        return None;
    }
    if b[13] != b':' || b[16] != b':' {
        return None;
    }
    let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (hour, minute, second) = (num(11..13)?, num(14..16)?, num(17..19)?);
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) || hour > 23 || minute > 59 {
        return None;
    }
    if second > 60 {
        return None;
    }
    let mut i = 19;
    let mut nanos = 0u32;
    if b.get(i) == Some(&b'.') {
        let start = i + 1;
        i = start;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        let mut digits: String = text[start..i].chars().take(9).collect();
        if digits.is_empty() {
            return None;
        }
        while digits.len() < 9 {
            digits.push('0');
        }
        nanos = digits.parse().ok()?;
    }
    let offset = match &text[i..] {
        "Z" | "z" => 0,
        zone if zone.len() == 6 && matches!(zone.as_bytes()[0], b'+' | b'-') => {
            let (h, m) = (num(i + 1..i + 3)?, num(i + 4..i + 6)?);
            let sign = if zone.starts_with('-') { -1 } else { 1 };
            sign * (h * 3600 + m * 60)
        }
        _ => return None,
    };
    let days = days_from_civil(year, month, day);
    Some(Timestamp {
        secs: days * 86_400 + hour * 3600 + minute * 60 + second - offset,
        nanos,
    })
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
pub fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day since 1970-01-01: (year, month, day).
pub fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(month <= 2), month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_seconds_keep_every_digit() {
        let t = |secs, nanos| Some(Timestamp { secs, nanos });
        assert_eq!(epoch_seconds("1569284520.333"), t(1569284520, 333_000_000));
        assert_eq!(epoch_seconds("0"), t(0, 0));
        assert_eq!(epoch_seconds("-1.5"), t(-2, 500_000_000));
        assert_eq!(epoch_seconds("1.0000000019"), t(1, 1));
        assert_eq!(epoch_seconds("1e9"), t(1_000_000_000, 0));
        assert_eq!(epoch_seconds("9.46845296123e+8"), t(946845296, 123_000_000));
        assert_eq!(epoch_seconds("15e-1"), t(1, 500_000_000));
        assert_eq!(epoch_seconds("1.2.3e4"), None);
        assert_eq!(epoch_seconds("1e400"), None);
        assert_eq!(epoch_seconds(""), None);
    }

    #[test]
    fn date_times_with_fractions_and_offsets() {
        let t = |secs, nanos| Some(Timestamp { secs, nanos });
        assert_eq!(parse_date_time("1970-01-01T00:00:00Z"), t(0, 0));
        assert_eq!(
            parse_date_time("2019-09-24T00:22:00.333Z"),
            t(1569284520, 333_000_000)
        );
        assert_eq!(
            parse_date_time("2019-09-24T02:22:00+02:00"),
            t(1569284520, 0)
        );
        assert_eq!(parse_date_time("2019-09-24 00:22:00Z"), None);
        assert_eq!(parse_date_time("2019-13-24T00:22:00Z"), None);
        assert_eq!(parse_date_time("2019-09-24T00:22:00"), None);
    }

    #[test]
    fn integers_must_fit_their_shape() {
        let model = crate::model::Model::new(
            crate::load::from_str(
                r#"{"smithy": "2.0", "shapes": {
                    "a.b#S": {"type": "service", "version": "1", "operations": [{"target": "a.b#Op"}]},
                    "a.b#Op": {"type": "operation", "input": {"target": "a.b#In"}},
                    "a.b#In": {"type": "structure", "members": {
                        "b": {"target": "smithy.api#Byte"},
                        "l": {"target": "a.b#L"},
                        "s": {"target": "a.b#Sparse"}}},
                    "a.b#L": {"type": "list", "member": {"target": "smithy.api#String"}},
                    "a.b#Sparse": {"type": "list", "member": {"target": "smithy.api#String"},
                                   "traits": {"smithy.api#sparse": {}}}
                }}"#,
            )
            .expect("loads"),
            &[],
        )
        .expect("valid");
        let check =
            |json: &str| check(&model, "a.b#In", &serde_json::from_str(json).expect("JSON"));
        assert!(check(r#"{"b": 127}"#).is_ok());
        assert_eq!(
            check(r#"{"b": 128}"#).unwrap_err(),
            "b: expected a byte, found 128"
        );
        assert_eq!(
            check(r#"{"b": null}"#),
            Ok(Value::Struct(Vec::new())),
            "null is unset"
        );
        assert!(check(r#"{"l": ["x", null]}"#)
            .unwrap_err()
            .contains("l[1]: null"));
        assert_eq!(
            check(r#"{"s": ["x", null]}"#),
            Ok(Value::Struct(vec![(
                "s".to_owned(),
                Value::List(vec![Value::String("x".to_owned()), Value::Null])
            )]))
        );
    }

    #[test]
    fn base64_defaults_decode() {
        assert_eq!(base64_decode("YWJj"), Some(b"abc".to_vec()));
        assert_eq!(base64_decode("aGk="), Some(b"hi".to_vec()));
        assert_eq!(base64_decode(""), Some(Vec::new()));
        assert_eq!(base64_decode("a"), None);
        assert_eq!(base64_decode("****"), None);
    }

    #[test]
    fn civil_dates_round_trip() {
        for days in [-719_468, -1, 0, 1, 18_163, 2_932_896] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days, "{y}-{m}-{d}");
        }
        assert_eq!(civil_from_days(18_163), (2019, 9, 24));
    }
}
