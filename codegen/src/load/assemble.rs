//! Assembles model files into one model, as the specification's "Merging
//! model files" and Smithy's assembler do: metadata merged, relative shape IDs
//! resolved (`use`, then the file's namespace, then the prelude), traits from
//! definitions, documentation comments and `apply` statements merged into
//! their shapes, annotation traits given their value, and then mixins and
//! elided targets resolved by [`super::mixins`].

use std::collections::{btree_map, BTreeMap, HashMap};

use serde_json::Value;

use super::hash::{FastMap, FastSet};
use super::mixins;
use super::prelude;
use super::resolve::{Resolved, ResolvedFile, Resolver, TraitApp};
use super::source::{Loc, Sources};
use super::syntax::{traits, Kind, ModelFile, Statement, Version, PRELUDE};
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

/// Trait shape ID to value: a small map (a shape has a few traits), kept
/// as a vector in the order applied.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Traits(Vec<(String, Applied)>);

impl Traits {
    pub fn new() -> Traits {
        Traits(Vec::new())
    }

    pub fn get(&self, id: &str) -> Option<&Applied> {
        self.0.iter().find(|(k, _)| k == id).map(|(_, v)| v)
    }

    pub fn contains_key(&self, id: &str) -> bool {
        self.get(id).is_some()
    }

