//! Model-independent client machinery: configuration, credentials, the HTTP
//! transport, SigV4 signing, retries, the restJson1 protocol and pagination.

pub(crate) mod config;
pub(crate) mod credentials;
// Each rule set calls only some of the rules' standard library.
#[allow(dead_code)]
pub(crate) mod endpoint;
pub(crate) mod error;
// Modules only some crates need (their models' traits decide).
pub(crate) mod optional;
pub(crate) mod orchestrator;
// Only services with paginated operations use it.
#[allow(dead_code)]
pub(crate) mod paginator;
pub(crate) mod protocol;
pub(crate) mod retry;
pub(crate) mod signing;
// Each crate's tests use only some of it.
#[cfg(test)]
#[allow(dead_code)]
pub(crate) mod testing;
pub(crate) mod transport;
// Only services with constrained input members use it.
#[allow(dead_code)]
pub(crate) mod validation;
