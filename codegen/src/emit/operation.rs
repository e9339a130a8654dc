//! An operation's client code: its error enum, its input's constraint
//! checks, its fluent builder with `send` and the paginator, and the
//! `Client` with one method per operation. The request and response code is
//! the protocol's ([`crate::protocol`]).

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::structure::{setters, SetterTarget};
use super::tokens::{doc, doc_path, ident, item_path, rust_type, type_path};
use crate::docs::summary;
use crate::ir::{Crate, Member, Operation, Struct, TypeDef, TypeKind, TypeRef};

/// The structure behind a type, if it is one.
pub(crate) fn struct_of(ty: &TypeDef) -> Option<&Struct> {
    match &ty.kind {
        TypeKind::Struct(s) => Some(s),
        TypeKind::Enum(_) | TypeKind::Union(_) => None,
    }
}

fn member<'a>(s: &'a Struct, wire_name: &str) -> Option<&'a Member> {
    s.members.iter().find(|m| m.wire_name == wire_name)
}

/// `crate::operation::<op>::<OpError>`: a variant per modeled error and `Unhandled`.
pub fn error_enum(krate: &Crate, op: &Operation) -> TokenStream {
    let name = ident(&op.error_type);
    let errors: Vec<&TypeDef> = op.errors.iter().map(|id| krate.ty(*id)).collect();
    let variants = errors.iter().map(|ty| {
        let variant = ident(&ty.name);
        let docs = doc(&summary(&ty.docs));
        quote!(#docs #variant(crate::types::error::#variant),)
    });
    let arms = |body: TokenStream| {
        let arms = errors.iter().map(|ty| {
            let variant = ident(&ty.name);
            quote!(Self::#variant(e) => #body,)
        });
        quote!(#(#arms)*)
    };
    let code_arms = errors.iter().map(|ty| {
        let variant = ident(&ty.name);
        quote!(Self::#variant(_) => ::std::option::Option::Some(crate::types::error::#variant::CODE),)
    });
    let message_arms = errors.iter().map(|ty| {
        let variant = ident(&ty.name);
        let has_message = struct_of(ty)
            .and_then(|s| s.error.as_ref())
            .and_then(|e| e.message_member.map(|i| (e, i)))
            .and_then(|(_, i)| struct_of(ty).map(|s| &s.members[i]))
            .is_some_and(|m| m.ty == TypeRef::String && !m.boxed);
        if has_message {
            quote!(Self::#variant(e) => e.message(),)
        } else {
            quote!(Self::#variant(_) => ::std::option::Option::None,)
        }
    });
    let display_arms = arms(quote!(::std::fmt::Display::fmt(e, f)));
    let source_arms = arms(quote!(::std::option::Option::Some(e)));
    let predicates = errors.iter().map(|ty| {
        let variant = ident(&ty.name);
        let is = ident(&format!("is_{}", crate::naming::module_name(&ty.name)));
        let text = format!(
            "Whether this is a [`{0}`](crate::types::error::{0}).",
            ty.name
        );
        let docs = doc(&text);
        quote! {
            #docs
            pub fn #is(&self) -> bool {
                matches!(self, Self::#variant(_))
            }
        }
    });
    let docs = doc(&format!(
        "The errors of [`{}`](crate::Client::{}): one variant per error the model lists, and `Unhandled` for any other.",
        op.name, op.module
    ));
    quote! {
        #docs
        #[non_exhaustive]
        #[derive(Debug, Clone, PartialEq)]
        pub enum #name {
            #(#variants)*
            /// An error the model does not list.
            Unhandled(::smithy_lean_runtime::error::Unhandled),
        }

        impl #name {
            /// The error code.
            pub fn code(&self) -> ::std::option::Option<&str> {
                match self {
                    #(#code_arms)*
                    Self::Unhandled(e) => e.code(),
                }
            }

            /// The message, if the service sent one.
            pub fn message(&self) -> ::std::option::Option<&str> {
                match self {
                    #(#message_arms)*
                    Self::Unhandled(e) => e.message(),
                }
            }

            #(#predicates)*
        }

        impl ::std::convert::From<::smithy_lean_runtime::error::Unhandled> for #name {
            fn from(error: ::smithy_lean_runtime::error::Unhandled) -> Self {
                Self::Unhandled(error)
            }
        }

        impl ::smithy_lean_runtime::error::ProvideErrorMetadata for #name {
            fn code(&self) -> ::std::option::Option<&str> {
                #name::code(self)
            }

            fn message(&self) -> ::std::option::Option<&str> {
                #name::message(self)
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                match self {
                    #display_arms
                    Self::Unhandled(e) => ::std::fmt::Display::fmt(e, f),
                }
            }
        }

        impl ::std::error::Error for #name {
            fn source(&self) -> ::std::option::Option<&(dyn ::std::error::Error + 'static)> {
                match self {
                    #source_arms
                    Self::Unhandled(e) => ::std::option::Option::Some(e),
                }
            }
        }
    }
}

/// Constraint checks of one input member.
pub(crate) fn checks(m: &Member) -> TokenStream {
    let wire = &m.wire_name;
    let c = &m.constraints;
    let opt_u64 = |v: Option<u64>| match v {
        Some(v) => {
            let v = Literal::u64_unsuffixed(v);
            quote!(::std::option::Option::Some(#v))
        }
        None => quote!(::std::option::Option::None),
    };
    let opt_f64 = |v: Option<f64>| match v {
        Some(v) => {
            let v = Literal::f64_suffixed(v);
            quote!(::std::option::Option::Some(#v))
        }
        None => quote!(::std::option::Option::None),
    };
    let mut out = Vec::new();
    if let Some((min, max)) = c.length {
        let (count, unit) = match &m.ty {
            TypeRef::String => (quote!(value.chars().count()), "characters"),
            TypeRef::List(_) => (quote!(value.len()), "items"),
            TypeRef::Map(..) => (quote!(value.len()), "entries"),
            TypeRef::Blob => (quote!(value.as_bytes().len()), "bytes"),
            _ => (quote!(), ""),
        };
        if !unit.is_empty() {
            let (min, max) = (opt_u64(min), opt_u64(max));
            out.push(quote!(::smithy_lean_runtime::validation::length(#wire, #count, #unit, #min, #max)?;));
        }
    }
    if let Some((min, max)) = c.range {
        let numeric = matches!(
            m.ty,
            TypeRef::Byte
                | TypeRef::Short
                | TypeRef::Integer
                | TypeRef::Long
                | TypeRef::Float
                | TypeRef::Double
        );
        if numeric {
            let (min, max) = (opt_f64(min), opt_f64(max));
            out.push(quote!(::smithy_lean_runtime::validation::range(#wire, *value as f64, #min, #max)?;));
        }
    }
    if let (Some(pattern), TypeRef::String, true) = (&c.pattern, &m.ty, c.pattern_checked) {
        out.push(quote! {
            static PATTERN: ::smithy_lean_runtime::validation::Pattern =
                ::smithy_lean_runtime::validation::Pattern::new(#pattern);
            ::smithy_lean_runtime::validation::pattern(#wire, value, &PATTERN)?;
        });
    }
    if out.is_empty() {
        return quote!();
    }
    let field = ident(&m.field);
    if m.required {
        quote!({ let value = &input.#field; #(#out)* })
    } else {
        quote!(if let ::std::option::Option::Some(value) = &input.#field { #(#out)* })
    }
}

/// `crate::operation::<op>::builder`: the fluent builder, `send` and the paginator.
/// The operation's own endpoint resolver, when it sets endpoint parameters:
/// the configuration's parameters with its context values, taken from the
/// input now.
fn endpoint_resolver(op: &Operation) -> TokenStream {
    use crate::ir::context_params::ContextValue;
    if op.context_params.is_empty() {
        return quote!(::std::option::Option::None);
    }
    let mut captures = Vec::new();
    let sets = op.context_params.iter().map(|p| {
        let param = ident(&p.field);
        let value = match &p.value {
            ContextValue::Bool(b) => quote!(#b),
            ContextValue::Str(s) => quote!(#s.to_owned()),
            ContextValue::Member {
                field,
                required,
                enumeration,
            } => {
                let local = ident(&format!("context_{}", field.trim_start_matches("r#")));
                let member = ident(field);
                let text = if *enumeration {
                    quote!(.as_str().to_owned())
                } else {
                    quote!(.clone())
                };
                captures.push(if *required {
                    quote!(let #local = ::std::option::Option::Some(input.#member #text);)
                } else {
                    quote!(let #local = input.#member.as_ref().map(|value| value #text);)
                });
                return if p.optional {
                    quote!(params.#param = #local.clone();)
                } else {
                    quote!(if let ::std::option::Option::Some(value) = &#local { params.#param = value.clone(); })
                };
            }
        };
        if p.optional {
            quote!(params.#param = ::std::option::Option::Some(#value);)
        } else {
            quote!(params.#param = #value;)
        }
    }).collect::<Vec<_>>();
    quote! {
        ::std::option::Option::Some({
            #(#captures)*
            ::std::boxed::Box::new(move |config: &::smithy_lean_runtime::config::Config| {
                let mut params = crate::endpoint::Params::from_config(config);
                #(#sets)*
                crate::endpoint::resolve(&params)
            })
        })
    }
}

pub fn builder_file(krate: &Crate, op: &Operation) -> TokenStream {
    let input_ty = krate.ty(op.input);
    let output_ty = krate.ty(op.output);
    let (Some(input), Some(output)) = (struct_of(input_ty), struct_of(output_ty)) else {
        return quote!();
    };
    let builder = ident(&op.builder_type);
    let input_name = type_path(input_ty);
    let input_builder = item_path(input_ty, &input.builder);
    let output_name = type_path(output_ty);
    let error_name = ident(&op.error_type);
    let op_name = &op.name;
    let idempotent = op.idempotent;
    let resolve_endpoint = endpoint_resolver(op);
    let response_checksums = response_checksums(op);
    let setters = input
        .members
        .iter()
        .map(|m| setters(krate, m, SetterTarget::Inner));
    let fallible = input.build_can_fail();
    // The input, or (when a required member is unset) the error `send` returns.
    let (build, build_or_return) = if fallible {
        let build = quote! {
            self.inner.build().map_err(|e| {
                SdkError::Validation(::smithy_lean_runtime::error::ValidationError::new(
                    e.wire_name(),
                    "required",
                    "it is not set",
                ))
            })
        };
        (
            quote!(let input = #build?;),
            quote! {
                let input = match #build {
                    ::std::result::Result::Ok(input) => input,
                    ::std::result::Result::Err(e) => return Paginator::failed(e),
                };
            },
        )
    } else {
        let build = quote!(let input = self.inner.build(););
        (build.clone(), build)
    };
    let paginator = op.paginated.as_ref().and_then(|p| {
        let input_token = member(input, &p.input_token)?;
        let output_token = member(output, &p.output_token)?;
        // Without an `items` member the pages are all there is.
        let items = match p.items.as_deref() {
            Some(name) => Some(member(output, name)?),
            None => None,
        };
        let item = match items.map(|m| &m.ty) {
            Some(TypeRef::List(item_ty)) => rust_type(krate, item_ty),
            Some(_) => return None,
            None => quote!(::smithy_lean_runtime::paginator::NoItems),
        };
        let (in_field, out_field) = (ident(&input_token.field), ident(&output_token.field));
        let set = if input_token.required {
            quote!(input.#in_field = token)
        } else {
            quote!(input.#in_field = ::std::option::Option::Some(token))
        };
        let get = if output_token.required {
            quote!(::std::option::Option::Some(&page.#out_field))
        } else {
            quote!(page.#out_field.as_ref())
        };
        let set_page_size = match p.page_size.as_deref().and_then(|name| member(input, name)) {
            Some(m) if m.ty == TypeRef::Integer => {
                let field = ident(&m.field);
                let value = if m.required { quote!(size) } else { quote!(::std::option::Option::Some(size)) };
                quote!(::std::option::Option::Some(|input, size| input.#field = #value))
            }
            _ => quote!(::std::option::Option::None),
        };
        let take = match items {
            Some(items) => {
                let field = ident(&items.field);
                if items.required {
                    quote!(|page| page.#field)
                } else {
                    quote!(|page| page.#field.unwrap_or_default())
                }
            }
            None => quote!(|_| ::std::vec::Vec::new()),
        };
        let items_text = match items {
            Some(items) => format!(
                "[`items`](Paginator::items) streams the `{}` of every page instead",
                items.wire_name
            ),
            None => "the operation names no items member, so [`items`](Paginator::items) is empty".to_owned(),
        };
        let page_size = p
            .page_size
            .as_deref()
            .map(|s| format!(" `{s}` sets the page size."))
            .unwrap_or_default();
        let text = format!(
            "Pages through all results: a stream of [`{}`]({})s that follows `{}`; \
             {items_text}; `send()` on either gives a \
             stream with `next().await` and `try_collect()`, as in the AWS SDK.{page_size} \
             The stream fails if the service sends back the token it was just sent, or after \
             [`Config::max_pages`](crate::Config::max_pages) pages.",
            output_ty.name,
            doc_path(output_ty),
            p.output_token,
        );
        let docs = doc(&text);
        Some(quote! {
            #docs
            pub fn into_paginator(self) -> Paginator<#output_name, #error_name, #item> {
                let handle = self.handle.clone();
                #build_or_return
                let max_pages = handle.config.max_pages();
                Paginator::new(
                    input,
                    PaginationSpec {
                        max_pages,
                        send: ::std::sync::Arc::new(move |input| ::std::boxed::Box::pin(send(handle.clone(), input))),
                        set_token: |input, token| #set,
                        next_token: |page| #get,
                        set_page_size: #set_page_size,
                    },
                    #take,
                )
            }
        })
    });
    let paginator_imports = paginator.as_ref().map(|_| {
        quote! {
            use ::smithy_lean_runtime::paginator::{PaginationSpec, Paginator};
        }
    });
    let docs = doc(&format!(
        "Sets up a call to `{}`: set the input members, then [`send`](Self::send) it{}.",
        op.name,
        if op.paginated.is_some() {
            " or page through it with [`into_paginator`](Self::into_paginator)"
        } else {
            ""
        }
    ));
    let local_builders = krate
        .types
        .iter()
        .filter(|ty| ty.module == crate::ir::Module::Operation(op.module.clone()))
        .filter_map(|ty| match &ty.kind {
            crate::ir::TypeKind::Struct(s) => Some(ident(&s.builder)),
            _ => None,
        })
        .collect::<Vec<_>>();
    let op_module = ident(&op.module);
    // Inputs and outputs several operations share live in `crate::types`.
    let reexport = (!local_builders.is_empty())
        .then(|| quote!(pub use crate::operation::#op_module::{#(#local_builders),*};));
    quote! {
        #reexport

        use ::std::sync::Arc;

        use ::smithy_lean_runtime::error::SdkError;
        use ::smithy_lean_runtime::orchestrator::{invoke, Handle, Operation};
        #paginator_imports

        use super::protocol;
        use super::#error_name;

        #docs
        #[derive(Debug, Clone)]
        pub struct #builder {
            handle: Arc<Handle>,
            inner: #input_builder,
        }

        impl #builder {
            pub(crate) fn new(handle: Arc<Handle>) -> Self {
                Self { handle, inner: #input_builder::default() }
            }

            /// The input as set so far.
            pub fn as_input(&self) -> &#input_builder {
                &self.inner
            }

            /// Sends this call with the client's configuration changed by
            /// `change`, as in `.config_override(|config| config.max_pages(10))`.
            pub fn config_override(
                mut self,
                change: impl FnOnce(::smithy_lean_runtime::config::Builder) -> ::smithy_lean_runtime::config::Builder,
            ) -> Self {
                self.handle = Arc::new(self.handle.with_config_override(change));
                self
            }

            #(#setters)*

            /// Validates the input, sends the request (retrying as configured) and reads the response.
            pub async fn send(self) -> ::std::result::Result<#output_name, SdkError<#error_name>> {
                #build
                send(self.handle, input).await
            }

            #paginator
        }

        /// Sends one request for `input`.
        pub(crate) async fn send(
            handle: Arc<Handle>,
            input: #input_name,
        ) -> ::std::result::Result<#output_name, SdkError<#error_name>> {
            protocol::validate(&input).map_err(SdkError::Validation)?;
            let request = protocol::serialize(&input, &handle.config).map_err(SdkError::Construction)?;
            let operation = Operation {
                service: &crate::client::SERVICE,
                name: #op_name,
                idempotent: #idempotent,
                request,
                parse_output: protocol::parse_output,
                parse_error: protocol::parse_error,
                resolve_endpoint: #resolve_endpoint,
                response_checksums: #response_checksums,
            };
            invoke(&handle, operation).await
        }
    }
}

/// The algorithms `aws.protocols#httpChecksum` checks the response with,
/// as the input's validation member and the configuration decide.
fn response_checksums(op: &Operation) -> TokenStream {
    let checksum = op.http_checksum.as_ref();
    let (Some(member), Some(c)) = (checksum.and_then(|c| c.validation.as_ref()), checksum) else {
        return quote!(&[]);
    };
    if c.response_algorithms.is_empty() {
        return quote!(&[]);
    }
    let value = checksum_member_value(member);
    let algorithms = &c.response_algorithms;
    quote! {
        ::smithy_lean_runtime::checksum::response_algorithms(#value, &[#(#algorithms),*], &handle.config)
    }
}

/// The text of a checksum member of the input, as an `Option<&str>`.
pub(crate) fn checksum_member_value(member: &crate::ir::checksums::ChecksumMember) -> TokenStream {
    let field = ident(&member.field);
    match (member.required, member.enumeration) {
        (true, _) => quote!(::std::option::Option::Some(input.#field.as_str())),
        (false, true) => quote!(input.#field.as_ref().map(|v| v.as_str())),
        (false, false) => quote!(input.#field.as_deref()),
    }
}

/// `crate::client`: the `Client` and the service facts the runtime needs.
pub fn client_file(krate: &Crate) -> TokenStream {
    let s = &krate.service;
    let signing_name = &s.signing_name;
    let s3_signing = s.s3_signing;
    let methods = krate.operations.iter().map(|op| {
        let method = ident(&op.module);
        let module = ident(&op.module);
        let builder = ident(&op.builder_type);
        let docs = doc(&format!(
            "{}\n\nSee [`{}`](crate::operation::{}::{}).",
            summary(&op.docs),
            op.builder_type,
            op.module,
            op.builder_type
        ));
        quote! {
            #docs
            pub fn #method(&self) -> crate::operation::#module::#builder {
                crate::operation::#module::#builder::new(self.handle.clone())
            }
        }
    });
    let docs = doc(&format!(
        "A client for {}. Cheap to clone: clones share the configuration and the HTTP connection pool.",
        s.title
    ));
    let error_meta = crate::protocol::error_meta_fn(krate);
    quote! {
        use ::std::sync::Arc;

        use ::smithy_lean_runtime::config::Config;
        use ::smithy_lean_runtime::orchestrator::{Handle, ServiceInfo};
        use ::smithy_lean_runtime::signing::SigningDefaults;

        /// How the service signs, resolves endpoints and reads errors, from the model.
        pub(crate) static SERVICE: ServiceInfo = ServiceInfo {
            signing: SigningDefaults {
                name: #signing_name,
                s3: #s3_signing,
            },
            crate_version: concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION")),
            resolve_endpoint: crate::endpoint::resolve_config,
            error_meta: #error_meta,
        };

        #docs
        #[derive(Debug, Clone)]
        pub struct Client {
            handle: Arc<Handle>,
        }

        impl Client {
            /// A client with this configuration: a [`Config`], or with the
            /// `aws-config` feature the `SdkConfig` that `aws_config::load_defaults`
            /// returns (`Client::new(&sdk_config)`, as in the AWS SDK).
            pub fn new(config: impl ::std::convert::Into<Config>) -> Client {
                Client::from_conf(config.into())
            }

            /// A client with this configuration.
            pub fn from_conf(config: Config) -> Client {
                Client { handle: Arc::new(Handle::new(config)) }
            }

            /// A client with the configuration the AWS SDKs find in the environment: the
            /// standard credential chain and region, built in (see [`Config::from_env`]).
            pub fn from_env() -> Client {
                Client::new(Config::from_env())
            }

            /// A client configured from `aws-config` (region, credential chain, endpoint URL, retries, timeouts).
            #[cfg(feature = "aws-config")]
            pub fn from_sdk_config(sdk: &::smithy_lean_runtime::config::SdkConfig) -> Client {
                Client::new(Config::from_sdk_config(sdk))
            }

            /// The client's configuration.
            pub fn config(&self) -> &Config {
                &self.handle.config
            }

            #(#methods)*
        }
    }
}

/// `crate::Error` (in `error_meta.rs`): every modeled error of every
/// operation, and `Unhandled`, which each operation's `SdkError` converts
/// into, as the AWS SDK's crate-level `Error`.
pub fn service_error(krate: &Crate) -> TokenStream {
    let mut errors: Vec<&TypeDef> = krate
        .operations
        .iter()
        .flat_map(|op| op.errors.iter().map(|id| krate.ty(*id)))
        .collect();
    errors.sort_by(|a, b| a.name.cmp(&b.name));
    errors.dedup_by(|a, b| a.name == b.name);
    let variants = errors.iter().map(|ty| {
        let variant = ident(&ty.name);
        let docs = doc(&summary(&ty.docs));
        quote!(#docs #variant(crate::types::error::#variant),)
    });
    let arms = |body: TokenStream| {
        let arms = errors.iter().map(|ty| {
            let variant = ident(&ty.name);
            quote!(Error::#variant(e) => #body,)
        });
        quote!(#(#arms)*)
    };
    let display_arms = arms(quote!(::std::fmt::Display::fmt(e, f)));
    let source_arms = arms(quote!(::std::option::Option::Some(e)));
    let code_arms = arms(quote!(
        ::smithy_lean_runtime::error::ProvideErrorMetadata::code(e)
    ));
    let message_arms = arms(quote!(
        ::smithy_lean_runtime::error::ProvideErrorMetadata::message(e)
    ));
    let conversions = krate.operations.iter().map(|op| {
        let module = ident(&op.module);
        let error = ident(&op.error_type);
        let arms = op.errors.iter().map(|id| {
            let variant = ident(&krate.ty(*id).name);
            quote!(#error::#variant(e) => Error::#variant(e),)
        });
        quote! {
            impl ::std::convert::From<::smithy_lean_runtime::error::SdkError<crate::operation::#module::#error>> for Error {
                fn from(error: ::smithy_lean_runtime::error::SdkError<crate::operation::#module::#error>) -> Self {
                    match error.into_service_error() {
                        #(crate::operation::#module::#arms)*
                        crate::operation::#module::#error::Unhandled(e) => Error::Unhandled(e),
                    }
                }
            }
        }
    });
    quote! {
        /// Any error of any of the crate's operations, as the AWS SDK's crate-level
        /// `Error`: `?` turns each call's `SdkError` into it.
        #[non_exhaustive]
        #[derive(Debug)]
        pub enum Error {
            #(#variants)*
            /// Anything else: an error the model does not list, or a failure to
            /// call the service (its message says which).
            Unhandled(::smithy_lean_runtime::error::Unhandled),
        }

        #(#conversions)*

        impl ::std::fmt::Display for Error {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                match self {
                    #display_arms
                    Error::Unhandled(e) => ::std::fmt::Display::fmt(e, f),
                }
            }
        }

        impl ::std::error::Error for Error {
            fn source(&self) -> ::std::option::Option<&(dyn ::std::error::Error + 'static)> {
                match self {
                    #source_arms
                    Error::Unhandled(e) => ::std::option::Option::Some(e),
                }
            }
        }

        impl ::smithy_lean_runtime::error::ProvideErrorMetadata for Error {
            fn code(&self) -> ::std::option::Option<&str> {
                match self {
                    #code_arms
                    Error::Unhandled(e) => e.code(),
                }
            }

            fn message(&self) -> ::std::option::Option<&str> {
                match self {
                    #message_arms
                    Error::Unhandled(e) => e.message(),
                }
            }
        }
    }
}
