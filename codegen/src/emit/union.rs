//! A union: one newtype variant per member, and `Unknown` for a member this
//! version of the crate does not know. It reads from JSON by hand, because a
//! service may send a `__type` key beside the member, which serde's
//! externally tagged form refuses.

use proc_macro2::TokenStream;
use quote::quote;

use super::structure::{serde_adapter, stored_type};
use super::tokens::{doc, ident};
use crate::ir::{Crate, Member, Struct, TypeDef, TypeRef};

pub fn emit(krate: &Crate, ty: &TypeDef, u: &Struct) -> TokenStream {
    let name = ident(&ty.name);
    let docs = doc(&ty.docs);
    let variants = u.members.iter().map(|m| variant(krate, m));
    let arms = u.members.iter().map(read_arm);
    quote! {
        #docs
        #[non_exhaustive]
        #[derive(Clone, Debug, PartialEq, ::serde::Serialize)]
        pub enum #name {
            #(#variants)*
            /// A member this version of the crate does not know; it cannot be sent.
            #[serde(skip_serializing)]
            Unknown,
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                let (member, value) = ::smithy_lean_runtime::protocol::union_member(deserializer)?;
                match member.as_str() {
                    #(#arms)*
                    _ => ::std::result::Result::Ok(Self::Unknown),
                }
            }
        }
    }
}

fn variant(krate: &Crate, m: &Member) -> TokenStream {
    let docs = doc(&m.docs);
    let variant = ident(&m.variant);
    let json_name = &m.json_name;
    if m.ty == TypeRef::Unit {
        // A unit member travels as an empty object: `{"quit": {}}`.
        return quote! {
            #docs
            #[serde(rename = #json_name, serialize_with = "smithy_lean_runtime::protocol::unit_member")]
            #variant,
        };
    }
    let inner = stored_type(krate, m);
    let with = serde_adapter(m).map(|adapter| {
        let function = format!("{adapter}::serialize");
        quote!(, serialize_with = #function)
    });
    quote! {
        #docs
        #[serde(rename = #json_name #with)]
        #variant(#inner),
    }
}

/// The match arm that reads member `m` from its JSON value.
fn read_arm(m: &Member) -> TokenStream {
    let variant = ident(&m.variant);
    let json_name = &m.json_name;
    if m.ty == TypeRef::Unit {
        return quote!(#json_name => ::std::result::Result::Ok(Self::#variant),);
    }
    let read = match serde_adapter(m) {
        Some(adapter) => {
            let function = path(&format!("{adapter}::deserialize"));
            quote!(#function(value))
        }
        None => quote!(::serde_json::from_value(value)),
    };
    let wrap = if m.boxed {
        quote!(|v| Self::#variant(::std::boxed::Box::new(v)))
    } else {
        quote!(Self::#variant)
    };
    quote!(#json_name => #read.map(#wrap).map_err(::serde::de::Error::custom),)
}

/// Tokens of a path written as text (`crate::a::b`).
fn path(text: &str) -> TokenStream {
    let segments = text.split("::").map(ident);
    quote!(#(#segments)::*)
}
