//! Lowers a validated [`Model`] into the IR.

use std::collections::{BTreeMap, BTreeSet};

use heck::ToKebabCase;

use super::protocol_test::{self, ProtocolTestKind};
use super::traits::{self, get};
use super::value;
use super::*;
use crate::docs::html_to_markdown;
use crate::error::{Error, Result};
use crate::load::ast;
use crate::model::{local_name, Kind, Model};
use crate::naming;

/// Options that are not in the model.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The Cargo package name; derived from the service's SDK ID when unset.
    pub package: Option<String>,
    /// The AWS partitions data (`sdk-partitions.json`), for rules that call `aws.partition`.
    pub partitions: Option<String>,
    /// Where the generated crate's runtime dependency comes from.
    pub runtime: crate::runtime::Runtime,
    /// The protocol to speak, when the service has several (trait ID or name).
    pub protocol: Option<String>,
}

/// Builds the IR for the model's chosen operations.
pub fn lower(model: &Model, options: &Options) -> Result<Crate> {
    let service = service(model)?;
    let service_traits = &model.shapes[&model.service].traits;
    // A trait the model defines with `@protocolDefinition` is a protocol too.
    let defined = |id: &str| {
        model
            .shapes
            .get(id)
            .is_some_and(|s| s.traits.contains_key(traits::PROTOCOL_DEFINITION))
    };
    let protocol = crate::protocol::select(
        &model.service,
        service_traits,
        options.protocol.as_deref(),
        &defined,
    )?;
    let package = options
        .package
        .clone()
        .unwrap_or_else(|| format!("aws-{}-client", service.sdk_id.to_kebab_case()));
    let placed = place_types(model)?;
    let ids: BTreeMap<&str, TypeId> = placed
        .iter()
        .enumerate()
        .map(|(i, p)| (p.shape_id.as_str(), TypeId(i)))
        .collect();
    let lowerer = Lowerer {
        model,
        protocol: protocol.trait_id(),
        protocol_kind: protocol,
        ids: &ids,
        boxed: boxed_members(model),
        bound: if protocol.http_bindings() {
            bound_structures(model, &placed)
        } else {
            BTreeSet::new()
        },
        sdk_id: service.sdk_id.clone(),
        inputs: model
            .operations
            .iter()
            .filter_map(|op| model.shapes[op].input.as_ref())
            .map(|r| r.target.as_str())
            .collect(),
    };
    let mut types = Vec::with_capacity(placed.len());
    for p in &placed {
        types.push(lowerer.type_def(p)?);
    }
    let mut operations = Vec::new();
    for id in &model.operations {
        operations.push(lowerer.operation(id, &service_paginated(model)?)?);
    }
    operations.sort_by(|a, b| a.name.cmp(&b.name));
    lowerer.error_tests(&mut operations);
    for op in &mut operations {
        protocol_test::dedupe_names(&mut op.protocol_tests);
    }
    let endpoint = match super::endpoint::lower(&model.service, service_traits)? {
        Some(rules) => rules,
        None if service.sdk_id == "S3" => super::endpoint::s3_addressing()?,
        None => super::endpoint::fallback(&service.endpoint_prefix),
    };
    let partitions = match (&options.partitions, endpoint.uses_partitions) {
        (_, false) => Vec::new(),
        (Some(text), true) => super::partitions::parse(text)?,
        (None, true) => {
            return Err(Error::MissingPartitions {
                service: model.service.clone(),
            })
        }
    };
    let primitives = Primitives {
        gzip: operations.iter().any(|op| op.gzip),
        ..primitives(&types)
    };
    let mut krate = Crate {
        endpoint,
        partitions,
        runtime: options.runtime.clone(),
        package,
        version: "0.1.0".to_owned(),
        service,
        protocol,
        query_compatible: service_traits.contains_key(crate::protocol::QUERY_COMPATIBLE),
        operations,
        primitives,
        types,
    };
    super::context_params::bind(model, &mut krate)?;
    super::checksums::bind(model, &mut krate)?;
    krate.primitives.checksums = krate
        .operations
        .iter()
        .any(|op| op.checksum_required || op.http_checksum.is_some());
    super::names::check(&krate)?;
    Ok(krate)
}

fn service(model: &Model) -> Result<Service> {
    let id = &model.service;
    let shape = model.shapes.get(id).ok_or_else(|| Error::ServiceCount {
        found: "none".to_owned(),
    })?;
    let sdk_id = get::<traits::AwsService>(id, &shape.traits, traits::AWS_SERVICE)?
        .map_or_else(|| local_name(id).to_owned(), |s| s.sdk_id);
    let title = get::<String>(id, &shape.traits, traits::TITLE)?.unwrap_or_else(|| sdk_id.clone());
    let docs = docs_or(&shape.traits, || format!("Client types for {title}."));
    let endpoint_prefix = get::<traits::AwsService>(id, &shape.traits, traits::AWS_SERVICE)?
        .and_then(|s| s.endpoint_prefix)
        .unwrap_or_else(|| sdk_id.to_kebab_case());
    let signing_name = get::<traits::Sigv4>(id, &shape.traits, traits::SIGV4)?
        .map_or_else(|| endpoint_prefix.clone(), |s| s.name);
    Ok(Service {
        xml_namespace: xml_namespace(id, &shape.traits)?,
        shape_id: id.clone(),
        signing_name,
        s3_signing: matches!(sdk_id.as_str(), "S3" | "S3 Control"),
        endpoint_prefix,
        sdk_id,
        title,
        version: shape.version.clone().unwrap_or_default(),
        docs,
    })
}

fn service_paginated(model: &Model) -> Result<traits::Paginated> {
    let shape = &model.shapes[&model.service];
    Ok(get(&model.service, &shape.traits, traits::PAGINATED)?.unwrap_or_default())
}

