//! The building blocks of generated types: timestamps, binary data, untyped
//! documents, numbers of arbitrary precision and the payload of enums'
//! `Unknown` variants.

mod big_number;
mod blob;
pub mod date_time;
mod document;
mod unknown_value;

pub use big_number::{BigDecimal, BigInteger, InvalidNumber};
pub use blob::Blob;
pub use date_time::{DateTime, DateTimeOutOfRange, TimestampFormat};
pub use document::{Document, Number};
pub use unknown_value::UnknownValue;
