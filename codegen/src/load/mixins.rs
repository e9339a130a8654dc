//! Mixins and elided targets (the specification's `mixins.rst` and "Target
//! elision"): each shape that uses mixins, in an order where its mixins come
//! first, gets its elided member targets (from its `for` resource, then its
//! mixins), the traits applied to members it only inherits, and its flattened
//! view: inherited traits (but `@mixin` and the mixin's local traits)
//! overridden by its own, inherited members before its own, in the order of
//! a depth-first walk of its mixins.

use std::collections::{HashMap, HashSet};

use serde_json::Value;

use super::assemble::{
    error, merge_trait, Full, InheritedApply, Member, Model, Props, Ref, Shape, Traits,
};
use super::source::Sources;
use super::syntax::{traits, Kind};
use crate::error::Result;

/// Resolves mixins, elided targets and traits applied to inherited members,
/// and fills [`Model::full`].
pub(crate) fn resolve(
    model: &mut Model,
    inherited: Vec<InheritedApply>,
    sources: &Sources,
) -> Result<()> {
    let mut applies: HashMap<String, Vec<InheritedApply>> = HashMap::new();
    for apply in inherited {
        applies.entry(apply.shape.clone()).or_default().push(apply);
    }
    for id in order(model, sources)? {
        let Some(mut shape) = model.shapes.remove(&id) else {
            continue;
        };
        let result = resolve_shape(
            &mut shape,
            model,
            applies.remove(&id).unwrap_or_default(),
            sources,
        );
        model.shapes.insert(id, shape);
        let full = result?;
        model.full.insert(full.0, full.1);
    }
    match applies.into_values().flatten().next() {
        Some(apply) => Err(no_such_member(&apply, sources)),
        None => Ok(()),
    }
}

fn no_such_member(apply: &InheritedApply, sources: &Sources) -> crate::Error {
    error(
        sources,
        apply.loc,
        format!(
            "cannot apply {} to {}${}: {} has no member named {}",
            apply.trait_id, apply.shape, apply.member, apply.shape, apply.member
        ),
    )
}

/// The shapes to resolve, each after its mixins: those with mixins or
/// elided members and the mixins themselves.
fn order(model: &Model, sources: &Sources) -> Result<Vec<String>> {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        Visiting,
        Done,
    }
    let mut state: HashMap<&str, State> = HashMap::new();
    let mut out = Vec::new();
    let roots = model
        .shapes
        .values()
        .filter(|s| !s.mixins.is_empty() || s.members.iter().any(|m| m.elided));
    for root in roots {
        // An explicit stack: mixin chains in a model can be long.
        let mut stack: Vec<(&Shape, usize)> = vec![(root, 0)];
        if state.contains_key(root.id.as_str()) {
            continue;
        }
        state.insert(&root.id, State::Visiting);
        while let Some((shape, next)) = stack.pop() {
            let Some(mixin) = shape.mixins.get(next) else {
                state.insert(&shape.id, State::Done);
                out.push(shape.id.clone());
                continue;
            };
            stack.push((shape, next + 1));
            let Some(target) = model.shapes.get(&mixin.id) else {
                return Err(error(
                    sources,
                    mixin.loc,
                    format!(
                        "{} uses the mixin {}, which is not defined",
                        shape.id, mixin.id
                    ),
                ));
            };
            check_mixin(shape, mixin, target, sources)?;
            match state.get(target.id.as_str()) {
                Some(State::Done) => {}
                Some(State::Visiting) => {
                    return Err(error(
                        sources,
                        mixin.loc,
                        format!(
                            "{} and {} are mixins of each other: mixins cannot form a cycle",
                            shape.id, target.id
                        ),
                    ))
                }
                None => {
                    state.insert(&target.id, State::Visiting);
                    stack.push((target, 0));
                }
            }
        }
    }
    Ok(out)
}

