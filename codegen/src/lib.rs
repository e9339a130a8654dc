//! Generates Rust client crates from AWS Smithy models (IDL or JSON AST).
//!
//! The pipeline has one module per step:
//! [`load`] (Smithy IDL and JSON AST files into the Smithy AST) → [`model`] (choose operations, walk
//! their closure, validate) → [`ir`] (every naming and layout decision) →
//! [`emit`] (IR to tokens) → [`format`](mod@format) (`syn` + `prettyplease`) →
//! [`files`] (write only what changed).
//!
//! ```no_run
//! let files = codegen::Generator::new()
//!     .with_operations(["ListEventSourceMappings"])
//!     .generate_path("model/lambda.json".as_ref())?;
//! files.write("generated".as_ref(), false)?;
//! # Ok::<(), codegen::Error>(())
//! ```

pub mod diff;
pub mod docs;
pub mod emit;
pub mod error;
pub mod files;
pub mod format;
pub mod ir;
pub mod load;
pub mod model;
pub mod naming;
pub mod protocol;
pub mod runtime;
pub mod trim;

use std::path::Path;

pub use error::{Error, Result};
pub use files::{Files, WriteReport};

/// Generator settings, set with the `with_*` methods.
#[derive(Debug, Clone, Default)]
pub struct Generator {
    service: Option<String>,
    operations: Vec<String>,
    options: ir::lower::Options,
}

impl Generator {
    /// A generator for every operation of the model's service.
    pub fn new() -> Generator {
        Generator::default()
    }

    /// Generates only these operations (by name, `ListEventSourceMappings`)
    /// and the shapes they reach.
    pub fn with_operations<I, S>(mut self, operations: I) -> Generator
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.operations = operations.into_iter().map(Into::into).collect();
        self
    }

    /// Generates the client of this service (an absolute shape ID such as
    /// `com.amazonaws.lambda#AWSGirApiService`); needed when the model has
    /// several services.
    pub fn with_service(mut self, service: impl Into<String>) -> Generator {
        self.service = Some(service.into());
        self
    }

    /// Sets the Cargo package name of the generated crate.
    pub fn with_package(mut self, package: impl Into<String>) -> Generator {
        self.options.package = Some(package.into());
        self
    }

    /// Sets where the generated crate's runtime dependency comes from
    /// (default: this generator's `codegen/runtime`, by absolute path).
    pub fn with_runtime(mut self, runtime: runtime::Runtime) -> Generator {
        self.options.runtime = runtime;
        self
    }

    /// Speaks this protocol (a trait ID such as `smithy.protocols#rpcv2Cbor`,
    /// or its name, `rpcv2Cbor`) when the service carries several; by
    /// default the first the generator serves, in the model's order.
    pub fn with_protocol(mut self, protocol: impl Into<String>) -> Generator {
        self.options.protocol = Some(protocol.into());
        self
    }

    /// Sets the AWS partitions data (the text of AWS's `sdk-partitions.json`,
    /// or of the same facts in this project's form, `model/partitions.json`) that
    /// endpoint rules calling `aws.partition` need.
    pub fn with_partitions(mut self, partitions: impl Into<String>) -> Generator {
        self.options.partitions = Some(partitions.into());
        self
    }

    /// Reads the AWS partitions data from a file (see [`Generator::with_partitions`]).
    pub fn with_partitions_path(self, path: &Path) -> Result<Generator> {
        let text = std::fs::read_to_string(path).map_err(|source| Error::ReadModel {
            path: path.to_owned(),
            source,
        })?;
        Ok(self.with_partitions(text))
    }

    /// Generates a crate from model text.
    pub fn generate_str(&self, model: &str) -> Result<Files> {
        self.generate(load::from_str(model)?)
    }

    /// Generates a crate from a model file (JSON AST or Smithy IDL) or a
    /// directory of model files.
    pub fn generate_path(&self, model: &Path) -> Result<Files> {
        self.generate_paths(&[model])
    }

    /// Generates a crate from model files and directories, Smithy IDL
    /// (`.smithy`) and JSON AST (`.json`), assembled into one model.
    pub fn generate_paths<P: AsRef<Path>>(&self, models: &[P]) -> Result<Files> {
        self.generate(load::from_paths(models)?)
    }

    /// Builds the IR for a model without emitting it.
    pub fn lower_str(&self, model: &str) -> Result<ir::Crate> {
        let model = self.select(load::from_str(model)?)?;
        ir::lower(&model, &self.options)
    }

    fn select(&self, model: load::ast::Model) -> Result<model::Model> {
        model::Model::for_service(model, self.service.as_deref(), &self.operations)
    }

    fn generate(&self, model: load::ast::Model) -> Result<Files> {
        let model = self.select(model)?;
        let krate = ir::lower(&model, &self.options)?;
        let mut files = emit::emit(&krate)?;
        files.set_skipped(model.skipped);
        Ok(files)
    }
}
