//! awsQuery and ec2Query code of an operation, emitted into
//! `crate::operation::<op>::protocol`: the input as a form-encoded body,
//! the output read from `<{Operation}Result>` (ec2Query: the root element),
//! errors from `<Error>` by code.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::tokens::type_path;
use crate::ir::{Crate, Operation};
use crate::protocol::{shared, Protocol};

/// `crate::operation::<op>::protocol`: validation, serialisation and parsing.
pub fn operation_file(krate: &Crate, op: &Operation) -> TokenStream {
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
    let action = &op.name;
    let version = &krate.service.version;
    let ec2 = krate.protocol == Protocol::Ec2Query;
    let writer = if ec2 {
        quote!(protocol::query::QueryWriter::new_ec2(#action, #version))
    } else {
        quote!(protocol::query::QueryWriter::new(#action, #version))
    };
    // ec2Query puts the output's members right in `<{Operation}Response>`.
    let result = if ec2 {
        quote!(protocol::query::ec2_result_element(response.body())?)
    } else {
        quote!(protocol::query::result_element(response.body(), #action)?)
    };
    let content_md5 = shared::request_checksum(op);
    let mut_headers = content_md5.as_ref().map(|_| quote!(mut));
    let content_type = super::CONTENT_TYPE;
    let error_arms = op
        .errors
        .iter()
        .map(|id| {
            let (variant, code, server) = shared::error_case(krate, *id);
            let ty = type_path(krate.ty(*id));
            quote! {
                ::std::option::Option::Some(#code) => (
                    #error_name::#variant(<#ty as FromXml>::from_xml(&protocol::query::error_element(response.body())?)?),
                    #server,
                ),
            }
        })
        .collect();
    let host_prefix = shared::host_prefix(input, op);
    let compress = shared::compress(op);
    let file = shared::protocol_file(shared::FileParts {
        op,
        input,
        input_name,
        output_name: output_name.clone(),
        error_name,
        reads_input: true,
        serialize: quote! {
            let mut writer = #writer;
            ToQuery::to_query(input, &mut writer, "");
            let body = ::std::option::Option::Some(writer.finish());
            let #mut_headers headers = ::std::vec::Vec::new();
            #content_md5
            ::std::result::Result::Ok(RequestParts {
                method: "POST",
                host_prefix: #host_prefix,
                path: "/".to_owned(),
                literal_query: "",
                query: ::std::vec::Vec::new(),
                headers,
                body,
                content_type: #content_type,
                compress: #compress,
            })
        },
        parse_output: quote! {
            let result = #result;
            <#output_name as FromXml>::from_xml(&result)
        },
        error_arms,
    });
    quote! {
        #[allow(unused_imports)]
        use ::smithy_lean_runtime::protocol::query::ToQuery;
        #[allow(unused_imports)]
        use ::smithy_lean_runtime::protocol::xml::FromXml;

        #file
    }
}
