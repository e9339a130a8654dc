//! `aws.protocols#awsQuery`: every operation is a form-encoded `POST /`
//! carrying `Action` and `Version` and the input's members as dotted keys;
//! responses are XML, the output inside `<{Operation}Result>`, errors inside
//! `<ErrorResponse><Error>`, told apart by their `Code` (`@awsQueryError`,
//! else the shape name). [`emit`] writes the operation code, [`shapes`] each
//! shape's `ToQuery` and `FromXml` impls, [`wire`] the wire form of
//! examples; the runtime half is the runtime's `protocol::query` and
//! `protocol::xml`.

mod emit;
mod shapes;
pub(crate) mod wire;

pub use emit::operation_file;
pub use shapes::type_impls;

/// The request body's media type.
pub const CONTENT_TYPE: &str = "application/x-www-form-urlencoded";
