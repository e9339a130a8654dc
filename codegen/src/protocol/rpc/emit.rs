//! RPC code of an operation, emitted into `crate::operation::<op>::protocol`:
//! the input as the whole body of a `POST`, the headers that name the
//! operation, and responses read whole from the body, errors by the shape
//! name the body gives.

use proc_macro2::TokenStream;
use quote::quote;

use super::Rpc;
use crate::ir::{Crate, Operation};
use crate::model::local_name;
use crate::protocol::shared;

/// `crate::operation::<op>::protocol`: validation, serialisation and parsing.
pub fn operation_file(krate: &Crate, op: &Operation) -> TokenStream {
    let Some(rpc) = Rpc::of(krate.protocol) else {
        return quote!();
    };
    let Some(shared::OperationTypes {
        input,
        input_name,
        output_name,
        error_name,
        ..
    }) = shared::operation_types(krate, op)
    else {
        return quote!();
    };
    let service = local_name(&krate.service.shape_id);
    let path = (rpc.path)(service, &op.name);
    let headers = rpc.headers(service, &op.name, krate.query_compatible);
    let headers = headers
        .iter()
        .map(|(name, value)| quote!((#name.into(), #value.to_owned())));
    let (encode, parse) = if rpc.cbor {
        (
            quote!(protocol::cbor::to_vec(input)?),
            quote!(protocol::cbor::parse_body),
        )
    } else {
        (
            quote!(::serde_json::to_vec(input)
                .map_err(|e| format!("cannot serialise the input: {e}"))?),
            quote!(protocol::parse_body),
        )
    };
    let no_body = op.unit_input && rpc.unit_input_has_no_body();
    let body = if no_body {
        quote!(::std::option::Option::None)
    } else {
        quote!(::std::option::Option::Some(#encode))
    };
    let content_md5 = shared::request_checksum(op);
    let mut_headers = content_md5.as_ref().map(|_| quote!(mut));
    let content_type = rpc.content_type;
    let error_arms = op
        .errors
        .iter()
        .map(|id| {
            let (variant, code, server) = shared::error_case(krate, *id);
            quote! {
                ::std::option::Option::Some(#code) => (#error_name::#variant(#parse(response.body())?), #server),
            }
        })
        .collect();
    let host_prefix = shared::host_prefix(input, op);
    let compress = shared::compress(op);
    shared::protocol_file(shared::FileParts {
        op,
        input,
        input_name,
        output_name,
        error_name,
        reads_input: !no_body || shared::has_tokens(input) || op.host_prefix.is_some(),
        serialize: quote! {
            let body = #body;
            let #mut_headers headers = ::std::vec![#(#headers),*];
            #content_md5
            ::std::result::Result::Ok(RequestParts {
                method: "POST",
                host_prefix: #host_prefix,
                path: #path.to_owned(),
                literal_query: "",
                query: ::std::vec::Vec::new(),
                headers,
                body,
                content_type: #content_type,
                compress: #compress,
            })
        },
        parse_output: quote!(#parse(response.body())),
        error_arms,
    })
}