/// Documentation of a shape or member as Markdown, or the fallback.
fn docs_or(traits: &ast::Traits, fallback: impl FnOnce() -> String) -> String {
    traits
        .get(traits::DOCUMENTATION)
        .and_then(|v| v.as_str())
        .map(html_to_markdown)
        .filter(|d| !d.is_empty())
        .unwrap_or_else(fallback)
}

/// A named type before lowering: its shape, name and place.
struct Placed {
    shape_id: String,
    name: String,
    module: Module,
}

/// Decides which shapes become named Rust types, what they are called and
/// which module holds them, in the order that fixes their [`TypeId`]s.
fn place_types(model: &Model) -> Result<Vec<Placed>> {
    // How often each structure is used, as an operation's input or output and as a member target.
    let mut roles: BTreeMap<&str, Vec<(&str, &'static str)>> = BTreeMap::new();
    let mut member_targets: BTreeSet<&str> = BTreeSet::new();
    for id in &model.closure {
        let shape = &model.shapes[id];
        if model.kind(id) == Kind::Operation {
            for (role, r) in [("Input", &shape.input), ("Output", &shape.output)] {
                if let Some(r) = r {
                    roles.entry(&r.target).or_default().push((id, role));
                }
            }
        } else {
            let members = shape.members.values();
            let others = [&shape.member, &shape.key, &shape.value];
            for m in members.chain(others.into_iter().flatten()) {
                member_targets.insert(&m.target);
            }
        }
    }
    // The service's `rename` map gives shapes their names in this service.
    let renames = &model.shapes[&model.service].rename;
    let shape_name = |id: &str| {
        renames.get(id).map_or_else(
            || naming::type_name(local_name(id)),
            |n| naming::type_name(n),
        )
    };
    let mut placed = Vec::new();
    // An operation without input or output (or with `smithy.api#Unit`) still
    // gets an empty `<Op>Input` / `<Op>Output`, under a synthetic ID.
    for op in &model.operations {
        let shape = &model.shapes[op];
        for (role, r) in [("Input", &shape.input), ("Output", &shape.output)] {
            if r.as_ref().is_none_or(|r| r.target == UNIT) {
                placed.push(Placed {
                    shape_id: unit_id(op, role),
                    name: format!("{}{role}", naming::type_name(local_name(op))),
                    module: Module::Operation(naming::module_name(local_name(op))),
                });
            }
        }
    }
    for id in &model.closure {
        let shape = &model.shapes[id];
        let kind = model.kind(id);
        let is_enum = kind == Kind::Enum || shape.traits.contains_key(traits::ENUM);
        if kind != Kind::Structure && kind != Kind::Union && !is_enum {
            continue;
        }
        let (name, module) = match roles.get(id.as_str()).map(Vec::as_slice) {
            Some([(op, role)]) if !member_targets.contains(id.as_str()) => (
                format!("{}{role}", naming::type_name(local_name(op))),
                Module::Operation(naming::module_name(local_name(op))),
            ),
            _ if shape.traits.contains_key(traits::ERROR) => (shape_name(id), Module::Error),
            _ => (shape_name(id), Module::Types),
        };
        placed.push(Placed {
            shape_id: id.clone(),
            name,
            module,
        });
    }
    placed
        .sort_by(|a, b| (&a.module, &a.name, &a.shape_id).cmp(&(&b.module, &b.name, &b.shape_id)));
    Ok(placed)
}

/// The structures whose members take HTTP bindings: the operations' inputs
/// and outputs (also when one structure serves several of them) and errors.
fn bound_structures<'a>(model: &'a Model, placed: &'a [Placed]) -> BTreeSet<&'a str> {
    let mut bound: BTreeSet<&str> = placed
        .iter()
        .filter(|p| p.module != Module::Types)
        .map(|p| p.shape_id.as_str())
        .collect();
    for op in &model.operations {
        let shape = &model.shapes[op];
        let io = [&shape.input, &shape.output];
        bound.extend(io.into_iter().flatten().map(|r| r.target.as_str()));
        bound.extend(shape.errors.iter().map(|r| r.target.as_str()));
    }
    bound
}

/// For every structure, the member targets that must be boxed.
fn boxed_members(model: &Model) -> BTreeSet<(String, String)> {
    let nests = |id: &str| matches!(model.kind(id), Kind::Structure | Kind::Union);
    let direct = model
        .closure
        .iter()
        .filter(|id| nests(id))
        .map(|id| {
            let targets = model.shapes[id]
                .members
                .values()
                .filter(|m| nests(&m.target))
                .map(|m| m.target.clone())
                .collect();
            (id.clone(), targets)
        })
        .collect();
    super::cycles::boxed_targets(&direct)
}

struct Lowerer<'a> {
    model: &'a Model,
    /// The protocol trait whose compliance tests the crate gets.
    protocol: &'static str,
    /// The crate's protocol, which gives examples their wire form.
    protocol_kind: crate::protocol::Protocol,
    ids: &'a BTreeMap<&'a str, TypeId>,
    boxed: BTreeSet<(String, String)>,
    /// Operation inputs, outputs and errors: the structures whose members take HTTP bindings.
    bound: BTreeSet<&'a str>,
    /// Operation inputs, whose members may be bound to labels and query parameters.
    inputs: BTreeSet<&'a str>,
    /// The service's SDK ID, which some AWS customizations key on.
    sdk_id: String,
}

