//! restJson1 code of an operation, emitted into
//! `crate::operation::<op>::protocol`: request serialisation (HTTP bindings,
//! JSON bodies, payloads, content types, host prefixes, the AWS
//! customizations) and response parsing (headers, status, payloads,
//! modeled errors).

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::operation::struct_of;
use crate::emit::tokens::{ident, type_path};
use crate::ir::{Crate, Location, Member, Operation, Struct, TimestampFormat, TypeKind, TypeRef};
use crate::protocol::shared;

/// How an HTTP-binding protocol writes and reads bodies: restJson1 through
/// serde as JSON, restXml through the generated `ToXml` and `FromXml`
/// impls. Everything else (labels, query, headers, status, payload
/// placement) the two share.
pub(crate) struct Codec {
    /// The media type of bodies.
    pub content_type: &'static str,
    /// An expression of the body bytes (a `Vec<u8>`, `?` allowed) of the
    /// input's body members, `input` being the input.
    pub input_body: fn(&Crate, &Operation) -> TokenStream,
    /// An expression of the body bytes of a structure or union payload
    /// `value` for member `m`.
    pub payload: fn(&Crate, &Member) -> TokenStream,
    /// The body an unset structure payload sends, if any.
    pub unset_payload: Option<&'static [u8]>,
    /// An expression of type `T` (given by path) read from `body` (`?`
    /// allowed): the whole body is `T`.
    pub parse: fn(&TokenStream, TokenStream) -> TokenStream,
    /// An expression of type `T` (an error) read from an error response's `body`.
    pub parse_error: fn(&TokenStream, TokenStream) -> TokenStream,
    /// An expression of type `T` with nothing read from a body.
    pub empty: fn(&TokenStream) -> TokenStream,
    /// [`Codec::parse`] for an output whose one body member is the whole
    /// body (`aws.customizations#s3UnwrappedXmlOutput`).
    pub parse_unwrapped: fn(&TokenStream, TokenStream) -> TokenStream,
}

