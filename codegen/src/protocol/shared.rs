//! Pieces of an operation's protocol file that every protocol emits alike:
//! validation, idempotency tokens, host prefixes, body checksums and
//! compression, and the arm for errors the model does not name.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::operation::checks;
use crate::emit::operation::struct_of;
use crate::emit::tokens::ident;
use crate::ir::{Crate, Fault, HostPrefixPart, Operation, Struct, TypeId};

/// The input and output structures of an operation, and the paths of its
/// input, output and error types, as every protocol file names them.
pub struct OperationTypes<'a> {
    pub input: &'a Struct,
    pub output: &'a Struct,
    pub input_name: TokenStream,
    pub output_name: TokenStream,
    pub error_name: TokenStream,
}

/// [`OperationTypes`] of `op`; `None` when its input or output is not a
/// structure (the IR never makes such an operation).
pub fn operation_types<'a>(krate: &'a Crate, op: &Operation) -> Option<OperationTypes<'a>> {
    let input_ty = krate.ty(op.input);
    let output_ty = krate.ty(op.output);
    let error_name = ident(&op.error_type);
    Some(OperationTypes {
        input: struct_of(input_ty)?,
        output: struct_of(output_ty)?,
        input_name: crate::emit::tokens::type_path(input_ty),
        output_name: crate::emit::tokens::type_path(output_ty),
        error_name: quote!(#error_name),
    })
}

/// `validate`: the model's constraints on the input.
pub fn validate_fn(input: &Struct, input_name: &TokenStream) -> TokenStream {
    let checks: Vec<TokenStream> = input
        .members
        .iter()
        .map(checks)
        .filter(|c| !c.is_empty())
        .collect();
    // A parameter the function does not read is named `_input`.
    let param = if checks.is_empty() {
        quote!(_input)
    } else {
        quote!(input)
    };
    quote! {
        /// Checks the model's constraints on the input.
        pub(crate) fn validate(#param: &#input_name) -> ::std::result::Result<(), ValidationError> {
            #(#checks)*
            ::std::result::Result::Ok(())
        }
    }
}

/// Whether the input has `@idempotencyToken` members, which `serialize`
/// fills in from the configuration.
pub fn has_tokens(input: &Struct) -> bool {
    input.members.iter().any(|m| m.idempotency_token)
}

/// Code that shadows `input` with a copy whose unset idempotency tokens
/// are filled in; nothing when the input has none.
pub fn fill_tokens(input: &Struct) -> TokenStream {
    if !has_tokens(input) {
        return quote!();
    }
    let tokens = input
        .members
        .iter()
        .filter(|m| m.idempotency_token)
        .map(|m| {
            let field = ident(&m.field);
            quote! {
                if input.#field.is_none() {
                    input.#field = ::std::option::Option::Some(config.idempotency_token());
                }
            }
        });
    quote! {
        let mut input = input.clone();
        #(#tokens)*
        let input = &input;
    }
}

/// The `serialize` parameter of the configuration: `_config` unless
/// tokens are filled in.
pub fn config_param(input: &Struct, op: &Operation) -> TokenStream {
    if has_tokens(input) || request_checksum(op).is_some() {
        quote!(config)
    } else {
        quote!(_config)
    }
}

