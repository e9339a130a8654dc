//! A structure: the struct, its serde attributes, its builder, and for modeled
//! errors the `Display` and `Error` impls.

use proc_macro2::TokenStream;
use quote::quote;

use super::tokens::{doc, ident, rust_type};
use crate::docs::summary;
use crate::ir::{Crate, ErrorInfo, Fault, Location, Member, Struct, TypeDef, TypeKind, TypeRef};

pub fn emit(krate: &Crate, ty: &TypeDef, s: &Struct) -> TokenStream {
    let name = ident(&ty.name);
    let builder = ident(&s.builder);
    let docs = doc(&ty.docs);
    let fields = s.members.iter().map(|m| field(krate, &ty.name, m));
    let builder_fields = s.members.iter().map(|m| {
        let field = ident(&m.field);
        let ty = stored_type(krate, m);
        quote!(#field: ::std::option::Option<#ty>,)
    });
    let setters = s
        .members
        .iter()
        .map(|m| setters(krate, m, SetterTarget::Own));
    let build = build(krate, ty, s);
    let getters = s
        .members
        .iter()
        .filter(|m| !(s.error.is_some() && m.field == "message"))
        .map(|m| getter(krate, m));
    // What serde gives a body (or payload) member with a default that the
    // body leaves out.
    let default_fns = s
        .members
        .iter()
        .filter(|m| matches!(m.location, Location::Body | Location::Payload))
        .filter_map(|m| {
            let default = stored_default(krate, m, m.default.as_ref()?);
            let function = ident(&format!("default_{}", m.field.trim_start_matches("r#")));
            let stored = stored_type(krate, m);
            Some(if m.required {
                quote!(fn #function() -> #stored { #default })
            } else {
                quote! {
                    fn #function() -> ::std::option::Option<#stored> {
                        ::std::option::Option::Some(#default)
                    }
                }
            })
        });
    let builder_doc = format!("Builds a [`{}`] member by member.", ty.name);
    let new_doc = format!("Starts a [`{}`] with every member unset.", s.builder);
    let error_impls = s.error.as_ref().map(|e| error_impls(ty, s, e));
    let (new_doc_attr, builder_doc_attr) = (doc(&new_doc), doc(&builder_doc));
    let redacts = s.sensitive || s.members.iter().any(|m| m.sensitive);
    let (debug, debug_impls) = if redacts {
        let impls = [&name, &builder].map(|n| redacted_debug(n, s));
        (quote!(), quote!(#(#impls)*))
    } else {
        (quote!(Debug,), quote!())
    };
    quote! {
        #docs
        #[non_exhaustive]
        #[derive(Clone, #debug PartialEq, ::serde::Serialize, ::serde::Deserialize)]
        pub struct #name {
            #(#fields)*
        }

        impl #name {
            #new_doc_attr
            pub fn builder() -> #builder {
                #builder::default()
            }

            #(#getters)*

            #(#default_fns)*
        }

        #builder_doc_attr
        #[derive(Clone, #debug Default, PartialEq)]
        pub struct #builder {
            #(#builder_fields)*
        }

        impl #builder {
            #(#setters)*
            #build
        }

        #error_impls
        #debug_impls
    }
}

