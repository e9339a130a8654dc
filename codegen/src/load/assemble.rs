//! Assembles model files into one model, as the specification's "Merging
//! model files" and Smithy's assembler do: metadata merged, relative shape IDs
//! resolved (`use`, then the file's namespace, then the prelude), traits from
//! definitions, documentation comments and `apply` statements merged into
//! their shapes, annotation traits given their value, and then mixins and
//! elided targets resolved by [`super::mixins`].

use std::collections::{btree_map, BTreeMap, HashMap, HashSet};

use serde_json::{Map, Value};

use super::mixins;
use super::prelude;
use super::source::{Loc, Sources};
use super::syntax::{self, traits, Kind, ModelFile, Node, Reference, Statement, Version, PRELUDE};
use crate::error::{Error, Result};

/// A parsed file and its index in [`Sources`].
pub(crate) struct ParsedFile {
    pub file: u32,
    pub model: ModelFile,
}

/// A trait's value, and where it was applied.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Applied {
    pub value: Value,
    pub loc: Loc,
}

/// Trait shape ID to value.
pub(crate) type Traits = BTreeMap<String, Applied>;

/// A resolved reference to a shape.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Ref {
    pub id: String,
    pub loc: Loc,
}

/// A member, with its resolved target and the traits applied to it here.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Member {
    pub name: String,
    /// Empty while an elided target is unresolved.
    pub target: String,
    pub traits: Traits,
    pub loc: Loc,
    /// A mixin of the shape has a member of this name.
    pub inherited: bool,
    pub elided: bool,
}

/// The properties of operations, services and resources, resolved.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Props {
    pub input: Option<Ref>,
    pub output: Option<Ref>,
    pub errors: Vec<Ref>,
    pub version: Option<String>,
    pub operations: Vec<Ref>,
    pub resources: Vec<Ref>,
    pub rename: BTreeMap<String, String>,
    pub identifiers: Vec<(String, Ref)>,
    pub properties: Vec<(String, Ref)>,
    pub create: Option<Ref>,
    pub put: Option<Ref>,
    pub read: Option<Ref>,
    pub update: Option<Ref>,
    pub delete: Option<Ref>,
    pub list: Option<Ref>,
    pub collection_operations: Vec<Ref>,
}

/// A shape as defined: its own traits and members; mixins by reference.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Shape {
    pub id: String,
    pub kind: Kind,
    pub loc: Loc,
    pub version: Version,
    pub traits: Traits,
    pub mixins: Vec<Ref>,
    pub resource: Option<Ref>,
    pub members: Vec<Member>,
    pub props: Props,
}

/// A shape with its mixins applied: every member and trait it has.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Full {
    pub traits: Traits,
    pub members: Vec<Member>,
    pub props: Props,
}

/// The assembled model.
#[derive(Debug)]
pub(crate) struct Model {
    pub metadata: BTreeMap<String, Value>,
    pub shapes: BTreeMap<String, Shape>,
    /// The flattened view of every shape that has mixins or is one.
    pub full: HashMap<String, Full>,
}

/// A trait to apply once every shape is known.
struct Pending {
    target: String,
    trait_id: String,
    /// `None` for an annotation trait.
    value: Option<Value>,
    loc: Loc,
}

/// A trait applied to a member that only a mixin defines.
pub(crate) struct InheritedApply {
    pub shape: String,
    pub member: String,
    pub trait_id: String,
    pub value: Value,
    pub loc: Loc,
}

/// How relative shape IDs of one file resolve.
struct Context<'f> {
    file: u32,
    namespace: Option<&'f str>,
    uses: &'f HashMap<String, String>,
}

/// Assembles parsed files, in the order given.
pub(crate) fn assemble(files: Vec<ParsedFile>, sources: &Sources) -> Result<Model> {
    let mut defined = HashSet::new();
    for file in &files {
        for statement in &file.model.statements {
            if let Statement::Shape(def) = statement {
                defined.insert(def.id.clone());
            }
        }
    }
    let mut asm = Assembler {
        sources,
        defined,
        shapes: BTreeMap::new(),
        metadata: BTreeMap::new(),
        pending: Vec::new(),
    };
    for file in files {
        asm.file(file)?;
    }
    asm.check_case_conflicts()?;
    let inherited = asm.apply_traits()?;
    let mut model = Model {
        metadata: asm.metadata.into_iter().map(|(k, (v, _))| (k, v)).collect(),
        shapes: asm.shapes,
        full: HashMap::new(),
    };
    mixins::resolve(&mut model, inherited, sources)?;
    fill_enum_values(&mut model, sources)?;
    super::interop::upgrade_v1(&mut model);
    check_references(&model, sources)?;
    Ok(model)
}

