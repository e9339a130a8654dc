//! Step 3: the intermediate representation.
//!
//! Every decision is made while lowering into these types: which shapes become
//! Rust types, where they live, what every type, field and variant is called,
//! which fields are boxed, what their docs say. The emitter only turns this into
//! tokens. Types refer to each other by [`TypeId`], never by name.

pub mod checksums;
pub mod context_params;
mod cycles;
pub mod endpoint;
pub mod example;
pub mod lower;
mod names;
pub mod partitions;
pub mod protocol_test;
pub(crate) mod traits;
pub mod value;

pub use example::{WireBody, WireRequest, WireResponse};
pub use lower::lower;
pub use value::{Timestamp, Value};

/// Index of a [`TypeDef`] in [`Crate::types`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TypeId(pub usize);

/// Everything needed to emit one crate.
#[derive(Debug)]
pub struct Crate {
    /// The Cargo package name (`aws-lambda-client`).
    pub package: String,
    /// The package version.
    pub version: String,
    /// The service the crate talks to.
    pub service: Service,
    /// The wire protocol it speaks.
    pub protocol: crate::protocol::Protocol,
    /// `aws.protocols#awsQueryCompatible`: error codes come from
    /// `x-amzn-query-error`, and requests say `x-amzn-query-mode`.
    pub query_compatible: bool,
    /// The chosen operations, sorted by name.
    pub operations: Vec<Operation>,
    /// Every named Rust type, sorted by module and name.
    pub types: Vec<TypeDef>,
    /// Which support modules the types need.
    pub primitives: Primitives,
    /// The endpoint rules: the model's, or the standard regional pattern.
    pub endpoint: endpoint::RuleSet,
    /// The partitions table, when the rules call `aws.partition`.
    pub partitions: Vec<Partition>,
    /// Where the crate's runtime dependency comes from.
    pub runtime: crate::runtime::Runtime,
}

/// One partition of the AWS partitions data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Partition {
    /// Its ID (`aws`).
    pub id: String,
    /// The pattern its region names match.
    pub region_regex: String,
    /// What `aws.partition` returns for a region it does not list.
    pub outputs: PartitionOutputs,
    /// The regions it lists, each with its own outputs where they differ from the partition's.
    pub regions: Vec<(String, Option<PartitionOutputs>)>,
}

/// What `aws.partition` returns.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PartitionOutputs {
    /// The partition's name.
    pub name: String,
    /// DNS suffix.
    pub dns_suffix: String,
    /// Dual-stack DNS suffix.
    pub dual_stack_dns_suffix: String,
    /// FIPS endpoints exist.
    #[serde(rename = "supportsFIPS")]
    pub supports_fips: bool,
    /// Dual-stack endpoints exist.
    pub supports_dual_stack: bool,
    /// The region of global endpoints.
    pub implicit_global_region: String,
}

impl Crate {
    /// The type behind an ID.
    pub fn ty(&self, id: TypeId) -> &TypeDef {
        &self.types[id.0]
    }
}

/// Which parts of the runtime the crate needs.
#[derive(Debug, Default, Clone, Copy)]
pub struct Primitives {
    /// Some member is a timestamp (`DateTime`).
    pub date_time: bool,
    /// Some member is a blob (`Blob`).
    pub blob: bool,
    /// Some type is an enum (`UnknownValue`).
    pub unknown_value: bool,
    /// Some member is a document (`Document`).
    pub document: bool,
    /// Some member is a big integer (`BigInteger`).
    pub big_integer: bool,
    /// Some member is a big decimal (`BigDecimal`).
    pub big_decimal: bool,
    /// Some operation has `@httpChecksumRequired` or `aws.protocols#httpChecksum`
    /// (the runtime's `checksum` feature).
    pub checksums: bool,
    /// Some operation has gzip `@requestCompression` (the runtime's `compression` feature).
    pub gzip: bool,
}