fn check_mixin(shape: &Shape, mixin: &Ref, target: &Shape, sources: &Sources) -> Result<()> {
    if !target.traits.contains_key(traits::MIXIN) {
        return Err(error(
            sources,
            mixin.loc,
            format!(
                "{} uses {} as a mixin, but it has no @mixin trait",
                shape.id, target.id
            ),
        ));
    }
    if target.kind != shape.kind {
        return Err(error(
            sources,
            mixin.loc,
            format!(
                "{} is a {} and cannot use the {} mixin {}",
                shape.id,
                shape.kind.name(),
                target.kind.name(),
                target.id
            ),
        ));
    }
    Ok(())
}

/// Completes one shape, whose mixins are already complete, and returns its
/// flattened view.
fn resolve_shape(
    shape: &mut Shape,
    model: &Model,
    applies: Vec<InheritedApply>,
    sources: &Sources,
) -> Result<(String, Full)> {
    let mixins: Vec<&Full> = shape
        .mixins
        .iter()
        .filter_map(|m| model.full.get(&m.id))
        .collect();
    let mut inherited: Vec<Member> = Vec::new();
    for (mixin, full) in shape.mixins.iter().zip(&mixins) {
        for member in &full.members {
            match inherited.iter_mut().find(|m| m.name == member.name) {
                Some(previous) if previous.target != member.target => {
                    return Err(error(
                        sources,
                        mixin.loc,
                        format!(
                            "{}: the mixins define the member {} with different targets, {} and {}",
                            shape.id, member.name, previous.target, member.target
                        ),
                    ))
                }
                Some(previous) => override_traits(&mut previous.traits, &member.traits),
                None => inherited.push(Member {
                    inherited: true,
                    ..member.clone()
                }),
            }
        }
    }
    elide(shape, model, &inherited, sources)?;
    for member in &mut shape.members {
        if let Some(from_mixin) = inherited.iter().find(|m| m.name == member.name) {
            if from_mixin.target != member.target {
                return Err(error(
                    sources,
                    member.loc,
                    format!(
                        "{}${} targets {}, but the member {} it inherits from a mixin targets {}: a redefined mixin member must target the same shape",
                        shape.id, member.name, member.target, member.name, from_mixin.target
                    ),
                ));
            }
            member.inherited = true;
        }
    }
    for apply in applies {
        let Some(from_mixin) = inherited.iter().find(|m| m.name == apply.member) else {
            return Err(no_such_member(&apply, sources));
        };
        let index = match shape.members.iter().position(|m| m.name == apply.member) {
            Some(index) => index,
            None => {
                shape.members.push(Member {
                    traits: Traits::new(),
                    inherited: true,
                    elided: false,
                    ..from_mixin.clone()
                });
                shape.members.len() - 1
            }
        };
        let target = format!("{}${}", apply.shape, apply.member);
        merge_trait(
            &mut shape.members[index].traits,
            apply.trait_id,
            apply.value,
            apply.loc,
        )
        .map_err(|conflict| conflict.error(sources, &target))?;
    }
    let full = flatten(shape, &mixins, inherited);
    Ok((shape.id.clone(), full))
}

/// Sets the targets of elided members (`$name`): the `for` resource's
/// identifier or property of that name, else the mixins' member.
fn elide(shape: &mut Shape, model: &Model, inherited: &[Member], sources: &Sources) -> Result<()> {
    let resource = match &shape.resource {
        Some(r) => match model.shapes.get(&r.id) {
            Some(resource) if resource.kind == Kind::Resource => Some(resource),
            Some(other) => {
                return Err(error(
                    sources,
                    r.loc,
                    format!(
                        "{} is bound to {} with 'for', which is a {}, not a resource",
                        shape.id,
                        r.id,
                        other.kind.name()
                    ),
                ))
            }
            None => {
                return Err(error(
                    sources,
                    r.loc,
                    format!("{} is bound to {}, which is not defined", shape.id, r.id),
                ))
            }
        },
        None => None,
    };
    for member in shape.members.iter_mut().filter(|m| m.elided) {
        let from_resource = resource.and_then(|r| {
            let named = |list: &[(String, Ref)]| {
                list.iter()
                    .find(|(name, _)| *name == member.name)
                    .map(|(_, target)| target.id.clone())
            };
            named(&r.props().properties).or_else(|| named(&r.props().identifiers))
        });
        let target = from_resource.or_else(|| {
            inherited
                .iter()
                .find(|m| m.name == member.name)
                .map(|m| m.target.clone())
        });
        match target {
            Some(target) => member.target = target,
            None => {
                let source = match &shape.resource {
                    Some(r) => format!("neither the resource {} nor a mixin", r.id),
                    None => "no mixin".to_owned(),
                };
                return Err(error(
                    sources,
                    member.loc,
                    format!(
                        "{}${}: the target of an elided member comes from the resource or the mixins, but {source} has a member named {}",
                        shape.id, member.name, member.name
                    ),
                ));
            }
        }
    }
    Ok(())
}

