//! Lowers `smithy.rules#endpointRuleSet` and `smithy.rules#endpointTests`
//! into typed rules: every reference resolved to a parameter or a local,
//! every function call checked against its signature, optional values
//! narrowed where a condition proves them set. The emitter turns the result
//! into plain Rust without deciding anything.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::Value;

use crate::error::{Error, Result};
use crate::naming;

const RULE_SET: &str = "smithy.rules#endpointRuleSet";
const TESTS: &str = "smithy.rules#endpointTests";

/// The endpoint rules of the service, ready to emit.
#[derive(Debug, Clone)]
pub struct RuleSet {
    /// The parameters, sorted by name.
    pub params: Vec<Param>,
    /// The top-level rules, in order.
    pub rules: Vec<Rule>,
    /// The model's endpoint test cases.
    pub tests: Vec<EndpointTest>,
    /// Whether the rules call `aws.partition` (the crate then needs the partitions table).
    pub uses_partitions: bool,
}

/// One parameter of the rule set.
#[derive(Debug, Clone)]
pub struct Param {
    /// Its name in the rule set (`UseFIPS`).
    pub name: String,
    /// The Rust field (`use_fips`).
    pub field: String,
    /// String or boolean.
    pub ty: Ty,
    /// Required parameters with a default are plain values; the rest are `Option`s.
    pub optional: bool,
    /// Required without a default: resolving fails when it is unset.
    pub required: bool,
    /// The default value.
    pub default: Option<Value>,
    /// Where the client takes the value from.
    pub built_in: Option<BuiltIn>,
    /// Rustdoc.
    pub docs: String,
}

/// Client settings a parameter can be bound to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BuiltIn {
    /// `AWS::Region`.
    Region,
    /// `AWS::UseFIPS`.
    UseFips,
    /// `AWS::UseDualStack`.
    UseDualStack,
    /// `SDK::Endpoint`.
    Endpoint,
    /// `AWS::S3::ForcePathStyle`.
    S3ForcePathStyle,
    /// `AWS::S3::Accelerate`.
    S3Accelerate,
    /// `AWS::S3::UseArnRegion` and `AWS::S3Control::UseArnRegion`.
    S3UseArnRegion,
    /// `AWS::S3::DisableMultiRegionAccessPoints`.
    S3DisableMultiRegionAccessPoints,
}

impl BuiltIn {
    /// The client setting a built-in's name stands for, if the generated
    /// clients have it.
    fn named(name: &str) -> Option<BuiltIn> {
        Some(match name {
            "AWS::Region" => BuiltIn::Region,
            "AWS::UseFIPS" => BuiltIn::UseFips,
            "AWS::UseDualStack" => BuiltIn::UseDualStack,
            "SDK::Endpoint" => BuiltIn::Endpoint,
            "AWS::S3::ForcePathStyle" => BuiltIn::S3ForcePathStyle,
            "AWS::S3::Accelerate" => BuiltIn::S3Accelerate,
            "AWS::S3::UseArnRegion" | "AWS::S3Control::UseArnRegion" => BuiltIn::S3UseArnRegion,
            "AWS::S3::DisableMultiRegionAccessPoints" => BuiltIn::S3DisableMultiRegionAccessPoints,
            _ => return None,
        })
    }

    /// The `Config` method that returns its value.
    pub fn config_getter(self) -> &'static str {
        match self {
            BuiltIn::Region => "region",
            BuiltIn::UseFips => "use_fips",
            BuiltIn::UseDualStack => "use_dual_stack",
            BuiltIn::Endpoint => "endpoint_url",
            BuiltIn::S3ForcePathStyle => "force_path_style",
            BuiltIn::S3Accelerate => "accelerate",
            BuiltIn::S3UseArnRegion => "use_arn_region",
            BuiltIn::S3DisableMultiRegionAccessPoints => "disable_multi_region_access_points",
        }
    }

    /// The type of its value.
    fn ty(self) -> Ty {
        match self {
            BuiltIn::Region | BuiltIn::Endpoint => Ty::Str,
            _ => Ty::Bool,
        }
    }
}

/// The type of a value in the rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ty {
    /// A string.
    Str,
    /// A boolean.
    Bool,
    /// An integer (only as a function argument).
    Int,
    /// What `aws.partition` returns.
    Partition,
    /// What `parseURL` returns.
    Url,
    /// What `aws.parseArn` returns.
    Arn,
    /// A list of strings (`stringArray` parameters, an ARN's `resourceId`).
    StrArray,
}

/// A rule: conditions, then what it does when they all hold.
#[derive(Debug, Clone)]
pub struct Rule {
    /// The conditions, in order.
    pub conditions: Vec<Condition>,
    /// What the rule does.
    pub body: Body,
}

