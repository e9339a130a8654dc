//! The assembled model out: as Smithy JSON AST text in the form `smithy ast`
//! prints it (shapes sorted by ID, members in definition order, traits
//! sorted, references in lists sorted as Smithy sorts shape IDs, prelude
//! shapes left out), or as the generator's [`ast::Model`].
//!
//! Flattened, every shape has all its members and traits and mixins are
//! gone, as `smithy ast --flatten` prints. Otherwise mixins stay references,
//! and traits applied to inherited members are `apply` entries.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use super::assemble::{Member, Model, Props, Ref, Shape, Traits};
use super::ast;
use super::syntax::{traits, Kind};
use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

/// What to print of one shape.
struct View<'a> {
    shape: &'a Shape,
    traits: &'a Traits,
    members: &'a [Member],
    props: &'a Props,
    flattened: bool,
}

impl<'a> View<'a> {
    fn of(model: &'a Model, shape: &'a Shape, flatten: bool) -> View<'a> {
        match model.full.get(&shape.id).filter(|_| flatten) {
            Some(full) => View {
                shape,
                traits: &full.traits,
                members: &full.members,
                props: &full.props,
                flattened: true,
            },
            None => View {
                shape,
                traits: &shape.traits,
                members: &shape.members,
                props: shape.props(),
                flattened: flatten,
            },
        }
    }

    /// The members written inside the shape: all of them when flattened,
    /// else those not inherited from a mixin.
    fn own_members(&self) -> impl Iterator<Item = &'a Member> + '_ {
        let flattened = self.flattened;
        self.members
            .iter()
            .filter(move |m| flattened || !m.inherited)
    }
}

/// Whether a shape is a mixin, which flattening removes.
fn is_mixin(shape: &Shape) -> bool {
    shape.traits.contains_key(traits::MIXIN)
}

/// Smithy's order of shape IDs: ignoring case first.
fn shape_id_order(a: &str, b: &str) -> Ordering {
    a.bytes()
        .map(|b| b.to_ascii_lowercase())
        .cmp(b.bytes().map(|b| b.to_ascii_lowercase()))
        .then_with(|| a.cmp(b))
}

fn sorted(refs: &[Ref]) -> Vec<&str> {
    let mut ids: Vec<&str> = refs.iter().map(|r| r.id.as_str()).collect();
    ids.sort_by(|a, b| shape_id_order(a, b));
    ids.dedup();
    ids
}

/// Prints the model as Smithy JSON AST, indented by four spaces.
pub(crate) fn to_json(model: &Model, flatten: bool) -> String {
    let mut out = Vec::new();
    let formatter = serde_json::ser::PrettyFormatter::with_indent(b"    ");
    let mut serializer = serde_json::Serializer::with_formatter(&mut out, formatter);
    let printed = ModelOut { model, flatten }.serialize(&mut serializer);
    debug_assert!(printed.is_ok(), "JSON output to memory does not fail");
    let mut text = String::from_utf8(out).unwrap_or_default();
    text.push('\n');
    text
}

struct ModelOut<'a> {
    model: &'a Model,
    flatten: bool,
}

enum Entry<'a> {
    Shape(View<'a>),
    Apply(&'a Traits),
}

impl Serialize for ModelOut<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut entries: BTreeMap<String, Entry<'_>> = BTreeMap::new();
        for shape in self.model.shapes.values() {
            if self.flatten && is_mixin(shape) {
                continue;
            }
            let view = View::of(self.model, shape, self.flatten);
            if !view.flattened {
                for member in shape
                    .members
                    .iter()
                    .filter(|m| m.inherited && !m.traits.is_empty())
                {
                    entries.insert(
                        format!("{}${}", shape.id, member.name),
                        Entry::Apply(&member.traits),
                    );
                }
            }
            entries.insert(shape.id.clone(), Entry::Shape(view));
        }
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("smithy", "2.0")?;
        if !self.model.metadata.is_empty() {
            map.serialize_entry("metadata", &self.model.metadata)?;
        }
        map.serialize_entry("shapes", &entries)?;
        map.end()
    }
}

