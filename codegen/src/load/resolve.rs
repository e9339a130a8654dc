//! Finishes resolving the shape IDs of one parsed file. The parser resolved
//! what one file can: absolute IDs, imported names, and names of the file's
//! namespace. A relative name of a prelude shape (`String`, `required`) names
//! the namespace's shape of that name if the model defines one, else the
//! prelude's, as the specification's resolution order says; only now, with
//! every file read, is that known. Annotation traits get their value here
//! too, from the type of the trait's shape.

use serde_json::{Map, Value};

use super::assemble::{error, Member, ParsedFile, Props, Ref, Shape, Traits};
use super::hash::{FastMap, FastSet};
use super::prelude;
use super::source::{Loc, Sources};
use super::syntax::{self, Kind, Node, Reference, Statement, Version, PRELUDE};
use crate::error::Result;

/// A trait application with its ID resolved and its value final.
pub(crate) struct TraitApp {
    pub trait_id: String,
    pub value: Value,
    pub loc: Loc,
}

/// A statement of a file, resolved.
pub(crate) enum Resolved {
    /// A shape without its traits, which come with it to be merged in.
    Shape {
        shape: Box<Shape>,
        member_traits: Vec<Vec<TraitApp>>,
        traits: Vec<TraitApp>,
    },
    Apply {
        target: String,
        traits: Vec<TraitApp>,
    },
}

/// A file, resolved.
pub(crate) struct ResolvedFile {
    pub metadata: Vec<(String, Value, Loc)>,
    pub statements: Vec<Resolved>,
}

impl ResolvedFile {
    /// How many trait applications the file holds.
    pub fn trait_count(&self) -> usize {
        self.statements
            .iter()
            .map(|s| match s {
                Resolved::Shape {
                    member_traits,
                    traits,
                    ..
                } => traits.len() + member_traits.iter().map(Vec::len).sum::<usize>(),
                Resolved::Apply { traits, .. } => traits.len(),
            })
            .sum()
    }
}

/// Resolves files against the shapes every file defines.
pub(crate) struct Resolver<'a> {
    pub sources: &'a Sources,
    /// Every shape ID some file defines, and its type.
    pub defined: &'a FastMap<String, Kind>,
    /// The shapes some file defines whose names are names of prelude shapes
    /// (usually none).
    pub shadowing: &'a FastSet<String>,
}

/// The file being resolved.
struct Context<'f> {
    file: u32,
    namespace: Option<&'f str>,
    /// The names of prelude shapes that the file's namespace defines too.
    shadowed: Vec<&'f str>,
}