/// What a rule does.
#[derive(Debug, Clone)]
pub enum Body {
    /// Tries nested rules; fails when none applies.
    Tree(Vec<Rule>),
    /// Resolves to an endpoint.
    Endpoint {
        /// The URL (a string expression).
        url: Expr,
        /// Headers, by name.
        headers: Vec<(String, Vec<Expr>)>,
        /// Properties, by name.
        properties: Vec<(String, Property)>,
    },
    /// Fails with a message (a string expression).
    Error(Expr),
}

/// An endpoint property: JSON whose strings are templates.
#[derive(Debug, Clone)]
pub enum Property {
    /// A string template.
    Str(Expr),
    /// A boolean.
    Bool(bool),
    /// A number.
    Number(serde_json::Number),
    /// An array.
    Array(Vec<Property>),
    /// An object.
    Object(Vec<(String, Property)>),
}

/// A condition and what it binds.
#[derive(Debug, Clone)]
pub struct Condition {
    /// The function call.
    pub expr: Expr,
    /// How its result is tested.
    pub test: Test,
}

/// How a condition's value decides the rule.
#[derive(Debug, Clone)]
pub enum Test {
    /// A boolean that must be true.
    True,
    /// An optional value that must be set; bound to the local when named.
    Set(Option<String>),
    /// A value that is always there, bound to the local.
    Bind(String),
    /// A boolean bound to the local, which must be true.
    BindTrue(String),
}

/// A typed expression.
#[derive(Debug, Clone)]
pub struct Expr {
    /// What it computes.
    pub kind: ExprKind,
    /// The type of its value.
    pub ty: Ty,
    /// Whether the value may be unset.
    pub optional: bool,
    /// Whether a string value is an owned `String` (else a `&str`).
    pub owned: bool,
}

/// What an expression computes.
#[derive(Debug, Clone)]
pub enum ExprKind {
    /// A string literal.
    Str(String),
    /// A template: literal text and string expressions, concatenated.
    Template(Vec<Expr>),
    /// A boolean literal.
    Bool(bool),
    /// An integer literal.
    Int(i64),
    /// A field of the parameters (`params.region`).
    Param(String),
    /// A local bound by an earlier condition.
    Local(String),
    /// A function call.
    Call(Function, Vec<Expr>),
    /// A field of a partition, URL or ARN (`getAttr`).
    Attr(Box<Expr>, String),
    /// An item of a string list (`getAttr` with `[i]`), unset past the end.
    Index(Box<Expr>, usize),
}

/// The functions of the rules' standard library the generator supports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Function {
    /// `isSet`
    IsSet,
    /// `not`
    Not,
    /// `booleanEquals`
    BooleanEquals,
    /// `stringEquals`
    StringEquals,
    /// `aws.partition`
    Partition,
    /// `parseURL`
    ParseUrl,
    /// `isValidHostLabel`
    IsValidHostLabel,
    /// `substring`
    Substring,
    /// `uriEncode`
    UriEncode,
    /// `aws.parseArn`
    ParseArn,
    /// `aws.isVirtualHostableS3Bucket`
    IsVirtualHostableS3Bucket,
}

/// One case of `smithy.rules#endpointTests`.
#[derive(Debug, Clone)]
pub struct EndpointTest {
    /// What the case checks.
    pub docs: String,
    /// Parameter values: the Rust field, whether it is an `Option`, and the value.
    pub params: Vec<(String, bool, Value)>,
    /// The expected endpoint or error.
    pub expect: Expected,
}

/// What a test case expects.
#[derive(Debug, Clone)]
pub enum Expected {
    /// An endpoint with this URL, and these headers and properties when given.
    Endpoint {
        /// The URL.
        url: String,
        /// Expected headers, if the case lists them.
        headers: Option<BTreeMap<String, Vec<String>>>,
        /// Expected properties, if the case lists them.
        properties: Option<Value>,
    },
    /// An error with this message.
    Error(String),
}

