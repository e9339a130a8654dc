//! Small token helpers shared by the emitters.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::ir::{Crate, Module, TypeDef, TypeRef};

/// An identifier from a name the IR made (`r#type` becomes a raw identifier).
pub fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// `#[doc = "..."]` attributes, one per line, so they print as `///` lines.
pub fn doc(text: &str) -> TokenStream {
    let lines = text.lines().map(|line| {
        let line = if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        };
        quote!(#[doc = #line])
    });
    quote!(#(#lines)*)
}

/// The absolute path of a named type.
pub fn type_path(def: &TypeDef) -> TokenStream {
    item_path(def, &def.name)
}

/// The absolute path of an item in the module of `def` (its builder, say).
pub fn item_path(def: &TypeDef, item: &str) -> TokenStream {
    let name = ident(item);
    match &def.module {
        Module::Types => quote!(crate::types::#name),
        Module::Error => quote!(crate::types::error::#name),
        Module::Operation(op) => {
            let op = ident(op);
            quote!(crate::operation::#op::#name)
        }
    }
}

/// The Rust type of a member, without `Option`. Paths are absolute so that no
/// model name can shadow them.
pub fn rust_type(krate: &Crate, ty: &TypeRef) -> TokenStream {
    match ty {
        TypeRef::Bool => quote!(bool),
        TypeRef::Byte => quote!(i8),
        TypeRef::Short => quote!(i16),
        TypeRef::Integer => quote!(i32),
        TypeRef::Long => quote!(i64),
        TypeRef::Float => quote!(f32),
        TypeRef::Double => quote!(f64),
        TypeRef::String => quote!(::std::string::String),
        TypeRef::Blob => quote!(crate::primitives::Blob),
        TypeRef::Timestamp => quote!(crate::primitives::DateTime),
        TypeRef::Document => quote!(crate::primitives::Document),
        TypeRef::BigInteger => quote!(crate::primitives::BigInteger),
        TypeRef::BigDecimal => quote!(crate::primitives::BigDecimal),
        TypeRef::Unit => quote!(()),
        TypeRef::Sparse(inner) => {
            let inner = rust_type(krate, inner);
            quote!(::std::option::Option<#inner>)
        }
        TypeRef::List(item) => {
            let item = rust_type(krate, item);
            quote!(::std::vec::Vec<#item>)
        }
        TypeRef::Map(key, value) => {
            let key = rust_type(krate, key);
            let value = rust_type(krate, value);
            quote!(::std::collections::HashMap<#key, #value>)
        }
        TypeRef::Named(id) => type_path(krate.ty(*id)),
    }
}

/// The absolute path of a named type as text, for intra-doc links.
pub fn doc_path(def: &TypeDef) -> String {
    type_path(def).to_string().replace(' ', "")
}