impl Resolver<'_> {
    pub fn file(&self, parsed: ParsedFile) -> Result<ResolvedFile> {
        let ParsedFile { file, model } = parsed;
        let namespace = model.namespace.as_deref();
        let shadowed = match namespace {
            Some(namespace) => self
                .shadowing
                .iter()
                .filter_map(|id| id.strip_prefix(namespace)?.strip_prefix('#'))
                .collect(),
            None => Vec::new(),
        };
        let cx = Context {
            file,
            namespace,
            shadowed,
        };
        let metadata = model
            .metadata
            .into_iter()
            .map(|entry| {
                let value = self.value(&cx, entry.value);
                (entry.key, value, Loc::new(file, entry.at))
            })
            .collect();
        let statements = model
            .statements
            .into_iter()
            .map(|statement| match statement {
                Statement::Shape(def) => self.shape(&cx, model.version, def),
                Statement::Apply(apply) => Ok(Resolved::Apply {
                    target: self.resolve(&cx, apply.target),
                    traits: self.traits(&cx, apply.traits),
                }),
            })
            .collect::<Result<_>>()?;
        Ok(ResolvedFile {
            metadata,
            statements,
        })
    }

    // ---- shape IDs ----

    /// The shape a reference names.
    fn resolve(&self, cx: &Context<'_>, reference: Reference) -> String {
        if !reference.prelude_name {
            return reference.id;
        }
        self.shadowed(cx, &reference.id).unwrap_or(reference.id)
    }

    /// For `smithy.api#Name[$member]` written as `Name`, the namespace's
    /// `Name` when the model defines one.
    fn shadowed(&self, cx: &Context<'_>, id: &str) -> Option<String> {
        if cx.shadowed.is_empty() {
            return None;
        }
        let namespace = cx.namespace?;
        let relative = id.strip_prefix(PRELUDE)?.strip_prefix('#')?;
        let root = match relative.bytes().position(|b| b == b'$') {
            Some(i) => &relative[..i],
            None => relative,
        };
        if !cx.shadowed.contains(&root) {
            return None;
        }
        Some(format!("{namespace}#{relative}"))
    }

    fn reference(&self, cx: &Context<'_>, reference: Reference) -> Ref {
        let loc = Loc::new(cx.file, reference.at);
        Ref {
            id: self.resolve(cx, reference),
            loc,
        }
    }

    fn reference_opt(&self, cx: &Context<'_>, reference: Option<Reference>) -> Option<Ref> {
        reference.map(|r| self.reference(cx, r))
    }

    fn references(&self, cx: &Context<'_>, references: Vec<Reference>) -> Vec<Ref> {
        references
            .into_iter()
            .map(|r| self.reference(cx, r))
            .collect()
    }

    fn named(&self, cx: &Context<'_>, named: Vec<(String, Reference)>) -> Vec<(String, Ref)> {
        named
            .into_iter()
            .map(|(name, r)| (name, self.reference(cx, r)))
            .collect()
    }

    /// A node value with its remaining syntactic shape IDs resolved.
    fn value(&self, cx: &Context<'_>, node: Node) -> Value {
        match node {
            Node::Value(value) => value,
            Node::Id(id, _) => Value::String(self.shadowed(cx, &id).unwrap_or(id)),
            Node::Array(items) => {
                Value::Array(items.into_iter().map(|n| self.value(cx, n)).collect())
            }
            Node::Object(entries) => Value::Object(
                entries
                    .into_iter()
                    .map(|(k, n)| (k, self.value(cx, n)))
                    .collect::<Map<_, _>>(),
            ),
        }
    }

    // ---- shapes ----

    fn shape(&self, cx: &Context<'_>, version: Version, def: syntax::ShapeDef) -> Result<Resolved> {
        let loc = Loc::new(cx.file, def.at);
        if def.id.starts_with("smithy.api#") {
            return Err(error(
                self.sources,
                loc,
                format!(
                    "{}: shapes cannot be defined in the prelude's namespace smithy.api",
                    def.id
                ),
            ));
        }
        let mut members = Vec::with_capacity(def.members.len());
        let mut member_traits = Vec::with_capacity(def.members.len());
        for member in def.members {
            let target = match member.target {
                Some(target) => self.resolve(cx, target),
                None => String::new(),
            };
            member_traits.push(self.traits(cx, member.traits));
            members.push(Member {
                name: member.name,
                elided: target.is_empty(),
                target,
                traits: Traits::new(),
                loc: Loc::new(cx.file, member.at),
                inherited: false,
            });
        }
        let props = def.properties.map(|p| Box::new(self.props(cx, *p)));
        let shape = Shape {
            id: def.id,
            kind: def.kind,
            loc,
            version,
            traits: Traits::new(),
            mixins: self.references(cx, def.mixins),
            resource: self.reference_opt(cx, def.resource),
            members,
            props,
        };
        Ok(Resolved::Shape {
            shape: Box::new(shape),
            member_traits,
            traits: self.traits(cx, def.traits),
        })
    }

    fn props(&self, cx: &Context<'_>, p: syntax::Properties) -> Props {
        Props {
            input: self.reference_opt(cx, p.input),
            output: self.reference_opt(cx, p.output),
            errors: self.references(cx, p.errors),
            version: p.version,
            operations: self.references(cx, p.operations),
            resources: self.references(cx, p.resources),
            rename: p
                .rename
                .into_iter()
                .map(|(from, to, _)| (from, to))
                .collect(),
            identifiers: self.named(cx, p.identifiers),
            properties: self.named(cx, p.properties),
            create: self.reference_opt(cx, p.create),
            put: self.reference_opt(cx, p.put),
            read: self.reference_opt(cx, p.read),
            update: self.reference_opt(cx, p.update),
            delete: self.reference_opt(cx, p.delete),
            list: self.reference_opt(cx, p.list),
            collection_operations: self.references(cx, p.collection_operations),
        }
    }

    // ---- traits ----

    fn traits(&self, cx: &Context<'_>, applied: Vec<syntax::Trait>) -> Vec<TraitApp> {
        applied
            .into_iter()
            .map(|t| {
                let loc = Loc::new(cx.file, t.id.at);
                let trait_id = self.resolve(cx, t.id);
                let value = match t.value {
                    Some(node) => self.value(cx, node),
                    None => self.annotation(&trait_id),
                };
                TraitApp {
                    trait_id,
                    value,
                    loc,
                }
            })
            .collect()
    }

    /// The value of an annotation trait (`@trait`): `{}` when the trait is a
    /// structure or map (or unknown), `[]` for a list, else null.
    fn annotation(&self, trait_id: &str) -> Value {
        let kind = match self.defined.get(trait_id) {
            Some(&kind) => Some(kind),
            None => trait_id.strip_prefix("smithy.api#").and_then(prelude::kind),
        };
        match kind {
            None | Some(Kind::Structure | Kind::Map) => Value::Object(Map::new()),
            Some(Kind::List) => Value::Array(Vec::new()),
            Some(_) => Value::Null,
        }
    }
}