#[derive(Deserialize)]
struct RawRuleSet {
    #[serde(default)]
    parameters: BTreeMap<String, RawParam>,
    rules: Vec<Value>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawParam {
    #[serde(rename = "type")]
    ty: String,
    #[serde(default)]
    required: bool,
    default: Option<Value>,
    built_in: Option<String>,
    documentation: Option<String>,
}

/// Lowers the service's rule set, or returns `None` when it has none.
pub fn lower(service: &str, traits: &BTreeMap<String, Value>) -> Result<Option<RuleSet>> {
    let Some(raw) = traits.get(RULE_SET) else {
        return Ok(None);
    };
    let invalid = |reason: String| Error::InvalidTrait {
        shape: service.to_owned(),
        name: RULE_SET.to_owned(),
        reason,
    };
    let raw: RawRuleSet =
        serde_json::from_value(raw.clone()).map_err(|e| invalid(e.to_string()))?;
    let mut params = Vec::new();
    for (name, p) in &raw.parameters {
        let ty = match p.ty.to_ascii_lowercase().as_str() {
            "string" => Ty::Str,
            "boolean" => Ty::Bool,
            "stringarray" => Ty::StrArray,
            other => {
                return Err(invalid(format!(
                    "parameter {name} has the unsupported type \"{other}\""
                )))
            }
        };
        if let Some(d) = &p.default {
            if !fits(ty, d) {
                return Err(invalid(format!(
                    "the default of parameter {name} is not a {}",
                    p.ty
                )));
            }
        }
        let built_in = p.built_in.as_deref().and_then(BuiltIn::named);
        let wanted = built_in.map_or(ty, BuiltIn::ty);
        if wanted != ty {
            return Err(invalid(format!(
                "parameter {name} is bound to a built-in of another type"
            )));
        }
        params.push(Param {
            name: name.clone(),
            field: naming::field_name(name),
            ty,
            optional: !(p.required && p.default.is_some()),
            required: p.required && p.default.is_none(),
            default: p.default.clone(),
            built_in,
            docs: p
                .documentation
                .clone()
                .filter(|d| !d.is_empty())
                .unwrap_or_else(|| format!("The `{name}` parameter of the endpoint rules.")),
        });
    }
    let mut lowerer = Lowerer {
        params: &params,
        uses_partitions: false,
    };
    // Required parameters without a default are checked before the rules run,
    // and bound to locals that are always set.
    let mut scope = Scope::default();
    for p in params.iter().filter(|p| p.required) {
        let local = Expr {
            kind: ExprKind::Local(p.field.clone()),
            ty: p.ty,
            optional: false,
            owned: false,
        };
        scope.0.insert(p.name.clone(), local);
    }
    let rules = raw
        .rules
        .iter()
        .enumerate()
        .map(|(i, r)| lowerer.rule(r, &scope, &format!("rule {i}")))
        .collect::<std::result::Result<Vec<_>, String>>()
        .map_err(invalid)?;
    let uses_partitions = lowerer.uses_partitions;
    let tests = match traits.get(TESTS) {
        Some(t) => tests(&params, t).map_err(|reason| Error::InvalidTrait {
            shape: service.to_owned(),
            name: TESTS.to_owned(),
            reason,
        })?,
        None => Vec::new(),
    };
    Ok(Some(RuleSet {
        params,
        rules,
        tests,
        uses_partitions,
    }))
}

/// The rule set of an S3 service whose model has none (the protocol
/// suites' S3): virtual-hosted or path-style addressing by the bucket and
/// `ForcePathStyle`, with the dual-stack, FIPS and Transfer Acceleration
/// hosts, in rules of our own (`s3_addressing.json`) with their test cases.
pub fn s3_addressing() -> Result<RuleSet> {
    const NAME: &str = "S3 addressing rules";
    let invalid = |reason: String| Error::InvalidTrait {
        shape: NAME.to_owned(),
        name: RULE_SET.to_owned(),
        reason,
    };
    let mut doc: BTreeMap<String, Value> = serde_json::from_str(include_str!("s3_addressing.json"))
        .map_err(|e| invalid(e.to_string()))?;
    let traits: BTreeMap<String, Value> = [
        (
            RULE_SET.to_owned(),
            doc.remove("ruleSet").unwrap_or_default(),
        ),
        (TESTS.to_owned(), doc.remove("tests").unwrap_or_default()),
    ]
    .into();
    lower(NAME, &traits)?.ok_or_else(|| invalid("no rule set".to_owned()))
}

/// The rule set of a service without one: a set `Endpoint` wins, else
/// `https://{prefix}.{Region}.amazonaws.com`.
pub fn fallback(endpoint_prefix: &str) -> RuleSet {
    let param = |name: &str, built_in, docs: &str| Param {
        name: name.to_owned(),
        field: naming::field_name(name),
        ty: Ty::Str,
        optional: true,
        required: false,
        default: None,
        built_in: Some(built_in),
        docs: docs.to_owned(),
    };
    let str_expr = |kind, owned| Expr {
        kind,
        ty: Ty::Str,
        optional: false,
        owned,
    };
    let set = |name: &str| Condition {
        expr: Expr {
            kind: ExprKind::Param(naming::field_name(name)),
            ty: Ty::Str,
            optional: true,
            owned: false,
        },
        test: Test::Set(Some(naming::field_name(name))),
    };
    let endpoint = |url| Body::Endpoint {
        url,
        headers: Vec::new(),
        properties: Vec::new(),
    };
    RuleSet {
        params: vec![
            param(
                "Endpoint",
                BuiltIn::Endpoint,
                "A URL that replaces the service's own endpoint.",
            ),
            param(
                "Region",
                BuiltIn::Region,
                "The AWS region requests are sent to.",
            ),
        ],
        rules: vec![
            Rule {
                conditions: vec![set("Endpoint")],
                body: endpoint(str_expr(ExprKind::Local("endpoint".to_owned()), false)),
            },
            Rule {
                conditions: vec![set("Region")],
                body: endpoint(str_expr(
                    ExprKind::Template(vec![
                        str_expr(ExprKind::Str(format!("https://{endpoint_prefix}.")), false),
                        str_expr(ExprKind::Local("region".to_owned()), false),
                        str_expr(ExprKind::Str(".amazonaws.com".to_owned()), false),
                    ]),
                    true,
                )),
            },
            Rule {
                conditions: Vec::new(),
                body: Body::Error(str_expr(
                    ExprKind::Str("no region is set, and no endpoint URL".to_owned()),
                    false,
                )),
            },
        ],
        tests: Vec::new(),
        uses_partitions: false,
    }
}

/// Whether a JSON value (a default, a test's parameter) is of the type.
fn fits(ty: Ty, value: &Value) -> bool {
    match ty {
        Ty::Str => value.is_string(),
        Ty::Bool => value.is_boolean(),
        Ty::StrArray => value
            .as_array()
            .is_some_and(|items| items.iter().all(Value::is_string)),
        _ => false,
    }
}

/// Names in scope: rule-set names to (local or parameter, type, optional, owned).
#[derive(Clone, Default)]
struct Scope(BTreeMap<String, Expr>);

struct Lowerer<'a> {
    params: &'a [Param],
    uses_partitions: bool,
}

