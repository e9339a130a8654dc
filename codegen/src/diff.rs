//! Compares two models, restricted to the closures of the chosen operations,
//! and classifies each change by its effect on the generated crate: breaking
//! (code that compiled against the old crate may not compile, or a request it
//! sent may now be refused), compatible, or documentation only.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::fmt::{self, Write as _};

use serde::Serialize;
use serde_json::Value;

use crate::error::Result;
use crate::load::ast;
use crate::model::{local_name, select};

const DOCUMENTATION: &str = "smithy.api#documentation";
const REQUIRED: &str = "smithy.api#required";
const DEFAULT: &str = "smithy.api#default";
const LENGTH: &str = "smithy.api#length";
const RANGE: &str = "smithy.api#range";
const PATTERN: &str = "smithy.api#pattern";
const ENUM: &str = "smithy.api#enum";
const ENUM_VALUE: &str = "smithy.api#enumValue";

/// Traits whose change alters what goes on the wire or the generated API.
const BREAKING_TRAITS: &[&str] = &[
    "smithy.api#http",
    "smithy.api#httpError",
    "smithy.api#httpHeader",
    "smithy.api#httpLabel",
    "smithy.api#httpPayload",
    "smithy.api#httpQuery",
    "smithy.api#httpResponseCode",
    "smithy.api#jsonName",
    "smithy.api#timestampFormat",
    "smithy.api#paginated",
    "smithy.api#error",
    "smithy.api#streaming",
    "smithy.api#idempotencyToken",
];

/// Namespaces of traits the generated crate ignores (IAM, ARN templates,
/// smoke tests, waiters): changes to them are counted with the documentation.
const METADATA_NAMESPACES: &[&str] = &[
    "aws.iam#",
    "aws.api#arn",
    "aws.api#data",
    "aws.api#tag",
    "smithy.test#",
    "smithy.waiters#",
];

const PAGINATED: &str = "smithy.api#paginated";

/// Traits that only document or describe: changes to them are counted with
/// the documentation.
const DOC_TRAITS: &[&str] = &[
    DOCUMENTATION,
    "smithy.api#examples",
    "smithy.api#externalDocumentation",
    "smithy.api#tags",
    "smithy.api#title",
];

/// How a change affects users of the generated crate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Effect {
    /// Code written against the old crate may break, or requests it sent may be refused.
    Breaking,
    /// Code written against the old crate keeps working.
    Compatible,
    /// Documentation only.
    Documentation,
}

impl fmt::Display for Effect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Effect::Breaking => "breaking",
            Effect::Compatible => "compatible",
            Effect::Documentation => "docs",
        })
    }
}

/// One change.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Change {
    /// Its effect.
    pub effect: Effect,
    /// What kind of change (`member-added`, `length-tightened`...).
    pub kind: String,
    /// The member, enum value or trait it is about; empty for the shape itself.
    pub subject: String,
    /// What changed, in words.
    pub detail: String,
}

/// The changes of one shape.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ShapeChanges {
    /// The shape ID.
    pub shape: String,
    /// Its changes, breaking first.
    pub changes: Vec<Change>,
}

/// The whole comparison.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    /// The operations compared, by name.
    pub operations: Vec<String>,
    /// How many changes are breaking.
    pub breaking: usize,
    /// How many are compatible.
    pub compatible: usize,
    /// How many only change documentation.
    pub documentation: usize,
    /// The changed shapes, sorted by ID. Documentation changes are listed
    /// only when asked for; they are always counted.
    pub shapes: Vec<ShapeChanges>,
}

impl Report {
    /// Whether any change is breaking.
    pub fn is_breaking(&self) -> bool {
        self.breaking > 0
    }

    /// Whether nothing changed at all.
    pub fn is_empty(&self) -> bool {
        self.breaking + self.compatible + self.documentation == 0
    }

    /// The report as text, readable at a glance.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "Compared {} operation{}: {}",
            self.operations.len(),
            if self.operations.len() == 1 { "" } else { "s" },
            self.operations.join(", ")
        );
        if self.is_empty() {
            out.push_str("No changes.\n");
            return out;
        }
        let _ = writeln!(
            out,
            "{} breaking, {} compatible, {} documentation change{}",
            self.breaking,
            self.compatible,
            self.documentation,
            if self.documentation == 1 { "" } else { "s" }
        );
        let width = self
            .shapes
            .iter()
            .flat_map(|s| &s.changes)
            .map(|c| c.kind.len())
            .max()
            .unwrap_or(0);
        for shape in &self.shapes {
            let _ = writeln!(out, "\n{}", shape.shape);
            for c in &shape.changes {
                let subject = if c.subject.is_empty() {
                    String::new()
                } else {
                    format!("{}: ", c.subject)
                };
                let _ = writeln!(
                    out,
                    "  {:<10}  {:<width$}  {subject}{}",
                    c.effect.to_string(),
                    c.kind,
                    c.detail
                );
            }
        }
        out
    }

    /// The report as JSON, with a stable key order.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default() + "\n"
    }
}