impl Lowerer<'_> {
    fn type_def(&self, placed: &Placed) -> Result<TypeDef> {
        let id = &placed.shape_id;
        let Some(shape) = self.model.shapes.get(id) else {
            return Ok(TypeDef {
                shape_id: id.clone(),
                file: naming::module_name(&placed.name),
                name: placed.name.clone(),
                module: placed.module.clone(),
                docs: format!(
                    "`{}` has no members: the operation takes or returns nothing.",
                    placed.name
                ),
                kind: TypeKind::Struct(Struct {
                    builder: format!("{}Builder", placed.name),
                    members: Vec::new(),
                    error: None,
                    sensitive: false,
                    xml_root: (local_name(id).to_owned(), None),
                }),
            });
        };
        let kind = match self.model.kind(id) {
            Kind::Structure => TypeKind::Struct(self.structure(id, shape, &placed.name)?),
            Kind::Union => TypeKind::Union(self.structure(id, shape, &placed.name)?),
            _ => TypeKind::Enum(self.enumeration(id, shape)?),
        };
        let what = match kind {
            TypeKind::Struct(_) if placed.module == Module::Error => "error",
            TypeKind::Struct(_) => "structure",
            TypeKind::Union(_) => "union",
            TypeKind::Enum(_) => "enumeration",
        };
        let docs = docs_or(&shape.traits, || {
            format!(
                "The `{}` {what} of the {} API.",
                local_name(id),
                self.model_title()
            )
        });
        Ok(TypeDef {
            shape_id: id.clone(),
            file: type_file(placed),
            name: placed.name.clone(),
            module: placed.module.clone(),
            docs,
            kind,
        })
    }

    fn model_title(&self) -> &str {
        local_name(&self.model.service)
    }

    fn structure(&self, id: &str, shape: &ast::Shape, name: &str) -> Result<Struct> {
        let mut members = Vec::with_capacity(shape.members.len());
        for (wire_name, member) in &shape.members {
            members.push(self.member(id, wire_name, member)?);
        }
        // awsQuery names errors by `@awsQueryError`'s code where it has one.
        let query_error = match self.protocol_kind {
            crate::protocol::Protocol::AwsQuery => {
                get::<traits::AwsQueryError>(id, &shape.traits, traits::AWS_QUERY_ERROR)?
            }
            _ => None,
        };
        let error = match get::<String>(id, &shape.traits, traits::ERROR)? {
            None => None,
            Some(fault) => Some(ErrorInfo {
                code: query_error
                    .as_ref()
                    .map_or_else(|| local_name(id).to_owned(), |q| q.code.clone()),
                fault: match fault.as_str() {
                    "client" => Fault::Client,
                    "server" => Fault::Server,
                    other => {
                        return Err(Error::InvalidTrait {
                            shape: id.to_owned(),
                            name: traits::ERROR.to_owned(),
                            reason: format!("expected \"client\" or \"server\", found \"{other}\""),
                        })
                    }
                },
                http_status: match &query_error {
                    Some(q) => Some(q.http_response_code),
                    None => get(id, &shape.traits, traits::HTTP_ERROR)?,
                },
                message_member: members
                    .iter()
                    .position(|m| m.wire_name.eq_ignore_ascii_case("message")),
            }),
        };
        let root = get::<String>(id, &shape.traits, traits::XML_NAME)?
            .unwrap_or_else(|| local_name(id).to_owned());
        Ok(Struct {
            builder: format!("{name}Builder"),
            members,
            error,
            sensitive: shape.traits.contains_key(traits::SENSITIVE),
            xml_root: (root, xml_namespace(id, &shape.traits)?),
        })
    }

    fn member(&self, owner: &str, wire_name: &str, member: &ast::Member) -> Result<Member> {
        let member_id = format!("{owner}${wire_name}");
        let t = &member.traits;
        let field = naming::field_name(wire_name);
        // Labels and query parameters only mean something in requests.
        let input = self.inputs.contains(owner);
        let location = if !self.bound.contains(owner) {
            Location::Body
        } else if t.contains_key(traits::HTTP_LABEL) && input {
            Location::Label
        } else if t.contains_key(traits::HTTP_PAYLOAD) {
            Location::Payload
        } else if t.contains_key(traits::HTTP_RESPONSE_CODE) {
            Location::ResponseCode
        } else if let Some(name) =
            get::<String>(&member_id, t, traits::HTTP_QUERY)?.filter(|_| input)
        {
            Location::Query(name)
        } else if t.contains_key(traits::HTTP_QUERY_PARAMS) && input {
            Location::QueryParams
        } else if let Some(name) = get::<String>(&member_id, t, traits::HTTP_HEADER)? {
            Location::Header(name)
        } else if let Some(prefix) = get::<String>(&member_id, t, traits::HTTP_PREFIX_HEADERS)? {
            Location::PrefixHeaders(prefix)
        } else {
            Location::Body
        };
        let constraints = self.constraints(&member_id, &member.target, t)?;
        let target_docs = self.model.shape(&member.target).map(|s| &s.traits);
        let docs = docs_or(t, || {
            target_docs
                .map(|traits| docs_or(traits, String::new))
                .filter(|d| !d.is_empty())
                .unwrap_or_else(|| format!("The `{wire_name}` member."))
        });
        let target_traits = self.model.shape(&member.target).map(|s| &s.traits);
        let has = |name: &str| {
            t.contains_key(name) || target_traits.is_some_and(|tt| tt.contains_key(name))
        };
        let deprecated = match get::<traits::Deprecated>(&member_id, t, traits::DEPRECATED)? {
            Some(d) => Some(d),
            None => match target_traits {
                Some(tt) => get::<traits::Deprecated>(&member.target, tt, traits::DEPRECATED)?,
                None => None,
            },
        }
        .map(|d| {
            let since = d.since.map(|s| format!(" (since {s})")).unwrap_or_default();
            let message = d
                .message
                .unwrap_or_else(|| "deprecated by the service".to_owned());
            format!("{message}{since}")
        });
        let default = t
            .get(traits::DEFAULT)
            .or_else(|| target_traits.and_then(|tt| tt.get(traits::DEFAULT)));
        let docs = match default {
            Some(v) if !v.is_null() => format!("{docs}\n\nThe service's default: `{v}`."),
            _ => docs,
        };
        let timestamp_format = self.timestamp_format(&member_id, t, &member.target)?;
        let timestamp_format = timestamp_format.filter(|_| self.protocol_kind.timestamp_formats());
        let media_type = match target_traits {
            Some(tt) => get::<String>(&member.target, tt, traits::MEDIA_TYPE)?,
            None => None,
        };
        // The client fills in defaults below the top level of an input only.
        let default = match default {
            Some(v) if !v.is_null() && !input && !t.contains_key(traits::CLIENT_OPTIONAL) => {
                let value = value::default_value(self.model, &member.target, v);
                Some(value.map_err(|reason| Error::InvalidTrait {
                    shape: member_id.clone(),
                    name: traits::DEFAULT.to_owned(),
                    reason,
                })?)
            }
            _ => None,
        };
        let glacier_account = self.sdk_id == "Glacier" && wire_name == "accountId";
        let label_default =
            (glacier_account && location == Location::Label).then(|| "-".to_owned());
        let xml = self.xml_member(&member_id, wire_name, member)?;
        Ok(Member {
            xml,
            default,
            label_default,
            media_type,
            timestamp_format,
            sensitive: has(traits::SENSITIVE),
            deprecated,
            idempotency_token: t.contains_key(traits::IDEMPOTENCY_TOKEN),
            json_name: match get(&member_id, t, traits::JSON_NAME)? {
                Some(name) if self.protocol_kind.json_names() => name,
                _ => wire_name.to_owned(),
            },
            wire_name: wire_name.to_owned(),
            setter: naming::setter_name(&field),
            variant: naming::type_name(wire_name),
            field,
            target: member.target.clone(),
            ty: self.type_ref(&member_id, &member.target)?,
            required: t.contains_key(traits::REQUIRED) && !t.contains_key(traits::CLIENT_OPTIONAL),
            boxed: self
                .boxed
                .contains(&(owner.to_owned(), member.target.clone())),
            docs: member_docs(docs, wire_name, &location, &constraints),
            location,
            constraints,
        })
    }

    /// The member's XML and query names.
    fn xml_member(
        &self,
        member_id: &str,
        wire_name: &str,
        member: &ast::Member,
    ) -> Result<XmlMember> {
        let t = &member.traits;
        let name = get::<String>(member_id, t, traits::XML_NAME)?;
        let attribute = t
            .contains_key(traits::XML_ATTRIBUTE)
            .then(|| name.clone().unwrap_or_else(|| wire_name.to_owned()));
        let element = local_xml_name(name.as_deref().unwrap_or(wire_name));
        let query_name = match self.protocol_kind {
            crate::protocol::Protocol::Ec2Query => {
                match get::<String>(member_id, t, traits::EC2_QUERY_NAME)? {
                    Some(name) => name,
                    None => capitalized(name.as_deref().unwrap_or(wire_name)),
                }
            }
            _ => element.clone(),
        };
        Ok(XmlMember {
            renamed: name.is_some(),
            namespace: xml_namespace(member_id, t)?,
            query_name,
            name: element,
            attribute,
            flattened: t.contains_key(traits::XML_FLATTENED),
            items: self.xml_items(&member.target)?,
        })
    }

    /// The element names inside a list or map shape, at every level.
    fn xml_items(&self, target: &str) -> Result<XmlItems> {
        let Some(shape) = self.model.shape(target) else {
            return Ok(XmlItems::None);
        };
        let named = |m: &ast::Member, default: &str| -> Result<String> {
            let id = format!("{target}${default}");
            Ok(local_xml_name(
                &get::<String>(&id, &m.traits, traits::XML_NAME)?
                    .unwrap_or_else(|| default.to_owned()),
            ))
        };
        Ok(
            match (
                self.model.kind(target),
                &shape.member,
                &shape.key,
                &shape.value,
            ) {
                (Kind::List, Some(member), _, _) => XmlItems::List {
                    member: named(member, "member")?,
                    namespace: xml_namespace(&format!("{target}$member"), &member.traits)?,
                    items: Box::new(self.xml_items(&member.target)?),
                },
                (Kind::Map, _, Some(key), Some(value)) => XmlItems::Map {
                    key: named(key, "key")?,
                    value: named(value, "value")?,
                    namespaces: (
                        xml_namespace(&format!("{target}$key"), &key.traits)?,
                        xml_namespace(&format!("{target}$value"), &value.traits)?,
                    ),
                    items: Box::new(self.xml_items(&value.target)?),
                },
                _ => XmlItems::None,
            },
        )
    }

    /// Constraints of the target, overridden by those on the member.
    fn constraints(
        &self,
        member_id: &str,
        target: &str,
        member: &ast::Traits,
    ) -> Result<Constraints> {
        let mut c = Constraints::default();
        let target_traits = self.model.shape(target).map(|s| (target, &s.traits));
        for (owner, t) in target_traits.into_iter().chain([(member_id, member)]) {
            if let Some(l) = get::<traits::Length>(owner, t, traits::LENGTH)? {
                c.length = Some((l.min, l.max));
            }
            if let Some(r) = get::<traits::Range>(owner, t, traits::RANGE)? {
                c.range = Some((r.min, r.max));
            }
            if let Some(p) = get::<String>(owner, t, traits::PATTERN)? {
                // The same engine as the generated crate's: what it cannot compile is left to the service.
                c.pattern_checked = regex_lite::Regex::new(&p).is_ok();
                c.pattern = Some(p);
            }
        }
        Ok(c)
    }

    fn type_ref(&self, owner: &str, target: &str) -> Result<TypeRef> {
        if let Some(id) = self.ids.get(target) {
            return Ok(TypeRef::Named(*id));
        }
        if target == UNIT {
            return Ok(TypeRef::Unit);
        }
        let shape = self.model.shape(target);
        Ok(match self.model.kind(target) {
            Kind::Boolean => TypeRef::Bool,
            Kind::Byte => TypeRef::Byte,
            Kind::Short => TypeRef::Short,
            Kind::Integer => TypeRef::Integer,
            Kind::Long => TypeRef::Long,
            Kind::Float => TypeRef::Float,
            Kind::Double => TypeRef::Double,
            Kind::String => TypeRef::String,
            Kind::Blob => TypeRef::Blob,
            Kind::Timestamp => TypeRef::Timestamp,
            Kind::Document => TypeRef::Document,
            kind @ (Kind::BigInteger | Kind::BigDecimal) => {
                if let Some(why) = self.protocol_kind.big_numbers_refused() {
                    return Err(Error::UnsupportedFeature {
                        shape: owner.to_owned(),
                        feature: format!("{target} in {}, which {why}", self.protocol),
                    });
                }
                if kind == Kind::BigInteger {
                    TypeRef::BigInteger
                } else {
                    TypeRef::BigDecimal
                }
            }
            // Like the official SDKs, an intEnum is its integer.
            Kind::IntEnum => TypeRef::Integer,
            Kind::List => {
                let member = shape.and_then(|s| s.member.as_ref());
                let member = member.ok_or_else(|| dangling(owner, target))?;
                TypeRef::List(Box::new(self.item(target, &member.target)?))
            }
            Kind::Map => {
                let (key, value) = shape
                    .and_then(|s| s.key.as_ref().zip(s.value.as_ref()))
                    .ok_or_else(|| dangling(owner, target))?;
                TypeRef::Map(
                    Box::new(self.type_ref(target, &key.target)?),
                    Box::new(self.item(target, &value.target)?),
                )
            }
            other => {
                return Err(Error::UnsupportedShape {
                    shape: owner.to_owned(),
                    kind: format!("{other:?} as a member target").to_lowercase(),
                })
            }
        })
    }

    /// The `@timestampFormat` of a member (`traits`) or its target, or for a
    /// list or map target, of its items.
    fn timestamp_format(
        &self,
        owner: &str,
        traits: &ast::Traits,
        target: &str,
    ) -> Result<Option<TimestampFormat>> {
        let shape = self.model.shape(target);
        let own = traits
            .get(traits::TIMESTAMP_FORMAT)
            .or_else(|| shape.and_then(|s| s.traits.get(traits::TIMESTAMP_FORMAT)));
        if let Some(value) = own {
            let format = value.as_str().and_then(TimestampFormat::parse);
            return format.map(Some).ok_or_else(|| Error::InvalidTrait {
                shape: owner.to_owned(),
                name: traits::TIMESTAMP_FORMAT.to_owned(),
                reason: format!("expected date-time, http-date or epoch-seconds, found {value}"),
            });
        }
        let item = shape.and_then(|s| match self.model.kind(target) {
            Kind::List => s.member.as_ref(),
            Kind::Map => s.value.as_ref(),
            _ => None,
        });
        match item {
            Some(item) => self.timestamp_format(owner, &item.traits, &item.target),
            None => Ok(None),
        }
    }

    /// The type of an item of list or map `container`: an `Option` when the
    /// container is `@sparse`.
    fn item(&self, container: &str, target: &str) -> Result<TypeRef> {
        let ty = self.type_ref(container, target)?;
        let sparse = self
            .model
            .shape(container)
            .is_some_and(|s| s.traits.contains_key(traits::SPARSE));
        Ok(if sparse {
            TypeRef::Sparse(Box::new(ty))
        } else {
            ty
        })
    }

    fn enumeration(&self, id: &str, shape: &ast::Shape) -> Result<Enum> {
        let mut variants = Vec::new();
        if let Some(defs) = get::<Vec<traits::EnumDefinition>>(id, &shape.traits, traits::ENUM)? {
            for def in defs {
                let name = def.name.as_deref().unwrap_or(&def.value);
                let docs = def.documentation.as_deref().map(html_to_markdown);
                variants.push(variant(name, def.value.clone(), docs));
            }
        } else {
            for (name, member) in &shape.members {
                let member_id = format!("{id}${name}");
                let value = get::<String>(&member_id, &member.traits, traits::ENUM_VALUE)?;
                let docs = Some(docs_or(&member.traits, String::new)).filter(|d| !d.is_empty());
                variants.push(variant(name, value.unwrap_or_else(|| name.clone()), docs));
            }
        }
        variants.sort_by(|a, b| a.value.cmp(&b.value));
        Ok(Enum { variants })
    }

    fn operation(&self, id: &str, defaults: &traits::Paginated) -> Result<Operation> {
        let shape = &self.model.shapes[id];
        let name = local_name(id).to_owned();
        let io = |r: &Option<ast::Reference>, role: &str| {
            let target = match r {
                Some(r) if r.target != UNIT => r.target.clone(),
                _ => unit_id(id, if role == "input" { "Input" } else { "Output" }),
            };
            self.ids
                .get(target.as_str())
                .copied()
                .ok_or_else(|| Error::UnsupportedFeature {
                    shape: id.to_owned(),
                    feature: format!("an operation without an {role} structure"),
                })
        };
        let mut errors: Vec<TypeId> = shape
            .errors
            .iter()
            .filter_map(|e| self.ids.get(e.target.as_str()).copied())
            .collect();
        errors.sort();
        let http = get::<traits::Http>(id, &shape.traits, traits::HTTP)?;
        let http = http.filter(|_| self.protocol_kind.http_bindings());
        let http = http.map(|h| HttpBinding {
            method: h.method,
            uri: h.uri,
            code: h.code.unwrap_or(200),
        });
        let paginated = get::<traits::Paginated>(id, &shape.traits, traits::PAGINATED)?
            .map(|p| paginated(id, p, defaults))
            .transpose()?;
        if let Some(p) = &paginated {
            self.check_paginated(id, shape, p)?;
        }
        let examples = get::<Vec<traits::Example>>(id, &shape.traits, traits::EXAMPLES)?
            .unwrap_or_default()
            .into_iter()
            .map(|e| self.example(id, shape, &errors, e))
            .collect::<Result<_>>()?;
        let target =
            |r: &Option<ast::Reference>| r.as_ref().map_or(UNIT.to_owned(), |r| r.target.clone());
        let mut protocol_tests = protocol_test::lower(
            self.model,
            shape,
            protocol_test::REQUEST_TESTS,
            self.protocol,
            &target(&shape.input),
            |input, raw| {
                Ok(ProtocolTestKind::Request {
                    input,
                    expect: Box::new(protocol_test::request(raw)?),
                })
            },
        );
        protocol_tests.extend(protocol_test::lower(
            self.model,
            shape,
            protocol_test::RESPONSE_TESTS,
            self.protocol,
            &target(&shape.output),
            |output, raw| {
                Ok(ProtocolTestKind::Response {
                    output,
                    response: protocol_test::response(raw)?,
                })
            },
        ));
        let fixed_headers = self.fixed_headers();
        let glacier_checksums = self.sdk_id == "Glacier"
            && matches!(name.as_str(), "UploadArchive" | "UploadMultipartPart");
        let host_prefix = get::<traits::Endpoint>(id, &shape.traits, traits::ENDPOINT)?
            .map(|e| self.host_prefix(id, shape, &e.host_prefix))
            .transpose()?;
        let type_name = naming::type_name(&name);
        let gzip =
            get::<traits::RequestCompression>(id, &shape.traits, traits::REQUEST_COMPRESSION)?
                .is_some_and(|c| c.encodings.iter().any(|e| e.eq_ignore_ascii_case("gzip")));
        // Sending it twice does no harm: `@readonly`, `@idempotent`, or an
        // idempotency token the client fills in once for all attempts.
        let has_token = shape
            .input
            .as_ref()
            .and_then(|r| self.model.shapes.get(&r.target))
            .is_some_and(|input| {
                input
                    .members
                    .values()
                    .any(|m| m.traits.contains_key(traits::IDEMPOTENCY_TOKEN))
            });
        let idempotent = has_token
            || shape.traits.contains_key(traits::READONLY)
            || shape.traits.contains_key(traits::IDEMPOTENT);
        Ok(Operation {
            idempotent,
            checksum_required: op_checksum_required(shape),
            http_checksum: None,
            gzip,
            unit_input: shape.input.as_ref().is_none_or(|r| r.target == UNIT),
            host_prefix,
            fixed_headers,
            glacier_checksums,
            unwrapped_xml_output: shape.traits.contains_key(traits::S3_UNWRAPPED_XML_OUTPUT),
            context_params: Vec::new(),
            protocol_tests,
            shape_id: id.to_owned(),
            module: naming::module_name(&name),
            error_type: format!("{type_name}Error"),
            builder_type: format!("{type_name}FluentBuilder"),
            docs: docs_or(&shape.traits, || format!("Calls the `{name}` operation.")),
            input: io(&shape.input, "input")?,
            output: io(&shape.output, "output")?,
            errors,
            http,
            paginated,
            examples,
            name,
        })
    }
}

