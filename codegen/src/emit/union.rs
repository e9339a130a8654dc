//! A union: one newtype variant per member, and `Unknown` for a member this
//! version of the crate does not know.

use proc_macro2::TokenStream;
use quote::quote;

use super::structure::stored_type;
use super::tokens::{doc, ident};
use crate::ir::{Crate, Struct, TypeDef, TypeRef};

pub fn emit(krate: &Crate, ty: &TypeDef, u: &Struct) -> TokenStream {
    let name = ident(&ty.name);
    let docs = doc(&ty.docs);
    let variants = u.members.iter().map(|m| {
        let docs = doc(&m.docs);
        let variant = ident(&m.variant);
        let json_name = &m.json_name;
        if m.ty == TypeRef::Unit {
            // A unit member travels as an empty object: `{"quit": {}}`.
            return quote! {
                #docs
                #[serde(
                    rename = #json_name,
                    serialize_with = "crate::runtime::protocol::unit_member::serialize",
                    deserialize_with = "crate::runtime::protocol::unit_member::deserialize"
                )]
                #variant,
            };
        }
        let inner = stored_type(krate, m);
        quote! {
            #docs
            #[serde(rename = #json_name)]
            #variant(#inner),
        }
    });
    quote! {
        #docs
        #[non_exhaustive]
        #[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
        pub enum #name {
            #(#variants)*
            /// A member this version of the crate does not know; it cannot be sent.
            #[serde(other, skip_serializing)]
            Unknown,
        }
    }
}