/// Compares `old` with `new`, restricted to the closures of `operations`
/// (by name; all of `new`'s when empty). Documentation changes are listed
/// only with `list_docs`.
pub fn diff(
    old: &ast::Model,
    new: &ast::Model,
    operations: &[String],
    list_docs: bool,
) -> Result<Report> {
    let new_sel = select(new, operations, false)?;
    let names: Vec<String> = new_sel
        .operations
        .iter()
        .map(|id| local_name(id).to_owned())
        .collect();
    let old_sel = select(old, &names, true)?;
    let inputs = input_shapes(&new.shapes, &new_sel.operations);
    let mut d = Differ {
        old,
        new,
        inputs,
        paginated: [
            service_paginated(old, &old_sel.service),
            service_paginated(new, &new_sel.service),
        ],
        changes: BTreeMap::new(),
    };
    let ids: BTreeSet<&String> = old_sel.closure.iter().chain(&new_sel.closure).collect();
    for id in ids {
        match (old_sel.closure.contains(id), new_sel.closure.contains(id)) {
            (true, true) => d.shape(id),
            (false, true) => {
                let kind = &new.shapes[id].kind;
                d.push(
                    id,
                    Effect::Compatible,
                    "shape-added",
                    "",
                    format!("a new {kind}"),
                );
            }
            _ => {
                let kind = &old.shapes[id].kind;
                d.push(
                    id,
                    Effect::Breaking,
                    "shape-removed",
                    "",
                    format!("the {kind} is gone"),
                );
            }
        }
    }
    let mut report = Report {
        operations: names,
        breaking: 0,
        compatible: 0,
        documentation: 0,
        shapes: Vec::new(),
    };
    for (shape, mut changes) in d.changes {
        changes.sort();
        for c in &changes {
            match c.effect {
                Effect::Breaking => report.breaking += 1,
                Effect::Compatible => report.compatible += 1,
                Effect::Documentation => report.documentation += 1,
            }
        }
        changes.retain(|c| list_docs || c.effect != Effect::Documentation);
        if !changes.is_empty() {
            report.shapes.push(ShapeChanges { shape, changes });
        }
    }
    Ok(report)
}

/// The service's `@paginated` defaults, which its operations' traits extend.
fn service_paginated(model: &ast::Model, service: &str) -> Option<Value> {
    model.shapes.get(service)?.traits.get(PAGINATED).cloned()
}

/// An operation's traits with its `@paginated` merged over the service's defaults.
fn effective_traits(traits: &ast::Traits, defaults: Option<&Value>) -> ast::Traits {
    let mut traits = traits.clone();
    if let (Some(Value::Object(op)), Some(Value::Object(defaults))) =
        (traits.get(PAGINATED), defaults)
    {
        let mut merged = defaults.clone();
        merged.extend(op.clone());
        traits.insert(PAGINATED.to_owned(), Value::Object(merged));
    }
    traits
}

/// Shapes reachable from the operations' inputs: a member made required
/// there must now be set by callers.
fn input_shapes(shapes: &BTreeMap<String, ast::Shape>, operations: &[String]) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut queue: VecDeque<String> = operations
        .iter()
        .filter_map(|op| shapes.get(op)?.input.as_ref().map(|r| r.target.clone()))
        .collect();
    while let Some(id) = queue.pop_front() {
        let Some(shape) = shapes.get(&id) else {
            continue;
        };
        if !seen.insert(id) {
            continue;
        }
        let members = shape
            .members
            .values()
            .chain(&shape.member)
            .chain(&shape.key)
            .chain(&shape.value);
        queue.extend(members.map(|m| m.target.clone()));
    }
    seen
}

struct Differ<'a> {
    old: &'a ast::Model,
    new: &'a ast::Model,
    inputs: BTreeSet<String>,
    /// The services' `@paginated` defaults, old and new.
    paginated: [Option<Value>; 2],
    changes: BTreeMap<String, Vec<Change>>,
}

