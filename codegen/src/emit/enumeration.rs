//! A string enum: known values as variants, anything else in `Unknown`.

use proc_macro2::TokenStream;
use quote::quote;

use super::tokens::{doc, ident};
use crate::ir::{Enum, TypeDef};

pub fn emit(ty: &TypeDef, e: &Enum) -> TokenStream {
    let name = ident(&ty.name);
    let docs = doc(&ty.docs);
    let variants = e.variants.iter().map(|v| {
        let docs = doc(&v.docs);
        let variant = ident(&v.name);
        quote!(#docs #variant,)
    });
    let to_str = e.variants.iter().map(|v| {
        let (variant, value) = (ident(&v.name), &v.value);
        quote!(Self::#variant => #value,)
    });
    let from_str = e.variants.iter().map(|v| {
        let (variant, value) = (ident(&v.name), &v.value);
        quote!(#value => Self::#variant,)
    });
    let values = e.variants.iter().map(|v| &v.value);
    quote! {
        #docs
        ///
        /// A value this version of the crate does not know parses into
        /// `Unknown` and serialises back unchanged.
        #[non_exhaustive]
        #[derive(Clone, Debug, PartialEq, Eq, Hash, ::serde::Serialize, ::serde::Deserialize)]
        #[serde(from = "::std::string::String", into = "::std::string::String")]
        pub enum #name {
            #(#variants)*
            /// A value the model does not list.
            Unknown(crate::primitives::UnknownValue),
        }

        impl #name {
            /// The value as it travels on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(#to_str)*
                    Self::Unknown(value) => value.as_str(),
                }
            }

            /// Every value the model lists, in sorted order.
            pub const fn values() -> &'static [&'static str] {
                &[#(#values),*]
            }
        }

        impl ::std::convert::From<&str> for #name {
            fn from(value: &str) -> Self {
                match value {
                    #(#from_str)*
                    other => Self::Unknown(crate::primitives::UnknownValue::new(other)),
                }
            }
        }

        impl ::std::convert::From<::std::string::String> for #name {
            fn from(value: ::std::string::String) -> Self {
                Self::from(value.as_str())
            }
        }

        impl ::std::convert::From<#name> for ::std::string::String {
            fn from(value: #name) -> Self {
                value.as_str().to_owned()
            }
        }

        impl ::std::str::FromStr for #name {
            type Err = ::std::convert::Infallible;

            fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
                ::std::result::Result::Ok(Self::from(value))
            }
        }

        impl ::std::convert::AsRef<str> for #name {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    }
}