/// An assembly error at `loc`.
pub(crate) fn error(sources: &Sources, loc: Loc, message: impl Into<String>) -> Error {
    Error::Assembly {
        location: sources.location(loc),
        message: message.into(),
    }
}

/// Whether `id` is a shape of the prelude.
pub(crate) fn is_prelude_shape(id: &str) -> bool {
    id.split_once('#')
        .is_some_and(|(ns, name)| ns == PRELUDE && prelude::kind(name).is_some())
}

struct Assembler<'s> {
    sources: &'s Sources,
    /// Every shape ID some file defines.
    defined: HashSet<String>,
    shapes: BTreeMap<String, Shape>,
    metadata: BTreeMap<String, (Value, Loc)>,
    pending: Vec<Pending>,
}

impl Assembler<'_> {
    fn error(&self, loc: Loc, message: impl Into<String>) -> Error {
        error(self.sources, loc, message)
    }

    fn file(&mut self, parsed: ParsedFile) -> Result<()> {
        let ParsedFile { file, model } = parsed;
        let cx = Context {
            file,
            namespace: model.namespace.as_deref(),
            uses: &model.uses,
        };
        for entry in model.metadata {
            let value = self.metadata_value(&cx, entry.value)?;
            self.merge_metadata(entry.key, value, Loc::new(file, entry.at))?;
        }
        for statement in model.statements {
            match statement {
                Statement::Shape(def) => self.shape(&cx, model.version, *def)?,
                Statement::Apply(apply) => {
                    let target = self.resolve(&cx, &apply.target)?;
                    for applied in apply.traits {
                        self.pend(&cx, target.clone(), applied)?;
                    }
                }
            }
        }
        Ok(())
    }

    // ---- shape IDs ----

    /// Resolves a shape ID as written in a file.
    fn resolve(&self, cx: &Context<'_>, reference: &Reference) -> Result<String> {
        let id = reference.id.as_str();
        if id.contains('#') {
            return Ok(id.to_owned());
        }
        let Some(namespace) = cx.namespace else {
            return Err(self.error(
                Loc::new(cx.file, reference.at),
                format!("relative shape ID \"{id}\": shape IDs in a JSON AST file are absolute"),
            ));
        };
        let (root, member) = match id.split_once('$') {
            Some((root, member)) => (root, Some(member)),
            None => (id, None),
        };
        let mut resolved = if let Some(imported) = cx.uses.get(root) {
            imported.clone()
        } else {
            let local = format!("{namespace}#{root}");
            if !self.defined.contains(&local) && prelude::kind(root).is_some() {
                format!("{PRELUDE}#{root}")
            } else {
                local
            }
        };
        if let Some(member) = member {
            resolved.push('$');
            resolved.push_str(member);
        }
        Ok(resolved)
    }

    fn resolve_opt(&self, cx: &Context<'_>, reference: Option<Reference>) -> Result<Option<Ref>> {
        reference.map(|r| self.reference(cx, r)).transpose()
    }

    fn reference(&self, cx: &Context<'_>, reference: Reference) -> Result<Ref> {
        Ok(Ref {
            id: self.resolve(cx, &reference)?,
            loc: Loc::new(cx.file, reference.at),
        })
    }

    fn references(&self, cx: &Context<'_>, references: Vec<Reference>) -> Result<Vec<Ref>> {
        references
            .into_iter()
            .map(|r| self.reference(cx, r))
            .collect()
    }

    /// A node value with its syntactic shape IDs resolved.
    fn value(&self, cx: &Context<'_>, node: Node) -> Result<Value> {
        Ok(match node {
            Node::Value(value) => value,
            Node::Id(id, at) => Value::String(self.resolve(cx, &Reference { id, at })?),
            Node::Array(items) => Value::Array(
                items
                    .into_iter()
                    .map(|n| self.value(cx, n))
                    .collect::<Result<_>>()?,
            ),
            Node::Object(entries) => Value::Object(
                entries
                    .into_iter()
                    .map(|(k, n)| Ok((k, self.value(cx, n)?)))
                    .collect::<Result<Map<_, _>>>()?,
            ),
        })
    }

    /// Metadata is outside any namespace: relative IDs name prelude shapes.
    fn metadata_value(&self, cx: &Context<'_>, node: Node) -> Result<Value> {
        let prelude_only = Context {
            file: cx.file,
            namespace: Some(PRELUDE),
            uses: cx.uses,
        };
        self.value(&prelude_only, node)
    }

    // ---- metadata ----

    /// The specification's metadata conflicts: arrays concatenate, equal
    /// values are fine, anything else is an error.
    fn merge_metadata(&mut self, key: String, value: Value, loc: Loc) -> Result<()> {
        match self.metadata.entry(key) {
            btree_map::Entry::Vacant(e) => {
                e.insert((value, loc));
            }
            btree_map::Entry::Occupied(mut e) => {
                let (existing, first) = e.get_mut();
                match (existing, value) {
                    (Value::Array(existing), Value::Array(more)) => existing.extend(more),
                    (existing, value) if *existing == value => {}
                    _ => {
                        let first = self.sources.location(*first);
                        return Err(error(
                            self.sources,
                            loc,
                            format!(
                                "metadata \"{}\" conflicts with its value at {first}: only arrays are merged, other values must be equal",
                                e.key()
                            ),
                        ));
                    }
                }
            }
        }
        Ok(())
    }

    // ---- shapes ----

    fn shape(&mut self, cx: &Context<'_>, version: Version, def: syntax::ShapeDef) -> Result<()> {
        let loc = Loc::new(cx.file, def.at);
        if def.id.starts_with("smithy.api#") {
            return Err(self.error(
                loc,
                format!(
                    "{}: shapes cannot be defined in the prelude's namespace smithy.api",
                    def.id
                ),
            ));
        }
        let mut members = Vec::with_capacity(def.members.len());
        let mut member_traits = Vec::new();
        for member in def.members {
            let target = match &member.target {
                Some(target) => self.resolve(cx, target)?,
                None => String::new(),
            };
            member_traits.push((format!("{}${}", def.id, member.name), member.traits));
            members.push(Member {
                name: member.name,
                elided: target.is_empty(),
                target,
                traits: Traits::new(),
                loc: Loc::new(cx.file, member.at),
                inherited: false,
            });
        }
        let p = def.properties;
        let props = Props {
            input: self.resolve_opt(cx, p.input)?,
            output: self.resolve_opt(cx, p.output)?,
            errors: self.references(cx, p.errors)?,
            version: p.version,
            operations: self.references(cx, p.operations)?,
            resources: self.references(cx, p.resources)?,
            rename: p
                .rename
                .into_iter()
                .map(|(from, to, _)| (from, to))
                .collect(),
            identifiers: self.named(cx, p.identifiers)?,
            properties: self.named(cx, p.properties)?,
            create: self.resolve_opt(cx, p.create)?,
            put: self.resolve_opt(cx, p.put)?,
            read: self.resolve_opt(cx, p.read)?,
            update: self.resolve_opt(cx, p.update)?,
            delete: self.resolve_opt(cx, p.delete)?,
            list: self.resolve_opt(cx, p.list)?,
            collection_operations: self.references(cx, p.collection_operations)?,
        };
        let shape = Shape {
            id: def.id.clone(),
            kind: def.kind,
            loc,
            version,
            traits: Traits::new(),
            mixins: self.references(cx, def.mixins)?,
            resource: self.resolve_opt(cx, def.resource)?,
            members,
            props,
        };
        self.define(shape)?;
        for (target, applied) in member_traits {
            for t in applied {
                self.pend(cx, target.clone(), t)?;
            }
        }
        for t in def.traits {
            self.pend(cx, def.id.clone(), t)?;
        }
        Ok(())
    }

    fn named(
        &self,
        cx: &Context<'_>,
        named: Vec<(String, Reference)>,
    ) -> Result<Vec<(String, Ref)>> {
        named
            .into_iter()
            .map(|(name, r)| Ok((name, self.reference(cx, r)?)))
            .collect()
    }

    /// Adds a shape; a second definition of the same ID in another file is
    /// fine when it defines the same shape (its traits merge).
    fn define(&mut self, shape: Shape) -> Result<()> {
        match self.shapes.entry(shape.id.clone()) {
            btree_map::Entry::Vacant(e) => {
                e.insert(shape);
                Ok(())
            }
            btree_map::Entry::Occupied(e) => {
                let existing = e.get();
                let first = self.sources.location(existing.loc);
                if existing.loc.file == shape.loc.file {
                    return Err(self.error(
                        shape.loc,
                        format!(
                            "{} is defined twice: it is already defined at {first}",
                            shape.id
                        ),
                    ));
                }
                if !same_definition(existing, &shape) {
                    return Err(self.error(
                        shape.loc,
                        format!(
                            "conflicting definitions of {}: this one differs from the one at {first}",
                            shape.id
                        ),
                    ));
                }
                Ok(())
            }
        }
    }

    fn check_case_conflicts(&self) -> Result<()> {
        let mut lower: HashMap<String, &str> = HashMap::with_capacity(self.shapes.len());
        for shape in self.shapes.values() {
            if let Some(other) = lower.insert(shape.id.to_lowercase(), &shape.id) {
                return Err(self.error(
                    shape.loc,
                    format!("the shape IDs {other} and {} differ only in case", shape.id),
                ));
            }
            let mut names = HashSet::with_capacity(shape.members.len());
            for member in &shape.members {
                if !names.insert(member.name.to_lowercase()) {
                    return Err(self.error(
                        member.loc,
                        format!(
                            "{}: two members are named {} when case is ignored",
                            shape.id, member.name
                        ),
                    ));
                }
            }
        }
        Ok(())
    }

    // ---- traits ----

    fn pend(&mut self, cx: &Context<'_>, target: String, applied: syntax::Trait) -> Result<()> {
        let trait_id = self.resolve(cx, &applied.id)?;
        let value = applied.value.map(|n| self.value(cx, n)).transpose()?;
        self.pending.push(Pending {
            target,
            trait_id,
            value,
            loc: Loc::new(cx.file, applied.id.at),
        });
        Ok(())
    }

    /// The value of an annotation trait (`@trait`): `{}` when the trait is a
    /// structure or map (or unknown), `[]` for a list, else null.
    fn annotation(&self, trait_id: &str) -> Value {
        let kind = match self.shapes.get(trait_id) {
            Some(shape) => Some(shape.kind),
            None => trait_id.strip_prefix("smithy.api#").and_then(prelude::kind),
        };
        match kind {
            None | Some(Kind::Structure | Kind::Map) => Value::Object(Map::new()),
            Some(Kind::List) => Value::Array(Vec::new()),
            Some(_) => Value::Null,
        }
    }

    /// Applies every pending trait in order; those applied to members that
    /// only mixins define are returned for [`mixins::resolve`].
    fn apply_traits(&mut self) -> Result<Vec<InheritedApply>> {
        let mut inherited = Vec::new();
        for pending in std::mem::take(&mut self.pending) {
            let value = match pending.value {
                Some(value) => value,
                None => self.annotation(&pending.trait_id),
            };
            let (root, member) = match pending.target.split_once('$') {
                Some((root, member)) => (root, Some(member)),
                None => (pending.target.as_str(), None),
            };
            let Some(shape) = self.shapes.get_mut(root) else {
                let why = if is_prelude_shape(root) {
                    "a prelude shape, which cannot be changed"
                } else {
                    "not defined in the model"
                };
                return Err(self.error(
                    pending.loc,
                    format!(
                        "cannot apply {} to {}: it is {why}",
                        pending.trait_id, pending.target
                    ),
                ));
            };
            let traits = match member {
                None => &mut shape.traits,
                Some(name) => match shape.members.iter_mut().find(|m| m.name == name) {
                    Some(m) => &mut m.traits,
                    None => {
                        inherited.push(InheritedApply {
                            shape: root.to_owned(),
                            member: name.to_owned(),
                            trait_id: pending.trait_id,
                            value,
                            loc: pending.loc,
                        });
                        continue;
                    }
                },
            };
            merge_trait(traits, pending.trait_id, value, pending.loc)
                .map_err(|conflict| conflict.error(self.sources, &pending.target))?;
        }
        Ok(inherited)
    }
}