impl Lowerer<'_> {
    /// Splits an `@endpoint` host prefix into text and labels; each label
    /// must name a `@hostLabel` member of the input.
    fn host_prefix(&self, id: &str, op: &ast::Shape, prefix: &str) -> Result<Vec<HostPrefixPart>> {
        let invalid = |reason: String| Error::InvalidTrait {
            shape: id.to_owned(),
            name: traits::ENDPOINT.to_owned(),
            reason,
        };
        let input = op.input.as_ref().and_then(|r| self.model.shape(&r.target));
        let mut parts = Vec::new();
        let mut rest = prefix;
        while let Some(open) = rest.find('{') {
            let close = rest[open..]
                .find('}')
                .map(|c| open + c)
                .ok_or_else(|| invalid(format!("unclosed label in {prefix:?}")))?;
            if open > 0 {
                parts.push(HostPrefixPart::Text(rest[..open].to_owned()));
            }
            let label = &rest[open + 1..close];
            let bound = input
                .and_then(|s| s.members.get(label))
                .is_some_and(|m| m.traits.contains_key(traits::HOST_LABEL));
            if !bound {
                return Err(invalid(format!(
                    "{{{label}}} is not a @hostLabel member of the input"
                )));
            }
            parts.push(HostPrefixPart::Label(label.to_owned()));
            rest = &rest[close + 1..];
        }
        if !rest.is_empty() {
            parts.push(HostPrefixPart::Text(rest.to_owned()));
        }
        Ok(parts)
    }

    /// Gives each error's response tests to the first operation (by name)
    /// that can return it, so that each test runs once.
    fn error_tests(&self, operations: &mut [Operation]) {
        let mut done = BTreeSet::new();
        for op in operations.iter_mut() {
            for ty in op.errors.clone() {
                let Some((id, _)) = self.ids.iter().find(|(_, t)| **t == ty) else {
                    continue;
                };
                if !done.insert(ty) {
                    continue;
                }
                let Some(shape) = self.model.shape(id) else {
                    continue;
                };
                op.protocol_tests.extend(protocol_test::lower(
                    self.model,
                    shape,
                    protocol_test::RESPONSE_TESTS,
                    self.protocol,
                    id,
                    |value, raw| {
                        Ok(ProtocolTestKind::Error {
                            ty,
                            value,
                            response: protocol_test::response(raw)?,
                        })
                    },
                ));
            }
        }
    }

    /// Checks one `smithy.api#examples` entry against the model and works
    /// out the messages it travels as.
    /// Headers every request carries by the customizations the AWS
    /// specification asks of some services' clients.
    fn fixed_headers(&self) -> Vec<(String, String)> {
        match self.sdk_id.as_str() {
            "Glacier" => {
                let version = self.model.shapes[&self.model.service].version.clone();
                vec![(
                    "X-Amz-Glacier-Version".to_owned(),
                    version.unwrap_or_default(),
                )]
            }
            "API Gateway" => vec![("Accept".to_owned(), "application/json".to_owned())],
            _ => Vec::new(),
        }
    }

    fn example(
        &self,
        id: &str,
        shape: &ast::Shape,
        errors: &[TypeId],
        e: traits::Example,
    ) -> Result<Example> {
        if let Some(reason) = crate::protocol::examples_unsupported(self.protocol_kind) {
            return Err(Error::UnsupportedFeature {
                shape: id.to_owned(),
                feature: format!("smithy.api#examples in {}: {reason}", self.protocol),
            });
        }
        let invalid = |reason: String| Error::InvalidTrait {
            shape: id.to_owned(),
            name: traits::EXAMPLES.to_owned(),
            reason: format!("example \"{}\": {reason}", e.title),
        };
        let check = |role: &str, target: Option<&ast::Reference>, json: &serde_json::Value| {
            let target = target.map_or("smithy.api#Unit", |r| r.target.as_str());
            value::check(self.model, target, json)
                .map_err(|reason| invalid(format!("the {role}: {reason}")))
        };
        // An example without input calls the operation with an empty one.
        let empty = serde_json::Value::Object(Default::default());
        let input_json = if e.input.is_null() { &empty } else { &e.input };
        let input = check("input", shape.input.as_ref(), input_json)?;
        let mut request = crate::protocol::example_request(
            self.protocol_kind,
            self.model,
            shape,
            local_name(id),
            &input,
        )
        .map_err(&invalid)?;
        request.headers.extend(self.fixed_headers());
        // The body's checksum: its value is checked against the body sent,
        // whose bytes the example's wire form need not match exactly.
        super::checksums::example_headers(
            self.model,
            id,
            shape,
            input_json,
            op_checksum_required(shape),
            &mut request.headers,
        )?;
        let status = get::<traits::Http>(id, &shape.traits, traits::HTTP)?
            .and_then(|h| h.code)
            .unwrap_or(200);
        let shown = (
            e.input.clone(),
            e.output
                .clone()
                .or_else(|| e.error.as_ref().map(|err| err.content.clone())),
        );
        let outcome = match (e.error, e.output) {
            (Some(err), _) => {
                let ty = self
                    .ids
                    .get(err.shape_id.as_str())
                    .copied()
                    .filter(|t| errors.contains(t))
                    .ok_or_else(|| {
                        invalid(format!("{} is not an error of the operation", err.shape_id))
                    })?;
                let value = value::check(self.model, &err.shape_id, &err.content)
                    .map_err(|reason| invalid(format!("the error: {reason}")))?;
                let response = crate::protocol::example_error_response(
                    self.protocol_kind,
                    self.model,
                    &err.shape_id,
                    &value,
                );
                ExampleOutcome::Error {
                    ty,
                    value,
                    response,
                }
            }
            (None, Some(output)) => {
                let target = shape.output.as_ref();
                let value = check("output", target, &output)?;
                let target = target.map_or("smithy.api#Unit", |r| r.target.as_str());
                let (response, value) = crate::protocol::example_response(
                    self.protocol_kind,
                    self.model,
                    (
                        local_name(id),
                        shape.traits.contains_key(traits::S3_UNWRAPPED_XML_OUTPUT),
                    ),
                    target,
                    value,
                    status,
                );
                ExampleOutcome::Output { value, response }
            }
            (None, None) => ExampleOutcome::Nothing,
        };
        Ok(Example {
            docs: e
                .documentation
                .as_deref()
                .map(html_to_markdown)
                .unwrap_or_default(),
            title: e.title,
            input,
            shown,
            request,
            outcome,
        })
    }
}