/// Facts about the service shape.
#[derive(Debug)]
pub struct Service {
    /// Its shape ID.
    pub shape_id: String,
    /// The `sdkId` of `aws.api#service`, or the shape name.
    pub sdk_id: String,
    /// `smithy.api#title`, or the SDK ID.
    pub title: String,
    /// The API version (`2015-03-31`).
    pub version: String,
    /// The service docs as Markdown.
    pub docs: String,
    /// `@xmlNamespace` on the service: declared on every XML body's root
    /// that has none of its own.
    pub xml_namespace: Option<XmlNamespace>,
    /// The SigV4 signing name (`aws.auth#sigv4`), else the endpoint prefix.
    pub signing_name: String,
    /// S3 and S3 Control sign as S3 requires: the path as sent (neither
    /// encoded again nor normalized) and an `x-amz-content-sha256` header.
    pub s3_signing: bool,
    /// The first label of the regional hostname (`endpointPrefix` of
    /// `aws.api#service`, else the lower-cased SDK ID).
    pub endpoint_prefix: String,
}

/// One operation.
#[derive(Debug)]
pub struct Operation {
    /// Whether sending it twice does no harm (`@readonly`, `@idempotent`, or an
    /// idempotency token): only then are timed-out attempts retried.
    pub idempotent: bool,
    /// Its shape ID.
    pub shape_id: String,
    /// The shape name (`ListEventSourceMappings`).
    pub name: String,
    /// The Rust module and method name (`list_event_source_mappings`).
    pub module: String,
    /// The operation's error enum (`ListEventSourceMappingsError`).
    pub error_type: String,
    /// The fluent builder `Client` returns (`ListEventSourceMappingsFluentBuilder`).
    pub builder_type: String,
    /// The operation docs as Markdown.
    pub docs: String,
    /// The input type.
    pub input: TypeId,
    /// The output type.
    pub output: TypeId,
    /// The modeled errors, sorted by name.
    pub errors: Vec<TypeId>,
    /// `smithy.api#http`.
    pub http: Option<HttpBinding>,
    /// `smithy.api#paginated`, merged with the service's defaults.
    pub paginated: Option<Paginated>,
    /// `smithy.api#examples`.
    pub examples: Vec<Example>,
    /// Headers every request of the operation carries (the Glacier and API
    /// Gateway customizations).
    pub fixed_headers: Vec<(String, String)>,
    /// Glacier's `X-Amz-Content-Sha256` and `X-Amz-Sha256-Tree-Hash` of the payload.
    pub glacier_checksums: bool,
    /// Endpoint parameters the operation sets (`@contextParam`,
    /// `staticContextParams`), by `Params` field.
    pub context_params: Vec<context_params::ContextParam>,
    /// `aws.customizations#s3UnwrappedXmlOutput`: the response's root element
    /// is the output's one body member, not an element around it.
    pub unwrapped_xml_output: bool,
    /// `@httpChecksumRequired`, or `@httpChecksum(requestChecksumRequired:
    /// true)`: the request carries a checksum of its body.
    pub checksum_required: bool,
    /// `aws.protocols#httpChecksum`, filled in by `checksums::bind`.
    pub http_checksum: Option<checksums::HttpChecksum>,
    /// `@requestCompression` lists gzip: the body may be gzip-compressed.
    pub gzip: bool,
    /// The operation has no input (`smithy.api#Unit`): the RPC v2
    /// protocols then send no body.
    pub unit_input: bool,
    /// `smithy.api#endpoint`: the host prefix, literal text and input members
    /// (by wire name) whose values fill its labels.
    pub host_prefix: Option<Vec<HostPrefixPart>>,
    /// The protocol's compliance tests for clients, of the operation and of
    /// the errors it is the first (by name) to return.
    pub protocol_tests: Vec<protocol_test::ProtocolTest>,
}

/// The HTTP method and URI of an operation.
#[derive(Debug, Clone)]
pub struct HttpBinding {
    /// `GET`, `POST`...
    pub method: String,
    /// The URI pattern (`/2015-03-31/event-source-mappings`).
    pub uri: String,
    /// The success status code.
    pub code: u16,
}

/// Splits an `@http` URI into its path pattern and its literal query pairs
/// (`/things/{Id}?list&x=1` gives `/things/{Id}` and `[("list", ""), ("x", "1")]`).
pub fn split_uri(uri: &str) -> (&str, Vec<(String, String)>) {
    let (pattern, literal) = uri.split_once('?').unwrap_or((uri, ""));
    let query = literal
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (k.to_owned(), v.to_owned())
        })
        .collect();
    (pattern, query)
}

/// A piece of an `@endpoint` host prefix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HostPrefixPart {
    /// Literal text.
    Text(String),
    /// The value of the input member with this wire name (`@hostLabel`).
    Label(String),
}

