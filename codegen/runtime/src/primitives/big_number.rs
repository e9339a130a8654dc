//! `BigInteger` and `BigDecimal`: numbers of arbitrary precision, kept as
//! their decimal text so that no digit is lost on the way to or from the wire.

use std::fmt;
use std::str::FromStr;

/// Text that is not a number of the kind asked for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidNumber {
    text: String,
    expected: &'static str,
}

impl fmt::Display for InvalidNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?} is not {}", self.text, self.expected)
    }
}

impl std::error::Error for InvalidNumber {}

/// Whether `text` is `-`, then one or more ASCII digits; returns the rest.
fn integer_part(text: &str) -> Option<&str> {
    let digits = text.strip_prefix('-').unwrap_or(text);
    let end = digits
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(digits.len());
    (end > 0).then(|| &digits[end..])
}

/// Whether `text` is one or more ASCII digits.
fn all_digits(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())
}

fn is_integer(text: &str) -> bool {
    integer_part(text) == Some("")
}

/// `-`? digits, then optionally `.` digits, then optionally `e`/`E`, a sign
/// and digits: the grammar of a JSON number.
fn is_decimal(text: &str) -> bool {
    let Some(rest) = integer_part(text) else {
        return false;
    };
    let (fraction, exponent) = match rest.find(['e', 'E']) {
        Some(at) => (&rest[..at], Some(&rest[at + 1..])),
        None => (rest, None),
    };
    let fraction_ok = fraction.is_empty() || fraction.strip_prefix('.').is_some_and(all_digits);
    let exponent_ok = exponent.is_none_or(|e| {
        all_digits(
            e.strip_prefix('+')
                .or_else(|| e.strip_prefix('-'))
                .unwrap_or(e),
        )
    });
    fraction_ok && exponent_ok
}

macro_rules! big_number {
    ($(#[$doc:meta])* $name:ident, $check:ident, $expected:literal) => {
        $(#[$doc])*
        ///
        /// Equality compares the text: `1.5` and `1.50` are different values.
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        pub struct $name(String);

        impl $name {
            /// The number's decimal text.
            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// Unwraps the decimal text.
            pub fn into_string(self) -> String {
                self.0
            }
        }

        impl FromStr for $name {
            type Err = InvalidNumber;

            fn from_str(text: &str) -> Result<$name, InvalidNumber> {
                if $check(text) {
                    Ok($name(text.to_owned()))
                } else {
                    Err(InvalidNumber {
                        text: text.to_owned(),
                        expected: $expected,
                    })
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<i64> for $name {
            fn from(n: i64) -> $name {
                $name(n.to_string())
            }
        }

        impl From<u64> for $name {
            fn from(n: u64) -> $name {
                $name(n.to_string())
            }
        }

        impl From<i128> for $name {
            fn from(n: i128) -> $name {
                $name(n.to_string())
            }
        }

        /// Written as a string holding the decimal text, as `smithy.protocols#rpcv2Json` has it.
        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.0)
            }
        }

        /// Read from a string holding the decimal text.
        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<$name, D::Error> {
                let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
                text.parse().map_err(serde::de::Error::custom)
            }
        }
    };
}

big_number!(
    /// An integer of any size (`smithy.api#BigInteger`).
    BigInteger,
    is_integer,
    "an integer"
);

big_number!(
    /// A decimal number of any size and precision (`smithy.api#BigDecimal`).
    BigDecimal,
    is_decimal,
    "a decimal number"
);

impl From<BigInteger> for BigDecimal {
    fn from(n: BigInteger) -> BigDecimal {
        BigDecimal(n.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_digit_survives_a_round_trip() {
        for text in ["9223372036854775808", "-9223372036854775809", "0", "007"] {
            let n: BigInteger = text.parse().unwrap();
            assert_eq!(n.as_str(), text);
            let json = serde_json::to_string(&n).unwrap();
            assert_eq!(json, format!("\"{text}\""));
            assert_eq!(serde_json::from_str::<BigInteger>(&json).unwrap(), n);
        }
        for text in [
            "0.100000000000000000000001",
            "-1.5",
            "100000000000000000000001.0",
            "1e400",
            "2.5E-3",
            "7e+2",
        ] {
            assert_eq!(text.parse::<BigDecimal>().unwrap().to_string(), text);
        }
    }

    #[test]
    fn text_that_is_not_a_number_is_refused_by_what_it_should_be() {
        for text in ["", "-", "1.5", "1e3", " 1", "+1", "0x10", "1_000"] {
            assert!(text.parse::<BigInteger>().is_err(), "{text:?}");
        }
        for text in [
            "", ".5", "1.", "1e", "1e+", "--1", "1.5.5", "NaN", "Infinity", "1,5",
        ] {
            assert!(text.parse::<BigDecimal>().is_err(), "{text:?}");
        }
        assert_eq!(
            "1.5".parse::<BigInteger>().unwrap_err().to_string(),
            "\"1.5\" is not an integer"
        );
        let err = serde_json::from_str::<BigDecimal>("\"abc\"").unwrap_err();
        assert!(
            err.to_string().contains("\"abc\" is not a decimal number"),
            "{err}"
        );
        assert!(
            serde_json::from_str::<BigInteger>("42").is_err(),
            "a JSON number is not the rpcv2Json form"
        );
    }

    #[test]
    fn integers_convert_exactly() {
        assert_eq!(BigInteger::from(u64::MAX).as_str(), "18446744073709551615");
        assert_eq!(
            BigInteger::from(i128::MIN).as_str(),
            "-170141183460469231731687303715884105728"
        );
        assert_eq!(BigDecimal::from(BigInteger::from(-3i64)).as_str(), "-3");
    }
}