impl Lowerer<'_> {
    /// The pagination members must exist: the tokens as strings, the page
    /// size as an integer, the items as a list.
    fn check_paginated(&self, id: &str, shape: &ast::Shape, p: &Paginated) -> Result<()> {
        let members = |r: &Option<ast::Reference>| {
            r.as_ref()
                .and_then(|r| self.model.shape(&r.target))
                .map(|s| &s.members)
        };
        let (input, output) = (members(&shape.input), members(&shape.output));
        let checks = [
            (
                "inputToken",
                input,
                Some(p.input_token.as_str()),
                Kind::String,
            ),
            (
                "outputToken",
                output,
                Some(p.output_token.as_str()),
                Kind::String,
            ),
            ("pageSize", input, p.page_size.as_deref(), Kind::Integer),
            ("items", output, p.items.as_deref(), Kind::List),
        ];
        fn target<'m>(
            members: Option<&'m std::collections::BTreeMap<String, ast::Member>>,
            name: &str,
        ) -> Option<&'m str> {
            members.and_then(|m| m.get(name)).map(|m| m.target.as_str())
        }
        // A token may also be a map (DynamoDB's key attributes), the same
        // shape in the input and the output.
        let input_token = target(input, &p.input_token);
        let map_tokens = input_token.is_some_and(|t| self.model.kind(t) == Kind::Map)
            && input_token == target(output, &p.output_token);
        for (what, members, name, kind) in checks {
            let Some(name) = name else { continue };
            let found = target(members, name).map(|t| self.model.kind(t));
            let kind = if map_tokens && what.ends_with("Token") {
                Kind::Map
            } else {
                kind
            };
            if found != Some(kind) {
                return Err(Error::InvalidTrait {
                    shape: id.to_owned(),
                    name: traits::PAGINATED.to_owned(),
                    reason: format!(
                        "{what} names `{name}`, which is not a {} member",
                        kind.name()
                    ),
                });
            }
        }
        Ok(())
    }
}

