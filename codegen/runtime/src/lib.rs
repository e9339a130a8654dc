//! The runtime of the Rust clients that smithy-lean generates from AWS Smithy
//! models: everything that does not depend on the model.
//!
//! A generated crate re-exports what its users touch ([`config`],
//! [`error`], [`primitives`], [`paginator`]) and its generated code calls the
//! rest ([`orchestrator`], [`protocol`], [`endpoint`], [`validation`]).
//! Several generated crates in one program share this crate, and so one
//! [`Credentials`](credentials::Credentials) type and provider, one
//! [`SdkError`](error::SdkError), and one HTTP client with its connection
//! pool when their configurations are clones of one [`Config`](config::Config).

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod build_error;
#[cfg(feature = "checksum")]
pub mod checksum;
#[cfg(feature = "compression")]
pub mod compression;
pub mod config;
pub mod credentials;
pub mod endpoint;
pub mod error;
pub mod orchestrator;
pub mod paginator;
pub mod primitives;
pub mod protocol;
mod retry;
pub mod signing;
#[cfg(feature = "test-util")]
pub mod testing;
pub mod transport;
pub mod validation;