/// The `@endpoint` host prefix with its labels filled in from the input,
/// each checked to be a valid host label; `None` without the trait.
pub fn host_prefix(input: &Struct, op: &Operation) -> TokenStream {
    let Some(parts) = &op.host_prefix else {
        return quote!(::std::option::Option::None);
    };
    let pieces = parts.iter().map(|part| match part {
        HostPrefixPart::Text(text) => quote!(prefix.push_str(#text);),
        HostPrefixPart::Label(name) => {
            let Some(m) = input.members.iter().find(|m| &m.wire_name == name) else {
                let text = format!("no input member {name}");
                return quote!(compile_error!(#text););
            };
            let field = ident(&m.field);
            let value = if m.required {
                quote!(input.#field.as_str())
            } else {
                quote!(input.#field.as_deref().unwrap_or_default())
            };
            quote!(prefix.push_str(&protocol::host_label(#name, #value)?);)
        }
    });
    quote! {{
        let mut prefix = ::std::string::String::new();
        #(#pieces)*
        ::std::option::Option::Some(prefix)
    }}
}

/// The request's checksum headers: `Content-MD5` for
/// `@httpChecksumRequired`, the `x-amz-checksum-*` header of the algorithm
/// `aws.protocols#httpChecksum` says (the runtime decides which, from the
/// input and the configuration). `None` for an operation with neither.
pub fn request_checksum(op: &Operation) -> Option<TokenStream> {
    if !op.checksum_required && op.http_checksum.is_none() {
        return None;
    }
    let required = op.checksum_required;
    let mut fields = vec![quote!(required: #required,)];
    let checksum = op.http_checksum.as_ref();
    let members = [
        (
            checksum.and_then(|c| c.algorithm.as_ref()),
            quote!(has_algorithm_member),
            quote!(algorithm),
            quote!(algorithm_header),
        ),
        (
            checksum.and_then(|c| c.validation.as_ref()),
            quote!(has_validation_member),
            quote!(validation),
            quote!(validation_header),
        ),
    ];
    for (member, has, value_field, header_field) in members {
        let Some(member) = member else {
            continue;
        };
        let value = crate::emit::operation::checksum_member_value(member);
        let header = match &member.header {
            Some(h) => quote!(::std::option::Option::Some(#h)),
            None => quote!(::std::option::Option::None),
        };
        fields.push(quote!(#has: true, #value_field: #value, #header_field: #header,));
    }
    if fields.len() < 7 {
        fields.push(quote!(..::std::default::Default::default()));
    }
    // An operation without a body sends the checksum of the empty one.
    Some(quote! {
        ::smithy_lean_runtime::checksum::add_request_checksum(
            &mut headers,
            body.as_deref().unwrap_or_default(),
            &::smithy_lean_runtime::checksum::RequestChecksum { #(#fields)* },
            config,
        )?;
    })
}

/// `@requestCompression`: how the body may be compressed.
pub fn compress(op: &Operation) -> TokenStream {
    if op.gzip {
        quote!(::std::option::Option::Some((
            "gzip",
            ::smithy_lean_runtime::compression::gzip
        )))
    } else {
        quote!(::std::option::Option::None)
    }
}

/// The `parse_error` arm of an error the operation does not model.
pub fn unhandled_arm(error_name: &TokenStream) -> TokenStream {
    quote! {
        _ => (
            #error_name::Unhandled(Unhandled {
                code: meta.code.clone(),
                message: meta.message.clone(),
            }),
            false,
        ),
    }
}

/// The imports every protocol file starts with.
pub fn imports(error_name: &TokenStream) -> TokenStream {
    quote! {
        use ::smithy_lean_runtime::error::{ErrorMeta, Unhandled, ValidationError};
        use ::smithy_lean_runtime::orchestrator::RequestParts;
        use ::smithy_lean_runtime::protocol;
        use ::smithy_lean_runtime::transport::HttpResponse;

        use super::#error_name;
    }
}

/// What a protocol contributes to an operation's protocol file; the rest
/// of the file is the same for every protocol.
pub struct FileParts<'a> {
    pub op: &'a Operation,
    pub input: &'a Struct,
    pub input_name: TokenStream,
    pub output_name: TokenStream,
    pub error_name: TokenStream,
    /// Whether `serialize` reads its input.
    pub reads_input: bool,
    /// The statements of `serialize`, ending in its `Ok(RequestParts { .. })`.
    pub serialize: TokenStream,
    /// The statements of `parse_output`, ending in its `Ok(output)`.
    pub parse_output: TokenStream,
    /// One `match meta.shape_name()` arm per modeled error.
    pub error_arms: Vec<TokenStream>,
}

/// The protocol file of one operation: imports, `validate`, `serialize`,
/// `parse_output` and `parse_error`.
pub fn protocol_file(parts: FileParts<'_>) -> TokenStream {
    let FileParts {
        op,
        input,
        input_name,
        output_name,
        error_name,
        reads_input,
        serialize,
        parse_output,
        error_arms,
    } = parts;
    let imports = imports(&error_name);
    let validate = validate_fn(input, &input_name);
    let unhandled = unhandled_arm(&error_name);
    let fill_tokens = fill_tokens(input);
    let config_param = config_param(input, op);
    let serialize_param = if reads_input {
        quote!(input)
    } else {
        quote!(_input)
    };
    // An operation without modeled errors reads nothing from the response.
    let response_param = if error_arms.is_empty() {
        quote!(_response)
    } else {
        quote!(response)
    };
    quote! {
        #imports

        #validate

        /// The HTTP request for the input, before endpoint and signature.
        pub(crate) fn serialize(
            #serialize_param: &#input_name,
            #config_param: &::smithy_lean_runtime::config::Config,
        ) -> ::std::result::Result<RequestParts, ::std::string::String> {
            #fill_tokens
            #serialize
        }

        /// Reads a success response.
        pub(crate) fn parse_output(response: &HttpResponse) -> ::std::result::Result<#output_name, ::std::string::String> {
            #parse_output
        }

        /// Reads an error response; the flag says whether the model marks the error as the service's fault.
        pub(crate) fn parse_error(
            #response_param: &HttpResponse,
            meta: &ErrorMeta,
        ) -> ::std::result::Result<(#error_name, bool), ::std::string::String> {
            ::std::result::Result::Ok(match meta.shape_name() {
                #(#error_arms)*
                #unhandled
            })
        }
    }
}

/// One modeled error of an operation: its variant in the operation's error
/// enum, the shape name it is matched by, and whether it is the service's fault.
pub fn error_case(krate: &Crate, id: TypeId) -> (proc_macro2::Ident, String, bool) {
    let ty = krate.ty(id);
    let error = struct_of(ty).and_then(|s| s.error.as_ref());
    (
        ident(&ty.name),
        error.map(|e| e.code.clone()).unwrap_or_default(),
        error.is_some_and(|e| e.fault == Fault::Server),
    )
}