    /// Sets a trait, replacing any value it had.
    pub fn insert(&mut self, id: String, applied: Applied) {
        match self.0.iter_mut().find(|(k, _)| *k == id) {
            Some((_, existing)) => *existing = applied,
            None => self.0.push((id, applied)),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// In the order applied.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &Applied)> {
        self.0.iter().map(|(k, v)| (k, v))
    }

    /// Sorted by trait ID, as printed.
    pub fn sorted(&self) -> Vec<(&String, &Applied)> {
        let mut sorted: Vec<_> = self.iter().collect();
        sorted.sort_unstable_by(|a, b| a.0.cmp(b.0));
        sorted
    }
}

impl IntoIterator for Traits {
    type Item = (String, Applied);
    type IntoIter = std::vec::IntoIter<(String, Applied)>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

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

/// No properties.
static NO_PROPS: Props = Props {
    input: None,
    output: None,
    errors: Vec::new(),
    version: None,
    operations: Vec::new(),
    resources: Vec::new(),
    rename: BTreeMap::new(),
    identifiers: Vec::new(),
    properties: Vec::new(),
    create: None,
    put: None,
    read: None,
    update: None,
    delete: None,
    list: None,
    collection_operations: Vec::new(),
};

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
    /// `None` for the many shapes without properties.
    pub props: Option<Box<Props>>,
}

impl Shape {
    /// The shape's properties (none for most shapes).
    pub fn props(&self) -> &Props {
        self.props.as_deref().unwrap_or(&NO_PROPS)
    }
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

/// What a pending trait applies to.
enum Target {
    /// A shape, by index into [`Assembler::shapes`].
    Shape(usize),
    /// A member, by indices.
    Member(usize, usize),
    /// The target of an `apply` statement, looked up once all are defined.
    Id(String),
}

/// A trait applied to a member that only a mixin defines.
pub(crate) struct InheritedApply {
    pub shape: String,
    pub member: String,
    pub trait_id: String,
    pub value: Value,
    pub loc: Loc,
}

/// Assembles parsed files, in the order given.
pub(crate) fn assemble(files: Vec<ParsedFile>, sources: &Sources) -> Result<Model> {
    let mut defined = FastMap::default();
    for file in &files {
        for statement in &file.model.statements {
            if let Statement::Shape(def) = statement {
                defined.entry(def.id.clone()).or_insert(def.kind);
            }
        }
    }
    let shadowing: FastSet<String> = defined
        .keys()
        .filter(|id| {
            id.split_once('#')
                .is_some_and(|(_, name)| prelude::kind(name).is_some())
        })
        .cloned()
        .collect();
    let resolver = Resolver {
        sources,
        defined: &defined,
        shadowing: &shadowing,
    };
    let resolved: Vec<_> = files.into_iter().map(|file| resolver.file(file)).collect();
    let mut asm = Assembler {
        sources,
        shapes: Vec::new(),
        index: FastMap::default(),
        metadata: BTreeMap::new(),
        pending: Vec::new(),
    };
    let resolved = resolved.into_iter().collect::<Result<Vec<_>>>()?;
    asm.pending
        .reserve(resolved.iter().map(ResolvedFile::trait_count).sum());
    for file in resolved {
        asm.add(file)?;
    }
    asm.check_case_conflicts()?;
    let inherited = asm.apply_traits()?;
    let mut model = Model {
        metadata: asm.metadata.into_iter().map(|(k, (v, _))| (k, v)).collect(),
        shapes: asm.shapes.into_iter().map(|s| (s.id.clone(), s)).collect(),
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
    shapes: Vec<Shape>,
    /// Shape ID to index into `shapes`.
    index: FastMap<String, usize>,
    metadata: BTreeMap<String, (Value, Loc)>,
    /// Traits to apply once every shape is defined, in the order of the
    /// files and statements (which decides the order of joined lists).
    pending: Vec<(Target, TraitApp)>,
}

impl Assembler<'_> {
    fn error(&self, loc: Loc, message: impl Into<String>) -> Error {
        error(self.sources, loc, message)
    }

    fn add(&mut self, file: ResolvedFile) -> Result<()> {
        for (key, value, loc) in file.metadata {
            self.merge_metadata(key, value, loc)?;
        }
        for statement in file.statements {
            match statement {
                Resolved::Shape {
                    shape,
                    member_traits,
                    traits,
                } => {
                    let index = self.define(*shape)?;
                    for (member, applied) in member_traits.into_iter().enumerate() {
                        let pending = applied
                            .into_iter()
                            .map(|t| (Target::Member(index, member), t));
                        self.pending.extend(pending);
                    }
                    self.pending
                        .extend(traits.into_iter().map(|t| (Target::Shape(index), t)));
                }
                Resolved::Apply { target, traits } => {
                    let pending = traits.into_iter().map(|t| (Target::Id(target.clone()), t));
                    self.pending.extend(pending);
                }
            }
        }
        Ok(())
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

    /// Adds a shape and returns its index; a second definition of the same
    /// ID in another file is fine when it defines the same shape (its traits
    /// merge).
    fn define(&mut self, shape: Shape) -> Result<usize> {
        let Some(&index) = self.index.get(&shape.id) else {
            self.index.insert(shape.id.clone(), self.shapes.len());
            self.shapes.push(shape);
            return Ok(self.shapes.len() - 1);
        };
        let existing = &self.shapes[index];
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
        Ok(index)
    }

    /// Shape IDs, and member names within a shape, must differ in more
    /// than case.
    fn check_case_conflicts(&self) -> Result<()> {
        let mut seen: FastMap<NoCase<'_>, &Shape> = FastMap::default();
        seen.reserve(self.shapes.len());
        for shape in &self.shapes {
            if let Some(first) = seen.insert(NoCase(&shape.id), shape) {
                return Err(self.error(
                    shape.loc,
                    format!(
                        "the shape IDs {} and {} differ only in case",
                        first.id, shape.id
                    ),
                ));
            }
        }
        for shape in &self.shapes {
            for (i, member) in shape.members.iter().enumerate() {
                if shape.members[..i]
                    .iter()
                    .any(|m| m.name.eq_ignore_ascii_case(&member.name))
                {
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

    /// Applies every pending trait in order; those applied to members that
    /// only mixins define are returned for [`mixins::resolve`].
    fn apply_traits(&mut self) -> Result<Vec<InheritedApply>> {
        let mut inherited = Vec::new();
        for (target, pending) in std::mem::take(&mut self.pending) {
            let (shape, member) = match target {
                Target::Shape(shape) => (shape, None),
                Target::Member(shape, member) => (shape, Some(member)),
                Target::Id(id) => {
                    let (root, name) = match id.split_once('$') {
                        Some((root, name)) => (root, Some(name)),
                        None => (id.as_str(), None),
                    };
                    let Some(&shape) = self.index.get(root) else {
                        let why = if is_prelude_shape(root) {
                            "a prelude shape, which cannot be changed"
                        } else {
                            "not defined in the model"
                        };
                        return Err(self.error(
                            pending.loc,
                            format!("cannot apply {} to {id}: it is {why}", pending.trait_id),
                        ));
                    };
                    let member = match name {
                        None => None,
                        Some(name) => match self.shapes[shape]
                            .members
                            .iter()
                            .position(|m| m.name == name)
                        {
                            Some(member) => Some(member),
                            None => {
                                inherited.push(InheritedApply {
                                    shape: root.to_owned(),
                                    member: name.to_owned(),
                                    trait_id: pending.trait_id,
                                    value: pending.value,
                                    loc: pending.loc,
                                });
                                continue;
                            }
                        },
                    };
                    (shape, member)
                }
            };
            let target = &mut self.shapes[shape];
            let traits = match member {
                None => &mut target.traits,
                Some(member) => &mut target.members[member].traits,
            };
            if let Err(conflict) = merge_trait(traits, pending.trait_id, pending.value, pending.loc)
            {
                let id = match member {
                    None => target.id.clone(),
                    Some(member) => format!("{}${}", target.id, target.members[member].name),
                };
                return Err(conflict.error(self.sources, &id));
            }
        }
        Ok(inherited)
    }
}

/// A string compared and hashed ignoring ASCII case.
#[derive(Clone, Copy)]
struct NoCase<'a>(&'a str);

impl PartialEq for NoCase<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.0.eq_ignore_ascii_case(other.0)
    }
}

impl Eq for NoCase<'_> {}

impl std::hash::Hash for NoCase<'_> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        for b in self.0.bytes() {
            state.write_u8(b.to_ascii_lowercase());
        }
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
    let Some((_, existing)) = traits.0.iter_mut().find(|(k, _)| *k == trait_id) else {
        traits.0.push((trait_id, Applied { value, loc }));
        return Ok(());
    };
    match (&mut existing.value, value) {
        (Value::Array(existing), Value::Array(more)) => existing.extend(more),
        (existing, value) if *existing == value => {}
        _ => {
            return Err(Conflict {
                trait_id,
                first: existing.loc,
                second: loc,
            })
        }
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
        && props(a.props()) == props(b.props())
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
    let ids: FastSet<&str> = model.shapes.keys().map(String::as_str).collect();
    let exists = |id: &str| ids.contains(id) || is_prelude_shape(id);
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
        let p = shape.props();
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