type Lowered<T> = std::result::Result<T, String>;

impl Lowerer<'_> {
    fn rule(&mut self, raw: &Value, outer: &Scope, at: &str) -> Lowered<Rule> {
        let mut scope = outer.clone();
        let mut conditions = Vec::new();
        let raw_conditions = raw
            .get("conditions")
            .and_then(Value::as_array)
            .map(Vec::as_slice)
            .unwrap_or_default();
        for (i, c) in raw_conditions.iter().enumerate() {
            conditions.extend(self.condition(c, &mut scope, &format!("{at}, condition {i}"))?);
        }
        let kind = raw.get("type").and_then(Value::as_str).unwrap_or_default();
        let body = match kind {
            "tree" => {
                let rules = raw
                    .get("rules")
                    .and_then(Value::as_array)
                    .ok_or(format!("{at}: a tree rule needs `rules`"))?;
                Body::Tree(
                    rules
                        .iter()
                        .enumerate()
                        .map(|(i, r)| self.rule(r, &scope, &format!("{at}.{i}")))
                        .collect::<Lowered<_>>()?,
                )
            }
            "endpoint" => {
                let e = raw
                    .get("endpoint")
                    .ok_or(format!("{at}: an endpoint rule needs `endpoint`"))?;
                let url = self.string(
                    e.get("url")
                        .ok_or(format!("{at}: the endpoint has no `url`"))?,
                    &scope,
                    at,
                )?;
                let mut headers = Vec::new();
                for (name, values) in e
                    .get("headers")
                    .and_then(Value::as_object)
                    .into_iter()
                    .flatten()
                {
                    let values = values
                        .as_array()
                        .ok_or(format!("{at}: header {name} is not a list"))?;
                    headers.push((
                        name.clone(),
                        values
                            .iter()
                            .map(|v| self.string(v, &scope, at))
                            .collect::<Lowered<_>>()?,
                    ));
                }
                let mut properties = Vec::new();
                for (name, value) in e
                    .get("properties")
                    .and_then(Value::as_object)
                    .into_iter()
                    .flatten()
                {
                    properties.push((name.clone(), self.property(value, &scope, at)?));
                }
                Body::Endpoint {
                    url,
                    headers,
                    properties,
                }
            }
            "error" => Body::Error(
                self.string(
                    raw.get("error")
                        .ok_or(format!("{at}: an error rule needs `error`"))?,
                    &scope,
                    at,
                )?,
            ),
            other => return Err(format!("{at}: unknown rule type \"{other}\"")),
        };
        Ok(Rule { conditions, body })
    }

    /// A condition, or `None` when it always holds (`isSet` of a value
    /// already proved set).
    fn condition(
        &mut self,
        raw: &Value,
        scope: &mut Scope,
        at: &str,
    ) -> Lowered<Option<Condition>> {
        let assign = raw.get("assign").and_then(Value::as_str);
        // `isSet` of a reference proves the referenced value set for the rest of the rule.
        if raw.get("fn").and_then(Value::as_str) == Some("isSet") && assign.is_none() {
            if let Some(name) = raw.pointer("/argv/0/ref").and_then(Value::as_str) {
                let value = self.reference(name, scope, at)?;
                if !value.optional {
                    return Ok(None);
                }
                let local = self.local_name(name, scope, at)?;
                scope.0.insert(
                    name.to_owned(),
                    Expr {
                        kind: ExprKind::Local(local.clone()),
                        optional: false,
                        ..value.clone()
                    },
                );
                return Ok(Some(Condition {
                    expr: value,
                    test: Test::Set(Some(local)),
                }));
            }
        }
        let expr = self.expr(raw, scope, at)?;
        let test = match (assign, expr.optional, expr.ty) {
            (None, false, Ty::Bool) => Test::True,
            (None, true, _) => Test::Set(None),
            (None, false, ty) => {
                return Err(format!("{at}: a condition of type {ty:?} is always true"))
            }
            (Some(name), optional, ty) => {
                if scope.0.contains_key(name) || self.params.iter().any(|p| p.name == name) {
                    return Err(format!("{at}: `assign` reuses the name {name}"));
                }
                let local = self.local_name(name, scope, at)?;
                scope.0.insert(
                    name.to_owned(),
                    Expr {
                        kind: ExprKind::Local(local.clone()),
                        optional: false,
                        ..expr.clone()
                    },
                );
                match (optional, ty) {
                    (true, _) => Test::Set(Some(local)),
                    (false, Ty::Bool) => Test::BindTrue(local),
                    (false, _) => Test::Bind(local),
                }
            }
        };
        Ok(Some(Condition { expr, test }))
    }

    /// The Rust local for a rule-set name: distinct from the locals of other
    /// names in scope and from the resolver's `params` argument.
    fn local_name(&self, name: &str, scope: &Scope, at: &str) -> Lowered<String> {
        let local = naming::field_name(name);
        let taken = scope.0.iter().any(|(other, e)| {
            other != name && matches!(&e.kind, ExprKind::Local(l) if *l == local)
        });
        if taken || local == "params" {
            return Err(format!(
                "{at}: {name} would become the Rust name `{local}`, which is already taken"
            ));
        }
        Ok(local)
    }

    fn reference(&self, name: &str, scope: &Scope, at: &str) -> Lowered<Expr> {
        if let Some(e) = scope.0.get(name) {
            return Ok(e.clone());
        }
        let p = self.params.iter().find(|p| p.name == name).ok_or(format!(
            "{at}: {name} is not a parameter or an assigned name"
        ))?;
        Ok(Expr {
            kind: ExprKind::Param(p.field.clone()),
            ty: p.ty,
            optional: p.optional,
            owned: false,
        })
    }

    fn expr(&mut self, raw: &Value, scope: &Scope, at: &str) -> Lowered<Expr> {
        let plain = |kind, ty| Expr {
            kind,
            ty,
            optional: false,
            owned: false,
        };
        match raw {
            Value::String(_) => self.string(raw, scope, at),
            Value::Bool(b) => Ok(plain(ExprKind::Bool(*b), Ty::Bool)),
            Value::Number(n) => n
                .as_u64()
                .and_then(|i| i64::try_from(i).ok())
                .map(|i| plain(ExprKind::Int(i), Ty::Int))
                .ok_or(format!("{at}: {n} is not a non-negative integer")),
            Value::Object(o) if o.contains_key("ref") => {
                let name = o["ref"]
                    .as_str()
                    .ok_or(format!("{at}: `ref` is not a string"))?;
                self.reference(name, scope, at)
            }
            Value::Object(o) if o.contains_key("fn") => self.call(o, scope, at),
            other => Err(format!("{at}: unsupported expression {other}")),
        }
    }

    fn call(
        &mut self,
        o: &serde_json::Map<String, Value>,
        scope: &Scope,
        at: &str,
    ) -> Lowered<Expr> {
        let name = o["fn"]
            .as_str()
            .ok_or(format!("{at}: `fn` is not a string"))?;
        let raw_args = o
            .get("argv")
            .and_then(Value::as_array)
            .map(Vec::as_slice)
            .unwrap_or_default();
        if name == "getAttr" {
            return self.get_attr(raw_args, scope, at);
        }
        let args = raw_args
            .iter()
            .map(|a| self.expr(a, scope, at))
            .collect::<Lowered<Vec<_>>>()?;
        use Ty::*;
        let (function, params, ty, optional, owned): (_, &[Ty], _, _, _) = match name {
            "isSet" => (Function::IsSet, &[Str], Bool, false, false),
            "not" => (Function::Not, &[Bool], Bool, false, false),
            "booleanEquals" => (Function::BooleanEquals, &[Bool, Bool], Bool, false, false),
            "stringEquals" => (Function::StringEquals, &[Str, Str], Bool, false, false),
            "aws.partition" => (Function::Partition, &[Str], Partition, true, false),
            "parseURL" => (Function::ParseUrl, &[Str], Url, true, false),
            "isValidHostLabel" => (Function::IsValidHostLabel, &[Str, Bool], Bool, false, false),
            "substring" => (Function::Substring, &[Str, Int, Int, Bool], Str, true, true),
            "uriEncode" => (Function::UriEncode, &[Str], Str, false, true),
            "aws.parseArn" => (Function::ParseArn, &[Str], Arn, true, false),
            "aws.isVirtualHostableS3Bucket" => (
                Function::IsVirtualHostableS3Bucket,
                &[Str, Bool],
                Bool,
                false,
                false,
            ),
            other => return Err(format!("{at}: the rules function {other} is not supported")),
        };
        if args.len() != params.len() {
            return Err(format!(
                "{at}: {name} takes {} arguments, not {}",
                params.len(),
                args.len()
            ));
        }
        for (i, (arg, want)) in args.iter().zip(params).enumerate() {
            if function == Function::IsSet {
                if !arg.optional {
                    return Err(format!("{at}: isSet of a value that is always set"));
                }
                continue;
            }
            if arg.ty != *want {
                return Err(format!(
                    "{at}: argument {i} of {name} is a {:?}, not a {want:?}",
                    arg.ty
                ));
            }
            if arg.optional {
                return Err(format!(
                    "{at}: argument {i} of {name} may be unset; test it with isSet first"
                ));
            }
        }
        if function == Function::Partition {
            self.uses_partitions = true;
        }
        Ok(Expr {
            kind: ExprKind::Call(function, args),
            ty,
            optional,
            owned,
        })
    }

    fn get_attr(&mut self, args: &[Value], scope: &Scope, at: &str) -> Lowered<Expr> {
        let [target, Value::String(path)] = args else {
            return Err(format!("{at}: getAttr takes a value and a path"));
        };
        let target = self.expr(target, scope, at)?;
        if target.optional {
            return Err(format!("{at}: getAttr of a value that may be unset"));
        }
        // `name`, `name[i]` or `[i]`.
        let (name, index) = match path.split_once('[') {
            Some((name, rest)) => {
                let index = rest
                    .strip_suffix(']')
                    .and_then(|i| i.parse::<usize>().ok())
                    .ok_or(format!(
                        "{at}: getAttr path \"{path}\" has a malformed index"
                    ))?;
                (name, Some(index))
            }
            None => (path.as_str(), None),
        };
        let value = if name.is_empty() {
            target
        } else {
            let (field, ty) = match (target.ty, name) {
                (Ty::Partition, "name") => ("name", Ty::Str),
                (Ty::Partition, "dnsSuffix") => ("dns_suffix", Ty::Str),
                (Ty::Partition, "dualStackDnsSuffix") => ("dual_stack_dns_suffix", Ty::Str),
                (Ty::Partition, "supportsFIPS") => ("supports_fips", Ty::Bool),
                (Ty::Partition, "supportsDualStack") => ("supports_dual_stack", Ty::Bool),
                (Ty::Partition, "implicitGlobalRegion") => ("implicit_global_region", Ty::Str),
                (Ty::Url, "scheme") => ("scheme", Ty::Str),
                (Ty::Url, "authority") => ("authority", Ty::Str),
                (Ty::Url, "path") => ("path", Ty::Str),
                (Ty::Url, "normalizedPath") => ("normalized_path", Ty::Str),
                (Ty::Url, "isIp") => ("is_ip", Ty::Bool),
                (Ty::Arn, "partition") => ("partition", Ty::Str),
                (Ty::Arn, "service") => ("service", Ty::Str),
                (Ty::Arn, "region") => ("region", Ty::Str),
                (Ty::Arn, "accountId") => ("account_id", Ty::Str),
                (Ty::Arn, "resourceId") => ("resource_id", Ty::StrArray),
                (ty, _) => {
                    return Err(format!(
                        "{at}: getAttr \"{path}\" of a {ty:?} is not supported"
                    ))
                }
            };
            Expr {
                kind: ExprKind::Attr(Box::new(target), field.to_owned()),
                ty,
                optional: false,
                owned: false,
            }
        };
        match index {
            None => Ok(value),
            Some(i) if value.ty == Ty::StrArray => Ok(Expr {
                kind: ExprKind::Index(Box::new(value), i),
                ty: Ty::Str,
                optional: true,
                owned: false,
            }),
            Some(_) => Err(format!(
                "{at}: getAttr \"{path}\" indexes a {:?}, not a list",
                value.ty
            )),
        }
    }

    /// A string: a template (`"https://{Region}.{PartitionResult#dnsSuffix}"`) or an expression.
    fn string(&mut self, raw: &Value, scope: &Scope, at: &str) -> Lowered<Expr> {
        let Value::String(text) = raw else {
            let e = self.expr(raw, scope, at)?;
            if e.ty != Ty::Str || e.optional {
                return Err(format!("{at}: expected a string that is always set"));
            }
            return Ok(e);
        };
        let literal = |s: String| Expr {
            kind: ExprKind::Str(s),
            ty: Ty::Str,
            optional: false,
            owned: false,
        };
        let mut parts = Vec::new();
        let mut text_part = String::new();
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '{' if chars.peek() == Some(&'{') => {
                    chars.next();
                    text_part.push('{');
                }
                '}' if chars.peek() == Some(&'}') => {
                    chars.next();
                    text_part.push('}');
                }
                '}' => {
                    return Err(format!(
                        "{at}: the template \"{text}\" has a `}}` that closes nothing"
                    ))
                }
                '{' => {
                    let mut name = String::new();
                    loop {
                        match chars.next() {
                            Some('}') => break,
                            Some(c) => name.push(c),
                            None => {
                                return Err(format!(
                                    "{at}: the template \"{text}\" has an unclosed `{{`"
                                ))
                            }
                        }
                    }
                    if !text_part.is_empty() {
                        parts.push(literal(std::mem::take(&mut text_part)));
                    }
                    let value = match name.split_once('#') {
                        Some((r, attr)) => self.get_attr(
                            &[
                                serde_json::json!({ "ref": r }),
                                Value::String(attr.to_owned()),
                            ],
                            scope,
                            at,
                        )?,
                        None => self.reference(&name, scope, at)?,
                    };
                    if value.ty != Ty::Str || value.optional {
                        return Err(format!("{at}: the template \"{text}\" uses {name}, which is not a string that is always set"));
                    }
                    parts.push(value);
                }
                c => text_part.push(c),
            }
        }
        if parts.is_empty() {
            return Ok(literal(text_part));
        }
        if !text_part.is_empty() {
            parts.push(literal(text_part));
        }
        Ok(Expr {
            kind: ExprKind::Template(parts),
            ty: Ty::Str,
            optional: false,
            owned: true,
        })
    }

    fn property(&mut self, raw: &Value, scope: &Scope, at: &str) -> Lowered<Property> {
        Ok(match raw {
            Value::String(_) => Property::Str(self.string(raw, scope, at)?),
            Value::Bool(b) => Property::Bool(*b),
            Value::Number(n) => Property::Number(n.clone()),
            Value::Array(items) => Property::Array(
                items
                    .iter()
                    .map(|v| self.property(v, scope, at))
                    .collect::<Lowered<_>>()?,
            ),
            Value::Object(o) => Property::Object(
                o.iter()
                    .map(|(k, v)| Ok((k.clone(), self.property(v, scope, at)?)))
                    .collect::<Lowered<_>>()?,
            ),
            Value::Null => return Err(format!("{at}: a property is null")),
        })
    }
}

