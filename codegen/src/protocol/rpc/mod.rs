//! The RPC protocols: `aws.protocols#awsJson1_0`, `aws.protocols#awsJson1_1`,
//! `smithy.protocols#rpcv2Json` and `smithy.protocols#rpcv2Cbor`. Every
//! operation is a `POST` whose body is the whole input; they differ in the
//! path, the headers that name the operation, and the body's format. The
//! operation code they emit is [`emit`], the wire form they give examples
//! [`wire`]; the runtime half is the runtime's `protocol` module (and
//! `protocol::cbor`).

mod emit;
pub mod wire;

pub use emit::operation_file;

use super::Protocol;

/// What tells an RPC protocol's requests apart.
pub struct Rpc {
    /// The request path of operation `op` of service `service` (local names).
    pub path: fn(service: &str, op: &str) -> String,
    /// Whether the operation is named in `X-Amz-Target` (awsJson), rather
    /// than by the path and `smithy-protocol` (RPC v2).
    pub target_header: bool,
    /// The `Content-Type` (and, for RPC v2, `Accept`) of bodies.
    pub content_type: &'static str,
    /// Whether bodies are CBOR rather than JSON.
    pub cbor: bool,
}

impl Rpc {
    /// The RPC facts of `protocol`, if it is an RPC protocol.
    pub fn of(protocol: Protocol) -> Option<Rpc> {
        let aws_json = |content_type| Rpc {
            path: |_, _| "/".to_owned(),
            target_header: true,
            content_type,
            cbor: false,
        };
        let rpc_v2 = |content_type, cbor| Rpc {
            path: |service, op| format!("/service/{service}/operation/{op}"),
            target_header: false,
            content_type,
            cbor,
        };
        match protocol {
            Protocol::RestJson1 | Protocol::AwsQuery | Protocol::Ec2Query | Protocol::RestXml => {
                None
            }
            Protocol::AwsJson1_0 => Some(aws_json("application/x-amz-json-1.0")),
            Protocol::AwsJson1_1 => Some(aws_json("application/x-amz-json-1.1")),
            Protocol::RpcV2Json => Some(rpc_v2("application/json", false)),
            Protocol::RpcV2Cbor => Some(rpc_v2("application/cbor", true)),
        }
    }

    /// The headers that name operation `op` of service `service`, besides
    /// the content type: `X-Amz-Target`, or `smithy-protocol` and `Accept`;
    /// and `x-amzn-query-mode` for a service that moved from awsQuery.
    pub fn headers(
        &self,
        service: &str,
        op: &str,
        query_compatible: bool,
    ) -> Vec<(String, String)> {
        let mut headers = if self.target_header {
            vec![("X-Amz-Target".to_owned(), format!("{service}.{op}"))]
        } else {
            let name = if self.cbor {
                "rpc-v2-cbor"
            } else {
                "rpc-v2-json"
            };
            vec![
                ("smithy-protocol".to_owned(), name.to_owned()),
                ("Accept".to_owned(), self.content_type.to_owned()),
            ]
        };
        if query_compatible {
            headers.push(("x-amzn-query-mode".to_owned(), "true".to_owned()));
        }
        headers
    }

    /// Whether an operation without input sends no body (RPC v2) rather
    /// than an empty object (awsJson).
    pub fn unit_input_has_no_body(&self) -> bool {
        !self.target_header
    }
}