/// `Debug` that shows `@sensitive` members (or, for a sensitive structure,
/// everything) as a redaction marker, for the type and its builder alike.
fn redacted_debug(name: &proc_macro2::Ident, s: &Struct) -> TokenStream {
    let label = name.to_string();
    let body = if s.sensitive {
        quote!(f.write_str("*** Sensitive Data Redacted ***"))
    } else {
        let fields = s.members.iter().map(|m| {
            let field = ident(&m.field);
            let shown = m.field.trim_start_matches("r#");
            if m.sensitive {
                quote!(.field(#shown, &"*** Sensitive Data Redacted ***"))
            } else {
                quote!(.field(#shown, &self.#field))
            }
        });
        quote!(f.debug_struct(#label) #(#fields)* .finish())
    };
    quote! {
        impl ::std::fmt::Debug for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                #body
            }
        }
    }
}

/// A member's getter, as the AWS SDKs have them: `Option<&str>` for an
/// optional string, a slice for a list (empty when unset), the value itself
/// for numbers and booleans, a reference for anything else.
fn getter(krate: &Crate, m: &Member) -> TokenStream {
    let field = ident(&m.field);
    let docs = doc(&m.docs);
    let copy = matches!(
        m.ty,
        TypeRef::Bool
            | TypeRef::Byte
            | TypeRef::Short
            | TypeRef::Integer
            | TypeRef::Long
            | TypeRef::Float
            | TypeRef::Double
    ) && !m.boxed;
    let (ty, body) = match (&m.ty, m.required) {
        (TypeRef::String, false) if !m.boxed => (
            quote!(::std::option::Option<&str>),
            quote!(self.#field.as_deref()),
        ),
        (TypeRef::String, true) if !m.boxed => (quote!(&str), quote!(&self.#field)),
        (TypeRef::List(item), false) if !m.boxed => {
            let item = rust_type(krate, item);
            (
                quote!(&[#item]),
                quote!(self.#field.as_deref().unwrap_or_default()),
            )
        }
        (TypeRef::List(item), true) if !m.boxed => {
            let item = rust_type(krate, item);
            (quote!(&[#item]), quote!(&self.#field))
        }
        (_, false) if copy => {
            let ty = rust_type(krate, &m.ty);
            (quote!(::std::option::Option<#ty>), quote!(self.#field))
        }
        (_, true) if copy => (rust_type(krate, &m.ty), quote!(self.#field)),
        (_, false) => {
            let ty = rust_type(krate, &m.ty);
            (
                quote!(::std::option::Option<&#ty>),
                quote!(self.#field.as_deref()),
            )
        }
        (_, true) => {
            let ty = rust_type(krate, &m.ty);
            (quote!(&#ty), quote!(&self.#field))
        }
    };
    // `as_deref` of an unboxed `Option<T>` is `as_ref`.
    let body = if m.boxed
        || !matches!(
            (&m.ty, m.required),
            (
                TypeRef::Named(_)
                    | TypeRef::Map(..)
                    | TypeRef::Blob
                    | TypeRef::Timestamp
                    | TypeRef::Document
                    | TypeRef::BigInteger
                    | TypeRef::BigDecimal
                    | TypeRef::Sparse(_)
                    | TypeRef::Unit,
                false
            )
        ) {
        body
    } else {
        quote!(self.#field.as_ref())
    };
    quote! {
        #docs
        pub fn #field(&self) -> #ty {
            #body
        }
    }
}

/// The field type inside `Option`, boxed where the IR says so.
pub fn stored_type(krate: &Crate, m: &Member) -> TokenStream {
    let ty = rust_type(krate, &m.ty);
    if m.boxed {
        quote!(::std::boxed::Box<#ty>)
    } else {
        ty
    }
}

fn field(krate: &Crate, owner: &str, m: &Member) -> TokenStream {
    let docs = doc(&m.docs);
    let field = ident(&m.field);
    let ty = stored_type(krate, m);
    let json_name = &m.json_name;
    let with = serde_adapter(m).map(|adapter| quote!(with = #adapter,));
    // A member with a default reads as its default when the body leaves it out.
    let default = match &m.default {
        Some(_) => {
            let function = format!("{owner}::default_{}", m.field.trim_start_matches("r#"));
            quote!(default = #function)
        }
        None => quote!(default),
    };
    // A payload keeps its name in the serde form: a required one may be a
    // structure without a `Default` for `skip` to fill in.
    let serde = if !matches!(m.location, Location::Body | Location::Payload) {
        quote!(#[serde(skip)])
    } else if m.required && m.default.is_none() && !has_zero_value(&m.ty) {
        quote!(#[serde(rename = #json_name, #with)])
    } else if m.required {
        quote!(#[serde(rename = #json_name, #with #default)])
    } else {
        quote!(#[serde(rename = #json_name, #with #default, skip_serializing_if = "::std::option::Option::is_none")])
    };
    let ty = if m.required {
        ty
    } else {
        quote!(::std::option::Option<#ty>)
    };
    let deprecated = m
        .deprecated
        .as_ref()
        .map(|note| quote!(#[deprecated(note = #note)]));
    quote! {
        #docs
        #deprecated
        #serde
        pub #field: #ty,
    }
}

/// Whether a required member of type `ty` that a response leaves out reads
/// as its zero value (`0`, `""`, an empty list...), the Smithy
/// specification's client error correction. Structures, unions and enums
/// have none, so their absence stays an error.
fn has_zero_value(ty: &TypeRef) -> bool {
    !matches!(ty, TypeRef::Named(_) | TypeRef::Document | TypeRef::Unit)
}

/// The serde adapter a member's values go through in JSON, if any: a
/// timestamp with its own format through that format's; floats through one
/// that spells NaN and the infinities, which JSON lacks.
pub fn serde_adapter(m: &Member) -> Option<String> {
    match m.timestamp_format {
        Some(f) => Some(format!(
            "smithy_lean_runtime::primitives::date_time::format::{}",
            f.adapter()
        )),
        None if holds_floats(&m.ty) => Some("smithy_lean_runtime::protocol::non_finite".to_owned()),
        None => None,
    }
}

/// Whether a member's values are floats (or lists or maps of them).
fn holds_floats(ty: &TypeRef) -> bool {
    match ty {
        TypeRef::Float | TypeRef::Double => true,
        TypeRef::List(item) | TypeRef::Sparse(item) | TypeRef::Map(_, item) => holds_floats(item),
        _ => false,
    }
}

/// The type a setter takes for one value: strings and enums take anything
/// that converts into them, so `"LATEST"` works where an enum is expected.
/// Returns the parameter type and the conversion to apply to the argument.
fn param_type(krate: &Crate, ty: &TypeRef) -> (TokenStream, TokenStream) {
    let rust = rust_type(krate, ty);
    let converts = match ty {
        TypeRef::String => true,
        TypeRef::Named(id) => matches!(krate.ty(*id).kind, TypeKind::Enum(_)),
        _ => false,
    };
    if converts {
        (quote!(impl ::std::convert::Into<#rust>), quote!(.into()))
    } else {
        (rust, quote!())
    }
}

/// Who a setter writes to: the builder's own field, or (for a client's
/// fluent builder) the input builder it wraps.
#[derive(Clone, Copy)]
pub enum SetterTarget {
    /// `self.field = ...`
    Own,
    /// `self.inner = self.inner.field(...)`
    Inner,
}

/// The two setters of a member: one for a single value (or list item, or map
/// entry) and `set_*` for the whole `Option`.
pub fn setters(krate: &Crate, m: &Member, target: SetterTarget) -> TokenStream {
    let field = ident(&m.field);
    let setter = ident(&m.setter);
    let stored = stored_type(krate, m);
    let about = summary(&m.docs);
    let (params, args, own, one_doc) = match &m.ty {
        TypeRef::List(item) => {
            let (item, into) = param_type(krate, item);
            (
                quote!(item: #item),
                quote!(item),
                quote!(self.#field.get_or_insert_with(::std::vec::Vec::new).push(item #into);),
                format!("Appends one item to `{}`: {about}", m.field),
            )
        }
        TypeRef::Map(key, value) => {
            let (key, key_into) = param_type(krate, key);
            let (value, value_into) = param_type(krate, value);
            (
                quote!(key: #key, value: #value),
                quote!(key, value),
                quote! {
                    self.#field
                        .get_or_insert_with(::std::collections::HashMap::new)
                        .insert(key #key_into, value #value_into);
                },
                format!("Inserts one entry into `{}`: {about}", m.field),
            )
        }
        ty => {
            let (param, into) = param_type(krate, ty);
            let value = if m.boxed {
                quote!(::std::boxed::Box::new(value #into))
            } else {
                quote!(value #into)
            };
            (
                quote!(value: #param),
                quote!(value),
                quote!(self.#field = ::std::option::Option::Some(#value);),
                format!("Sets `{}`: {about}", m.field),
            )
        }
    };
    let (one_body, set_body) = match target {
        SetterTarget::Own => (own, quote!(self.#field = value;)),
        SetterTarget::Inner => (
            quote!(self.inner = self.inner.#field(#args);),
            quote!(self.inner = self.inner.#setter(value);),
        ),
    };
    let set_doc = format!("Sets or clears `{}` as a whole.", m.field);
    let (one_doc_attr, set_doc_attr) = (doc(&one_doc), doc(&set_doc));
    quote! {
        #one_doc_attr
        pub fn #field(mut self, #params) -> Self {
            #one_body
            self
        }
        #set_doc_attr
        pub fn #setter(mut self, value: ::std::option::Option<#stored>) -> Self {
            #set_body
            self
        }
    }
}

/// A member's `@default` as the field stores it.
fn stored_default(krate: &Crate, m: &Member, default: &crate::ir::Value) -> TokenStream {
    let value = super::value::expr(krate, &m.ty, default);
    if m.boxed {
        quote!(::std::boxed::Box::new(#value))
    } else {
        value
    }
}

fn build(krate: &Crate, ty: &TypeDef, s: &Struct) -> TokenStream {
    let name = ident(&ty.name);
    let fallible = s.build_can_fail();
    let inits = s.members.iter().map(|m| {
        let field = ident(&m.field);
        if let Some(default) = &m.default {
            let value = stored_default(krate, m, default);
            if m.required {
                quote!(#field: self.#field.unwrap_or_else(|| #value),)
            } else {
                quote!(#field: self.#field.or_else(|| ::std::option::Option::Some(#value)),)
            }
        } else if m.required {
            let (type_name, field_name, wire) =
                (&ty.name, m.field.trim_start_matches("r#"), &m.wire_name);
            quote! {
                #field: self.#field.ok_or_else(|| {
                    ::smithy_lean_runtime::error::BuildError::missing_field(#type_name, #field_name, #wire)
                })?,
            }
        } else {
            quote!(#field: self.#field,)
        }
    });
    if fallible {
        let text = format!(
            "Builds the [`{}`], or names the first required member that is not set.",
            ty.name
        );
        let text_attr = doc(&text);
        quote! {
            #text_attr
            pub fn build(self) -> ::std::result::Result<#name, ::smithy_lean_runtime::error::BuildError> {
                ::std::result::Result::Ok(#name { #(#inits)* })
            }
        }
    } else {
        let text = format!("Builds the [`{}`].", ty.name);
        let text_attr = doc(&text);
        quote! {
            #text_attr
            pub fn build(self) -> #name {
                #name { #(#inits)* }
            }
        }
    }
}

fn error_impls(ty: &TypeDef, s: &Struct, e: &ErrorInfo) -> TokenStream {
    let name = ident(&ty.name);
    let code = &e.code;
    let fault = match e.fault {
        Fault::Client => "the caller",
        Fault::Server => "the service",
    };
    let code_doc =
        format!("The error code the service sends for this error. It is the fault of {fault}.");
    let code_doc_attr = doc(&code_doc);
    let status = e.http_status.map(|status| {
        let text = format!("The HTTP status code the service answers with ({status}).");
        let text_attr = doc(&text);
        let status = proc_macro2::Literal::u16_unsuffixed(status);
        quote! {
            #text_attr
            pub const HTTP_STATUS: u16 = #status;
        }
    });
    let message_member = e
        .message_member
        .map(|i| &s.members[i])
        .filter(|m| m.ty == TypeRef::String && !m.boxed);
    let (message_fn, display) = match message_member {
        Some(m) => {
            let field = ident(&m.field);
            let get = if m.required {
                quote!(::std::option::Option::Some(self.#field.as_str()))
            } else {
                quote!(self.#field.as_deref())
            };
            (
                quote! {
                    /// The human-readable message, if the service sent one.
                    pub fn message(&self) -> ::std::option::Option<&str> {
                        #get
                    }
                },
                quote! {
                    match self.message() {
                        ::std::option::Option::Some(message) => write!(f, "{}: {}", Self::CODE, message),
                        ::std::option::Option::None => f.write_str(Self::CODE),
                    }
                },
            )
        }
        None => (quote!(), quote!(f.write_str(Self::CODE))),
    };
    let message_or_none = if message_member.is_some() {
        quote!(#name::message(self))
    } else {
        quote!(::std::option::Option::None)
    };
    quote! {
        impl #name {
            #code_doc_attr
            pub const CODE: &'static str = #code;
            #status
            #message_fn
        }

        impl ::smithy_lean_runtime::error::ProvideErrorMetadata for #name {
            fn code(&self) -> ::std::option::Option<&str> {
                ::std::option::Option::Some(Self::CODE)
            }

            fn message(&self) -> ::std::option::Option<&str> {
                #message_or_none
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                #display
            }
        }

        impl ::std::error::Error for #name {}
    }
}