fn tests(params: &[Param], raw: &Value) -> Lowered<Vec<EndpointTest>> {
    let cases = raw
        .get("testCases")
        .and_then(Value::as_array)
        .ok_or("no `testCases` list")?;
    let mut tests = Vec::new();
    for (i, case) in cases.iter().enumerate() {
        let at = format!("test case {i}");
        let mut values = Vec::new();
        for (name, value) in case
            .get("params")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
        {
            let p = params
                .iter()
                .find(|p| &p.name == name)
                .ok_or(format!("{at}: {name} is not a parameter"))?;
            if !fits(p.ty, value) {
                return Err(format!("{at}: {name} has a value of the wrong type"));
            }
            values.push((p.field.clone(), p.optional, value.clone()));
        }
        let expect = case.get("expect").ok_or(format!("{at}: no `expect`"))?;
        let expect = if let Some(message) = expect.get("error").and_then(Value::as_str) {
            Expected::Error(message.to_owned())
        } else {
            let e = expect
                .get("endpoint")
                .ok_or(format!("{at}: expects neither an endpoint nor an error"))?;
            Expected::Endpoint {
                url: e
                    .get("url")
                    .and_then(Value::as_str)
                    .ok_or(format!("{at}: the expected endpoint has no url"))?
                    .to_owned(),
                headers: match e.get("headers") {
                    Some(h) => Some(
                        serde_json::from_value(h.clone())
                            .map_err(|err| format!("{at}: headers: {err}"))?,
                    ),
                    None => None,
                },
                properties: e.get("properties").cloned(),
            }
        };
        tests.push(EndpointTest {
            docs: case
                .get("documentation")
                .and_then(Value::as_str)
                .unwrap_or("An endpoint test case.")
                .to_owned(),
            params: values,
            expect,
        });
    }
    Ok(tests)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn lower_rules(rules: Value) -> std::result::Result<RuleSet, String> {
        let traits = BTreeMap::from([(RULE_SET.to_owned(), rules)]);
        lower("ex#Svc", &traits)
            .map(|r| r.expect("a rule set"))
            .map_err(|e| e.to_string())
    }

    fn with_rules(parameters: Value, rules: Value) -> Value {
        json!({ "version": "1.0", "parameters": parameters, "rules": rules })
    }

    fn endpoint(conditions: Value, url: &str) -> Value {
        json!({ "type": "endpoint", "conditions": conditions, "endpoint": { "url": url } })
    }

    #[test]
    fn an_assigned_boolean_must_be_true() {
        let set = lower_rules(with_rules(
            json!({ "Region": { "type": "string", "required": true, "default": "x" } }),
            json!([endpoint(
                json!([{ "fn": "isValidHostLabel", "argv": [{ "ref": "Region" }, false], "assign": "Ok" }]),
                "https://{Region}"
            )]),
        ))
        .expect("valid");
        assert!(matches!(&set.rules[0].conditions[0].test, Test::BindTrue(l) if l == "ok"));
    }

    #[test]
    fn a_required_parameter_without_a_default_is_set_inside_the_rules() {
        let set = lower_rules(with_rules(
            json!({ "Bucket": { "type": "string", "required": true } }),
            json!([endpoint(json!([]), "https://{Bucket}.example.com")]),
        ))
        .expect("a required parameter needs no isSet");
        assert!(set.params[0].required && set.params[0].optional);
    }

    #[test]
    fn arns_and_string_lists_index_to_optional_strings() {
        let set = lower_rules(with_rules(
            json!({
                "Arn": { "type": "string" },
                "Arns": { "type": "stringArray", "default": ["a"], "required": true }
            }),
            json!([
                endpoint(
                    json!([
                        { "fn": "isSet", "argv": [{ "ref": "Arn" }] },
                        { "fn": "aws.parseArn", "argv": [{ "ref": "Arn" }], "assign": "Parsed" },
                        { "fn": "getAttr", "argv": [{ "ref": "Parsed" }, "resourceId[1]"], "assign": "Table" }
                    ]),
                    "https://{Parsed#accountId}.{Table}"
                ),
                endpoint(
                    json!([{ "fn": "getAttr", "argv": [{ "ref": "Arns" }, "[0]"], "assign": "First" }]),
                    "https://{First}"
                )
            ]),
        ))
        .expect("valid");
        assert_eq!(set.params[1].ty, Ty::StrArray);
        let table = &set.rules[0].conditions[2];
        assert!(matches!(&table.expr.kind, ExprKind::Index(_, 1)));
        assert!(matches!(&table.test, Test::Set(Some(l)) if l == "table"));
        let err = lower_rules(with_rules(
            json!({ "Arn": { "type": "string", "required": true, "default": "x" } }),
            json!([endpoint(
                json!([{ "fn": "getAttr", "argv": [{ "ref": "Arn" }, "[0]"], "assign": "X" }]),
                "https://x"
            )]),
        ))
        .expect_err("a string is not a list");
        assert!(err.contains("indexes a Str, not a list"), "{err}");
    }

    #[test]
    fn mistakes_in_rules_are_named() {
        let region = json!({ "Region": { "type": "string" } });
        for (rules, message) in [
            (
                json!([endpoint(
                    json!([{ "fn": "isSet", "argv": [{ "ref": "Region" }] }]),
                    "https://{Region"
                )]),
                "unclosed `{`",
            ),
            (
                json!([endpoint(
                    json!([{ "fn": "isSet", "argv": [{ "ref": "Region" }] }]),
                    "https://}{Region}"
                )]),
                "closes nothing",
            ),
            (
                json!([endpoint(
                    json!([
                        { "fn": "isSet", "argv": [{ "ref": "Region" }] },
                        { "fn": "substring", "argv": [{ "ref": "Region" }, 0, 2, false], "assign": "region" }
                    ]),
                    "https://x"
                )]),
                "already taken",
            ),
            (
                json!([endpoint(
                    json!([
                        { "fn": "isSet", "argv": [{ "ref": "Region" }] },
                        { "fn": "substring", "argv": [{ "ref": "Region" }, -1, 2, false], "assign": "Short" }
                    ]),
                    "https://x"
                )]),
                "not a non-negative integer",
            ),
        ] {
            let error = lower_rules(with_rules(region.clone(), rules)).expect_err(message);
            assert!(error.contains(message), "{error}");
        }
    }
}
