//! Step 4: turns the IR into files: Rust as tokens (formatted by
//! [`crate::format`]), the manifest as TOML text, and a vendored runtime as it is.

mod endpoint;
mod enumeration;
mod examples;
mod manifest;
mod modules;
pub(crate) mod operation;
mod protocol_tests;
mod structure;
pub(crate) mod tokens;
mod union;
pub(crate) mod value;

use crate::error::Result;
use crate::files::Files;
use crate::format::rust_file;
use crate::ir::{Crate, TypeKind};
use crate::runtime::{Runtime, FILES};

/// Emits every file of the crate, keyed by path relative to the crate root.
pub fn emit(krate: &Crate) -> Result<Files> {
    let mut files = Files::default();
    files.insert("Cargo.toml", manifest::cargo_toml(krate));
    for (path, tokens) in modules::module_files(krate) {
        let text = rust_file(&path, tokens)?;
        files.insert(path, text);
    }
    for ty in &krate.types {
        let tokens = match &ty.kind {
            TypeKind::Struct(s) => structure::emit(krate, ty, s),
            TypeKind::Enum(e) => enumeration::emit(ty, e),
            TypeKind::Union(u) => union::emit(krate, ty, u),
        };
        let impls = crate::protocol::type_impls(krate, ty);
        let tokens = quote::quote!(#tokens #impls);
        let path = modules::type_path(ty);
        let text = rust_file(&path, tokens)?;
        files.insert(path, text);
    }
    for op in &krate.operations {
        let dir = format!("src/operation/{}", op.module);
        let parts = [
            ("builders", operation::builder_file(krate, op)),
            ("error", operation::error_enum(krate, op)),
            ("protocol", crate::protocol::operation_file(krate, op)),
        ];
        let examples = examples::file(krate, op).map(|tokens| ("examples", tokens));
        let protocol_tests =
            protocol_tests::file(krate, op).map(|tokens| ("protocol_tests", tokens));
        for (name, tokens) in parts.into_iter().chain(examples).chain(protocol_tests) {
            let path = format!("{dir}/{name}.rs");
            let text = rust_file(&path, tokens)?;
            files.insert(path, text);
        }
    }
    let mut endpoint_files = vec![("src/endpoint/mod.rs", endpoint::module(&krate.endpoint))];
    if krate.endpoint.uses_partitions {
        endpoint_files.push((
            "src/endpoint/partitions.rs",
            endpoint::partitions(&krate.partitions),
        ));
    }
    if !krate.endpoint.tests.is_empty() {
        endpoint_files.push(("src/endpoint/tests.rs", endpoint::tests(&krate.endpoint)));
    }
    for (path, tokens) in endpoint_files {
        files.insert(path, rust_file(path, tokens)?);
    }
    let service_error = "src/error_meta.rs";
    files.insert(
        service_error,
        rust_file(service_error, operation::service_error(krate))?,
    );
    let client = "src/client.rs";
    files.insert(client, rust_file(client, operation::client_file(krate))?);
    if krate.runtime == Runtime::Vendored {
        for (path, source) in FILES {
            let text = if path.ends_with(".rs") {
                crate::format::with_header(source)
            } else {
                format!(
                    "{}

{source}",
                    crate::format::TOML_HEADER
                )
            };
            files.insert(format!("runtime/{path}"), text);
        }
    }
    Ok(files)
}
