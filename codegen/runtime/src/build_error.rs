//! The error a builder returns when a required member was not set.

use std::fmt;

/// A builder's `build()` was called before every required member was set.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BuildError {
    type_name: &'static str,
    field: &'static str,
    wire_name: &'static str,
}

impl BuildError {
    /// Only the builders of structures with required members call this.
    pub fn missing_field(
        type_name: &'static str,
        field: &'static str,
        wire_name: &'static str,
    ) -> BuildError {
        BuildError {
            type_name,
            field,
            wire_name,
        }
    }

    /// The type whose builder failed.
    pub fn type_name(&self) -> &str {
        self.type_name
    }

    /// The Rust name of the member that was not set.
    pub fn field(&self) -> &str {
        self.field
    }

    /// The model's name of the member that was not set.
    pub fn wire_name(&self) -> &str {
        self.wire_name
    }
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "cannot build `{}`: the required member `{}` (`{}` on the wire) was not set",
            self.type_name, self.field, self.wire_name
        )
    }
}

impl std::error::Error for BuildError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_names_the_type_and_member() {
        let e = BuildError::missing_field("Thing", "uuid", "UUID");
        assert_eq!(
            e.to_string(),
            "cannot build `Thing`: the required member `uuid` (`UUID` on the wire) was not set"
        );
        assert_eq!(
            (e.type_name(), e.field(), e.wire_name()),
            ("Thing", "uuid", "UUID")
        );
    }
}