impl Serialize for Entry<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Entry::Shape(view) => view.serialize(s),
            Entry::Apply(traits) => {
                let mut map = s.serialize_map(None)?;
                map.serialize_entry("type", "apply")?;
                map.serialize_entry("traits", &TraitsOut(traits))?;
                map.end()
            }
        }
    }
}

struct TraitsOut<'a>(&'a Traits);

impl Serialize for TraitsOut<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(
            self.0
                .sorted()
                .into_iter()
                .map(|(id, applied)| (id, &applied.value)),
        )
    }
}

struct MemberOut<'a>(&'a Member);

impl Serialize for MemberOut<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("target", &self.0.target)?;
        if !self.0.traits.is_empty() {
            map.serialize_entry("traits", &TraitsOut(&self.0.traits))?;
        }
        map.end()
    }
}

struct Target<'a>(&'a str);

impl Serialize for Target<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(1))?;
        map.serialize_entry("target", self.0)?;
        map.end()
    }
}

struct Targets<'a>(Vec<&'a str>);

impl Serialize for Targets<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(|id| Target(id)))
    }
}

impl Serialize for View<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let shape = self.shape;
        let p = self.props;
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("type", shape.kind.name())?;
        if !self.flattened && !shape.mixins.is_empty() {
            let mixins: Vec<&str> = shape.mixins.iter().map(|m| m.id.as_str()).collect();
            map.serialize_entry("mixins", &Targets(mixins))?;
        }
        let named = |name: &str| self.own_members().find(|m| m.name == name);
        match shape.kind {
            Kind::Structure | Kind::Union | Kind::Enum | Kind::IntEnum => {
                let members: Vec<(&str, MemberOut<'_>)> = self
                    .own_members()
                    .map(|m| (m.name.as_str(), MemberOut(m)))
                    .collect();
                map.serialize_entry("members", &Ordered(members))?;
            }
            Kind::List => {
                if let Some(m) = named("member") {
                    map.serialize_entry("member", &MemberOut(m))?;
                }
            }
            Kind::Map => {
                for key in ["key", "value"] {
                    if let Some(m) = named(key) {
                        map.serialize_entry(key, &MemberOut(m))?;
                    }
                }
            }
            Kind::Operation => {
                let unit = |r: &Option<Ref>| {
                    r.as_ref()
                        .map_or(traits::UNIT, |r| r.id.as_str())
                        .to_owned()
                };
                map.serialize_entry("input", &Target(&unit(&p.input)))?;
                map.serialize_entry("output", &Target(&unit(&p.output)))?;
                if !p.errors.is_empty() {
                    map.serialize_entry("errors", &Targets(sorted(&p.errors)))?;
                }
            }
            Kind::Resource => {
                for (key, named) in [
                    ("identifiers", &p.identifiers),
                    ("properties", &p.properties),
                ] {
                    if !named.is_empty() {
                        let targets: Vec<(&str, Target<'_>)> = named
                            .iter()
                            .map(|(k, r)| (k.as_str(), Target(&r.id)))
                            .collect();
                        map.serialize_entry(key, &Ordered(targets))?;
                    }
                }
                for (key, one) in [
                    ("put", &p.put),
                    ("create", &p.create),
                    ("read", &p.read),
                    ("update", &p.update),
                    ("delete", &p.delete),
                    ("list", &p.list),
                ] {
                    if let Some(r) = one {
                        map.serialize_entry(key, &Target(&r.id))?;
                    }
                }
                for (key, list) in [
                    ("operations", &p.operations),
                    ("collectionOperations", &p.collection_operations),
                    ("resources", &p.resources),
                ] {
                    if !list.is_empty() {
                        map.serialize_entry(key, &Targets(sorted(list)))?;
                    }
                }
            }
            Kind::Service => {
                if let Some(version) = p.version.as_deref().filter(|v| !v.trim().is_empty()) {
                    map.serialize_entry("version", version)?;
                }
                for (key, list) in [
                    ("operations", &p.operations),
                    ("resources", &p.resources),
                    ("errors", &p.errors),
                ] {
                    if !list.is_empty() {
                        map.serialize_entry(key, &Targets(sorted(list)))?;
                    }
                }
                if !p.rename.is_empty() {
                    map.serialize_entry("rename", &p.rename)?;
                }
            }
            _ => {}
        }
        if !self.traits.is_empty() {
            map.serialize_entry("traits", &TraitsOut(self.traits))?;
        }
        map.end()
    }
}