const UNIT: &str = "smithy.api#Unit";

/// The synthetic shape ID of an operation's missing input or output.
fn unit_id(op: &str, role: &str) -> String {
    format!("{op}${role}")
}

fn dangling(owner: &str, target: &str) -> Error {
    Error::DanglingTarget {
        shape: owner.to_owned(),
        target: target.to_owned(),
    }
}

fn variant(name: &str, value: String, docs: Option<String>) -> Variant {
    let mut rust_name = naming::type_name(name);
    if rust_name == "Unknown" {
        // The generated catch-all variant is called `Unknown`.
        rust_name = "UnknownValue".to_owned();
    }
    Variant {
        member: name.to_owned(),
        name: rust_name,
        docs: docs.unwrap_or_else(|| format!("The value `{value}`.")),
        value,
    }
}

fn paginated(id: &str, op: traits::Paginated, defaults: &traits::Paginated) -> Result<Paginated> {
    let missing = |what: &str| Error::InvalidTrait {
        shape: id.to_owned(),
        name: traits::PAGINATED.to_owned(),
        reason: format!("no {what} on the operation or the service"),
    };
    Ok(Paginated {
        input_token: op
            .input_token
            .or_else(|| defaults.input_token.clone())
            .ok_or_else(|| missing("inputToken"))?,
        output_token: op
            .output_token
            .or_else(|| defaults.output_token.clone())
            .ok_or_else(|| missing("outputToken"))?,
        page_size: op.page_size.or_else(|| defaults.page_size.clone()),
        items: op.items.or_else(|| defaults.items.clone()),
    })
}