/// Pagination of an operation, by wire member names.
#[derive(Debug, Clone)]
pub struct Paginated {
    /// Input member holding the token.
    pub input_token: String,
    /// Output member holding the next token.
    pub output_token: String,
    /// Input member holding the page size.
    pub page_size: Option<String>,
    /// Output member holding the items.
    pub items: Option<String>,
}

/// One `smithy.api#examples` entry, checked against the model, with the
/// HTTP messages the model says it travels as.
#[derive(Debug, Clone)]
pub struct Example {
    /// Its title.
    pub title: String,
    /// Its docs as Markdown.
    pub docs: String,
    /// The input.
    pub input: Value,
    /// The input and the output or error, as the model writes them (for docs).
    pub shown: (serde_json::Value, Option<serde_json::Value>),
    /// The request the input becomes.
    pub request: WireRequest,
    /// The output or error the example shows, if any.
    pub outcome: ExampleOutcome,
}

/// What an example shows coming back.
#[derive(Debug, Clone)]
pub enum ExampleOutcome {
    /// Nothing: the example shows only the input.
    Nothing,
    /// A success: the output and the response it is read from.
    Output {
        /// The output.
        value: Value,
        /// The response.
        response: WireResponse,
    },
    /// A modeled error: its type, members and response.
    Error {
        /// The error structure.
        ty: TypeId,
        /// Its members.
        value: Value,
        /// The response.
        response: WireResponse,
    },
}

/// Which module a named type lives in.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Module {
    /// `crate::types`: shared structures and enums.
    Types,
    /// `crate::types::error`: modeled errors.
    Error,
    /// `crate::operation::<name>`: an operation's input and output.
    Operation(String),
}

/// A Rust type the crate defines.
#[derive(Debug)]
pub struct TypeDef {
    /// The Smithy shape it comes from.
    pub shape_id: String,
    /// The Rust type name.
    pub name: String,
    /// The file stem it is written to (snake case of `name`).
    pub file: String,
    /// Where it lives.
    pub module: Module,
    /// Its docs as Markdown.
    pub docs: String,
    /// Structure or enum.
    pub kind: TypeKind,
}

/// What kind of Rust type.
#[derive(Debug)]
pub enum TypeKind {
    /// A struct with a builder.
    Struct(Struct),
    /// A string enum with an `Unknown` variant.
    Enum(Enum),
    /// A union: an enum with one variant per member, and `Unknown`.
    Union(Struct),
}

/// A structure.
#[derive(Debug)]
pub struct Struct {
    /// The builder's type name.
    pub builder: String,
    /// Members, sorted by wire name.
    pub members: Vec<Member>,
    /// Set when the structure is a modeled error.
    pub error: Option<ErrorInfo>,
    /// `@sensitive` on the structure: its `Debug` shows nothing.
    pub sensitive: bool,
    /// Its element name as a whole XML body (`@xmlName`, else the shape's
    /// name) and its `@xmlNamespace`.
    pub xml_root: (String, Option<XmlNamespace>),
}

impl Struct {
    /// Whether `build()` can fail: some required member has no default.
    pub fn build_can_fail(&self) -> bool {
        self.members
            .iter()
            .any(|m| m.required && m.default.is_none())
    }
}

/// `smithy.api#error` and `smithy.api#httpError`.
#[derive(Debug, Clone)]
pub struct ErrorInfo {
    /// The error code: the shape's name.
    pub code: String,
    /// Whether the client or the server is at fault.
    pub fault: Fault,
    /// The HTTP status the service uses for it.
    pub http_status: Option<u16>,
    /// The member that holds the message, if any (matched case-insensitively).
    pub message_member: Option<usize>,
}

/// Who is at fault for an error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// The caller.
    Client,
    /// The service.
    Server,
}

