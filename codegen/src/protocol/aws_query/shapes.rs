//! Each structure's and union's `ToQuery` impl (its members as dotted query
//! keys), emitted beside the type with the `FromXml` impl that
//! [`xml_body`](crate::protocol::xml_body) writes. Enums travel as their
//! text and need neither.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::tokens::{ident, type_path};
use crate::ir::{Crate, Member, Struct, TypeDef, TypeKind, TypeRef, XmlItems};
use crate::protocol::xml_body::{self, format_of};

/// The protocol impls of `ty`, appended to its file.
pub fn type_impls(krate: &Crate, ty: &TypeDef) -> TokenStream {
    match &ty.kind {
        TypeKind::Struct(s) => {
            let to_query = struct_to_query(krate, ty, s);
            let from_xml = xml_body::from_xml_impl(krate, ty);
            quote!(#to_query #from_xml)
        }
        TypeKind::Union(u) => {
            let to_query = union_to_query(krate, ty, u);
            let from_xml = xml_body::from_xml_impl(krate, ty);
            quote!(#to_query #from_xml)
        }
        TypeKind::Enum(_) => quote!(),
    }
}

/// The runtime paths the impls use.
fn query() -> TokenStream {
    quote!(::smithy_lean_runtime::protocol::query)
}

fn struct_to_query(krate: &Crate, ty: &TypeDef, s: &Struct) -> TokenStream {
    let name = type_path(ty);
    let query = query();
    let members: Vec<TokenStream> = s
        .members
        .iter()
        .map(|m| xml_body::when_set(m, write_member(krate, m, quote!(value))))
        .collect();
    let (writer, prefix) = if members.is_empty() {
        (quote!(_writer), quote!(_prefix))
    } else {
        (quote!(writer), quote!(prefix))
    };
    quote! {
        impl #query::ToQuery for #name {
            fn to_query(&self, #writer: &mut #query::QueryWriter, #prefix: &str) {
                #(#members)*
            }
        }
    }
}

fn union_to_query(krate: &Crate, ty: &TypeDef, u: &Struct) -> TokenStream {
    let name = type_path(ty);
    let query = query();
    let arms = u.members.iter().map(|m| {
        let variant = ident(&m.variant);
        if m.ty == TypeRef::Unit {
            let key = &m.xml.query_name;
            return quote!(Self::#variant => writer.string(&#query::key(prefix, #key), ""),);
        }
        let write = write_member(krate, m, quote!(value));
        quote!(Self::#variant(value) => { #write })
    });
    quote! {
        impl #query::ToQuery for #name {
            fn to_query(&self, writer: &mut #query::QueryWriter, prefix: &str) {
                match self {
                    #(#arms)*
                    Self::Unknown => {}
                }
            }
        }
    }
}

/// Writes member `m`, whose value is the reference `value`, under its key.
fn write_member(krate: &Crate, m: &Member, value: TokenStream) -> TokenStream {
    let query = query();
    let name = &m.xml.query_name;
    let write = write_value(krate, m, &m.ty, &m.xml.items, m.xml.flattened, value);
    quote! {
        let key = #query::key(prefix, #name);
        #write
    }
}

/// Writes `value` (a reference to a `ty`) under `key`.
fn write_value(
    krate: &Crate,
    m: &Member,
    ty: &TypeRef,
    items: &XmlItems,
    flattened: bool,
    value: TokenStream,
) -> TokenStream {
    let query = query();
    match ty {
        TypeRef::Bool => quote!(writer.boolean(&key, *#value);),
        TypeRef::Byte | TypeRef::Short | TypeRef::Integer | TypeRef::Long => {
            quote!(writer.integer(&key, *#value);)
        }
        TypeRef::Float | TypeRef::Double => quote!(writer.float(&key, *#value);),
        TypeRef::String => quote!(writer.string(&key, #value);),
        TypeRef::Blob => quote!(writer.blob(&key, #value);),
        TypeRef::Timestamp => {
            let format = format_of(m);
            quote!(writer.timestamp(&key, #value, #format);)
        }
        TypeRef::Named(id) => match &krate.ty(*id).kind {
            TypeKind::Enum(_) => quote!(writer.string(&key, #value.as_str());),
            _ => quote!(#query::ToQuery::to_query(#value, writer, &key);),
        },
        TypeRef::Sparse(inner) => {
            let write = write_value(krate, m, inner, items, false, quote!(item));
            quote! {
                if let ::std::option::Option::Some(item) = #value {
                    #write
                }
            }
        }
        TypeRef::List(inner) => {
            let (member, inner_items) = items.list();
            let write = write_value(krate, m, inner, inner_items, false, quote!(item));
            quote! {
                writer.list(&key, #member, #flattened, #value, |writer, key, item| {
                    let key = key.to_owned();
                    #write
                });
            }
        }
        TypeRef::Map(_, inner) => {
            let (k, v, inner_items) = items.map();
            let write = write_value(krate, m, inner, inner_items, false, quote!(item));
            quote! {
                writer.map(&key, (#k, #v), #flattened, #value.iter(), |k| k.as_str(), |writer, key, item| {
                    let key = key.to_owned();
                    #write
                });
            }
        }
        // Refused when lowering: awsQuery has no documents or big numbers.
        TypeRef::Document | TypeRef::BigInteger | TypeRef::BigDecimal | TypeRef::Unit => quote!(),
    }
}
