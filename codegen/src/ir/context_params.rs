//! Binds operations to endpoint-rule parameters: `@contextParam` on input
//! members (S3's `Bucket`, DynamoDB's `ResourceArn`) and an operation's
//! `smithy.rules#staticContextParams`. A bound operation resolves its
//! endpoint from the configuration's parameters with these set; S3's
//! `{Bucket}` label then leaves the path, since the rules place the bucket.

use serde::Deserialize;
use serde_json::Value as Json;

use super::endpoint::{RuleSet, Ty};
use super::traits::{self, get};
use super::{Crate, TypeKind, TypeRef};
use crate::error::{Error, Result};
use crate::model::Model;

const CONTEXT_PARAM: &str = "smithy.rules#contextParam";
const STATIC_CONTEXT_PARAMS: &str = "smithy.rules#staticContextParams";
const RULE_SET: &str = "smithy.rules#endpointRuleSet";

#[derive(Deserialize)]
struct ContextParamTrait {
    name: String,
}

#[derive(Deserialize)]
struct StaticValue {
    value: Json,
}

/// An endpoint parameter an operation sets.
#[derive(Debug, Clone, PartialEq)]
pub struct ContextParam {
    /// The field of `endpoint::Params`.
    pub field: String,
    /// Whether that field is an `Option`.
    pub optional: bool,
    /// Where the value comes from.
    pub value: ContextValue,
}

/// The value of a bound endpoint parameter.
#[derive(Debug, Clone, PartialEq)]
pub enum ContextValue {
    /// An input member: its field, whether it is required (not an
    /// `Option`), and whether it is an enum (sent as its text).
    Member {
        field: String,
        required: bool,
        enumeration: bool,
    },
    /// A boolean of `staticContextParams`.
    Bool(bool),
    /// A string of `staticContextParams`.
    Str(String),
}

/// Fills in each operation's `context_params`, and takes S3's `{Bucket}`
/// out of the paths of operations that bind it.
pub fn bind(model: &Model, krate: &mut Crate) -> Result<()> {
    let rules = krate.endpoint.clone();
    let s3 = krate.service.sdk_id == "S3";
    let types = &krate.types;
    for op in &mut krate.operations {
        let shape = &model.shapes[&op.shape_id];
        let mut bound = Vec::new();
        if let Some(statics) = get::<std::collections::BTreeMap<String, StaticValue>>(
            &op.shape_id,
            &shape.traits,
            STATIC_CONTEXT_PARAMS,
        )? {
            for (name, value) in statics {
                let Some((field, optional, ty)) = param(&rules, &name) else {
                    continue;
                };
                let value = match (ty, value.value) {
                    (Ty::Bool, Json::Bool(b)) => ContextValue::Bool(b),
                    (Ty::Str, Json::String(s)) => ContextValue::Str(s),
                    (_, other) => {
                        return Err(invalid(&op.shape_id, STATIC_CONTEXT_PARAMS, &name, &other))
                    }
                };
                bound.push(ContextParam {
                    field,
                    optional,
                    value,
                });
            }
        }
        let input = shape
            .input
            .as_ref()
            .and_then(|r| model.shapes.get(&r.target));
        let members = match &types[op.input.0].kind {
            TypeKind::Struct(s) => s.members.as_slice(),
            _ => &[],
        };
        for (wire_name, member) in input.iter().flat_map(|s| &s.members) {
            let member_id = format!(
                "{}${wire_name}",
                shape.input.as_ref().map_or("", |r| r.target.as_str())
            );
            let Some(context) = context_param(model, &member_id, wire_name, member)? else {
                continue;
            };
            let Some(ir) = members.iter().find(|m| m.wire_name == *wire_name) else {
                continue;
            };
            let Some((field, optional, ty)) = param(&rules, &context.name) else {
                continue;
            };
            let enumeration = matches!(&ir.ty, TypeRef::Named(id) if matches!(types[id.0].kind, TypeKind::Enum(_)));
            let fits = match ty {
                Ty::Str => ir.ty == TypeRef::String || enumeration,
                Ty::Bool => ir.ty == TypeRef::Bool,
                _ => false,
            };
            if !fits {
                return Err(Error::UnsupportedFeature {
                    shape: member_id,
                    feature: format!(
                        "{CONTEXT_PARAM} binding a member of this type to the endpoint parameter {}",
                        context.name
                    ),
                });
            }
            if s3 && context.name == "Bucket" {
                if let Some(http) = &mut op.http {
                    http.uri = without_bucket(&http.uri);
                }
            }
            bound.push(ContextParam {
                field,
                optional,
                value: ContextValue::Member {
                    field: ir.field.clone(),
                    required: ir.required,
                    enumeration,
                },
            });
        }
        bound.sort_by(|a, b| a.field.cmp(&b.field));
        op.context_params = bound;
    }
    Ok(())
}

