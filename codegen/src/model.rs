//! Step 2: a checked view of the loaded model, restricted to what the chosen
//! operations reach.
//!
//! [`Model::new`] finds the service, resolves the chosen operations, walks their
//! closure and validates every shape in it: targets exist and have the right
//! kind, shape types and traits are ones the generator supports. Lowering to
//! the IR can then rely on all of that.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use crate::error::{Error, Result};
use crate::load::ast;

/// The shape types of Smithy 2.0, as the loader reads them (a `set` is a
/// list).
pub use crate::load::Kind;

impl Kind {
    /// The type of a JSON AST `type` (`set` is a list), if it is one.
    fn parse(name: &str) -> Option<Kind> {
        Kind::from_keyword(name).map(|(kind, _)| kind)
    }

    /// Whether `name` is a shape type of Smithy 2.0.
    pub fn is_known(name: &str) -> bool {
        Kind::parse(name).is_some()
    }

    /// Whether a member may target a shape of this kind.
    fn is_data(self) -> bool {
        !matches!(self, Kind::Service | Kind::Operation | Kind::Resource)
    }
}

/// Traits whose meaning the generator implements.
const HANDLED_TRAITS: &[&str] = &[
    "smithy.api#documentation",
    "smithy.api#enum",
    "smithy.api#enumValue",
    "smithy.api#error",
    "smithy.api#examples",
    "smithy.api#http",
    "smithy.api#httpError",
    "smithy.api#httpHeader",
    "smithy.api#httpQuery",
    "smithy.api#input",
    "smithy.api#jsonName",
    "smithy.api#length",
    "smithy.api#output",
    "smithy.api#paginated",
    "smithy.api#pattern",
    "smithy.api#range",
    "smithy.api#required",
    "smithy.api#clientOptional",
    "smithy.api#default",
    "smithy.api#deprecated",
    "smithy.api#httpLabel",
    "smithy.api#httpPayload",
    "smithy.api#httpResponseCode",
    "smithy.api#idempotencyToken",
    "smithy.api#sensitive",
    "smithy.api#streaming",
    "smithy.api#sparse",
    "smithy.api#timestampFormat",
    "smithy.api#httpQueryParams",
    "smithy.api#httpPrefixHeaders",
    "smithy.api#requiresLength",
    "smithy.api#endpoint",
    "smithy.api#hostLabel",
    "smithy.api#mediaType",
    "smithy.api#httpChecksumRequired",
    "smithy.api#requestCompression",
];

/// Prelude traits that do not change the generated types or wire format.
const INERT_TRAITS: &[&str] = &[
    "smithy.api#addedDefault",
    "smithy.api#auth",
    "smithy.api#box",
    "smithy.api#externalDocumentation",
    "smithy.api#idempotent",
    "smithy.api#idRef",
    "smithy.api#internal",
    "smithy.api#optionalAuth",
    "smithy.api#private",
    "smithy.api#readonly",
    "smithy.api#recommended",
    "smithy.api#references",
    "smithy.api#resourceIdentifier",
    "smithy.api#retryable",
    "smithy.api#since",
    "smithy.api#suppress",
    "smithy.api#tags",
    "smithy.api#title",
    "smithy.api#uniqueItems",
    "smithy.api#unstable",
    "smithy.api#xmlAttribute",
    "smithy.api#xmlFlattened",
    "smithy.api#xmlName",
    "smithy.api#xmlNamespace",
];

/// Checks that a trait on `owner` is one the generator can honour. Traits
/// outside the prelude (`aws.*`, `smithy.rules#*`...) describe the service to
/// other tools and never change the generated types.
fn check_trait(owner: &str, name: &str) -> Result<()> {
    let prelude = name.starts_with("smithy.api#");
    if prelude && !HANDLED_TRAITS.contains(&name) && !INERT_TRAITS.contains(&name) {
        return Err(Error::UnsupportedTrait {
            shape: owner.to_owned(),
            name: name.to_owned(),
        });
    }
    Ok(())
}

