//! The one error type of the generator: every variant names the thing at fault.

use std::path::PathBuf;

/// Everything that can go wrong between reading a model and writing a crate.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The model file could not be read.
    #[error("cannot read {path}: {source}")]
    ReadModel {
        /// The file that was asked for.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// The model is not valid JSON, or not shaped like a Smithy JSON AST.
    #[error("invalid model JSON at line {line}, column {column}: {message}")]
    Json {
        /// 1-based line of the fault.
        line: usize,
        /// 1-based column of the fault.
        column: usize,
        /// What the JSON parser expected.
        message: String,
    },
    /// A model file is not well-formed Smithy IDL (or JSON AST, when it is
    /// one of several files): the place and what was expected there.
    #[error("{location}: {message}")]
    Syntax {
        /// The file, line and column.
        location: crate::load::Location,
        /// What was expected and what was found.
        message: String,
    },
    /// Model files do not assemble into one model: a reference to a shape
    /// that does not exist, conflicting definitions or trait values, a member
    /// clashing with a mixin's, conflicting metadata...
    #[error("{location}: {message}")]
    Assembly {
        /// Where the offending definition or statement is.
        location: crate::load::Location,
        /// What is wrong, naming the shapes involved.
        message: String,
    },
    /// A path given as a model is neither a model file nor a directory.
    #[error(
        "{path} is not a model file: expected a .smithy or .json file, or a directory of them"
    )]
    NotAModelFile {
        /// The path given.
        path: PathBuf,
    },
    /// The paths given hold no model file.
    #[error("no model files (.smithy or .json) in {paths}")]
    NoModelFiles {
        /// The paths searched.
        paths: String,
    },
    /// The model declares a Smithy IDL version this generator does not read.
    #[error("unsupported Smithy version \"{found}\": expected \"2.0\" or \"1.0\"")]
    SmithyVersion {
        /// The version the model declares.
        found: String,
    },
    /// A shape ID is not of the form `namespace#Name`.
    #[error("invalid shape ID \"{id}\": {reason}")]
    InvalidShapeId {
        /// The offending ID.
        id: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A shape (or member) refers to a shape the model does not define.
    #[error("{shape}: target {target} is not defined in the model")]
    DanglingTarget {
        /// The shape or member holding the reference (`ns#Shape$member`).
        shape: String,
        /// The missing target.
        target: String,
    },
    /// A reference points at a shape of the wrong kind.
    #[error("{shape}: {role} must target {expected}, but {target} is of type {found}")]
    TargetMismatch {
        /// The shape or member holding the reference.
        shape: String,
        /// What the reference is for (`input`, `member`, `map key`, `error`...).
        role: &'static str,
        /// The referenced shape.
        target: String,
        /// The kind of shape the reference needs.
        expected: &'static str,
        /// The kind of shape it found.
        found: String,
    },
    /// A shape has a type the generator does not know or does not support yet.
    #[error("{shape}: unsupported shape type \"{kind}\"")]
    UnsupportedShape {
        /// The shape.
        shape: String,
        /// Its declared type.
        kind: String,
    },
    /// A shape or member carries a trait the generator cannot honour.
    #[error("{shape}: unsupported trait {name}")]
    UnsupportedTrait {
        /// The shape or member carrying the trait.
        shape: String,
        /// The trait's shape ID.
        name: String,
    },
    /// The model uses a Smithy feature the generator does not support yet.
    #[error("{shape}: unsupported: {feature}")]
    UnsupportedFeature {
        /// The shape using the feature.
        shape: String,
        /// The feature, and what to do instead where there is a way.
        feature: String,
    },
    /// A trait is present but its value is malformed.
    #[error("{shape}: invalid value for trait {name}: {reason}")]
    InvalidTrait {
        /// The shape or member carrying the trait.
        shape: String,
        /// The trait's shape ID.
        name: String,
        /// What is wrong with the value.
        reason: String,
    },
    /// Two things get the same Rust name after case conversion.
    #[error("name collision: {first} and {second} both become `{rust_name}` in {scope}")]
    NameCollision {
        /// The Rust name both would get.
        rust_name: String,
        /// The first shape (or member) ID.
        first: String,
        /// The second shape (or member) ID.
        second: String,
        /// Where the collision happens (a module or a type).
        scope: String,
    },
    /// The model has no service shape, or more than one.
    #[error("expected exactly one service shape, found {found}")]
    ServiceCount {
        /// The service shapes found (possibly none).
        found: String,
    },
    /// A service was asked for that the model does not have.
    #[error("the model has no service {wanted} (it has: {available})")]
    NoSuchService {
        /// The shape ID asked for.
        wanted: String,
        /// The model's services.
        available: String,
    },
    /// The service carries no protocol trait the generator supports.
    #[error("{service}: no supported protocol: the service has {found}; the generator supports {supported}")]
    UnsupportedProtocol {
        /// The service shape ID.
        service: String,
        /// The protocol traits the service carries (or "no protocol trait").
        found: String,
        /// The protocol traits the generator supports.
        supported: String,
    },
    /// `--protocol` names a protocol the service does not carry.
    #[error("{service}: --protocol {requested}: the service has {found}")]
    ProtocolNotOnService {
        /// The service shape ID.
        service: String,
        /// The protocol trait asked for.
        requested: String,
        /// The protocol traits the service carries.
        found: String,
    },
    /// `--protocol` names no protocol the generator serves.
    #[error("unknown protocol \"{requested}\" (the generator supports {supported})")]
    UnknownProtocol {
        /// What was asked for.
        requested: String,
        /// The protocol traits the generator supports.
        supported: String,
    },
    /// An operation was asked for that the service does not have.
    #[error("the service {service} has no operation named \"{name}\" (it has: {available})")]
    NoSuchOperation {
        /// The requested name.
        name: String,
        /// The service shape ID.
        service: String,
        /// The operation names the service does have.
        available: String,
    },
    /// The generated Rust did not parse: a generator bug, reported with the file.
    #[error("generated code for {file} does not parse: {message}")]
    GeneratedSyntax {
        /// The file being produced.
        file: String,
        /// What `syn` reported.
        message: String,
    },
    /// The service's endpoint rules call `aws.partition`, and no partitions data was given.
    #[error("{service}: the endpoint rules call aws.partition, which needs the AWS partitions data (sdk-partitions.json): pass it with --partitions PATH")]
    MissingPartitions {
        /// The service shape.
        service: String,
    },
    /// The partitions data is not what the AWS SDKs publish.
    #[error("invalid partitions data: {reason}")]
    Partitions {
        /// What is wrong with it.
        reason: String,
    },
    /// Writing the output failed.
    #[error("cannot write {path}: {source}")]
    Write {
        /// The file or folder.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
}

impl Error {
    /// Whether the model is valid Smithy that uses something the generator
    /// does not support yet (a shape kind, a trait, a feature), rather than
    /// broken. Operations that need such a thing can be left out.
    pub fn is_unsupported(&self) -> bool {
        match self {
            Error::UnsupportedShape { kind, .. } => crate::model::Kind::is_known(kind),
            Error::UnsupportedTrait { .. } | Error::UnsupportedFeature { .. } => true,
            _ => false,
        }
    }
}

/// Shorthand used throughout the generator.
pub type Result<T, E = Error> = std::result::Result<T, E>;
