//! `aws.protocols#restXml`: restJson1's HTTP bindings with XML bodies. The
//! operation code is restJson1's with this module's [`XML`] codec: input
//! bodies and structure payloads written through the generated `ToXml`
//! impls (the root named by `@xmlName` or the shape's name, declaring its
//! `@xmlNamespace` or the service's), outputs read through `FromXml`, errors
//! from `<ErrorResponse><Error>` (or a bare `<Error>`) by their `Code`.

use proc_macro2::TokenStream;
use quote::quote;

use super::rest_json1::emit::{operation_file_with, Codec};
use crate::ir::{Crate, Member, Operation, TypeDef, TypeKind, TypeRef, XmlNamespace};

/// The protocol file of an operation.
pub fn operation_file(krate: &Crate, op: &Operation) -> TokenStream {
    operation_file_with(krate, op, &XML)
}

/// The `ToXml` and `FromXml` impls of a type.
pub fn type_impls(krate: &Crate, ty: &TypeDef) -> TokenStream {
    let to_xml = super::xml_body::to_xml_impl(krate, ty);
    let from_xml = super::xml_body::from_xml_impl(krate, ty);
    quote!(#to_xml #from_xml)
}

/// restXml's codec.
const XML: Codec = Codec {
    content_type: "application/xml",
    input_body: |krate, op| {
        let ty = krate.ty(op.input);
        let (name, namespace) = root(krate, ty, None);
        write_document(quote!(input), &name, namespace)
    },
    payload: |krate, m| {
        let TypeRef::Named(id) = &m.ty else {
            return quote!(::std::vec::Vec::new());
        };
        let (name, namespace) = root(krate, krate.ty(*id), Some(m));
        write_document(quote!(value), &name, namespace)
    },
    unset_payload: None,
    parse: |ty, body| quote!(<#ty as protocol::xml::FromXml>::from_xml(&protocol::xml::root_or_empty(#body)?)?),
    parse_error: |ty, body| quote!(<#ty as protocol::xml::FromXml>::from_xml(&protocol::query::error_element(#body)?)?),
    empty: |ty| quote!(<#ty as protocol::xml::FromXml>::from_xml(&protocol::xml::Element::default())?),
    parse_unwrapped: |ty, body| {
        quote! {
            <#ty as protocol::xml::FromXml>::from_xml(
                &protocol::xml::Element::wrapping(protocol::xml::root_or_empty(#body)?),
            )?
        }
    },
};

/// The root element of a body that is `ty`, the target of payload member
/// `member` if it is one: the member's `@xmlName`, else the shape's
/// `@xmlName` or name; the member's namespace, else the shape's, else the
/// service's.
fn root<'a>(
    krate: &'a Crate,
    ty: &'a TypeDef,
    member: Option<&'a Member>,
) -> (String, Option<&'a XmlNamespace>) {
    let (shape_name, shape_namespace) = match &ty.kind {
        TypeKind::Struct(s) | TypeKind::Union(s) => (s.xml_root.0.clone(), s.xml_root.1.as_ref()),
        TypeKind::Enum(_) => (ty.name.clone(), None),
    };
    let renamed = member.filter(|m| m.xml.renamed);
    let name = renamed.map_or(shape_name, |m| m.xml.name.clone());
    let namespace = member
        .and_then(|m| m.xml.namespace.as_ref())
        .or(shape_namespace)
        .or(krate.service.xml_namespace.as_ref());
    (name, namespace)
}

/// Code writing `value` (a reference) as a whole document whose root is `name`.
fn write_document(value: TokenStream, name: &str, namespace: Option<&XmlNamespace>) -> TokenStream {
    let attributes = match namespace {
        Some(ns) => {
            let (key, uri) = ns.attribute();
            quote!(&[(#key, #uri)])
        }
        None => quote!(&[]),
    };
    quote! {{
        let mut writer = protocol::xml::XmlWriter::new();
        protocol::xml::ToXml::to_xml(#value, &mut writer, #name, #attributes);
        writer.finish()
    }}
}