/// A member's docs, followed by its wire name, binding and constraints.
/// `@xmlNamespace` of a shape or member.
pub(crate) fn xml_namespace(owner: &str, traits: &ast::Traits) -> Result<Option<XmlNamespace>> {
    Ok(
        get::<traits::XmlNamespaceTrait>(owner, traits, traits::XML_NAMESPACE)?.map(|n| {
            XmlNamespace {
                prefix: n.prefix,
                uri: n.uri,
            }
        }),
    )
}

/// Whether an operation's requests carry the body's `Content-MD5`:
/// `@httpChecksumRequired`, or `@httpChecksum(requestChecksumRequired:
/// true)`, which S3 accepts `Content-MD5` for.
fn op_checksum_required(shape: &ast::Shape) -> bool {
    shape.traits.contains_key(traits::HTTP_CHECKSUM_REQUIRED)
        || shape
            .traits
            .get(traits::HTTP_CHECKSUM)
            .and_then(|c| c.get("requestChecksumRequired"))
            == Some(&serde_json::Value::Bool(true))
}

/// The file of a type: its module name, but `error_` for a shape named
/// `Error` in `types`, beside the `types::error` module of modeled errors
/// (S3 has one).
fn type_file(placed: &Placed) -> String {
    let file = naming::module_name(&placed.name);
    if placed.module == Module::Types && file == "error" {
        "error_".to_owned()
    } else {
        file
    }
}

