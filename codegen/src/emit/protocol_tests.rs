//! `crate::operation::<op>::protocol_tests`: the protocol's compliance tests
//! of the operation and its errors. A request test sends its input through
//! the client to a capturing transport and checks the request as the Smithy
//! specification says; a response test reads its response and compares the
//! output or error with the expected one, member by member.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::tokens::{doc, ident};
use super::value::expr;
use crate::ir::protocol_test::{
    ProtocolTest, ProtocolTestKind, RequestTest, ResponseTest, Setting,
};
use crate::ir::{Crate, Operation, TypeRef, Value};

/// The test module, or `None` when the operation has no protocol tests.
pub fn file(krate: &Crate, op: &Operation) -> Option<TokenStream> {
    if op.protocol_tests.is_empty() {
        return None;
    }
    let tests = op.protocol_tests.iter().map(|t| test(krate, op, t));
    Some(quote! {
        #[allow(unused_imports)]
        use ::smithy_lean_runtime::testing::{
            assert_http_request, base64_response, capture_request, capture_request_with, response,
            RequestTest,
        };

        #(#tests)*
    })
}

fn test(krate: &Crate, op: &Operation, t: &ProtocolTest) -> TokenStream {
    let name = ident(&t.name);
    let id = &t.id;
    let docs = if t.docs.is_empty() {
        doc(&format!("`{id}`"))
    } else {
        doc(&format!("`{id}`: {}", t.docs))
    };
    match &t.kind {
        ProtocolTestKind::Request { input, expect } => {
            let input = expr(krate, &TypeRef::Named(op.input), input);
            let host = expect_host(&t.kind);
            let capture = if expect.client_config.is_empty() && expect.operation_config.is_empty() {
                quote!(capture_request(#host, |handle| super::builders::send(handle, input)).await)
            } else {
                let client = settings(&expect.client_config);
                let operation = settings(&expect.operation_config);
                quote! {
                    capture_request_with(
                        #host,
                        |config| config #client,
                        |handle| {
                            let handle = ::std::sync::Arc::new(handle.with_config_override(|config| config #operation));
                            super::builders::send(handle, input)
                        },
                    )
                    .await
                }
            };
            let expect = request_test(expect);
            quote! {
                #docs
                #[tokio::test]
                async fn #name() {
                    let input = #input;
                    let request = #capture;
                    assert_http_request(&request, &#expect);
                }
            }
        }
        ProtocolTestKind::Response { output, response } => {
            let expected = expr(krate, &TypeRef::Named(op.output), output);
            let response = response_expr(response);
            let compare = compare(output);
            quote! {
                #docs
                #[test]
                fn #name() {
                    let response = #response;
                    let output = super::protocol::parse_output(&response)
                        .expect("the response parses");
                    let expected = #expected;
                    #compare
                }
            }
        }
        ProtocolTestKind::Error {
            ty,
            value,
            response,
        } => {
            let error_type = ident(&op.error_type);
            let variant = ident(&krate.ty(*ty).name);
            let expected = expr(krate, &TypeRef::Named(*ty), value);
            let response = response_expr(response);
            let compare = compare(value);
            quote! {
                #docs
                #[test]
                fn #name() {
                    let response = #response;
                    let meta = (crate::client::SERVICE.error_meta)(&response);
                    let (output, _) = super::protocol::parse_error(&response, &meta)
                        .expect("the error response parses");
                    let expected = super::#error_type::#variant(#expected);
                    #compare
                }
            }
        }
        ProtocolTestKind::Unsupported(reason) => {
            let reason = format!("not generated: {reason}");
            quote! {
                #docs
                #[test]
                fn #name() {
                    panic!(#reason);
                }
            }
        }
    }
}

/// Equality, except that values holding NaN (which is not equal to itself)
/// compare by their `Debug` text.
fn compare(value: &Value) -> TokenStream {
    if has_nan(value) {
        quote!(assert_eq!(format!("{output:?}"), format!("{expected:?}"));)
    } else {
        quote!(assert_eq!(output, expected);)
    }
}

fn has_nan(value: &Value) -> bool {
    match value {
        Value::Float(f) => f.is_nan(),
        Value::List(items) => items.iter().any(has_nan),
        Value::Map(entries) | Value::Struct(entries) => entries.iter().any(|(_, v)| has_nan(v)),
        _ => false,
    }
}

fn expect_host(kind: &ProtocolTestKind) -> TokenStream {
    let host = match kind {
        ProtocolTestKind::Request { expect, .. } => expect.host.as_deref(),
        _ => None,
    };
    let host = host.unwrap_or("example.com");
    quote!(#host)
}

/// Builder calls for a test's settings. A region replaces the endpoint
/// override: the test's host is then that region's own endpoint.
fn settings(settings: &[Setting]) -> TokenStream {
    let calls = settings.iter().map(|s| match s {
        Setting::Region(region) => quote! {
            .set_endpoint_url(::std::option::Option::None)
            .region(::smithy_lean_runtime::config::Region::new(#region))
        },
        Setting::ForcePathStyle(b) => quote!(.force_path_style(#b)),
        Setting::Accelerate(b) => quote!(.accelerate(#b)),
        Setting::UseDualStack(b) => quote!(.use_dual_stack(#b)),
    });
    quote!(#(#calls)*)
}

fn strings(items: &[String]) -> TokenStream {
    quote!(&[#(#items),*])
}

fn pairs<'a>(items: impl Iterator<Item = (&'a String, &'a String)>) -> TokenStream {
    let items = items.map(|(k, v)| quote!((#k, #v)));
    quote!(&[#(#items),*])
}

fn option(text: Option<&str>) -> TokenStream {
    match text {
        Some(t) => quote!(::std::option::Option::Some(#t)),
        None => quote!(::std::option::Option::None),
    }
}

fn request_test(r: &RequestTest) -> TokenStream {
    let method = &r.method;
    let uri = &r.uri;
    let resolved_host = option(r.resolved_host.as_deref());
    let query_params = strings(&r.query_params);
    let forbid_query_params = strings(&r.forbid_query_params);
    let require_query_params = strings(&r.require_query_params);
    let headers = pairs(r.headers.iter());
    let forbid_headers = strings(&r.forbid_headers);
    let require_headers = strings(&r.require_headers);
    let body = option(r.body.as_deref());
    let body_media_type = option(r.body_media_type.as_deref());
    quote! {
        RequestTest {
            method: #method,
            uri: #uri,
            resolved_host: #resolved_host,
            query_params: #query_params,
            forbid_query_params: #forbid_query_params,
            require_query_params: #require_query_params,
            headers: #headers,
            forbid_headers: #forbid_headers,
            require_headers: #require_headers,
            body: #body,
            body_media_type: #body_media_type,
        }
    }
}

fn response_expr(r: &ResponseTest) -> TokenStream {
    let status = Literal::u16_unsuffixed(r.code);
    let headers = pairs(r.headers.iter());
    let body = r.body.as_deref().unwrap_or("");
    if r.body_media_type.as_deref() == Some("application/cbor") {
        return quote!(base64_response(#status, #headers, #body));
    }
    let body = Literal::byte_string(body.as_bytes());
    quote!(response(#status, #headers, #body))
}