/// Two trait values that cannot be merged.
pub(crate) struct Conflict {
    trait_id: String,
    first: Loc,
    second: Loc,
}

impl Conflict {
    pub fn error(self, sources: &Sources, target: &str) -> Error {
        let first = sources.location(self.first);
        error(
            sources,
            self.second,
            format!(
                "conflicting values of {} on {target}: it is also applied at {first} with a different value (only lists are merged)",
                self.trait_id
            ),
        )
    }
}

/// The specification's trait conflict resolution: lists concatenate, equal
/// values are fine, others conflict.
pub(crate) fn merge_trait(
    traits: &mut Traits,
    trait_id: String,
    value: Value,
    loc: Loc,
) -> Result<(), Conflict> {
    match traits.entry(trait_id) {
        btree_map::Entry::Vacant(e) => {
            e.insert(Applied { value, loc });
        }
        btree_map::Entry::Occupied(mut e) => match (&mut e.get_mut().value, value) {
            (Value::Array(existing), Value::Array(more)) => existing.extend(more),
            (existing, value) if *existing == value => {}
            _ => {
                return Err(Conflict {
                    trait_id: e.key().clone(),
                    first: e.get().loc,
                    second: loc,
                })
            }
        },
    }
    Ok(())
}

/// Whether two definitions of a shape define the same shape (traits aside).
fn same_definition(a: &Shape, b: &Shape) -> bool {
    let ids = |refs: &[Ref]| refs.iter().map(|r| r.id.clone()).collect::<Vec<_>>();
    let props = |p: &Props| {
        let one = |r: &Option<Ref>| r.as_ref().map(|r| r.id.clone());
        let named = |n: &[(String, Ref)]| {
            n.iter()
                .map(|(k, r)| (k.clone(), r.id.clone()))
                .collect::<Vec<_>>()
        };
        (
            [
                one(&p.input),
                one(&p.output),
                one(&p.create),
                one(&p.put),
                one(&p.read),
                one(&p.update),
                one(&p.delete),
                one(&p.list),
            ],
            [
                ids(&p.errors),
                ids(&p.operations),
                ids(&p.resources),
                ids(&p.collection_operations),
            ],
            (named(&p.identifiers), named(&p.properties)),
            (p.version.clone(), p.rename.clone()),
        )
    };
    let members = |s: &Shape| {
        s.members
            .iter()
            .map(|m| (m.name.clone(), m.target.clone()))
            .collect::<Vec<_>>()
    };
    a.kind == b.kind
        && ids(&a.mixins) == ids(&b.mixins)
        && a.resource.as_ref().map(|r| &r.id) == b.resource.as_ref().map(|r| &r.id)
        && members(a) == members(b)
        && props(&a.props) == props(&b.props)
}

