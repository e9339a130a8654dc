//! `crate::operation::<op>::examples`: the model's `smithy.api#examples` as
//! tests. Each input is built with the input's builder, checked against the
//! model's constraints and serialised into a request; each output is read
//! back from the response it describes, and each error from its error response.

use proc_macro2::TokenStream;
use quote::quote;
use serde_json::{Map, Value};

use super::operation::struct_of;
use super::tokens::{doc, ident, type_path};
use crate::ir::{Crate, Example, Location, Operation, Struct, TypeKind, TypeRef};

/// The test module, or `None` when the operation has no examples.
pub fn file(krate: &Crate, op: &Operation) -> Option<TokenStream> {
    if op.examples.is_empty() {
        return None;
    }
    let input = struct_of(krate.ty(op.input))?;
    let output = struct_of(krate.ty(op.output))?;
    let input_ty = type_path(krate.ty(op.input));
    let output_ty = type_path(krate.ty(op.output));
    let method = op.http.as_ref().map_or("POST", |h| h.method.as_str());
    let tests = op.examples.iter().enumerate().map(|(i, example)| {
        let name = ident(&format!("example_{i}"));
        let docs = doc(&format!("Example: {}", example.title));
        let build = build_input(krate, input, &input_ty, example);
        let response = match (&example.error, &example.output) {
            (Some((id, content)), _) => error_check(krate, op, *id, content),
            (None, Some(value)) => output_check(output, &output_ty, value),
            (None, None) => quote!(),
        };
        quote! {
            #docs
            #[test]
            fn #name() {
                #build
                super::protocol::validate(&input).expect("the example input meets the model's constraints");
                let request = super::protocol::serialize(&input).expect("the example input serialises");
                assert_eq!(request.method, #method);
                #response
            }
        }
    });
    Some(quote! {
        #(#tests)*
    })
}

fn build_input(
    krate: &Crate,
    input: &Struct,
    input_ty: &TokenStream,
    example: &Example,
) -> TokenStream {
    let values = example.input.as_object().cloned().unwrap_or_default();
    let calls = input.members.iter().filter_map(|m| {
        let value = values.get(&m.wire_name)?;
        let setter = ident(&m.setter);
        let field = ident(&m.field);
        Some(match (&m.ty, value) {
            (TypeRef::String, Value::String(s)) => quote!(.#field(#s)),
            (TypeRef::Blob, Value::String(s)) => {
                quote!(.#setter(::std::option::Option::Some(crate::primitives::Blob::new(#s))))
            }
            (TypeRef::Named(id), Value::String(s)) if matches!(krate.ty(*id).kind, TypeKind::Enum(_)) => {
                quote!(.#field(#s))
            }
            _ => {
                let text = value.to_string();
                let what = format!("the example's {} is a valid {}", m.wire_name, m.field);
                quote!(.#setter(::std::option::Option::Some(::serde_json::from_str(#text).expect(#what))))
            }
        })
    });
    let build = if input.members.iter().any(|m| m.required) {
        quote!(.build().expect("the example input sets every required member"))
    } else {
        quote!(.build())
    };
    quote! {
        let input = #input_ty::builder() #(#calls)* #build;
    }
}

/// The response an example output describes: body members in the JSON body,
/// header members in headers, a payload member as the whole body.
fn output_check(output: &Struct, output_ty: &TokenStream, value: &Value) -> TokenStream {
    let values = value.as_object().cloned().unwrap_or_default();
    let mut body = Map::new();
    let mut raw_body = None;
    let mut payload_check = quote!(let _ = output;);
    let mut status = 200u16;
    let mut headers = Vec::new();
    for m in &output.members {
        let Some(v) = values.get(&m.wire_name) else {
            continue;
        };
        match &m.location {
            Location::Body => {
                body.insert(m.json_name.clone(), v.clone());
            }
            Location::Header(name) => headers.push((name.clone(), header_text(v))),
            Location::Payload => {
                let text = match v {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                let field = ident(&m.field);
                let value = if m.required {
                    quote!(output.#field)
                } else {
                    quote!(output.#field.as_ref().expect("the payload is set"))
                };
                match m.ty {
                    TypeRef::Blob => {
                        payload_check = quote!(assert_eq!(#value.as_bytes(), #text.as_bytes());)
                    }
                    TypeRef::String => payload_check = quote!(assert_eq!(#value.as_str(), #text);),
                    _ => {}
                }
                raw_body = Some(text);
            }
            Location::ResponseCode => {
                status = v
                    .as_u64()
                    .and_then(|s| u16::try_from(s).ok())
                    .unwrap_or(200)
            }
            Location::Query(_) | Location::Label => {}
        }
    }
    let checks_body = raw_body.is_none();
    let body_text = raw_body.unwrap_or_else(|| Value::Object(body.clone()).to_string());
    let headers = headers.iter().map(|(k, v)| quote!(.header(#k, #v)));
    let round_trip = if checks_body {
        let keys = body.keys().map(|key| {
            let lost = format!("{key} is lost");
            quote!(assert!(json.get(#key).is_some_and(|v| !v.is_null()), #lost);)
        });
        quote! {
            let json = ::serde_json::to_value(&output).expect("the output serialises");
            #(#keys)*
            let again: #output_ty = ::serde_json::from_value(json.clone()).expect("the serialised output reads back");
            assert_eq!(::serde_json::to_value(&again).expect("the output serialises"), json);
        }
    } else {
        payload_check
    };
    quote! {
        let response = ::http::Response::builder()
            .status(#status)
            #(#headers)*
            .body(#body_text.as_bytes().to_vec())
            .expect("a valid response");
        let output = super::protocol::parse_output(&response).expect("the example output parses");
        #round_trip
    }
}

fn header_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Array(items) => items.iter().map(header_text).collect::<Vec<_>>().join(", "),
        other => other.to_string(),
    }
}

/// The error response an example error describes, and the variant it must become.
fn error_check(
    krate: &Crate,
    op: &Operation,
    id: crate::ir::TypeId,
    content: &Value,
) -> TokenStream {
    let ty = krate.ty(id);
    let (status, code) = match &ty.kind {
        TypeKind::Struct(Struct { error: Some(e), .. }) => {
            (e.http_status.unwrap_or(400), e.code.as_str())
        }
        _ => (400, ty.name.as_str()),
    };
    let body = content.to_string();
    let error_type = ident(&op.error_type);
    let variant = ident(&ty.name);
    quote! {
        let response = ::http::Response::builder()
            .status(#status)
            .header("x-amzn-errortype", #code)
            .body(#body.as_bytes().to_vec())
            .expect("a valid response");
        let meta = crate::runtime::protocol::error_meta(&response);
        let (error, _) = super::protocol::parse_error(&response, &meta).expect("the example error parses");
        assert!(matches!(error, super::#error_type::#variant(_)), "{error:?}");
    }
}