/// The endpoint parameter an input member sets: its `@contextParam`, or,
/// for an S3 service whose model has no rules of its own (so that our S3
/// addressing rules serve it), the `{Bucket}` label.
fn context_param(
    model: &Model,
    member_id: &str,
    wire_name: &str,
    member: &crate::load::ast::Member,
) -> Result<Option<ContextParamTrait>> {
    if let Some(context) = get::<ContextParamTrait>(member_id, &member.traits, CONTEXT_PARAM)? {
        return Ok(Some(context));
    }
    let implicit = wire_name == "Bucket"
        && member.traits.contains_key(traits::HTTP_LABEL)
        && is_s3(model)
        && !model.shapes[&model.service].traits.contains_key(RULE_SET);
    Ok(implicit.then(|| ContextParamTrait {
        name: "Bucket".to_owned(),
    }))
}

fn is_s3(model: &Model) -> bool {
    let service = &model.shapes[&model.service];
    get::<traits::AwsService>(&model.service, &service.traits, traits::AWS_SERVICE)
        .ok()
        .flatten()
        .is_some_and(|s| s.sdk_id == "S3")
}

/// Whether S3's `{Bucket}` leaves operation `op`'s path: the service is S3,
/// its rules (or our S3 addressing rules, when it has none) have a `Bucket`
/// parameter, and the input binds it.
pub(crate) fn strips_bucket(model: &Model, op: &crate::load::ast::Shape) -> bool {
    let service = &model.shapes[&model.service];
    let rules_have_bucket = match service.traits.get(RULE_SET) {
        Some(rules) => rules
            .get("parameters")
            .and_then(|p| p.get("Bucket"))
            .is_some(),
        None => true,
    };
    let Some(input_id) = op.input.as_ref().map(|r| r.target.as_str()) else {
        return false;
    };
    let binds = model.shapes.get(input_id).is_some_and(|s| {
        s.members.iter().any(|(name, m)| {
            context_param(model, &format!("{input_id}${name}"), name, m)
                .ok()
                .flatten()
                .is_some_and(|c| c.name == "Bucket")
        })
    });
    is_s3(model) && rules_have_bucket && binds
}

/// The endpoint parameter `name`: its `Params` field, whether that is an
/// `Option`, and its type; `None` when the rules have no such parameter
/// (a service without rules, as the protocol suites' S3), so that there is
/// nothing to bind.
fn param(rules: &RuleSet, name: &str) -> Option<(String, bool, Ty)> {
    rules
        .params
        .iter()
        .find(|p| p.name == name)
        .map(|p| (p.field.clone(), p.optional, p.ty))
}

fn invalid(owner: &str, name: &str, param: &str, value: &Json) -> Error {
    Error::InvalidTrait {
        shape: owner.to_owned(),
        name: name.to_owned(),
        reason: format!("{value} does not fit the endpoint parameter {param}"),
    }
}

/// An S3 URI pattern without its `{Bucket}` segment: `/{Bucket}/{Key+}`
/// is `/{Key+}`, and `/{Bucket}?uploads` is `?uploads`, an empty path that
/// leaves the endpoint's own (`/bucket` in path-style addressing) as it is.
pub(crate) fn without_bucket(uri: &str) -> String {
    uri.strip_prefix("/{Bucket}").unwrap_or(uri).to_owned()
}

#[cfg(test)]
mod tests {
    use super::without_bucket;

    #[test]
    fn the_bucket_leaves_s3_paths() {
        assert_eq!(without_bucket("/{Bucket}/{Key+}"), "/{Key+}");
        assert_eq!(without_bucket("/{Bucket}"), "");
        assert_eq!(without_bucket("/{Bucket}?uploads"), "?uploads");
        assert_eq!(
            without_bucket("/{Bucket}/{Key+}?x-id=GetObject"),
            "/{Key+}?x-id=GetObject"
        );
        assert_eq!(without_bucket("/"), "/");
    }
}