/// Enum members without a value get their name; intEnum members need one.
fn fill_enum_values(model: &mut Model, sources: &Sources) -> Result<()> {
    let fill = |id: &str, kind: Kind, members: &mut [Member], all: bool| -> Result<()> {
        for member in members.iter_mut().filter(|m| all || !m.inherited) {
            if member.traits.contains_key(traits::ENUM_VALUE) {
                continue;
            }
            if kind == Kind::IntEnum {
                return Err(error(
                    sources,
                    member.loc,
                    format!(
                        "{id}${}: an intEnum member needs a value ('= 1')",
                        member.name
                    ),
                ));
            }
            member.traits.insert(
                traits::ENUM_VALUE.to_owned(),
                Applied {
                    value: Value::String(member.name.clone()),
                    loc: member.loc,
                },
            );
        }
        Ok(())
    };
    for shape in model.shapes.values_mut() {
        if matches!(shape.kind, Kind::Enum | Kind::IntEnum) {
            fill(&shape.id, shape.kind, &mut shape.members, false)?;
            if let Some(full) = model.full.get_mut(&shape.id) {
                fill(&shape.id, shape.kind, &mut full.members, true)?;
            }
        }
    }
    Ok(())
}

/// Every reference names a shape of the model or of the prelude.
fn check_references(model: &Model, sources: &Sources) -> Result<()> {
    let exists = |id: &str| model.shapes.contains_key(id) || is_prelude_shape(id);
    for shape in model.shapes.values() {
        for member in &shape.members {
            if !exists(&member.target) {
                return Err(error(
                    sources,
                    member.loc,
                    format!(
                        "{}${} targets {}, which is not defined",
                        shape.id, member.name, member.target
                    ),
                ));
            }
        }
        let p = &shape.props;
        let singles = [
            ("input", &p.input),
            ("output", &p.output),
            ("create", &p.create),
            ("put", &p.put),
            ("read", &p.read),
            ("update", &p.update),
            ("delete", &p.delete),
            ("list", &p.list),
        ];
        let lists = [
            ("errors", &p.errors),
            ("operations", &p.operations),
            ("resources", &p.resources),
            ("collectionOperations", &p.collection_operations),
        ];
        let named = p
            .identifiers
            .iter()
            .chain(&p.properties)
            .map(|(_, r)| ("identifiers and properties", r));
        let all = singles
            .into_iter()
            .filter_map(|(what, r)| r.as_ref().map(|r| (what, r)))
            .chain(
                lists
                    .into_iter()
                    .flat_map(|(what, refs)| refs.iter().map(move |r| (what, r))),
            )
            .chain(named);
        for (what, r) in all {
            if !exists(&r.id) {
                return Err(error(
                    sources,
                    r.loc,
                    format!("{}: {what} names {}, which is not defined", shape.id, r.id),
                ));
            }
        }
    }
    Ok(())
}
