//! `crate::operation::<op>::examples`: the model's `smithy.api#examples` as
//! tests. Each input is built with the builders, checked against the model's
//! constraints and serialised; the request must be the one the model
//! describes (method, path, query, headers, body). Each output or error is
//! read from the response the model describes and must equal the example's,
//! member by member.

use proc_macro2::TokenStream;
use quote::quote;

use super::tokens::{doc, ident};
use super::value::expr;
use crate::ir::{
    Crate, Example, ExampleOutcome, Operation, TypeRef, WireBody, WireRequest, WireResponse,
};

/// The test module, or `None` when the operation has no examples.
pub fn file(krate: &Crate, op: &Operation) -> Option<TokenStream> {
    if op.examples.is_empty() {
        return None;
    }
    let tests = op.examples.iter().enumerate().map(|(i, example)| {
        let name = ident(&format!("example_{i}"));
        let docs = doc(&format!("Example: {}", example.title));
        let body = test_body(krate, op, example);
        quote! {
            #docs
            #[test]
            fn #name() {
                #body
            }
        }
    });
    let reads_responses = op
        .examples
        .iter()
        .any(|e| !matches!(e.outcome, ExampleOutcome::Nothing));
    let response = reads_responses.then(|| quote!(response,));
    Some(quote! {
        use ::smithy_lean_runtime::testing::{assert_request, #response ExpectedBody, ExpectedRequest};

        #(#tests)*
    })
}

fn test_body(krate: &Crate, op: &Operation, example: &Example) -> TokenStream {
    let input = expr(krate, &TypeRef::Named(op.input), &example.input);
    let request = expected_request(&example.request);
    let outcome = match &example.outcome {
        ExampleOutcome::Nothing => quote!(),
        ExampleOutcome::Output { value, response } => {
            let expected = expr(krate, &TypeRef::Named(op.output), value);
            let response = response_expr(response);
            quote! {
                let output = super::protocol::parse_output(&#response)
                    .expect("the example output parses");
                let expected = #expected;
                assert_eq!(output, expected);
            }
        }
        ExampleOutcome::Error {
            ty,
            value,
            response,
        } => {
            let error_type = ident(&op.error_type);
            let variant = ident(&krate.ty(*ty).name);
            let expected = expr(krate, &TypeRef::Named(*ty), value);
            let response = response_expr(response);
            quote! {
                let response = #response;
                let meta = (crate::client::SERVICE.error_meta)(&response);
                let (error, _) = super::protocol::parse_error(&response, &meta)
                    .expect("the example error parses");
                let expected = super::#error_type::#variant(#expected);
                assert_eq!(error, expected);
            }
        }
    };
    quote! {
        let input = #input;
        super::protocol::validate(&input).expect("the example input meets the model's constraints");
        let config = ::smithy_lean_runtime::testing::config("example.com");
        let request = super::protocol::serialize(&input, &config).expect("the example input serialises");
        assert_request(&request, &#request);
        #outcome
    }
}

fn pairs(pairs: &[(String, String)]) -> TokenStream {
    let pairs = pairs.iter().map(|(k, v)| quote!((#k, #v)));
    quote!(&[#(#pairs),*])
}

fn expected_request(r: &WireRequest) -> TokenStream {
    let WireRequest {
        method,
        path,
        query,
        headers,
        body,
    } = r;
    let (query, headers) = (pairs(query), pairs(headers));
    let body = match body {
        WireBody::Empty => quote!(ExpectedBody::Empty),
        WireBody::Json(json) => {
            let text = json.to_string();
            quote!(ExpectedBody::Json(#text))
        }
        WireBody::Bytes(bytes) => {
            let bytes = proc_macro2::Literal::byte_string(bytes);
            quote!(ExpectedBody::Bytes(#bytes))
        }
        WireBody::Form(form) => {
            let form = pairs(form);
            quote!(ExpectedBody::Form(#form))
        }
        WireBody::Xml(text) => quote!(ExpectedBody::Xml(#text)),
    };
    quote! {
        ExpectedRequest {
            method: #method,
            path: #path,
            query: #query,
            headers: #headers,
            body: #body,
        }
    }
}

fn response_expr(r: &WireResponse) -> TokenStream {
    let status = proc_macro2::Literal::u16_unsuffixed(r.status);
    let headers = pairs(&r.headers);
    let body = proc_macro2::Literal::byte_string(&r.body);
    quote!(response(#status, #headers, #body))
}