/// One structure member.
#[derive(Debug)]
pub struct Member {
    /// The member name in the model (`UUID`).
    pub wire_name: String,
    /// The name in JSON bodies (`smithy.api#jsonName`, else the member name).
    pub json_name: String,
    /// The field and method name (`uuid`, `r#type`).
    pub field: String,
    /// The builder's whole-value setter (`set_uuid`).
    pub setter: String,
    /// The variant name when the member belongs to a union (`Uuid`).
    pub variant: String,
    /// The target's shape ID.
    pub target: String,
    /// The Rust type, without `Option`.
    pub ty: TypeRef,
    /// Required members are not `Option`.
    pub required: bool,
    /// Whether the field is boxed to break a cycle.
    pub boxed: bool,
    /// Where the member travels in a request or response.
    pub location: Location,
    /// Constraints from the member and its target.
    pub constraints: Constraints,
    /// The docs as Markdown, ending with the wire name and constraints.
    pub docs: String,
    /// `@sensitive` on the member or its target: redacted in `Debug`.
    pub sensitive: bool,
    /// `@deprecated`: the message for Rust's `#[deprecated]`.
    pub deprecated: Option<String>,
    /// `@idempotencyToken`: filled with a fresh UUID when unset.
    pub idempotency_token: bool,
    /// `@timestampFormat` of the member or its target (or, for a list or
    /// map, of its items): `None` uses the protocol's default for the place.
    pub timestamp_format: Option<TimestampFormat>,
    /// `@mediaType` of the target: a payload's content type; a string
    /// header with one travels base64-encoded.
    pub media_type: Option<String>,
    /// `@default`, filled in by the builder and when a response leaves the
    /// member out; `None` for members of operation inputs (their defaults
    /// are the service's to apply), `@clientOptional` members and null defaults.
    pub default: Option<Value>,
    /// The text a path label takes when the member is unset or empty
    /// (Glacier's `accountId`: `-`, the caller's account).
    pub label_default: Option<String>,
    /// How the member travels in XML and query bodies.
    pub xml: XmlMember,
}

/// A member's names in XML elements and query keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct XmlMember {
    /// Its element name (`@xmlName`, else the member name), without a
    /// namespace prefix.
    pub name: String,
    /// Whether the name is the member's `@xmlName` (which also names the
    /// root of a payload), rather than its member name.
    pub renamed: bool,
    /// Its query key segment: in awsQuery the element name; in ec2Query
    /// `@ec2QueryName`, else the element name capitalized.
    pub query_name: String,
    /// Whether it is an attribute of the containing element (`@xmlAttribute`);
    /// the attribute's name keeps its prefix (`xsi:type`).
    pub attribute: Option<String>,
    /// Whether a list's items or a map's entries are the containing
    /// element's children rather than wrapped in the member's element.
    pub flattened: bool,
    /// `@xmlNamespace` on the member.
    pub namespace: Option<XmlNamespace>,
    /// The element names inside the member's list or map target.
    pub items: XmlItems,
}

impl XmlItems {
    /// A list's item element name and the names inside its items
    /// (`member` and none for anything else).
    pub fn list(&self) -> (&str, &XmlItems) {
        match self {
            XmlItems::List { member, items, .. } => (member, items),
            _ => ("member", &XmlItems::None),
        }
    }

    /// A map's key and value element names and the names inside its values
    /// (`key`, `value` and none for anything else).
    pub fn map(&self) -> (&str, &str, &XmlItems) {
        match self {
            XmlItems::Map {
                key, value, items, ..
            } => (key, value, items),
            _ => ("key", "value", &XmlItems::None),
        }
    }
}

/// `smithy.api#xmlNamespace`: the `xmlns` (or `xmlns:prefix`) an element declares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct XmlNamespace {
    /// The prefix, for `xmlns:prefix`.
    pub prefix: Option<String>,
    /// The namespace URI.
    pub uri: String,
}

impl XmlNamespace {
    /// The declaring attribute: (`xmlns` or `xmlns:prefix`, the URI).
    pub fn attribute(&self) -> (String, String) {
        let name = match &self.prefix {
            Some(prefix) => format!("xmlns:{prefix}"),
            None => "xmlns".to_owned(),
        };
        (name, self.uri.clone())
    }
}

/// The element names of a list's items or a map's entries, for each level
/// of nesting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum XmlItems {
    /// Not a list or map.
    None,
    /// A list: the item element (`member`, or the list member's `@xmlName`).
    List {
        /// The item element's name.
        member: String,
        /// `@xmlNamespace` on the list's member.
        namespace: Option<XmlNamespace>,
        /// The names inside the items.
        items: Box<XmlItems>,
    },
    /// A map: the key and value elements inside each `entry`.
    Map {
        /// The key element's name (`key`, or `@xmlName`).
        key: String,
        /// The value element's name (`value`, or `@xmlName`).
        value: String,
        /// `@xmlNamespace` on the key and on the value.
        namespaces: (Option<XmlNamespace>, Option<XmlNamespace>),
        /// The names inside the values.
        items: Box<XmlItems>,
    },
}