/// `traits` take the values of `more`, which win.
fn override_traits(traits: &mut Traits, more: &Traits) {
    for (id, applied) in more.iter() {
        traits.insert(id.clone(), applied.clone());
    }
}

/// The traits a shape inherits from a mixin: all but `@mixin` and the
/// mixin's local traits.
fn inheritable(full: &Full) -> impl Iterator<Item = (&String, &super::assemble::Applied)> {
    let local: HashSet<&str> = full
        .traits
        .get(traits::MIXIN)
        .and_then(|m| m.value.get("localTraits"))
        .and_then(Value::as_array)
        .map(|list| list.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    full.traits
        .iter()
        .filter(move |(id, _)| id.as_str() != traits::MIXIN && !local.contains(id.as_str()))
}

fn flatten(shape: &Shape, mixins: &[&Full], inherited: Vec<Member>) -> Full {
    let mut all_traits = Traits::new();
    for full in mixins {
        for (id, applied) in inheritable(full) {
            all_traits.insert(id.clone(), applied.clone());
        }
    }
    override_traits(&mut all_traits, &shape.traits);
    let mut members = inherited;
    for member in &shape.members {
        match members.iter_mut().find(|m| m.name == member.name) {
            Some(existing) => {
                override_traits(&mut existing.traits, &member.traits);
                existing.loc = member.loc;
            }
            None => members.push(member.clone()),
        }
    }
    let mut props = Props::default();
    for full in mixins {
        merge_props(&mut props, &full.props);
    }
    merge_props(&mut props, shape.props());
    Full {
        traits: all_traits,
        members,
        props,
    }
}

/// Merges `more` into `props`: lists are joined, maps merged, and single
/// values taken from `more` when it has them.
fn merge_props(props: &mut Props, more: &Props) {
    fn join(list: &mut Vec<Ref>, more: &[Ref]) {
        for r in more {
            if !list.iter().any(|x| x.id == r.id) {
                list.push(r.clone());
            }
        }
    }
    fn join_named(list: &mut Vec<(String, Ref)>, more: &[(String, Ref)]) {
        for (name, r) in more {
            match list.iter_mut().find(|(n, _)| n == name) {
                Some(existing) => existing.1 = r.clone(),
                None => list.push((name.clone(), r.clone())),
            }
        }
    }
    fn take(one: &mut Option<Ref>, more: &Option<Ref>) {
        if more.is_some() {
            one.clone_from(more);
        }
    }
    take(&mut props.input, &more.input);
    take(&mut props.output, &more.output);
    take(&mut props.create, &more.create);
    take(&mut props.put, &more.put);
    take(&mut props.read, &more.read);
    take(&mut props.update, &more.update);
    take(&mut props.delete, &more.delete);
    take(&mut props.list, &more.list);
    if more.version.is_some() {
        props.version.clone_from(&more.version);
    }
    join(&mut props.errors, &more.errors);
    join(&mut props.operations, &more.operations);
    join(&mut props.resources, &more.resources);
    join(
        &mut props.collection_operations,
        &more.collection_operations,
    );
    join_named(&mut props.identifiers, &more.identifiers);
    join_named(&mut props.properties, &more.properties);
    for (from, to) in &more.rename {
        props.rename.insert(from.clone(), to.clone());
    }
}