/// A loaded model with its service found and its operations chosen.
pub struct Model {
    /// The raw shapes, by ID.
    pub shapes: BTreeMap<String, ast::Shape>,
    /// The service shape ID.
    pub service: String,
    /// The chosen operation IDs, sorted.
    pub operations: Vec<String>,
    /// Every shape the chosen operations reach (operations included), sorted.
    pub closure: BTreeSet<String>,
    /// Operations left out because they use a feature the generator does not
    /// support, with the reason; only when no operations were named.
    pub skipped: Vec<(String, String)>,
}

impl Model {
    /// Validates `model` and restricts it to `operations` (by name, as in
    /// `ListEventSourceMappings`), or to all of the service's operations when
    /// `operations` is empty.
    pub fn new(model: ast::Model, operations: &[String]) -> Result<Model> {
        Model::for_service(model, None, operations)
    }

    /// Like [`Model::new`], for service `service` (an absolute shape ID) when
    /// given; without it the model must have exactly one service.
    pub fn for_service(
        model: ast::Model,
        service: Option<&str>,
        operations: &[String],
    ) -> Result<Model> {
        let shapes = model.shapes;
        for id in shapes.keys() {
            check_shape_id(id)?;
        }
        let service = match service {
            Some(wanted) => pick_service(&shapes, wanted)?,
            None => find_service(&shapes)?,
        };
        let all = service_operations(&shapes, &service)?;
        let mut chosen = choose(&service, &all, operations)?;
        let mut skipped = Vec::new();
        let mut first_problem = None;
        for op in chosen.clone() {
            let Some(problem) = unsupported(&shapes, &op)? else {
                continue;
            };
            if !operations.is_empty() {
                return Err(problem);
            }
            chosen.retain(|o| *o != op);
            skipped.push((op, problem.to_string()));
            first_problem.get_or_insert(problem);
        }
        if let (true, Some(problem)) = (chosen.is_empty(), first_problem) {
            // Nothing is left to generate: say why.
            return Err(problem);
        }
        let closure = walk(&shapes, &chosen)?;
        for id in &closure {
            check_traits(id, &shapes[id])?;
        }
        Ok(Model {
            shapes,
            service,
            operations: chosen,
            closure,
            skipped,
        })
    }

    /// The kind of a shape that validation has already seen.
    pub fn kind(&self, id: &str) -> Kind {
        prelude_kind(id)
            .or_else(|| self.shapes.get(id).and_then(|s| Kind::parse(&s.kind)))
            .unwrap_or(Kind::Document)
    }

    /// The shape behind an ID: `None` for prelude shapes such as `smithy.api#String`.
    pub fn shape(&self, id: &str) -> Option<&ast::Shape> {
        self.shapes.get(id)
    }
}

/// The service of a model and the closure of some of its operations, as
/// `diff-model` compares and `update-model` copies them.
#[derive(Debug, Clone)]
pub struct Selection {
    /// The service shape ID.
    pub service: String,
    /// The chosen operation IDs, sorted.
    pub operations: Vec<String>,
    /// Every shape they reach, operations included, sorted.
    pub closure: BTreeSet<String>,
}

/// Chooses `operations` (by name; all of the service's when empty) and walks
/// their closure. With `skip_missing`, names the service lacks are left out
/// instead of being an error (the older side of a diff may not have them yet).
pub fn select(model: &ast::Model, operations: &[String], skip_missing: bool) -> Result<Selection> {
    let shapes = &model.shapes;
    let service = find_service(shapes)?;
    let all = service_operations(shapes, &service)?;
    let names: Vec<String> = if skip_missing {
        operations
            .iter()
            .filter(|name| all.iter().any(|id| local_name(id) == name.as_str()))
            .cloned()
            .collect()
    } else {
        operations.to_vec()
    };
    let operations = if skip_missing && names.is_empty() && !operations.is_empty() {
        Vec::new()
    } else {
        choose(&service, &all, &names)?
    };
    let closure = walk(shapes, &operations)?;
    Ok(Selection {
        service,
        operations,
        closure,
    })
}

