//! Checks of the model's constraint traits on input members, before a request
//! is sent.

use std::sync::OnceLock;

use crate::error::ValidationError;

fn bounds<T: std::fmt::Display>(min: Option<T>, max: Option<T>) -> String {
    match (min, max) {
        (Some(min), Some(max)) => format!("{min} to {max}"),
        (Some(min), None) => format!("at least {min}"),
        (None, Some(max)) => format!("at most {max}"),
        (None, None) => "any".to_owned(),
    }
}

/// `@length`: `count` characters, items or entries.
pub fn length(
    member: &str,
    count: usize,
    unit: &str,
    min: Option<u64>,
    max: Option<u64>,
) -> Result<(), ValidationError> {
    let count64 = count as u64;
    if min.is_some_and(|m| count64 < m) || max.is_some_and(|m| count64 > m) {
        return Err(ValidationError::new(
            member,
            format!("length {}", bounds(min, max)),
            format!("it has {count} {unit}"),
        ));
    }
    Ok(())
}

/// `@range`: a number between bounds.
pub fn range(
    member: &str,
    value: f64,
    min: Option<f64>,
    max: Option<f64>,
) -> Result<(), ValidationError> {
    if min.is_some_and(|m| value < m) || max.is_some_and(|m| value > m) {
        return Err(ValidationError::new(
            member,
            format!("range {}", bounds(min, max)),
            format!("it is {value}"),
        ));
    }
    Ok(())
}

/// A `@pattern`'s regular expression, compiled on first use: generated code
/// keeps one in a `static` per constrained member.
pub struct Pattern {
    source: &'static str,
    compiled: OnceLock<Option<regex_lite::Regex>>,
}

impl Pattern {
    /// The pattern of this regular expression.
    pub const fn new(source: &'static str) -> Pattern {
        Pattern {
            source,
            compiled: OnceLock::new(),
        }
    }
}

/// `@pattern`: the value must contain a match of the regular expression.
pub fn pattern(member: &str, value: &str, pattern: &Pattern) -> Result<(), ValidationError> {
    let source = pattern.source;
    let regex = pattern
        .compiled
        .get_or_init(|| regex_lite::Regex::new(source).ok());
    match regex {
        Some(regex) if regex.is_match(value) => Ok(()),
        Some(_) => Err(ValidationError::new(
            member,
            format!("pattern {source}"),
            format!("{value:?} does not match"),
        )),
        None => Err(ValidationError::new(
            member,
            format!("pattern {source}"),
            "the model's pattern is not a valid regular expression",
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_member_constraint_and_problem() {
        let e = length("FunctionName", 0, "characters", Some(1), Some(256)).expect_err("too short");
        assert_eq!(
            e.to_string(),
            "invalid `FunctionName` (length 1 to 256): it has 0 characters"
        );
        let e = range("MaxItems", 0.0, Some(1.0), Some(10000.0)).expect_err("too small");
        assert_eq!(
            e.to_string(),
            "invalid `MaxItems` (range 1 to 10000): it is 0"
        );
        static ARN: Pattern = Pattern::new("^arn:");
        let e = pattern("Arn", "nope", &ARN).expect_err("no match");
        assert_eq!(
            e.to_string(),
            "invalid `Arn` (pattern ^arn:): \"nope\" does not match"
        );
        assert!(pattern("Arn", "arn:aws", &ARN).is_ok());
        static BROKEN: Pattern = Pattern::new("(");
        assert!(pattern("Arn", "x", &BROKEN).is_err());
    }
}