/// restJson1's codec: serde's JSON.
pub(crate) const JSON: Codec = Codec {
    content_type: "application/json",
    input_body: |_, _| {
        quote!(::serde_json::to_vec(input).map_err(|e| format!("cannot serialise the input: {e}"))?)
    },
    payload: |_, _| {
        quote!(::serde_json::to_vec(value)
            .map_err(|e| format!("cannot serialise the payload: {e}"))?)
    },
    unset_payload: Some(b"{}"),
    parse: |_, body| quote!(protocol::parse_body(#body)?),
    parse_error: |_, body| quote!(protocol::parse_body(#body)?),
    empty: |_| quote!(protocol::parse_body(b"{}")?),
    parse_unwrapped: |_, body| quote!(protocol::parse_body(#body)?),
};

/// Where a bound member's text goes: timestamps are HTTP dates in headers.
#[derive(Clone, Copy, PartialEq)]
enum Place {
    Query,
    Header,
}

/// `value` (a reference) as query, label or header text.
fn to_text(
    krate: &Crate,
    m: &Member,
    ty: &TypeRef,
    value: TokenStream,
    place: Place,
) -> TokenStream {
    match ty {
        TypeRef::String if place == Place::Header && m.media_type.is_some() => {
            quote!(protocol::base64_header(#value))
        }
        TypeRef::String => quote!(#value.clone()),
        TypeRef::Float | TypeRef::Double => {
            quote!(protocol::float_text(#value.to_string()))
        }
        TypeRef::Named(id) if matches!(krate.ty(*id).kind, TypeKind::Enum(_)) => {
            quote!(#value.as_str().to_owned())
        }
        TypeRef::Timestamp => {
            let default = match place {
                Place::Header => TimestampFormat::HttpDate,
                Place::Query => TimestampFormat::DateTime,
            };
            match m.timestamp_format.unwrap_or(default) {
                TimestampFormat::HttpDate => quote!(#value.to_http_date()),
                TimestampFormat::DateTime => quote!(#value.to_string()),
                TimestampFormat::EpochSeconds => quote!(#value.to_epoch_seconds()),
            }
        }
        _ => quote!(#value.to_string()),
    }
}

/// Pushes one bound member onto `query` (a pair per list item) or
/// `headers` (list items joined into one value).
fn bind(krate: &Crate, m: &Member, list: TokenStream, name: &str, place: Place) -> TokenStream {
    let field = ident(&m.field);
    let push = |value: TokenStream| match &m.ty {
        TypeRef::List(item) if place == Place::Header && is_http_date(m, item) => {
            // HTTP dates hold commas of their own, so they are joined as they are.
            let text = to_text(krate, m, item, quote!(item), place);
            quote!(#list.push((#name.into(), #value.iter().map(|item| #text).collect::<::std::vec::Vec<_>>().join(", ")));)
        }
        TypeRef::List(item) if place == Place::Header => {
            let text = to_text(krate, m, item, quote!(item), place);
            quote!(#list.push((#name.into(), protocol::join_header_items(#value.iter().map(|item| #text))));)
        }
        TypeRef::List(item) => {
            let text = to_text(krate, m, item, quote!(item), place);
            quote!(for item in #value { #list.push((#name.into(), #text)); })
        }
        ty => {
            let text = to_text(krate, m, ty, value, place);
            quote!(#list.push((#name.into(), #text));)
        }
    };
    // `to_text` takes a plain name, `value`, for the member's value.
    if m.required {
        let body = push(quote!(value));
        quote!({ let value = &input.#field; #body })
    } else {
        let body = push(quote!(value));
        quote!(if let ::std::option::Option::Some(value) = &input.#field { #body })
    }
}

/// Pushes the entries of an `@httpQueryParams` map onto `query`, except
/// keys an `@httpQuery` member of the input binds: those take precedence.
fn bind_query_params(input: &Struct, m: &Member) -> TokenStream {
    let field = ident(&m.field);
    let bound = input.members.iter().filter_map(|m| match &m.location {
        Location::Query(q) => Some(q.as_str()),
        _ => None,
    });
    let push = match &m.ty {
        TypeRef::Map(_, value) if matches!(**value, TypeRef::List(_)) => {
            quote!(protocol::push_query_param_lists)
        }
        _ => quote!(protocol::push_query_params),
    };
    if m.required {
        quote!(#push(&mut query, &input.#field, &[#(#bound),*]);)
    } else {
        quote! {
            if let ::std::option::Option::Some(map) = &input.#field {
                #push(&mut query, map, &[#(#bound),*]);
            }
        }
    }
}

/// Pushes the entries of an `@httpPrefixHeaders` map as headers named
/// with the prefix.
fn bind_prefix_headers(m: &Member, prefix: &str) -> TokenStream {
    let field = ident(&m.field);
    if m.required {
        quote!(protocol::push_prefix_headers(&mut headers, #prefix, &input.#field);)
    } else {
        quote! {
            if let ::std::option::Option::Some(map) = &input.#field {
                protocol::push_prefix_headers(&mut headers, #prefix, map);
            }
        }
    }
}

/// Whether list items of type `item` travel as HTTP dates in a header.
fn is_http_date(m: &Member, item: &TypeRef) -> bool {
    *item == TypeRef::Timestamp
        && m.timestamp_format.unwrap_or(TimestampFormat::HttpDate) == TimestampFormat::HttpDate
}

/// Reads a header-bound member of an output or error from the response.
fn read_header(krate: &Crate, m: &Member, target: TokenStream, header: &str) -> TokenStream {
    let field = ident(&m.field);
    let value = match &m.ty {
        TypeRef::List(item) => {
            let items = if is_http_date(m, item) {
                quote!(protocol::header_items(response, #header).map(protocol::pair_http_dates))
            } else {
                quote!(protocol::header_items(response, #header))
            };
            let item = parse_header_text(m, item, quote!(item.as_str()));
            quote! {
                #items.and_then(|items| items.iter().map(|item| #item).collect::<::std::option::Option<_>>())
            }
        }
        TypeRef::String if m.media_type.is_some() => {
            quote!(protocol::header(response, #header).and_then(protocol::from_base64_header))
        }
        TypeRef::String => {
            quote!(protocol::header(response, #header).map(::std::borrow::ToOwned::to_owned))
        }
        ty => {
            let text = parse_header_text(m, ty, quote!(v));
            quote!(protocol::header(response, #header).and_then(|v| #text))
        }
    };
    // An absent header reads as the member's default, if it has one.
    let default = m
        .default
        .as_ref()
        .map(|d| crate::emit::value::expr(krate, &m.ty, d));
    match (m.required, default) {
        (true, Some(default)) => quote!(#target.#field = #value.unwrap_or_else(|| #default);),
        (true, None) => quote!(#target.#field = #value.unwrap_or_default();),
        (false, Some(default)) => {
            quote!(#target.#field = #value.or_else(|| ::std::option::Option::Some(#default));)
        }
        (false, None) => quote!(#target.#field = #value;),
    }
}

/// An `Option` of the value of type `ty` in header text `text` (a `&str`).
fn parse_header_text(m: &Member, ty: &TypeRef, text: TokenStream) -> TokenStream {
    match ty {
        TypeRef::String => quote!(::std::option::Option::Some(#text.to_owned())),
        TypeRef::Timestamp => {
            let format = ident(
                m.timestamp_format
                    .unwrap_or(TimestampFormat::HttpDate)
                    .variant(),
            );
            quote!(crate::primitives::DateTime::parse(#text, ::smithy_lean_runtime::primitives::TimestampFormat::#format))
        }
        _ => quote!(#text.trim().parse().ok()),
    }
}

fn header_reads(krate: &Crate, s: &Struct, target: TokenStream) -> TokenStream {
    let reads = s.members.iter().filter_map(|m| match &m.location {
        Location::Header(h) => Some(read_header(krate, m, target.clone(), h)),
        Location::PrefixHeaders(prefix) => {
            let field = ident(&m.field);
            Some(quote!(#target.#field = protocol::prefix_headers(response, #prefix);))
        }
        _ => None,
    });
    quote!(#(#reads)*)
}

/// The request body and content type of an `@httpPayload` member: raw
/// bytes for blobs, text for strings and enums (with the target's
/// `@mediaType`, if any), JSON otherwise. An unset structure payload is an
/// empty JSON object; any other unset payload is no body at all.
fn payload_body(krate: &Crate, codec: &Codec, m: &Member) -> (TokenStream, String) {
    let field = ident(&m.field);
    let media = |default: &str| m.media_type.clone().unwrap_or_else(|| default.to_owned());
    let kind = match &m.ty {
        TypeRef::Named(id) => Some(&krate.ty(*id).kind),
        _ => None,
    };
    let (bytes, content_type) = match (&m.ty, kind) {
        (TypeRef::Blob, _) => (
            quote!(value.as_bytes().to_vec()),
            media("application/octet-stream"),
        ),
        (TypeRef::String, _) => (quote!(value.as_bytes().to_vec()), media("text/plain")),
        (_, Some(TypeKind::Enum(_))) => (
            quote!(value.as_str().as_bytes().to_vec()),
            media("text/plain"),
        ),
        _ => ((codec.payload)(krate, m), media(codec.content_type)),
    };
    let unset = match codec.unset_payload {
        Some(bytes) if matches!(kind, Some(TypeKind::Struct(_))) => {
            let bytes = proc_macro2::Literal::byte_string(bytes);
            quote!(::std::option::Option::Some(#bytes.to_vec()))
        }
        _ => quote!(::std::option::Option::None),
    };
    let body = if m.required {
        quote!({ let value = &input.#field; ::std::option::Option::Some(#bytes) })
    } else {
        quote! {
            match &input.#field {
                ::std::option::Option::Some(value) => ::std::option::Option::Some(#bytes),
                ::std::option::Option::None => #unset,
            }
        }
    };
    (body, content_type)
}

/// Code that builds `path` from the URI pattern's literals and labels
/// (`{Name}`, greedy `{Name+}`).
fn path_code(krate: &Crate, input: &Struct, uri: &str) -> TokenStream {
    let (pattern, _) = crate::ir::split_uri(uri);
    let mut pieces = Vec::new();
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|c| open + c) else {
            break;
        };
        let literal = &rest[..open];
        if !literal.is_empty() {
            pieces.push(quote!(path.push_str(#literal);));
        }
        let label = &rest[open + 1..close];
        let (name, greedy) = match label.strip_suffix('+') {
            Some(name) => (name, true),
            None => (label, false),
        };
        if let Some(m) = input.members.iter().find(|m| m.wire_name == name) {
            let field = ident(&m.field);
            let text = to_text(krate, m, &m.ty, quote!(value), Place::Query);
            let missing = format!("the path label `{name}` is not set");
            let unset = match &m.label_default {
                Some(default) => quote!(#default.to_owned()),
                None => quote!(return ::std::result::Result::Err(#missing.to_owned())),
            };
            let value = if m.required {
                quote!({ let value = &input.#field; #text })
            } else {
                quote! {
                    match &input.#field {
                        ::std::option::Option::Some(value) => #text,
                        ::std::option::Option::None => #unset,
                    }
                }
            };
            let empty = match &m.label_default {
                Some(default) => quote!(label = #default.to_owned();),
                None => {
                    let empty = format!("the path label `{name}` is empty");
                    quote!(return ::std::result::Result::Err(#empty.to_owned());)
                }
            };
            let binding = if m.label_default.is_some() {
                quote!(let mut label: ::std::string::String = #value;)
            } else {
                quote!(let label: ::std::string::String = #value;)
            };
            pieces.push(quote! {
                #binding
                if label.is_empty() {
                    #empty
                }
                path.push_str(&protocol::encode_label(&label, #greedy));
            });
        }
        rest = &rest[close + 1..];
    }
    if !rest.is_empty() {
        pieces.push(quote!(path.push_str(#rest);));
    }
    if pattern.contains('{') {
        quote!(let mut path = ::std::string::String::new(); #(#pieces)*)
    } else {
        // A path without labels is its text.
        quote!(let path = #pattern.to_owned();)
    }
}

/// `crate::operation::<op>::protocol`: validation, serialisation and parsing.
pub fn operation_file(krate: &Crate, op: &Operation) -> TokenStream {
    operation_file_with(krate, op, &JSON)
}

/// The protocol file of an HTTP-binding protocol whose bodies go through `codec`.
pub(crate) fn operation_file_with(krate: &Crate, op: &Operation, codec: &Codec) -> TokenStream {
    let Some(shared::OperationTypes {
        input,
        output,
        input_name,
        output_name,
        error_name,
    }) = shared::operation_types(krate, op)
    else {
        return quote!();
    };
    let queries = input.members.iter().filter_map(|m| match &m.location {
        Location::Query(q) => Some(bind(krate, m, quote!(query), q, Place::Query)),
        Location::QueryParams => Some(bind_query_params(input, m)),
        _ => None,
    });
    // Headers of members first: a prefix-header map entry of the same name gives way.
    let explicit = input.members.iter().filter_map(|m| match &m.location {
        Location::Header(h) => Some(bind(krate, m, quote!(headers), h, Place::Header)),
        _ => None,
    });
    let prefixed = input.members.iter().filter_map(|m| match &m.location {
        Location::PrefixHeaders(prefix) => Some(bind_prefix_headers(m, prefix)),
        _ => None,
    });
    let member_headers: Vec<TokenStream> = explicit.chain(prefixed).collect();
    let fixed_pairs: Vec<TokenStream> = op
        .fixed_headers
        .iter()
        .map(|(name, value)| quote!((#name.into(), #value.to_owned())))
        .collect();
    // Fixed headers start the list when no member header comes before them.
    let (headers_init, headers): (TokenStream, Vec<TokenStream>) =
        if member_headers.is_empty() && !fixed_pairs.is_empty() {
            (quote!(::std::vec![#(#fixed_pairs),*]), Vec::new())
        } else {
            let pushes = fixed_pairs.iter().map(|pair| quote!(headers.push(#pair);));
            (
                quote!(::std::vec::Vec::new()),
                member_headers.into_iter().chain(pushes).collect(),
            )
        };
    let checksums = op.glacier_checksums.then(|| {
        quote! {
            if let ::std::option::Option::Some(body) = &body {
                protocol::glacier_checksums(&mut headers, body);
            }
        }
    });
    let payload = input
        .members
        .iter()
        .find(|m| m.location == Location::Payload);
    let (body, content_type) = match payload {
        Some(m) => payload_body(krate, codec, m),
        None if input.members.iter().any(|m| m.location == Location::Body) => {
            let body = (codec.input_body)(krate, op);
            (
                quote!(::std::option::Option::Some(#body)),
                codec.content_type.to_owned(),
            )
        }
        None => (
            quote!(::std::option::Option::None),
            codec.content_type.to_owned(),
        ),
    };
    let (method, uri) = op
        .http
        .as_ref()
        .map_or(("POST", "/"), |h| (h.method.as_str(), h.uri.as_str()));
    let path = path_code(krate, input, uri);
    let literal_query = uri.split_once('?').map_or("", |(_, q)| q);
    let output_headers = header_reads(krate, output, quote!(output));
    let empty_output = (codec.empty)(&output_name);
    let output_start = match output
        .members
        .iter()
        .find(|m| m.location == Location::Payload)
    {
        Some(m) => {
            let field = ident(&m.field);
            let value = match &m.ty {
                TypeRef::Blob => quote!(crate::primitives::Blob::new(response.body().clone())),
                TypeRef::String => quote! {
                    ::std::string::String::from_utf8(response.body().clone())
                        .map_err(|_| "the payload is not UTF-8 text".to_owned())?
                },
                TypeRef::Named(id) if matches!(krate.ty(*id).kind, TypeKind::Enum(_)) => {
                    let ty = type_path(krate.ty(*id));
                    quote! {
                        #ty::from(
                            ::std::str::from_utf8(response.body())
                                .map_err(|_| "the payload is not UTF-8 text".to_owned())?,
                        )
                    }
                }
                TypeRef::Named(id) => {
                    let ty = type_path(krate.ty(*id));
                    (codec.parse)(&ty, quote!(response.body()))
                }
                _ => quote!(protocol::parse_body(response.body())?),
            };
            // An empty body is an unset payload, or the member's default.
            let value = if m.required {
                value
            } else if m.default.is_some() {
                quote!(::std::option::Option::Some(#value))
            } else {
                quote! {
                    if response.body().is_empty() {
                        ::std::option::Option::None
                    } else {
                        ::std::option::Option::Some(#value)
                    }
                }
            };
            quote! {
                let mut output: #output_name = #empty_output;
                output.#field = #value;
            }
        }
        None => {
            // The output is changed after parsing only to read what the body does not carry.
            let bound = output.members.iter().any(|m| m.location != Location::Body);
            let mut_output = bound.then(|| quote!(mut));
            let parse = if op.unwrapped_xml_output {
                (codec.parse_unwrapped)(&output_name, quote!(response.body()))
            } else {
                (codec.parse)(&output_name, quote!(response.body()))
            };
            quote!(let #mut_output output: #output_name = #parse;)
        }
    };
    let status = output
        .members
        .iter()
        .filter(|m| m.location == Location::ResponseCode)
        .map(|m| {
            let field = ident(&m.field);
            let value = quote!(i32::from(response.status().as_u16()));
            if m.required {
                quote!(output.#field = #value;)
            } else {
                quote!(output.#field = ::std::option::Option::Some(#value);)
            }
        });
    let error_arms = op
        .errors
        .iter()
        .map(|id| {
            let (variant, code, server) = shared::error_case(krate, *id);
            let parse_error = (codec.parse_error)(
                &quote!(crate::types::error::#variant),
                quote!(response.body()),
            );
            let reads = struct_of(krate.ty(*id))
                .map(|s| header_reads(krate, s, quote!(error)))
                .unwrap_or_default();
            // The error is changed after parsing only to read its headers.
            let mut_error = (!reads.is_empty()).then(|| quote!(mut));
            quote! {
                ::std::option::Option::Some(#code) => {
                    let #mut_error error: crate::types::error::#variant = #parse_error;
                    #reads
                    (#error_name::#variant(error), #server)
                }
            }
        })
        .collect();
    let mut_query = if queries.clone().next().is_some() {
        quote!(mut)
    } else {
        quote!()
    };
    let content_md5 = shared::request_checksum(op);
    let compress = shared::compress(op);
    let host_prefix = shared::host_prefix(input, op);
    let mut_headers = if !headers.is_empty() || checksums.is_some() || content_md5.is_some() {
        quote!(mut)
    } else {
        quote!()
    };
    shared::protocol_file(shared::FileParts {
        op,
        input,
        input_name,
        output_name,
        error_name,
        reads_input: !input.members.is_empty(),
        serialize: quote! {
            #path
            let #mut_query query = ::std::vec::Vec::new();
            #(#queries)*
            let #mut_headers headers = #headers_init;
            #(#headers)*
            let body = #body;
            #checksums
            #content_md5
            ::std::result::Result::Ok(RequestParts {
                method: #method,
                host_prefix: #host_prefix,
                path,
                literal_query: #literal_query,
                query,
                headers,
                body,
                content_type: #content_type,
                compress: #compress,
            })
        },
        parse_output: quote! {
            #output_start
            #output_headers
            #(#status)*
            ::std::result::Result::Ok(output)
        },
        error_arms,
    })
}