impl Differ<'_> {
    fn push(&mut self, shape: &str, effect: Effect, kind: &str, subject: &str, detail: String) {
        self.changes
            .entry(shape.to_owned())
            .or_default()
            .push(Change {
                effect,
                kind: kind.to_owned(),
                subject: subject.to_owned(),
                detail,
            });
    }

    fn shape(&mut self, id: &str) {
        let (old, new) = (&self.old.shapes[id], &self.new.shapes[id]);
        if old.kind != new.kind {
            self.push(
                id,
                Effect::Breaking,
                "type-changed",
                "",
                format!("{} → {}", old.kind, new.kind),
            );
            return;
        }
        let [old_defaults, new_defaults] = &self.paginated;
        let (old_traits, new_traits) = (
            effective_traits(&old.traits, old_defaults.as_ref()),
            effective_traits(&new.traits, new_defaults.as_ref()),
        );
        self.traits(id, "", &old_traits, &new_traits);
        self.references(id, "input", old.input.as_ref(), new.input.as_ref());
        self.references(id, "output", old.output.as_ref(), new.output.as_ref());
        let errors = |s: &ast::Shape| {
            s.errors
                .iter()
                .map(|e| e.target.clone())
                .collect::<BTreeSet<_>>()
        };
        let (old_errors, new_errors) = (errors(old), errors(new));
        for e in new_errors.difference(&old_errors) {
            self.push(
                id,
                Effect::Compatible,
                "error-added",
                e,
                "the operation may return it".to_owned(),
            );
        }
        for e in old_errors.difference(&new_errors) {
            self.push(
                id,
                Effect::Breaking,
                "error-removed",
                e,
                "its variant is gone from the error enum".to_owned(),
            );
        }
        for (role, o, n) in [
            ("member", &old.member, &new.member),
            ("key", &old.key, &new.key),
            ("value", &old.value, &new.value),
        ] {
            if let (Some(o), Some(n)) = (o, n) {
                self.member(id, role, o, n);
            }
        }
        if new.kind == "enum" || new.kind == "intEnum" {
            self.enum_values(id, &enum_members(old), &enum_members(new));
            return;
        }
        for (name, m) in &new.members {
            match old.members.get(name) {
                Some(o) => self.member(id, name, o, m),
                None => {
                    let required = m.traits.contains_key(REQUIRED);
                    let (effect, detail) = if required && self.inputs.contains(id) {
                        (
                            Effect::Breaking,
                            format!("targets {}, required: callers must set it", m.target),
                        )
                    } else if required {
                        (
                            Effect::Compatible,
                            format!("targets {}, required", m.target),
                        )
                    } else {
                        (
                            Effect::Compatible,
                            format!("targets {}, optional", m.target),
                        )
                    };
                    self.push(id, effect, "member-added", name, detail);
                }
            }
        }
        for (name, m) in &old.members {
            if !new.members.contains_key(name) {
                self.push(
                    id,
                    Effect::Breaking,
                    "member-removed",
                    name,
                    format!("targeted {}", m.target),
                );
            }
        }
    }

    fn references(
        &mut self,
        id: &str,
        role: &str,
        old: Option<&ast::Reference>,
        new: Option<&ast::Reference>,
    ) {
        let target = |r: Option<&ast::Reference>| {
            r.map_or("smithy.api#Unit".to_owned(), |r| r.target.clone())
        };
        let (o, n) = (target(old), target(new));
        if o != n {
            self.push(
                id,
                Effect::Breaking,
                &format!("{role}-changed"),
                "",
                format!("{o} → {n}"),
            );
        }
    }

    fn member(&mut self, id: &str, name: &str, old: &ast::Member, new: &ast::Member) {
        if old.target != new.target {
            self.push(
                id,
                Effect::Breaking,
                "target-changed",
                name,
                format!("{} → {}", old.target, new.target),
            );
        }
        match (
            old.traits.contains_key(REQUIRED),
            new.traits.contains_key(REQUIRED),
        ) {
            (false, true) => {
                let detail = if self.inputs.contains(id) {
                    "made required: callers must set it, and the field loses its Option"
                } else {
                    "made required: the field loses its Option"
                };
                self.push(
                    id,
                    Effect::Breaking,
                    "made-required",
                    name,
                    detail.to_owned(),
                );
            }
            (true, false) => self.push(
                id,
                Effect::Breaking,
                "made-optional",
                name,
                "no longer required: the field becomes an Option".to_owned(),
            ),
            _ => {}
        }
        self.traits(id, name, &old.traits, &new.traits);
    }

    fn enum_values(
        &mut self,
        id: &str,
        old: &BTreeMap<String, String>,
        new: &BTreeMap<String, String>,
    ) {
        for (name, value) in new {
            match old.get(name) {
                None => self.push(
                    id,
                    Effect::Compatible,
                    "enum-value-added",
                    name,
                    format!("\"{value}\""),
                ),
                Some(o) if o != value => self.push(
                    id,
                    Effect::Breaking,
                    "enum-value-changed",
                    name,
                    format!("\"{o}\" → \"{value}\""),
                ),
                Some(_) => {}
            }
        }
        for (name, value) in old {
            if !new.contains_key(name) {
                self.push(
                    id,
                    Effect::Breaking,
                    "enum-value-removed",
                    name,
                    format!("\"{value}\" now parses as Unknown"),
                );
            }
        }
    }

    fn traits(&mut self, id: &str, subject: &str, old: &ast::Traits, new: &ast::Traits) {
        let names: BTreeSet<&String> = old.keys().chain(new.keys()).collect();
        for name in names {
            let (o, n) = (old.get(name), new.get(name));
            if o == n {
                continue;
            }
            let short = name.strip_prefix("smithy.api#").unwrap_or(name);
            match name.as_str() {
                REQUIRED => {}
                LENGTH | RANGE => self.bounds(id, subject, short, o, n),
                PATTERN => {
                    let (effect, kind, detail) = match (o, n) {
                        (None, Some(n)) => (Effect::Breaking, "pattern-added", format!("{n}")),
                        (Some(o), None) => (Effect::Compatible, "pattern-removed", format!("{o}")),
                        (o, n) => (
                            Effect::Breaking,
                            "pattern-changed",
                            format!("{} → {}", show(o), show(n)),
                        ),
                    };
                    self.push(id, effect, kind, subject, detail);
                }
                ENUM => self.enum_values(id, &enum_trait(o), &enum_trait(n)),
                DEFAULT => self.push(
                    id,
                    Effect::Compatible,
                    "default-changed",
                    subject,
                    format!("{} → {}", show(o), show(n)),
                ),
                name if DOC_TRAITS.contains(&name) => self.push(
                    id,
                    Effect::Documentation,
                    &format!("{short}-changed"),
                    subject,
                    String::new(),
                ),
                name if METADATA_NAMESPACES.iter().any(|ns| name.starts_with(ns)) => self.push(
                    id,
                    Effect::Documentation,
                    "metadata-changed",
                    subject,
                    name.to_owned(),
                ),
                name if BREAKING_TRAITS.contains(&name) => self.push(
                    id,
                    Effect::Breaking,
                    &format!("{short}-changed"),
                    subject,
                    format!("{} → {}", show(o), show(n)),
                ),
                _ => self.push(
                    id,
                    Effect::Compatible,
                    "trait-changed",
                    subject,
                    format!("{name}: {} → {}", show(o), show(n)),
                ),
            }
        }
    }

    /// `@length` or `@range`: tightened when a bound appears, the minimum
    /// rises or the maximum falls; loosened otherwise.
    fn bounds(
        &mut self,
        id: &str,
        subject: &str,
        trait_name: &str,
        old: Option<&Value>,
        new: Option<&Value>,
    ) {
        let bound =
            |v: Option<&Value>, key: &str| v.and_then(|v| v.get(key)).and_then(Value::as_f64);
        let (old_min, old_max) = (bound(old, "min"), bound(old, "max"));
        let (new_min, new_max) = (bound(new, "min"), bound(new, "max"));
        let raised = match (old_min, new_min) {
            (None, Some(_)) => true,
            (Some(o), Some(n)) => n > o,
            _ => false,
        };
        let lowered = match (old_max, new_max) {
            (None, Some(_)) => true,
            (Some(o), Some(n)) => n < o,
            _ => false,
        };
        let (effect, verb) = if raised || lowered {
            (Effect::Breaking, "tightened")
        } else {
            (Effect::Compatible, "loosened")
        };
        let text = |min: Option<f64>, max: Option<f64>| match (min, max) {
            (None, None) => "none".to_owned(),
            (min, max) => format!(
                "{}..{}",
                min.map(|v| v.to_string()).unwrap_or_default(),
                max.map(|v| v.to_string()).unwrap_or_default()
            ),
        };
        self.push(
            id,
            effect,
            &format!("{trait_name}-{verb}"),
            subject,
            format!("{} → {}", text(old_min, old_max), text(new_min, new_max)),
        );
    }
}

fn show(v: Option<&Value>) -> String {
    v.map_or_else(|| "none".to_owned(), Value::to_string)
}

/// The values of a Smithy 2.0 enum shape, by member name.
fn enum_members(shape: &ast::Shape) -> BTreeMap<String, String> {
    shape
        .members
        .iter()
        .map(|(name, m)| {
            let value = m.traits.get(ENUM_VALUE).map_or_else(
                || name.clone(),
                |v| v.as_str().map_or_else(|| v.to_string(), str::to_owned),
            );
            (name.clone(), value)
        })
        .collect()
}

/// The values of a Smithy 1.0 `@enum` trait, keyed by value.
fn enum_trait(v: Option<&Value>) -> BTreeMap<String, String> {
    v.and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|d| d.get("value").and_then(Value::as_str))
        .map(|value| (value.to_owned(), value.to_owned()))
        .collect()
}
