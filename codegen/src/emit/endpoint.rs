//! `crate::endpoint`: the endpoint parameters, the resolver compiled from the
//! rule set (one labelled block per rule), the partitions table and the
//! model's endpoint test cases.

use proc_macro2::{Literal, TokenStream};
use quote::quote;
use serde_json::Value;

use super::tokens::{doc, ident};
use crate::ir::endpoint::{
    Body, BuiltIn, Condition, EndpointTest, Expected, Expr, ExprKind, Function, Property, Rule,
    RuleSet, Test, Ty,
};
use crate::ir::{Partition, PartitionOutputs};

/// `src/endpoint/mod.rs`.
pub fn module(rules: &RuleSet) -> TokenStream {
    let fields = rules.params.iter().map(|p| {
        let field = ident(&p.field);
        let docs = doc(&p.docs);
        let ty = match p.ty {
            Ty::Bool => quote!(bool),
            Ty::StrArray => quote!(::std::vec::Vec<::std::string::String>),
            _ => quote!(::std::string::String),
        };
        let ty = if p.optional {
            quote!(::std::option::Option<#ty>)
        } else {
            ty
        };
        quote!(#docs pub #field: #ty,)
    });
    let defaults = rules.params.iter().map(|p| {
        let field = ident(&p.field);
        let value = match &p.default {
            Some(v) => json_value(v),
            None => quote!(::std::option::Option::None),
        };
        let value = if p.optional && p.default.is_some() {
            quote!(::std::option::Option::Some(#value))
        } else {
            value
        };
        quote!(#field: #value,)
    });
    let from_config: Vec<TokenStream> = rules
        .params
        .iter()
        .filter_map(|p| {
            let field = ident(&p.field);
            let default = match &p.default {
                Some(Value::String(s)) => Some(s.as_str()),
                _ => None,
            };
            let value = match p.built_in? {
                BuiltIn::Region | BuiltIn::Endpoint => {
                    let source = if p.built_in == Some(BuiltIn::Region) {
                        quote!(config.region().map(|region| region.as_str().to_owned()))
                    } else {
                        quote!(config.endpoint_url().map(str::to_owned))
                    };
                    match (p.optional, default) {
                        (true, None) => source,
                        (true, Some(d)) => {
                            quote!(#source.or_else(|| ::std::option::Option::Some(#d.to_owned())))
                        }
                        (false, d) => {
                            let d = d.unwrap_or_default();
                            quote!(#source.unwrap_or_else(|| #d.to_owned()))
                        }
                    }
                }
                // Unset unless configured: the rules' default decides.
                BuiltIn::S3UseArnRegion => match (p.optional, &p.default) {
                    (true, None) => quote!(config.use_arn_region()),
                    (true, Some(d)) => {
                        let d = json_value(d);
                        quote!(::std::option::Option::Some(config.use_arn_region().unwrap_or(#d)))
                    }
                    (false, d) => {
                        let d = d.as_ref().map_or(quote!(false), json_value);
                        quote!(config.use_arn_region().unwrap_or(#d))
                    }
                },
                flag => {
                    let getter = ident(flag.config_getter());
                    if p.optional {
                        quote!(::std::option::Option::Some(config.#getter()))
                    } else {
                        quote!(config.#getter())
                    }
                }
            };
            Some(quote!(#field: #value,))
        })
        .collect();
    let rest = (from_config.len() < rules.params.len()).then(|| quote!(..Params::default()));
    let from_config_body = if from_config.is_empty() {
        quote!(Params::default())
    } else {
        quote!(Params { #(#from_config)* #rest })
    };
    let derivable = rules.params.iter().all(|p| match &p.default {
        None => p.optional,
        Some(Value::Bool(b)) => !b && !p.optional,
        Some(_) => false,
    });
    let (derive_default, default_impl) = if derivable {
        (quote!(Default,), quote!())
    } else {
        (
            quote!(),
            quote! {
                impl Default for Params {
                    fn default() -> Params {
                        Params { #(#defaults)* }
                    }
                }
            },
        )
    };
    let required = rules.params.iter().filter(|p| p.required).map(|p| {
        let field = ident(&p.field);
        let message = format!("the endpoint parameter {} is required", p.name);
        let value = match p.ty {
            Ty::Str | Ty::StrArray => quote!(params.#field.as_deref()),
            _ => quote!(params.#field),
        };
        quote! {
            let ::std::option::Option::Some(#field) = #value else {
                return ::std::result::Result::Err(EndpointError::new(#message));
            };
        }
    });
    let (body, _) = rule_list(&rules.rules, 0, true);
    // A condition binds what it tests (`let Some(x) = ...`), and a rule set
    // may test a value that it never reads again (S3's does).
    let allow_unused = quote!(#[allow(unused_variables)]);
    let partitions = rules.uses_partitions.then(|| {
        quote!(
            mod partitions;
        )
    });
    let tests = (!rules.tests.is_empty()).then(|| {
        quote! {
            #[cfg(test)]
            mod tests;
        }
    });
    quote! {
        pub use smithy_lean_runtime::endpoint::{Endpoint, EndpointError};

        #partitions
        #tests

        /// The parameters of the endpoint rules. The client fills them from its
        /// [`Config`](crate::Config); set them by hand to call [`resolve`] directly.
        #[non_exhaustive]
        #[derive(Debug, Clone, #derive_default PartialEq, Eq)]
        pub struct Params {
            #(#fields)*
        }

        #default_impl

        impl Params {
            /// The parameters a client with this configuration uses.
            pub fn from_config(config: &crate::Config) -> Params {
                #from_config_body
            }
        }

        /// Resolves the endpoint for these parameters by the service's endpoint rules.
        #allow_unused
        pub fn resolve(params: &Params) -> ::std::result::Result<Endpoint, EndpointError> {
            #(#required)*
            #body
        }

        /// The endpoint for a client's configuration.
        pub(crate) fn resolve_config(config: &crate::Config) -> ::std::result::Result<Endpoint, EndpointError> {
            resolve(&Params::from_config(config))
        }
    }
}

/// Rules tried in order; when none applies, an error. Also says whether the
/// code always returns (so nothing may follow it).
fn rule_list(rules: &[Rule], depth: usize, tail: bool) -> (TokenStream, bool) {
    let mut out = TokenStream::new();
    for (i, rule) in rules.iter().enumerate() {
        let unconditional = rule
            .conditions
            .iter()
            .all(|c| matches!(c.test, Test::Bind(_)));
        let (tokens, returns) = rule_code(rule, depth, i, tail && unconditional);
        out.extend(tokens);
        if returns {
            return (out, true);
        }
    }
    out.extend(finish(
        quote!(::std::result::Result::Err(EndpointError::new(
            "no endpoint rule matches these parameters"
        ))),
        tail,
    ));
    (out, true)
}

/// The result of the resolver: the function's tail expression at its end,
/// a `return` anywhere else.
fn finish(result: TokenStream, tail: bool) -> TokenStream {
    if tail {
        result
    } else {
        quote!(return #result;)
    }
}

/// One rule; `tail` when it is unconditional and ends the function.
fn rule_code(rule: &Rule, depth: usize, index: usize, tail: bool) -> (TokenStream, bool) {
    let label = syn::Lifetime::new(
        &format!("'rule_{depth}_{index}"),
        proc_macro2::Span::call_site(),
    );
    let conditions = rule.conditions.iter().map(|c| condition(c, &label));
    let body = match &rule.body {
        Body::Tree(rules) => rule_list(rules, depth + 1, tail).0,
        Body::Error(message) => {
            let message = str_ref(message);
            finish(
                quote!(::std::result::Result::Err(EndpointError::new(#message))),
                tail,
            )
        }
        Body::Endpoint {
            url,
            headers,
            properties,
        } => {
            let url = str_ref(url);
            let headers = headers.iter().flat_map(|(name, values)| {
                values.iter().map(move |v| {
                    let v = str_ref(v);
                    quote!(.with_header(#name, #v))
                })
            });
            let properties = properties.iter().map(|(name, p)| {
                let p = property(p);
                quote!(.with_property(#name, #p))
            });
            finish(
                quote!(::std::result::Result::Ok(Endpoint::new(#url) #(#headers)* #(#properties)*)),
                tail,
            )
        }
    };
    if rule
        .conditions
        .iter()
        .all(|c| matches!(c.test, Test::Bind(_)))
    {
        if tail && rule.conditions.is_empty() {
            (body, true)
        } else {
            (quote!({ #(#conditions)* #body }), true)
        }
    } else {
        (quote!(#label: { #(#conditions)* #body }), false)
    }
}

fn condition(c: &Condition, label: &syn::Lifetime) -> TokenStream {
    let v = value(&c.expr);
    match &c.test {
        Test::True => {
            let fails = truth(&c.expr, false);
            quote!(if #fails { break #label; })
        }
        Test::Set(None) => quote!(if (#v).is_none() { break #label; }),
        Test::Set(Some(local)) => {
            let local = ident(local);
            quote!(let ::std::option::Option::Some(#local) = #v else { break #label; };)
        }
        Test::Bind(local) => {
            let local = ident(local);
            quote!(let #local = #v;)
        }
        Test::BindTrue(local) => {
            let local = ident(local);
            quote!(let #local = #v; if !#local { break #label; })
        }
    }
}

/// A boolean expression that is `want`, written as plainly as it can be:
/// `x` or `!x` for a comparison with a literal, `a == b` or `a != b`,
/// `not` folded into its argument.
fn truth(e: &Expr, want: bool) -> TokenStream {
    if let Some((x, literal)) = bool_test(e) {
        return if literal == want { x } else { quote!(!#x) };
    }
    match &e.kind {
        ExprKind::Call(Function::Not, args) if args.len() == 1 => truth(&args[0], !want),
        ExprKind::Call(Function::StringEquals | Function::BooleanEquals, args)
            if args.len() == 2 =>
        {
            let side = |a: &Expr| {
                if a.ty == Ty::Str {
                    str_ref(a)
                } else {
                    value(a)
                }
            };
            let (x, y) = (side(&args[0]), side(&args[1]));
            if want {
                quote!(#x == #y)
            } else {
                quote!(#x != #y)
            }
        }
        _ => {
            let v = value(e);
            if want {
                v
            } else {
                quote!(!(#v))
            }
        }
    }
}

/// `booleanEquals` of a literal and a plain value: the value, and the
/// literal it must equal.
fn bool_test(e: &Expr) -> Option<(TokenStream, bool)> {
    let ExprKind::Call(Function::BooleanEquals, args) = &e.kind else {
        return None;
    };
    let plain = |e: &Expr| {
        matches!(
            e.kind,
            ExprKind::Param(_) | ExprKind::Local(_) | ExprKind::Attr(..)
        )
    };
    match args.as_slice() {
        [Expr {
            kind: ExprKind::Bool(b),
            ..
        }, x]
        | [x, Expr {
            kind: ExprKind::Bool(b),
            ..
        }] if plain(x) => Some((value(x), *b)),
        _ => None,
    }
}

/// An expression's value: `&str` or `String` for strings, `Option`s where optional.
fn value(e: &Expr) -> TokenStream {
    let lib = quote!(::smithy_lean_runtime::endpoint);
    match &e.kind {
        ExprKind::Str(s) => quote!(#s),
        ExprKind::Bool(b) => quote!(#b),
        ExprKind::Int(i) => {
            let i = Literal::i64_unsuffixed(*i);
            quote!(#i)
        }
        ExprKind::Template(parts) => {
            let parts = parts.iter().map(str_ref);
            quote!([#(#parts),*].concat())
        }
        ExprKind::Param(field) => {
            let field = ident(field);
            match (e.ty, e.optional) {
                (Ty::Str | Ty::StrArray, true) => quote!(params.#field.as_deref()),
                (Ty::Str, false) => quote!(params.#field.as_str()),
                (Ty::StrArray, false) => quote!(params.#field.as_slice()),
                _ => quote!(params.#field),
            }
        }
        ExprKind::Local(name) => {
            let name = ident(name);
            quote!(#name)
        }
        ExprKind::Attr(target, field) => {
            // URLs and ARNs own their strings; partitions hold `&'static str`s.
            let owned = matches!(target.ty, Ty::Url | Ty::Arn);
            let target = value(target);
            let field = ident(field);
            match (owned, e.ty) {
                (true, Ty::Str) => quote!(#target.#field.as_str()),
                (true, Ty::StrArray) => quote!(#target.#field.as_slice()),
                _ => quote!(#target.#field),
            }
        }
        ExprKind::Index(list, i) => {
            let list = value(list);
            quote!(#list.get(#i).map(::std::string::String::as_str))
        }
        ExprKind::Call(function, args) => {
            let a: Vec<TokenStream> = args
                .iter()
                .map(|a| {
                    if a.ty == Ty::Str {
                        str_ref(a)
                    } else {
                        value(a)
                    }
                })
                .collect();
            match (function, a.as_slice()) {
                (Function::IsSet, [x]) => quote!(#x.is_some()),
                (Function::Not, [x]) => quote!(!(#x)),
                (Function::BooleanEquals | Function::StringEquals, [x, y]) => quote!((#x == #y)),
                (Function::Partition, [x]) => quote!(partitions::PARTITIONS.find(#x)),
                (Function::ParseUrl, [x]) => quote!(#lib::parse_url(#x)),
                (Function::IsValidHostLabel, [x, y]) => quote!(#lib::is_valid_host_label(#x, #y)),
                (Function::Substring, [x, a, b, r]) => quote!(#lib::substring(#x, #a, #b, #r)),
                (Function::UriEncode, [x]) => quote!(#lib::uri_encode(#x)),
                (Function::ParseArn, [x]) => quote!(#lib::parse_arn(#x)),
                (Function::IsVirtualHostableS3Bucket, [x, y]) => {
                    quote!(#lib::is_virtual_hostable_s3_bucket(#x, #y))
                }
                _ => quote!(compile_error!("endpoint rules: wrong number of arguments")),
            }
        }
    }
}

/// A string expression as a `&str`.
fn str_ref(e: &Expr) -> TokenStream {
    let v = value(e);
    match (e.owned, e.optional) {
        (true, true) => quote!(#v.as_deref()),
        (true, false) => quote!(#v.as_str()),
        (false, _) => v,
    }
}

fn property(p: &Property) -> TokenStream {
    match p {
        Property::Str(e) => {
            let v = str_ref(e);
            quote!(::serde_json::Value::String(#v.to_owned()))
        }
        Property::Bool(b) => quote!(::serde_json::Value::Bool(#b)),
        Property::Number(n) => {
            let text = n.to_string();
            quote!(::serde_json::from_str::<::serde_json::Value>(#text).unwrap_or_default())
        }
        Property::Array(items) => {
            let items = items.iter().map(property);
            quote!(::serde_json::Value::Array(::std::vec![#(#items),*]))
        }
        Property::Object(members) => {
            let members = members.iter().map(|(k, v)| {
                let v = property(v);
                quote!((#k.to_owned(), #v))
            });
            quote!(::serde_json::Value::Object([#(#members),*].into_iter().collect()))
        }
    }
}

/// `src/endpoint/partitions.rs`: the partitions data as a static table.
pub fn partitions(table: &[Partition]) -> TokenStream {
    let outputs = |o: &PartitionOutputs| {
        let PartitionOutputs {
            name,
            dns_suffix,
            dual_stack_dns_suffix,
            supports_fips,
            supports_dual_stack,
            implicit_global_region,
        } = o;
        quote! {
            PartitionOutputs {
                name: #name,
                dns_suffix: #dns_suffix,
                dual_stack_dns_suffix: #dual_stack_dns_suffix,
                supports_fips: #supports_fips,
                supports_dual_stack: #supports_dual_stack,
                implicit_global_region: #implicit_global_region,
            }
        }
    };
    let partitions = table.iter().map(|p| {
        let (id, regex) = (&p.id, &p.region_regex);
        let out = outputs(&p.outputs);
        let regions = p.regions.iter().map(|(name, o)| match o {
            Some(o) => {
                let o = outputs(o);
                quote!((#name, ::std::option::Option::Some(#o)))
            }
            None => quote!((#name, ::std::option::Option::None)),
        });
        quote! {
            Partition {
                id: #id,
                region_regex: #regex,
                outputs: #out,
                regions: &[#(#regions),*],
            }
        }
    });
    quote! {
        use ::smithy_lean_runtime::endpoint::{Partition, PartitionOutputs, PartitionTable};

        /// The AWS partitions, their DNS suffixes, features and regions.
        pub(crate) static PARTITIONS: PartitionTable = PartitionTable::new(&[#(#partitions),*]);
    }
}

/// A parameter's value (a default, a test's setting) as Rust: a `bool`, a
/// `String` or a `Vec<String>`, the only types the IR admits.
fn json_value(v: &Value) -> TokenStream {
    match v {
        Value::Bool(b) => quote!(#b),
        Value::String(s) => quote!(#s.to_owned()),
        Value::Array(items) => {
            let items = items.iter().map(json_value);
            quote!(::std::vec![#(#items),*])
        }
        other => {
            let text = format!("an endpoint parameter cannot hold {other}");
            quote!(compile_error!(#text))
        }
    }
}

/// `src/endpoint/tests.rs`: one test per case of `smithy.rules#endpointTests`.
pub fn tests(rules: &RuleSet) -> TokenStream {
    let width = rules.tests.len().to_string().len();
    let cases = rules
        .tests
        .iter()
        .enumerate()
        .map(|(i, t)| test_case(t, &format!("case_{i:0width$}"), rules.params.len()));
    quote! {
        use super::{resolve, Params};

        #(#cases)*
    }
}

fn test_case(t: &EndpointTest, name: &str, all_params: usize) -> TokenStream {
    let name = ident(name);
    let docs = doc(&t.docs);
    let sets = t.params.iter().map(|(field, optional, v)| {
        let field = ident(field);
        let value = json_value(v);
        if *optional {
            quote!(#field: ::std::option::Option::Some(#value),)
        } else {
            quote!(#field: #value,)
        }
    });
    let rest = (t.params.len() < all_params).then(|| quote!(..Params::default()));
    let check = match &t.expect {
        Expected::Error(message) => quote! {
            let error = resolve(&params).expect_err("the rules reject these parameters");
            assert_eq!(error.message(), #message);
        },
        Expected::Endpoint {
            url,
            headers,
            properties,
        } => {
            // A case that lists no headers or properties expects none.
            let headers = match headers {
                Some(h) => {
                    let entries = h
                        .iter()
                        .map(|(k, vs)| quote!((#k.to_owned(), ::std::vec![#(#vs.to_owned()),*])));
                    quote! {
                        assert_eq!(endpoint.headers(), &::std::collections::BTreeMap::from([#(#entries),*]));
                    }
                }
                None => quote!(assert!(endpoint.headers().is_empty(), "{:?}", endpoint.headers());),
            };
            let properties = match properties {
                Some(p) => {
                    let text = p.to_string();
                    quote! {
                        let expected: ::serde_json::Value = ::serde_json::from_str(#text).expect("valid JSON");
                        assert_eq!(::serde_json::Value::Object(endpoint.properties().clone()), expected);
                    }
                }
                None => {
                    quote!(assert!(endpoint.properties().is_empty(), "{:?}", endpoint.properties());)
                }
            };
            quote! {
                let endpoint = resolve(&params).expect("the rules resolve these parameters");
                assert_eq!(endpoint.url(), #url);
                #headers
                #properties
            }
        }
    };
    quote! {
        #docs
        #[test]
        fn #name() {
            let params = Params { #(#sets)* #rest };
            #check
        }
    }
}