/// What keeps operation `op` from being generated: a shape kind, trait or
/// feature the generator does not support yet, anywhere in its closure.
/// A model that is broken (a dangling target, say) is an error instead.
fn unsupported(shapes: &BTreeMap<String, ast::Shape>, op: &str) -> Result<Option<Error>> {
    let closure = match walk(shapes, &[op.to_owned()]) {
        Ok(closure) => closure,
        Err(e) if e.is_unsupported() => return Ok(Some(e)),
        Err(e) => return Err(e),
    };
    if let Some(feature) = event_stream(shapes, &closure) {
        return Ok(Some(Error::UnsupportedFeature {
            shape: op.to_owned(),
            feature,
        }));
    }
    for id in &closure {
        match check_traits(id, &shapes[id]) {
            Ok(()) => {}
            Err(e) if e.is_unsupported() => return Ok(Some(e)),
            Err(e) => return Err(e),
        }
    }
    Ok(None)
}

/// Why an operation's closure needs event streams (a member targeting a
/// `@streaming` union), if it does.
fn event_stream(
    shapes: &BTreeMap<String, ast::Shape>,
    closure: &BTreeSet<String>,
) -> Option<String> {
    closure.iter().find_map(|id| {
        shapes[id].members.iter().find_map(|(name, m)| {
            let target = shapes.get(&m.target)?;
            (target.kind == "union" && target.traits.contains_key("smithy.api#streaming")).then(
                || {
                    format!(
                        "event streams ({id}${name} targets the @streaming union {})",
                        m.target
                    )
                },
            )
        })
    })
}

fn check_shape_id(id: &str) -> Result<()> {
    let invalid = |reason: &str| Error::InvalidShapeId {
        id: id.to_owned(),
        reason: reason.to_owned(),
    };
    let (namespace, name) = id
        .split_once('#')
        .ok_or_else(|| invalid("expected namespace#Name"))?;
    let ident = |s: &str| {
        s.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
            && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
    };
    if !namespace.split('.').all(ident) {
        return Err(invalid("the namespace is not dot-separated identifiers"));
    }
    if !ident(name) {
        return Err(invalid("the name is not an identifier"));
    }
    Ok(())
}

/// Kinds of the prelude shapes a model may target without defining them.
fn prelude_kind(id: &str) -> Option<Kind> {
    let name = id.strip_prefix("smithy.api#")?;
    Some(match name {
        "String" => Kind::String,
        "Blob" => Kind::Blob,
        "Boolean" | "PrimitiveBoolean" => Kind::Boolean,
        "Byte" | "PrimitiveByte" => Kind::Byte,
        "Short" | "PrimitiveShort" => Kind::Short,
        "Integer" | "PrimitiveInteger" => Kind::Integer,
        "Long" | "PrimitiveLong" => Kind::Long,
        "Float" | "PrimitiveFloat" => Kind::Float,
        "Double" | "PrimitiveDouble" => Kind::Double,
        "BigInteger" => Kind::BigInteger,
        "BigDecimal" => Kind::BigDecimal,
        "Timestamp" => Kind::Timestamp,
        "Document" => Kind::Document,
        "Unit" => Kind::Structure,
        _ => return None,
    })
}

/// The service `wanted`, which must be a service shape of the model.
fn pick_service(shapes: &BTreeMap<String, ast::Shape>, wanted: &str) -> Result<String> {
    if shapes.get(wanted).is_some_and(|s| s.kind == "service") {
        return Ok(wanted.to_owned());
    }
    Err(Error::NoSuchService {
        wanted: wanted.to_owned(),
        available: service_ids(shapes).join(", "),
    })
}

fn service_ids(shapes: &BTreeMap<String, ast::Shape>) -> Vec<&str> {
    shapes
        .iter()
        .filter(|(_, s)| s.kind == "service")
        .map(|(id, _)| id.as_str())
        .collect()
}

