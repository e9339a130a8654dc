//! The module tree: `lib.rs` with the crate docs, and one `mod.rs` per module
//! that declares the type files and re-exports their items.

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::quote;
use serde_json::Value;

use super::tokens::{doc, ident};
use crate::docs::summary;
use crate::ir::{Crate, Module, Operation, TypeDef, TypeKind, TypeRef};

/// Where a named type's file goes.
pub fn type_path(ty: &TypeDef) -> String {
    match &ty.module {
        Module::Types => format!("src/types/{}.rs", ty.file),
        Module::Error => format!("src/types/error/{}.rs", ty.file),
        Module::Operation(op) => format!("src/operation/{op}/{}.rs", ty.file),
    }
}

/// `lib.rs` and every `mod.rs`, as tokens.
pub fn module_files(krate: &Crate) -> Vec<(String, TokenStream)> {
    let mut by_module: BTreeMap<&Module, Vec<&TypeDef>> = BTreeMap::new();
    for ty in &krate.types {
        by_module.entry(&ty.module).or_default().push(ty);
    }
    let types = by_module.get(&Module::Types).map_or(&[][..], Vec::as_slice);
    let errors = by_module.get(&Module::Error).map_or(&[][..], Vec::as_slice);
    let has_types = !types.is_empty() || !errors.is_empty();
    let mut files = vec![
        ("src/lib.rs".to_owned(), lib_rs(krate, has_types)),
        ("src/operation/mod.rs".to_owned(), operations_mod_rs(krate)),
    ];
    if has_types {
        let error_module = (!errors.is_empty()).then(|| {
            quote! {
                /// The errors the service's operations may return, modeled as structures.
                pub mod error;
            }
        });
        let items = mod_rs(types);
        let builders = builders_module(types, quote!(super));
        files.push((
            "src/types/mod.rs".to_owned(),
            quote!(#error_module #items #builders),
        ));
    }
    if !errors.is_empty() {
        let items = mod_rs(errors);
        let builders = builders_module(errors, quote!(super));
        files.push((
            "src/types/error/mod.rs".to_owned(),
            quote!(#items #builders),
        ));
    }
    for op in &krate.operations {
        let module = Module::Operation(op.module.clone());
        let members = by_module.get(&module).map_or(&[][..], Vec::as_slice);
        let (builder, error) = (ident(&op.builder_type), ident(&op.error_type));
        let types = mod_rs(members);
        let examples = (!op.examples.is_empty()).then(|| {
            quote! {
                /// The model's examples of the operation, as tests.
                #[cfg(test)]
                mod examples;
            }
        });
        let protocol_tests = (!op.protocol_tests.is_empty()).then(|| {
            quote! {
                /// The protocol's compliance tests of the operation and its errors.
                #[cfg(test)]
                mod protocol_tests;
            }
        });
        let tokens = quote! {
            /// The builders of the operation: the client's fluent builder, and
            /// those of the input and output.
            pub mod builders;
            mod error;
            #examples
            mod protocol;
            #protocol_tests
            pub use self::builders::#builder;
            pub use self::error::#error;
            #types
        };
        files.push((format!("src/operation/{}/mod.rs", op.module), tokens));
    }
    files
}

/// A `mod.rs` that declares each file privately and re-exports its items.
fn mod_rs(types: &[&TypeDef]) -> TokenStream {
    let items = types.iter().map(|ty| {
        let file = ident(&ty.file);
        let name = ident(&ty.name);
        let builder = match &ty.kind {
            TypeKind::Struct(s) => {
                let builder = ident(&s.builder);
                quote!(, #builder)
            }
            TypeKind::Enum(_) | TypeKind::Union(_) => quote!(),
        };
        quote! {
            mod #file;
            pub use self::#file::{#name #builder};
        }
    });
    quote!(#(#items)*)
}

/// `pub mod builders`, re-exporting the builders of the structures among
/// `types` from `parent`, where the AWS SDK has them.
pub fn builders_module(types: &[&TypeDef], parent: TokenStream) -> TokenStream {
    let builders: Vec<_> = types
        .iter()
        .filter_map(|ty| match &ty.kind {
            TypeKind::Struct(s) => Some(ident(&s.builder)),
            TypeKind::Enum(_) | TypeKind::Union(_) => None,
        })
        .collect();
    if builders.is_empty() {
        return quote!();
    }
    quote! {
        /// The builders of the structures, as the AWS SDK places them.
        pub mod builders {
            pub use #parent::{#(#builders),*};
        }
    }
}

fn operations_mod_rs(krate: &Crate) -> TokenStream {
    let modules = krate.operations.iter().map(|op| {
        let docs = doc(&operation_docs(krate, op));
        let module = ident(&op.module);
        quote!(#docs pub mod #module;)
    });
    quote!(#(#modules)*)
}

fn lib_rs(krate: &Crate, has_types: bool) -> TokenStream {
    let docs = crate_docs(krate)
        .lines()
        .map(|line| {
            let line = if line.is_empty() {
                String::new()
            } else {
                format!(" {line}")
            };
            quote!(#![doc = #line])
        })
        .collect::<TokenStream>();
    let types = has_types.then(|| {
        quote! {
            /// Structures, enums and modeled errors shared by the operations.
            pub mod types;
        }
    });
    let needs = &krate.primitives;
    let primitives: Vec<_> = [
        (needs.big_decimal, "BigDecimal"),
        (needs.big_integer, "BigInteger"),
        (needs.blob, "Blob"),
        (needs.date_time, "DateTime"),
        (needs.document, "Document"),
        (needs.big_decimal || needs.big_integer, "InvalidNumber"),
        (needs.document, "Number"),
        (needs.unknown_value, "UnknownValue"),
    ]
    .into_iter()
    .filter(|(needed, _)| *needed)
    .map(|(_, name)| ident(name))
    .collect();
    let primitives = (!primitives.is_empty()).then(|| {
        quote! {
            /// Building blocks of the generated types: timestamps, blobs, documents, unknown enum values.
            pub mod primitives {
                pub use smithy_lean_runtime::primitives::{#(#primitives),*};
            }
        }
    });
    let paginated = krate.operations.iter().any(|op| op.paginated.is_some());
    let pagination = paginated.then(|| {
        quote! {
            /// Streams of the pages and items of paginated operations.
            pub mod pagination {
                pub use smithy_lean_runtime::paginator::{Items, PaginationStream, Paginator};
            }
        }
    });
    quote! {
        #docs
        #![forbid(unsafe_code)]
        #![deny(missing_docs)]
        // Deprecated members stay usable; users get the warnings, the crate's own code does not.
        #![allow(deprecated)]

        mod client;
        mod error_meta;

        pub use crate::client::Client;
        pub use crate::config::Config;
        pub use crate::error_meta::Error;

        /// Client configuration: region, endpoint, credentials, retries, timeouts, HTTP transport.
        pub mod config {
            pub use smithy_lean_runtime::config::{
                retry, timeout, BehaviorVersion, Builder, Config, Region, RequestChecksumCalculation,
                ResponseChecksumValidation,
            };
            pub use smithy_lean_runtime::credentials::{
                Credentials, CredentialsError, DefaultCredentialsChain, EnvironmentCredentials, ProvideCredentials,
                SharedCredentialsProvider,
            };

            /// The HTTP transport, to replace the default one.
            pub mod http {
                pub use smithy_lean_runtime::transport::{
                    BoxFuture, ConnectorError, ConnectorErrorKind, HttpClient, HttpRequest, HttpResponse,
                    HyperClient,
                };
            }
        }

        /// Where requests go: the endpoint parameters and the resolver built from the
        /// service's endpoint rules.
        pub mod endpoint;

        /// Errors: [`SdkError`](error::SdkError), which every call returns, the
        /// metadata every error gives, and [`BuildError`](error::BuildError). The
        /// service's modeled errors are in `types::error`.
        pub mod error {
            pub use smithy_lean_runtime::error::{
                BuildError, DisplayErrorContext, ErrorMeta, ProvideErrorMetadata, SdkError, TimeoutKind,
                Unhandled, ValidationError,
            };
        }

        /// One module per operation, with its input, output, error and builders.
        pub mod operation;
        #pagination
        #primitives
        #types
    }
}

/// The crate-level documentation: what the crate is, its operations, and an
/// example built from the model's first example.
fn crate_docs(krate: &Crate) -> String {
    let s = &krate.service;
    let mut text = format!(
        "A Rust client for {} (API version {}), generated from its Smithy model `{}`.\n\n{}\n\n# Operations\n\n",
        s.title, s.version, s.shape_id, s.docs
    );
    for op in &krate.operations {
        text.push_str(&format!(
            "- [`{module}`](operation::{module}): {}\n",
            summary(&op.docs),
            module = op.module
        ));
    }
    if let Some(example) = client_example(krate) {
        text.push_str(&format!(
            "\n# Calling the service\n\n```no_run\n{example}```\n"
        ));
    }
    if let Some(example) = usage_example(krate) {
        text.push_str(&format!("\n# Inputs and outputs\n\n```\n{example}```\n"));
    }
    text
}

/// A doctest that calls the first operation (with the model's example input)
/// and, if it is paginated, streams every item.
fn client_example(krate: &Crate) -> Option<String> {
    let op = example_operation(krate)?;
    let crate_name = krate.package.replace('-', "_");
    let (calls, _) = example_calls(krate, op)?;
    let module = &op.module;
    let pages = match &op.paginated {
        Some(_) => format!(
            "\n// Every item of every page, following the pagination tokens.\n\
             let mut items = client.{module}().into_paginator().items().send();\n\
             while let Some(item) = items.next().await {{\n    \
             println!(\"{{:?}}\", item?);\n}}\n"
        ),
        None => String::new(),
    };
    Some(format!(
        "use {crate_name}::{{Client, Config}};\n\
         # async fn example() -> Result<(), Box<dyn std::error::Error>> {{\n\
         // Region and credentials as the AWS SDKs find them: the environment, the profile\n\
         // files, web identity, the container endpoint, instance metadata.\n\
         let client = Client::from_conf(Config::from_env());\n\
         let output = client\n    .{module}()\n{calls}    .send()\n    .await?;\n\
         println!(\"{{output:?}}\");\n{pages}\
         # Ok(())\n\
         # }}\n"
    ))
}

/// The operation the examples show: the first with a modeled example, else the first.
fn example_operation(krate: &Crate) -> Option<&Operation> {
    krate
        .operations
        .iter()
        .find(|op| !op.examples.is_empty())
        .or_else(|| krate.operations.first())
}

/// Builder calls that set the scalar members of the operation's first example
/// input, and an assertion on the first string one. `None` when a required
/// member stays unset.
fn example_calls(krate: &Crate, op: &Operation) -> Option<(String, Option<String>)> {
    let TypeKind::Struct(input) = &krate.ty(op.input).kind else {
        return None;
    };
    let mut calls = String::new();
    let mut check = None;
    if let Some(Value::Object(values)) = op.examples.first().map(|e| &e.shown.0) {
        for m in &input.members {
            let Some(value) = values.get(&m.wire_name) else {
                continue;
            };
            let literal = match (&m.ty, value) {
                (TypeRef::String, Value::String(s)) => format!("{s:?}"),
                (
                    TypeRef::Integer | TypeRef::Long | TypeRef::Short | TypeRef::Byte,
                    Value::Number(n),
                ) if n.is_i64() => n.to_string(),
                (TypeRef::Bool, Value::Bool(b)) => b.to_string(),
                _ => continue,
            };
            let field = &m.field;
            calls.push_str(&format!("    .{field}({literal})\n"));
            if check.is_none() && m.ty == TypeRef::String {
                check = Some(if m.required {
                    format!("assert_eq!(input.{field}, {literal});\n")
                } else {
                    format!("assert_eq!(input.{field}.as_deref(), Some({literal}));\n")
                });
            }
        }
    }
    let unset_required = input
        .members
        .iter()
        .any(|m| m.required && !calls.contains(&format!(".{}(", m.field)));
    (!unset_required).then_some((calls, check))
}

/// A doctest: build an operation's input with its builder and parse its
/// output from JSON, using the model's example values where there are some.
fn usage_example(krate: &Crate) -> Option<String> {
    let op = example_operation(krate)?;
    let example = op.examples.first();
    let crate_name = krate.package.replace('-', "_");
    let input = krate.ty(op.input);
    let output = krate.ty(op.output);
    let TypeKind::Struct(input_struct) = &input.kind else {
        return None;
    };
    let (calls, check) = example_calls(krate, op)?;
    let fallible = input_struct.build_can_fail();
    // The example output is the body only when every member it sets is bound to the body.
    let body_only = |v: &Value| {
        let TypeKind::Struct(s) = &output.kind else {
            return false;
        };
        v.as_object().is_some_and(|o| {
            o.keys().all(|k| {
                s.members
                    .iter()
                    .any(|m| &m.wire_name == k && m.location == crate::ir::Location::Body)
            })
        })
    };
    let json = example
        .filter(|e| matches!(e.outcome, crate::ir::ExampleOutcome::Output { .. }))
        .and_then(|e| e.shown.1.as_ref())
        .filter(|v| body_only(v))
        .and_then(|v| serde_json::to_string_pretty(v).ok())
        .unwrap_or_else(|| "{}".to_owned());
    let hashes = "#".repeat(json.matches('"').count().min(1) + longest_hash_run(&json));
    let import = |ty: &crate::ir::TypeDef| {
        let path = super::tokens::doc_path(ty);
        format!("use {crate_name}{};\n", path.trim_start_matches("crate"))
    };
    let imports = if input.shape_id == output.shape_id {
        import(input)
    } else {
        format!("{}{}", import(input), import(output))
    };
    // In the XML protocols the serde form is not what the service sends.
    let outputs = if krate.protocol.xml() {
        String::new()
    } else {
        format!(
            "\n// Outputs are plain serde types that read the JSON the service sends.\n\
             let json = r{hashes}\"{json}\"{hashes};\n\
             let output: {output} = serde_json::from_str(json)?;\n\
             assert_eq!(serde_json::to_value(&output)?, serde_json::from_str::<serde_json::Value>(json)?);\n",
            output = output.name,
        )
    };
    let imports = if krate.protocol.xml() {
        import(input)
    } else {
        imports
    };
    Some(format!(
        "{imports}\
         # fn main() -> Result<(), Box<dyn std::error::Error>> {{\n\
         // Inputs are made with builders.\n\
         let input = {input}::builder()\n{calls}    .build(){q};\n\
         {check}{outputs}\
         # Ok(())\n\
         # }}\n",
        input = input.name,
        q = if fallible { "?" } else { "" },
        check = check.unwrap_or_default(),
    ))
}

fn longest_hash_run(text: &str) -> usize {
    text.split(|c| c != '#').map(str::len).max().unwrap_or(0)
}

/// An operation module's docs: the operation, its HTTP binding, pagination,
/// errors and examples.
fn operation_docs(krate: &Crate, op: &Operation) -> String {
    let mut binding = format!("Operation `{}`", op.name);
    if let Some(http) = &op.http {
        binding.push_str(&format!(": `{} {}`", http.method, http.uri));
    }
    binding.push('.');
    if let Some(p) = &op.paginated {
        binding.push_str(&format!(
            " Paginated: the input's `{}` takes the output's `{}`",
            p.input_token, p.output_token
        ));
        if let Some(size) = &p.page_size {
            binding.push_str(&format!(", `{size}` sets the page size"));
        }
        if let Some(items) = &p.items {
            binding.push_str(&format!(", the items are in `{items}`"));
        }
        binding.push('.');
    }
    let mut sections = vec![op.docs.clone(), binding];
    if !op.errors.is_empty() {
        let items: Vec<String> = op
            .errors
            .iter()
            .map(|id| {
                let ty = krate.ty(*id);
                format!(
                    "- [`{0}`](crate::types::error::{0}): {1}",
                    ty.name,
                    summary(&ty.docs)
                )
            })
            .collect();
        sections.push(format!("# Errors\n\n{}", items.join("\n")));
    }
    for example in &op.examples {
        sections.push(format!("# Example: {}", example.title));
        if !example.docs.is_empty() {
            sections.push(example.docs.clone());
        }
        let (input, output) = &example.shown;
        let input = serde_json::to_string_pretty(input).unwrap_or_default();
        sections.push(format!("Input:\n\n```json\n{input}\n```"));
        let label = match &example.outcome {
            crate::ir::ExampleOutcome::Error { ty, .. } => {
                format!("Error `{}`", krate.ty(*ty).name)
            }
            _ => "Output".to_owned(),
        };
        if let Some(output) = output {
            let output = serde_json::to_string_pretty(output).unwrap_or_default();
            sections.push(format!("{label}:\n\n```json\n{output}\n```"));
        }
    }
    sections.join("\n\n")
}