/// `name` with its first letter in upper case, as ec2Query keys are.
fn capitalized(name: &str) -> String {
    let mut chars = name.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// An `@xmlName` without its namespace prefix: elements are matched by local name.
fn local_xml_name(name: &str) -> String {
    name.rsplit_once(':')
        .map_or(name, |(_, local)| local)
        .to_owned()
}

fn member_docs(docs: String, wire_name: &str, location: &Location, c: &Constraints) -> String {
    let mut facts = vec![match location {
        Location::Body => format!("Wire name: `{wire_name}`."),
        Location::Query(q) => {
            format!("Wire name: `{wire_name}`, sent as the query parameter `{q}`.")
        }
        Location::Header(h) => {
            format!("Wire name: `{wire_name}`, carried in the HTTP header `{h}`.")
        }
        Location::Label => format!("Wire name: `{wire_name}`, part of the request path."),
        Location::QueryParams => {
            format!("Wire name: `{wire_name}`, each entry a query parameter.")
        }
        Location::PrefixHeaders(p) => {
            format!("Wire name: `{wire_name}`, each entry an HTTP header named `{p}` and its key.")
        }
        Location::Payload => format!("Wire name: `{wire_name}`, the whole HTTP body."),
        Location::ResponseCode => format!("Wire name: `{wire_name}`, the HTTP status code."),
    }];
    if let Some((min, max)) = c.length {
        facts.push(format!("Length: {}.", bounds(min, max)));
    }
    if let Some((min, max)) = c.range {
        facts.push(format!("Range: {}.", bounds(min, max)));
    }
    if let Some(p) = &c.pattern {
        let who = if c.pattern_checked {
            ""
        } else {
            " (checked by the service only: the client's regular-expression engine cannot compile it)"
        };
        facts.push(format!("Pattern: {}{who}.", crate::docs::code_span(p)));
    }
    format!("{docs}\n\n{}", facts.join(" "))
}

fn bounds<T: std::fmt::Display>(min: Option<T>, max: Option<T>) -> String {
    match (min, max) {
        (Some(min), Some(max)) => format!("{min} to {max}"),
        (Some(min), None) => format!("at least {min}"),
        (None, Some(max)) => format!("at most {max}"),
        (None, None) => "any".to_owned(),
    }
}

fn primitives(types: &[TypeDef]) -> Primitives {
    fn visit(ty: &TypeRef, p: &mut Primitives) {
        match ty {
            TypeRef::Timestamp => p.date_time = true,
            TypeRef::Blob => p.blob = true,
            TypeRef::Document => p.document = true,
            TypeRef::BigInteger => p.big_integer = true,
            TypeRef::BigDecimal => p.big_decimal = true,
            TypeRef::List(inner) | TypeRef::Sparse(inner) => visit(inner, p),
            TypeRef::Map(k, v) => {
                visit(k, p);
                visit(v, p);
            }
            _ => {}
        }
    }
    let mut p = Primitives::default();
    for t in types {
        match &t.kind {
            TypeKind::Enum(_) => p.unknown_value = true,
            TypeKind::Struct(s) | TypeKind::Union(s) => {
                s.members.iter().for_each(|m| visit(&m.ty, &mut p))
            }
        }
    }
    p
}