fn find_service(shapes: &BTreeMap<String, ast::Shape>) -> Result<String> {
    match service_ids(shapes).as_slice() {
        [one] => Ok((*one).to_owned()),
        [] => Err(Error::ServiceCount {
            found: "none".to_owned(),
        }),
        many => Err(Error::ServiceCount {
            found: format!("{} (choose one with --service)", many.join(", ")),
        }),
    }
}

/// Every operation bound to the service, directly or through its resources.
fn service_operations(
    shapes: &BTreeMap<String, ast::Shape>,
    service: &str,
) -> Result<BTreeSet<String>> {
    let mut operations = BTreeSet::new();
    let mut containers = vec![service.to_owned()];
    let mut seen = BTreeSet::new();
    while let Some(container) = containers.pop() {
        if !seen.insert(container.clone()) {
            continue;
        }
        let shape = &shapes[&container];
        for op in shape.bound_operations() {
            expect_kind(
                shapes,
                &container,
                "operation binding",
                &op.target,
                "an operation",
                |k| k == Kind::Operation,
            )?;
            operations.insert(op.target.clone());
        }
        for resource in &shape.resources {
            expect_kind(
                shapes,
                &container,
                "resource binding",
                &resource.target,
                "a resource",
                |k| k == Kind::Resource,
            )?;
            containers.push(resource.target.clone());
        }
    }
    Ok(operations)
}

fn choose(service: &str, all: &BTreeSet<String>, names: &[String]) -> Result<Vec<String>> {
    if names.is_empty() {
        return Ok(all.iter().cloned().collect());
    }
    let by_name: BTreeMap<&str, &String> = all.iter().map(|id| (local_name(id), id)).collect();
    let mut chosen = BTreeSet::new();
    for name in names {
        let id = by_name
            .get(name.as_str())
            .ok_or_else(|| Error::NoSuchOperation {
                name: name.clone(),
                service: service.to_owned(),
                available: by_name.keys().copied().collect::<Vec<_>>().join(", "),
            })?;
        chosen.insert((*id).clone());
    }
    Ok(chosen.into_iter().collect())
}

/// The part of a shape ID after `#`.
pub fn local_name(id: &str) -> &str {
    id.rsplit_once('#').map_or(id, |(_, name)| name)
}

/// Checks that `target` exists and passes `ok`, for the reference `role` held by `owner`.
fn expect_kind(
    shapes: &BTreeMap<String, ast::Shape>,
    owner: &str,
    role: &'static str,
    target: &str,
    expected: &'static str,
    ok: impl Fn(Kind) -> bool,
) -> Result<Kind> {
    let kind = match prelude_kind(target) {
        Some(kind) => kind,
        None => {
            let shape = shapes.get(target).ok_or_else(|| Error::DanglingTarget {
                shape: owner.to_owned(),
                target: target.to_owned(),
            })?;
            Kind::parse(&shape.kind).ok_or_else(|| Error::UnsupportedShape {
                shape: target.to_owned(),
                kind: shape.kind.clone(),
            })?
        }
    };
    if ok(kind) {
        Ok(kind)
    } else {
        Err(Error::TargetMismatch {
            shape: owner.to_owned(),
            role,
            target: target.to_owned(),
            expected,
            found: kind.name().to_owned(),
        })
    }
}