/// A wire form of timestamps (`@timestampFormat`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimestampFormat {
    /// RFC 3339 `date-time`.
    DateTime,
    /// `http-date` (IMF-fixdate).
    HttpDate,
    /// `epoch-seconds`.
    EpochSeconds,
}

impl TimestampFormat {
    /// Reads the trait's value.
    pub fn parse(value: &str) -> Option<TimestampFormat> {
        Some(match value {
            "date-time" => TimestampFormat::DateTime,
            "http-date" => TimestampFormat::HttpDate,
            "epoch-seconds" => TimestampFormat::EpochSeconds,
            _ => return None,
        })
    }

    /// The generated crate's `TimestampFormat` variant.
    pub fn variant(self) -> &'static str {
        match self {
            TimestampFormat::DateTime => "DateTime",
            TimestampFormat::HttpDate => "HttpDate",
            TimestampFormat::EpochSeconds => "EpochSeconds",
        }
    }

    /// The name of the generated crate's serde adapter for the format.
    pub fn adapter(self) -> &'static str {
        match self {
            TimestampFormat::DateTime => "date_time",
            TimestampFormat::HttpDate => "http_date",
            TimestampFormat::EpochSeconds => "epoch_seconds",
        }
    }
}

/// Where a member is bound in HTTP messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// In the JSON body.
    Body,
    /// A query string parameter.
    Query(String),
    /// An HTTP header.
    Header(String),
    /// A map of query parameters (`@httpQueryParams`).
    QueryParams,
    /// A map of headers whose names start with this prefix (`@httpPrefixHeaders`).
    PrefixHeaders(String),
    /// A `{label}` of the URI.
    Label,
    /// The whole body (`@httpPayload`).
    Payload,
    /// The HTTP status code of a response.
    ResponseCode,
}

/// `smithy.api#length`, `smithy.api#range` and `smithy.api#pattern`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Constraints {
    /// Minimum and maximum length (characters, items or entries).
    pub length: Option<(Option<u64>, Option<u64>)>,
    /// Minimum and maximum value.
    pub range: Option<(Option<f64>, Option<f64>)>,
    /// A regular expression the value must match.
    pub pattern: Option<String>,
    /// Whether the client checks the pattern before sending. Patterns the
    /// generated crate's engine (`regex-lite`) cannot compile, such as those
    /// with look-around, are left to the service.
    pub pattern_checked: bool,
}

/// A Rust type as a member uses it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TypeRef {
    /// `bool`
    Bool,
    /// `i8`
    Byte,
    /// `i16`
    Short,
    /// `i32`
    Integer,
    /// `i64`
    Long,
    /// `f32`
    Float,
    /// `f64`
    Double,
    /// `String`
    String,
    /// The `Blob` primitive.
    Blob,
    /// The `DateTime` primitive.
    Timestamp,
    /// The `Document` primitive.
    Document,
    /// The `BigInteger` primitive.
    BigInteger,
    /// The `BigDecimal` primitive.
    BigDecimal,
    /// `smithy.api#Unit`: a union member that carries no value.
    Unit,
    /// `Option<T>`: an item of a `@sparse` list or map, which may be null.
    Sparse(Box<TypeRef>),
    /// `Vec<T>`
    List(Box<TypeRef>),
    /// `HashMap<K, V>`
    Map(Box<TypeRef>, Box<TypeRef>),
    /// A type the crate defines.
    Named(TypeId),
}

/// A string enum.
#[derive(Debug)]
pub struct Enum {
    /// The known values, sorted by wire value.
    pub variants: Vec<Variant>,
}

/// One known enum value.
#[derive(Debug)]
pub struct Variant {
    /// The enum member's name in the model (for Smithy 1.0 enums, the
    /// definition's name, else its value).
    pub member: String,
    /// The Rust variant name.
    pub name: String,
    /// The wire value.
    pub value: String,
    /// Its docs as Markdown.
    pub docs: String,
}
