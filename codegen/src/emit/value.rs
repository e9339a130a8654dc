//! Rust expressions that construct a checked node [`Value`] as the type a
//! member has: builders for structures, `vec![..]` for lists, and so on.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::tokens::{ident, type_path};
use crate::ir::{Crate, Member, TypeKind, TypeRef, Value};

/// An expression of type `ty` holding `value`. A value that does not fit
/// the type (which the IR's checks rule out) becomes a `compile_error!`
/// naming both, so that it can never pass unnoticed.
pub fn expr(krate: &Crate, ty: &TypeRef, value: &Value) -> TokenStream {
    match (ty, value) {
        (TypeRef::Bool, Value::Bool(b)) => quote!(#b),
        (TypeRef::Byte | TypeRef::Short | TypeRef::Integer | TypeRef::Long, Value::Integer(i)) => {
            let i = Literal::i64_unsuffixed(*i);
            quote!(#i)
        }
        (TypeRef::Float | TypeRef::Double, Value::Float(f)) => float(ty, *f),
        (TypeRef::String, Value::String(s)) => quote!(#s.to_owned()),
        (TypeRef::BigInteger, Value::BigNumber(text)) => {
            quote!(#text.parse::<crate::primitives::BigInteger>().expect("an integer"))
        }
        (TypeRef::BigDecimal, Value::BigNumber(text)) => {
            quote!(#text.parse::<crate::primitives::BigDecimal>().expect("a decimal number"))
        }
        (TypeRef::Blob, Value::Blob(bytes)) => {
            let bytes = Literal::byte_string(bytes);
            quote!(crate::primitives::Blob::new(*#bytes))
        }
        (TypeRef::Timestamp, Value::Timestamp(t)) => {
            let secs = Literal::i64_unsuffixed(t.secs);
            if t.nanos == 0 {
                quote!(crate::primitives::DateTime::from_secs(#secs))
            } else {
                let nanos = Literal::u32_unsuffixed(t.nanos);
                quote!(crate::primitives::DateTime::from_secs_and_nanos(#secs, #nanos))
            }
        }
        (TypeRef::List(item), Value::List(items)) => {
            let items = items.iter().map(|v| expr(krate, item, v));
            quote!(vec![#(#items),*])
        }
        (TypeRef::Map(key, value), Value::Map(entries)) => {
            let entries = entries.iter().map(|(k, v)| {
                let k = expr(krate, key, &Value::String(k.clone()));
                let v = expr(krate, value, v);
                quote!((#k, #v))
            });
            quote!(::std::collections::HashMap::from([#(#entries),*]))
        }
        (TypeRef::Document, Value::Document(json)) => {
            let text = json.to_string();
            quote! {
                crate::primitives::Document::from(
                    ::serde_json::from_str::<::serde_json::Value>(#text).expect("a JSON document"),
                )
            }
        }
        (TypeRef::Sparse(_), Value::Null) => quote!(::std::option::Option::None),
        (TypeRef::Sparse(inner), value) => {
            let value = expr(krate, inner, value);
            quote!(::std::option::Option::Some(#value))
        }
        (TypeRef::Named(id), value) => named(krate, *id, value),
        (ty, value) => mismatch(ty, value),
    }
}

fn float(ty: &TypeRef, f: f64) -> TokenStream {
    let prim = if *ty == TypeRef::Float {
        quote!(f32)
    } else {
        quote!(f64)
    };
    if f.is_nan() {
        quote!(#prim::NAN)
    } else if f == f64::INFINITY {
        quote!(#prim::INFINITY)
    } else if f == f64::NEG_INFINITY {
        quote!(#prim::NEG_INFINITY)
    } else if *ty == TypeRef::Float {
        let f = Literal::f32_unsuffixed(f as f32);
        quote!(#f)
    } else {
        let f = Literal::f64_unsuffixed(f);
        quote!(#f)
    }
}

fn named(krate: &Crate, id: crate::ir::TypeId, value: &Value) -> TokenStream {
    let def = krate.ty(id);
    let path = type_path(def);
    match (&def.kind, value) {
        (TypeKind::Enum(_), Value::String(s)) => quote!(#path::from(#s)),
        (TypeKind::Struct(s), Value::Struct(values)) => {
            // A member given as `null` is unset.
            let calls = values
                .iter()
                .filter(|(_, v)| *v != Value::Null)
                .map(|(name, v)| match member(&s.members, name) {
                    Some(m) => {
                        let setter = ident(&m.setter);
                        let v = stored(krate, m, v);
                        quote!(.#setter(::std::option::Option::Some(#v)))
                    }
                    None => unknown_member(&def.shape_id, name),
                });
            let build = if s.build_can_fail() {
                quote!(.build().expect("the value sets every required member"))
            } else {
                quote!(.build())
            };
            quote!(#path::builder() #(#calls)* #build)
        }
        (TypeKind::Union(u), Value::Struct(values)) if values.len() == 1 => {
            let (name, v) = &values[0];
            match member(&u.members, name) {
                Some(m) if m.ty == TypeRef::Unit => {
                    let variant = ident(&m.variant);
                    quote!(#path::#variant)
                }
                Some(m) => {
                    let variant = ident(&m.variant);
                    let v = stored(krate, m, v);
                    quote!(#path::#variant(#v))
                }
                None => unknown_member(&def.shape_id, name),
            }
        }
        _ => {
            let text = format!("{} cannot hold the value {value:?}", def.shape_id);
            quote!(compile_error!(#text))
        }
    }
}

fn member<'a>(members: &'a [Member], name: &str) -> Option<&'a Member> {
    members.iter().find(|m| m.wire_name == name)
}

/// The value as the field stores it: boxed where the IR boxes it.
fn stored(krate: &Crate, m: &Member, value: &Value) -> TokenStream {
    let v = expr(krate, &m.ty, value);
    if m.boxed {
        quote!(::std::boxed::Box::new(#v))
    } else {
        v
    }
}

fn unknown_member(shape: &str, name: &str) -> TokenStream {
    let text = format!("{shape} has no member {name}");
    quote!(compile_error!(#text))
}

fn mismatch(ty: &TypeRef, value: &Value) -> TokenStream {
    let text = format!("a {ty:?} cannot hold the value {value:?}");
    quote!(compile_error!(#text))
}