/// Breadth-first walk from the operations through inputs, outputs, errors and
/// members, checking every reference on the way.
fn walk(shapes: &BTreeMap<String, ast::Shape>, operations: &[String]) -> Result<BTreeSet<String>> {
    let mut closure = BTreeSet::new();
    let mut queue: VecDeque<String> = operations.iter().cloned().collect();
    while let Some(id) = queue.pop_front() {
        if prelude_kind(&id).is_some() || !closure.insert(id.clone()) {
            continue;
        }
        let shape = &shapes[&id];
        let kind = Kind::parse(&shape.kind).ok_or_else(|| Error::UnsupportedShape {
            shape: id.clone(),
            kind: shape.kind.clone(),
        })?;
        if let Some(mixin) = shape.mixins.first() {
            return Err(Error::UnsupportedFeature {
                shape: id.clone(),
                feature: format!(
                    "mixins (it applies {}; flatten mixins before generating)",
                    mixin.target
                ),
            });
        }
        let mut next = Vec::new();
        let data = |k: Kind| k.is_data();
        let structure = |k: Kind| k == Kind::Structure;
        match kind {
            Kind::Operation => {
                for (role, r) in [("input", &shape.input), ("output", &shape.output)] {
                    if let Some(r) = r {
                        expect_kind(shapes, &id, role, &r.target, "a structure", structure)?;
                        next.push(r.target.clone());
                    }
                }
                for e in &shape.errors {
                    expect_kind(shapes, &id, "error", &e.target, "a structure", structure)?;
                    if !shapes[&e.target].traits.contains_key("smithy.api#error") {
                        return Err(Error::InvalidTrait {
                            shape: e.target.clone(),
                            name: "smithy.api#error".to_owned(),
                            reason: format!("listed as an error of {id} but has no @error trait"),
                        });
                    }
                    next.push(e.target.clone());
                }
            }
            Kind::List => {
                let member = shape
                    .member
                    .as_ref()
                    .ok_or_else(|| missing(&id, "member"))?;
                let owner = format!("{id}$member");
                expect_kind(
                    shapes,
                    &owner,
                    "member",
                    &member.target,
                    "a data shape",
                    data,
                )?;
                next.push(member.target.clone());
            }
            Kind::Map => {
                let key = shape.key.as_ref().ok_or_else(|| missing(&id, "key"))?;
                let value = shape.value.as_ref().ok_or_else(|| missing(&id, "value"))?;
                let string_like = |k: Kind| matches!(k, Kind::String | Kind::Enum);
                expect_kind(
                    shapes,
                    &format!("{id}$key"),
                    "map key",
                    &key.target,
                    "a string or enum",
                    string_like,
                )?;
                expect_kind(
                    shapes,
                    &format!("{id}$value"),
                    "map value",
                    &value.target,
                    "a data shape",
                    data,
                )?;
                next.extend([key.target.clone(), value.target.clone()]);
            }
            Kind::Structure | Kind::Union => {
                for (name, member) in &shape.members {
                    let owner = format!("{id}${name}");
                    if member.target == "smithy.api#Unit" && kind == Kind::Structure {
                        return Err(Error::UnsupportedFeature {
                            shape: owner,
                            feature: "structure members that target smithy.api#Unit".to_owned(),
                        });
                    }
                    expect_kind(
                        shapes,
                        &owner,
                        "member",
                        &member.target,
                        "a data shape",
                        data,
                    )?;
                    next.push(member.target.clone());
                }
            }
            Kind::Enum => {
                for name in shape.members.keys() {
                    check_enum_member(&id, name, &shape.members[name])?;
                }
            }
            _ => {}
        }
        queue.extend(next);
    }
    Ok(closure)
}

fn missing(id: &str, what: &str) -> Error {
    Error::InvalidTrait {
        shape: id.to_owned(),
        name: what.to_owned(),
        reason: "required by the shape type but missing".to_owned(),
    }
}

fn check_enum_member(id: &str, name: &str, member: &ast::Member) -> Result<()> {
    if member.target != "smithy.api#Unit" {
        return Err(Error::TargetMismatch {
            shape: format!("{id}${name}"),
            role: "enum member",
            target: member.target.clone(),
            expected: "smithy.api#Unit",
            found: "shape".to_owned(),
        });
    }
    Ok(())
}

fn check_traits(id: &str, shape: &ast::Shape) -> Result<()> {
    for name in shape.traits.keys() {
        check_trait(id, name)?;
    }
    let members = shape.members.iter().map(|(n, m)| (n.as_str(), m));
    let others = [
        ("member", &shape.member),
        ("key", &shape.key),
        ("value", &shape.value),
    ];
    let others = others
        .into_iter()
        .filter_map(|(n, m)| m.as_ref().map(|m| (n, m)));
    for (name, member) in members.chain(others) {
        for t in member.traits.keys() {
            check_trait(&format!("{id}${name}"), t)?;
        }
    }
    Ok(())
}
