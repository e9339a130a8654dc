//! Each structure's and union's `ToQuery` impl (its members as dotted query
//! keys) and `FromXml` impl (its members from child elements and
//! attributes), emitted beside the type. Enums travel as their text and need
//! neither.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::tokens::{ident, rust_type, type_path};
use crate::ir::{Crate, Member, Struct, TimestampFormat, TypeDef, TypeKind, TypeRef, XmlItems};

/// The protocol impls of `ty`, appended to its file.
pub fn type_impls(krate: &Crate, ty: &TypeDef) -> TokenStream {
    match &ty.kind {
        TypeKind::Struct(s) => {
            let to_query = struct_to_query(krate, ty, s);
            let from_xml = struct_from_xml(krate, ty, s);
            quote!(#to_query #from_xml)
        }
        TypeKind::Union(u) => {
            let to_query = union_to_query(krate, ty, u);
            let from_xml = union_from_xml(krate, ty, u);
            quote!(#to_query #from_xml)
        }
        TypeKind::Enum(_) => quote!(),
    }
}

/// The runtime paths the impls use.
fn query() -> TokenStream {
    quote!(::smithy_lean_runtime::protocol::query)
}

fn xml() -> TokenStream {
    quote!(::smithy_lean_runtime::protocol::xml)
}

fn format_of(m: &Member) -> TokenStream {
    let variant = ident(
        m.timestamp_format
            .unwrap_or(TimestampFormat::DateTime)
            .variant(),
    );
    quote!(::smithy_lean_runtime::primitives::TimestampFormat::#variant)
}

fn struct_to_query(krate: &Crate, ty: &TypeDef, s: &Struct) -> TokenStream {
    let name = type_path(ty);
    let query = query();
    let members: Vec<TokenStream> = s
        .members
        .iter()
        .map(|m| {
            let field = ident(&m.field);
            let write = write_member(krate, m, quote!(value));
            if m.required {
                quote! {
                    let value = &self.#field;
                    #write
                }
            } else {
                quote! {
                    if let ::std::option::Option::Some(value) = &self.#field {
                        #write
                    }
                }
            }
        })
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
            let (member, inner_items) = match items {
                XmlItems::List { member, items } => (member.as_str(), items.as_ref()),
                _ => ("member", &XmlItems::None),
            };
            let write = write_value(krate, m, inner, inner_items, false, quote!(item));
            quote! {
                writer.list(&key, #member, #flattened, #value, |writer, key, item| {
                    let key = key.to_owned();
                    #write
                });
            }
        }
        TypeRef::Map(_, inner) => {
            let (k, v, inner_items) = match items {
                XmlItems::Map { key, value, items } => {
                    (key.as_str(), value.as_str(), items.as_ref())
                }
                _ => ("key", "value", &XmlItems::None),
            };
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

fn struct_from_xml(krate: &Crate, ty: &TypeDef, s: &Struct) -> TokenStream {
    let name = type_path(ty);
    let xml = xml();
    let locals = s.members.iter().map(|m| {
        let local = local(m);
        let stored = rust_type(krate, &m.ty);
        quote!(let mut #local: ::std::option::Option<#stored> = ::std::option::Option::None;)
    });
    let attributes = s.members.iter().filter_map(|m| {
        let attribute = m.xml.attribute.as_ref()?;
        let local = local(m);
        let read = read_value(krate, m, &m.ty, &m.xml.items);
        Some(quote! {
            if let ::std::option::Option::Some(attribute) = #xml::attribute_element(element, #attribute) {
                #local = ::std::option::Option::Some((#read)(&attribute)?);
            }
        })
    });
    // Services send an error's message as `<Message>` whatever the member's
    // case (`message` in most models).
    let message = s.error.as_ref().and_then(|e| e.message_member);
    let arms = s
        .members
        .iter()
        .enumerate()
        .filter(|(_, m)| m.xml.attribute.is_none())
        .map(|(i, m)| {
            let local = local(m);
            let name = &m.xml.name;
            let name = if message == Some(i) && name != "Message" {
                quote!(#name | "Message")
            } else {
                quote!(#name)
            };
            let body = match (&m.ty, m.xml.flattened, &m.xml.items) {
                (TypeRef::List(inner), true, XmlItems::List { items, .. }) => {
                    let read = read_value(krate, m, inner, items);
                    quote!(#local.get_or_insert_with(::std::vec::Vec::new).push((#read)(child)?);)
                }
                (
                    TypeRef::Map(key, value),
                    true,
                    XmlItems::Map {
                        key: k,
                        value: v,
                        items,
                    },
                ) => {
                    let read_key = read_value(krate, m, key, &XmlItems::None);
                    let read_value = read_value(krate, m, value, items);
                    quote! {
                        let (k, v) = #xml::map_entry(child, (#k, #v), #read_key, #read_value)?;
                        #local.get_or_insert_with(::std::collections::HashMap::new).insert(k, v);
                    }
                }
                _ => {
                    let read = read_value(krate, m, &m.ty, &m.xml.items);
                    quote!(#local = ::std::option::Option::Some((#read)(child)?);)
                }
            };
            quote!(#name => { #body })
        })
        .collect::<Vec<_>>();
    // The impl sits in the type's file, beside its builder.
    let builder = ident(&s.builder);
    let sets = s.members.iter().map(|m| {
        let local = local(m);
        let setter = ident(&format!("set_{}", m.field.trim_start_matches("r#")));
        // A required member the response leaves out reads as its zero value,
        // as in JSON; structures, unions and enums have none.
        let zero = m.required && m.default.is_none() && !matches!(m.ty, TypeRef::Named(_));
        let value = if zero {
            quote!(::std::option::Option::Some(#local.unwrap_or_default()))
        } else {
            quote!(#local)
        };
        let value = if m.boxed {
            quote!(#value.map(::std::boxed::Box::new))
        } else {
            value
        };
        quote!(.#setter(#value))
    });
    let finish = if s.build_can_fail() {
        quote!(#builder::default() #(#sets)* .build().map_err(|e| e.to_string()))
    } else {
        quote!(::std::result::Result::Ok(#builder::default() #(#sets)* .build()))
    };
    let element = if s.members.is_empty() {
        quote!(_element)
    } else {
        quote!(element)
    };
    let walk = (!arms.is_empty()).then(|| {
        quote! {
            for child in element.children() {
                match child.name() {
                    #(#arms)*
                    _ => {}
                }
            }
        }
    });
    quote! {
        impl #xml::FromXml for #name {
            fn from_xml(#element: &#xml::Element) -> ::std::result::Result<Self, ::std::string::String> {
                #(#locals)*
                #(#attributes)*
                #walk
                #finish
            }
        }
    }
}

fn union_from_xml(krate: &Crate, ty: &TypeDef, u: &Struct) -> TokenStream {
    let name = type_path(ty);
    let xml = xml();
    let arms = u.members.iter().map(|m| {
        let variant = ident(&m.variant);
        let name = &m.xml.name;
        if m.ty == TypeRef::Unit {
            return quote!(#name => return ::std::result::Result::Ok(Self::#variant),);
        }
        let read = read_value(krate, m, &m.ty, &m.xml.items);
        let value = if m.boxed {
            quote!(::std::boxed::Box::new((#read)(child)?))
        } else {
            quote!((#read)(child)?)
        };
        quote!(#name => return ::std::result::Result::Ok(Self::#variant(#value)),)
    });
    quote! {
        impl #xml::FromXml for #name {
            fn from_xml(element: &#xml::Element) -> ::std::result::Result<Self, ::std::string::String> {
                for child in element.children() {
                    match child.name() {
                        #(#arms)*
                        _ => {}
                    }
                }
                ::std::result::Result::Ok(Self::Unknown)
            }
        }
    }
}

/// A reader of `ty` from an element: an expression callable as
/// `(read)(&element) -> Result<T, String>`.
fn read_value(krate: &Crate, m: &Member, ty: &TypeRef, items: &XmlItems) -> TokenStream {
    let xml = xml();
    match ty {
        TypeRef::Bool => quote!(#xml::boolean),
        TypeRef::Byte => quote!(#xml::integer::<i8>),
        TypeRef::Short => quote!(#xml::integer::<i16>),
        TypeRef::Integer => quote!(#xml::integer::<i32>),
        TypeRef::Long => quote!(#xml::integer::<i64>),
        TypeRef::Float => quote!(#xml::float::<f32>),
        TypeRef::Double => quote!(#xml::float::<f64>),
        TypeRef::String => quote!(#xml::string),
        TypeRef::Blob => quote!(#xml::blob),
        TypeRef::Timestamp => {
            let format = format_of(m);
            quote!(|e: &#xml::Element| #xml::timestamp(e, #format))
        }
        TypeRef::Named(id) => {
            let def = krate.ty(*id);
            let path = type_path(def);
            match &def.kind {
                TypeKind::Enum(_) => {
                    quote!(|e: &#xml::Element| #xml::string(e).map(#path::from))
                }
                _ => quote!(<#path as #xml::FromXml>::from_xml),
            }
        }
        TypeRef::Sparse(inner) => {
            let read = read_value(krate, m, inner, items);
            quote!(|e: &#xml::Element| (#read)(e).map(::std::option::Option::Some))
        }
        TypeRef::List(inner) => {
            let (member, inner_items) = match items {
                XmlItems::List { member, items } => (member.as_str(), items.as_ref()),
                _ => ("member", &XmlItems::None),
            };
            let read = read_value(krate, m, inner, inner_items);
            quote!(|e: &#xml::Element| #xml::list(e, #member, #read))
        }
        TypeRef::Map(key, value) => {
            let (k, v, inner_items) = match items {
                XmlItems::Map { key, value, items } => {
                    (key.as_str(), value.as_str(), items.as_ref())
                }
                _ => ("key", "value", &XmlItems::None),
            };
            let read_key = read_value(krate, m, key, &XmlItems::None);
            let read_value = read_value(krate, m, value, inner_items);
            quote!(|e: &#xml::Element| #xml::map(e, (#k, #v), #read_key, #read_value))
        }
        TypeRef::Unit => quote!(|_: &#xml::Element| ::std::result::Result::Ok(())),
        TypeRef::Document | TypeRef::BigInteger | TypeRef::BigDecimal => {
            quote!(|_: &#xml::Element| ::std::result::Result::Err(::std::string::String::from("not readable from XML")))
        }
    }
}

fn local(m: &Member) -> proc_macro2::Ident {
    ident(&format!("member_{}", m.field.trim_start_matches("r#")))
}
