//! The payload of every enum's `Unknown` variant.

use std::fmt;

/// An enum value that this version of the crate does not know.
///
/// The service may add values at any time; they parse into the enum's
/// `Unknown` variant and serialise back unchanged. It cannot be built by hand:
/// convert a string into the enum instead, so that known values always get
/// their own variant.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct UnknownValue(String);

impl UnknownValue {
    /// Wraps a value that no variant matches; only generated enums call this.
    pub fn new(value: impl Into<String>) -> UnknownValue {
        UnknownValue(value.into())
    }

    /// The value as the service sent it.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for UnknownValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_value() {
        let v = UnknownValue::new("NEW_VALUE");
        assert_eq!(v.as_str(), "NEW_VALUE");
        assert_eq!(v.to_string(), "NEW_VALUE");
    }
}
