//! The `aws.protocols#restJson1` protocol: the operation code it emits
//! ([`emit`]) and the wire form it gives examples ([`wire`]). The runtime
//! half is the generated crate's `runtime/protocol.rs`.

pub(crate) mod emit;
pub mod wire;

pub use emit::operation_file;
