//! XML bodies, as the XML protocols share them: each structure's and
//! union's `FromXml` impl (its body members from child elements and
//! attributes; awsQuery, ec2Query and restXml) and `ToXml` impl (restXml
//! request bodies), emitted beside the type.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::tokens::{ident, rust_type, type_path};
use crate::ir::{
    Crate, Location, Member, Struct, TimestampFormat, TypeDef, TypeKind, TypeRef, XmlItems,
};

fn xml() -> TokenStream {
    quote!(::smithy_lean_runtime::protocol::xml)
}

/// The runtime's `TimestampFormat` of a member's timestamps: its
/// `@timestampFormat`, else `date-time`.
pub(crate) fn format_of(m: &Member) -> TokenStream {
    let variant = ident(
        m.timestamp_format
            .unwrap_or(TimestampFormat::DateTime)
            .variant(),
    );
    quote!(::smithy_lean_runtime::primitives::TimestampFormat::#variant)
}

/// The `FromXml` impl of a structure or union (nothing for an enum).
pub fn from_xml_impl(krate: &Crate, ty: &TypeDef) -> TokenStream {
    match &ty.kind {
        TypeKind::Struct(s) => struct_from_xml(krate, ty, s),
        TypeKind::Union(u) => union_from_xml(krate, ty, u),
        TypeKind::Enum(_) => quote!(),
    }
}

fn struct_from_xml(krate: &Crate, ty: &TypeDef, s: &Struct) -> TokenStream {
    let name = type_path(ty);
    let xml = xml();
    let locals = s.members.iter().map(|m| {
        let local = local(m);
        let stored = rust_type(krate, &m.ty);
        // Only body members are read here.
        let mutable = (m.location == Location::Body).then(|| quote!(mut));
        quote!(let #mutable #local: ::std::option::Option<#stored> = ::std::option::Option::None;)
    });
    // Members bound to headers, the status or the payload are read elsewhere.
    let attributes = s.members.iter().filter(|m| m.location == Location::Body).filter_map(|m| {
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
        .filter(|(_, m)| m.xml.attribute.is_none() && m.location == Location::Body)
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
                        ..
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
    let element = if s.members.iter().all(|m| m.location != Location::Body) {
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
            let (member, inner_items) = items.list();
            let read = read_value(krate, m, inner, inner_items);
            quote!(|e: &#xml::Element| #xml::list(e, #member, #read))
        }
        TypeRef::Map(key, value) => {
            let (k, v, inner_items) = items.map();
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

/// The `ToXml` impl of a structure or union (nothing for an enum): the
/// element with its namespace and `@xmlAttribute` members, then each set
/// body member as a child.
pub fn to_xml_impl(krate: &Crate, ty: &TypeDef) -> TokenStream {
    let xml = xml();
    let name = type_path(ty);
    let (s, union) = match &ty.kind {
        TypeKind::Struct(s) => (s, false),
        TypeKind::Union(u) => (u, true),
        TypeKind::Enum(_) => return quote!(),
    };
    let namespace = match s.xml_root.1.as_ref() {
        Some(ns) => {
            let (key, value) = ns.attribute();
            quote!(::std::option::Option::Some((#key, #value)))
        }
        None => quote!(::std::option::Option::None),
    };
    let body = |m: &&Member| m.location == Location::Body;
    let own_attributes: Vec<TokenStream> = s
        .members
        .iter()
        .filter(body)
        .filter_map(|m| {
            let attribute = m.xml.attribute.as_ref()?;
            let field = ident(&m.field);
            Some(if m.required {
                let text = scalar_text(krate, m, &m.ty, quote!((&self.#field)))?;
                quote!((#attribute, ::std::option::Option::Some(#text)))
            } else {
                let text = scalar_text(krate, m, &m.ty, quote!(value))?;
                quote!((#attribute, self.#field.as_ref().map(|value| #text)))
            })
        })
        .collect();
    let children = s
        .members
        .iter()
        .filter(body)
        .filter(|m| m.xml.attribute.is_none())
        .map(|m| {
            let write = write_member(krate, m, quote!(value));
            if union {
                let variant = ident(&m.variant);
                if m.ty == TypeRef::Unit {
                    let element = &m.xml.name;
                    return quote!(Self::#variant => writer.element(#element, &[], ""),);
                }
                return quote!(Self::#variant(value) => { #write });
            }
            when_set(m, write)
        });
    let children = if union {
        quote! {
            match self {
                #(#children)*
                Self::Unknown => {}
            }
        }
    } else {
        quote!(#(#children)*)
    };
    quote! {
        impl #xml::ToXml for #name {
            fn to_xml(&self, writer: &mut #xml::XmlWriter, name: &str, attributes: &[(&str, &str)]) {
                writer.start_shape(name, attributes, #namespace, &[#(#own_attributes),*]);
                #children
                writer.end(name);
            }
        }
    }
}

/// `write` (which names the member's value `value`, a reference) for a
/// member of `self` that is set; a required member always is.
pub(crate) fn when_set(m: &Member, write: TokenStream) -> TokenStream {
    let field = ident(&m.field);
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
}

/// The text of a scalar `value` (a reference to a `ty`), or `None` for an
/// aggregate.
fn scalar_text(krate: &Crate, m: &Member, ty: &TypeRef, value: TokenStream) -> Option<TokenStream> {
    let xml = xml();
    Some(match ty {
        TypeRef::Bool | TypeRef::Byte | TypeRef::Short | TypeRef::Integer | TypeRef::Long => {
            quote!(#value.to_string())
        }
        TypeRef::Float | TypeRef::Double => quote!(#xml::float_text(*#value)),
        TypeRef::String => quote!(#value.clone()),
        TypeRef::Blob => quote!(#xml::blob_text(#value)),
        TypeRef::Timestamp => {
            let format = format_of(m);
            quote!(#value.format(#format))
        }
        TypeRef::Named(id) if matches!(krate.ty(*id).kind, TypeKind::Enum(_)) => {
            quote!(#value.as_str().to_owned())
        }
        _ => return None,
    })
}

/// The `xmlns` declarations of a namespace, as `&[(&str, &str)]` tokens.
fn namespace_attributes(namespace: Option<&crate::ir::XmlNamespace>) -> TokenStream {
    match namespace {
        Some(ns) => {
            let (key, value) = ns.attribute();
            quote!(&[(#key, #value)])
        }
        None => quote!(&[]),
    }
}

/// Writes member `m`, whose value is the reference `value`, as its element(s).
fn write_member(krate: &Crate, m: &Member, value: TokenStream) -> TokenStream {
    let name = &m.xml.name;
    let attributes = namespace_attributes(m.xml.namespace.as_ref());
    write_value(
        krate,
        m,
        &m.ty,
        &m.xml.items,
        m.xml.flattened,
        name,
        attributes,
        value,
    )
}

/// Writes `value` (a reference to a `ty`) as the element `name` with
/// `attributes`; a flattened list or map as one element per item.
#[allow(clippy::too_many_arguments)]
fn write_value(
    krate: &Crate,
    m: &Member,
    ty: &TypeRef,
    items: &XmlItems,
    flattened: bool,
    name: &str,
    attributes: TokenStream,
    value: TokenStream,
) -> TokenStream {
    let xml = xml();
    if *ty == TypeRef::String {
        return quote!(writer.element(#name, #attributes, #value););
    }
    if let Some(text) = scalar_text(krate, m, ty, value.clone()) {
        return quote!(writer.element(#name, #attributes, &#text););
    }
    match ty {
        TypeRef::Named(_) => quote!(#xml::ToXml::to_xml(#value, writer, #name, #attributes);),
        TypeRef::Sparse(inner) => {
            let write = write_value(
                krate,
                m,
                inner,
                items,
                false,
                name,
                attributes,
                quote!(item),
            );
            quote! {
                if let ::std::option::Option::Some(item) = #value {
                    #write
                }
            }
        }
        TypeRef::List(inner) => {
            let (member, namespace, inner_items) = match items {
                XmlItems::List {
                    member,
                    namespace,
                    items,
                } => (member.as_str(), namespace.as_ref(), items.as_ref()),
                _ => ("member", None, &XmlItems::None),
            };
            let item_attributes = namespace_attributes(namespace);
            if flattened {
                let write = write_value(
                    krate,
                    m,
                    inner,
                    inner_items,
                    false,
                    name,
                    attributes,
                    quote!(item),
                );
                quote! {
                    for item in #value {
                        #write
                    }
                }
            } else {
                let write = write_value(
                    krate,
                    m,
                    inner,
                    inner_items,
                    false,
                    member,
                    item_attributes,
                    quote!(item),
                );
                quote! {
                    writer.start(#name, #attributes);
                    for item in #value {
                        #write
                    }
                    writer.end(#name);
                }
            }
        }
        TypeRef::Map(key, inner) => {
            let (k, v, (key_ns, value_ns), inner_items) = match items {
                XmlItems::Map {
                    key,
                    value,
                    namespaces,
                    items,
                } => (
                    key.as_str(),
                    value.as_str(),
                    (namespaces.0.as_ref(), namespaces.1.as_ref()),
                    items.as_ref(),
                ),
                _ => ("key", "value", (None, None), &XmlItems::None),
            };
            let write_key = write_value(
                krate,
                m,
                key,
                &XmlItems::None,
                false,
                k,
                namespace_attributes(key_ns),
                quote!(key),
            );
            let write_value = write_value(
                krate,
                m,
                inner,
                inner_items,
                false,
                v,
                namespace_attributes(value_ns),
                quote!(item),
            );
            let entry = if flattened {
                quote! {
                    writer.start(#name, #attributes);
                    #write_key
                    #write_value
                    writer.end(#name);
                }
            } else {
                quote! {
                    writer.start("entry", &[]);
                    #write_key
                    #write_value
                    writer.end("entry");
                }
            };
            let (open, close) = if flattened {
                (quote!(), quote!())
            } else {
                (
                    quote!(writer.start(#name, #attributes);),
                    quote!(writer.end(#name);),
                )
            };
            quote! {
                #open
                let mut entries: ::std::vec::Vec<_> = #value.iter().collect();
                entries.sort_by(|a, b| a.0.as_str().cmp(b.0.as_str()));
                for (key, item) in entries {
                    #entry
                }
                #close
            }
        }
        _ => quote!(),
    }
}