/// A JSON object whose keys keep the order given.
struct Ordered<'a, T>(Vec<(&'a str, T)>);

impl<T: Serialize> Serialize for Ordered<'_, T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.0.iter().map(|(k, v)| (k, v)))
    }
}

/// The flattened model as the generator reads it.
pub(crate) fn into_ast(model: Model) -> ast::Model {
    let mut full = model.full;
    let shapes = model
        .shapes
        .into_iter()
        .filter(|(_, shape)| !is_mixin(shape))
        .map(|(id, shape)| {
            let (traits, members, props) = match full.remove(&id) {
                Some(full) => (full.traits, full.members, full.props),
                None => (
                    shape.traits,
                    shape.members,
                    shape.props.map(|p| *p).unwrap_or_default(),
                ),
            };
            (id, ast_shape(shape.kind, traits, members, props))
        })
        .collect();
    ast::Model {
        smithy: "2.0".to_owned(),
        metadata: model.metadata,
        shapes,
    }
}

fn values(traits: Traits) -> ast::Traits {
    // Inserting in order is cheaper than collecting, which sorts first.
    let mut values = ast::Traits::new();
    for (id, applied) in traits {
        values.insert(id, applied.value);
    }
    values
}

fn ast_shape(kind: Kind, traits: Traits, members: Vec<Member>, p: Props) -> ast::Shape {
    let reference = |r: Ref| ast::Reference { target: r.id };
    let references = |mut list: Vec<Ref>| {
        list.sort_by(|a, b| shape_id_order(&a.id, &b.id));
        list.dedup_by(|a, b| a.id == b.id);
        list.into_iter().map(reference).collect::<Vec<_>>()
    };
    let named = |list: Vec<(String, Ref)>| {
        list.into_iter()
            .map(|(name, r)| (name, reference(r)))
            .collect::<BTreeMap<_, _>>()
    };
    let unit = |r: Option<Ref>| {
        Some(ast::Reference {
            target: r.map_or_else(|| traits::UNIT.to_owned(), |r| r.id),
        })
    };
    let operation = kind == Kind::Operation;
    let (mut member, mut key, mut value) = (None, None, None);
    let mut by_name = BTreeMap::new();
    for m in members {
        let converted = ast::Member {
            target: m.target,
            traits: values(m.traits),
        };
        match (kind, m.name.as_str()) {
            (Kind::List, "member") => member = Some(converted),
            (Kind::Map, "key") => key = Some(converted),
            (Kind::Map, "value") => value = Some(converted),
            _ => {
                by_name.insert(m.name, converted);
            }
        }
    }
    let members = by_name;
    ast::Shape {
        kind: kind.name().to_owned(),
        members,
        member,
        key,
        value,
        input: if operation { unit(p.input) } else { None },
        output: if operation { unit(p.output) } else { None },
        errors: references(p.errors),
        operations: references(p.operations),
        collection_operations: references(p.collection_operations),
        create: p.create.map(reference),
        put: p.put.map(reference),
        read: p.read.map(reference),
        update: p.update.map(reference),
        delete: p.delete.map(reference),
        list: p.list.map(reference),
        identifiers: named(p.identifiers),
        properties: named(p.properties),
        rename: p.rename,
        resources: references(p.resources),
        mixins: Vec::new(),
        version: p.version,
        traits: values(traits),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shape_ids_sort_ignoring_case_first() {
        let mut ids = vec!["a#NestedXmlMapWithXmlName", "a#NestedXmlMaps", "a#B", "a#a"];
        ids.sort_by(|a, b| shape_id_order(a, b));
        assert_eq!(
            ids,
            ["a#a", "a#B", "a#NestedXmlMaps", "a#NestedXmlMapWithXmlName"]
        );
    }
}
