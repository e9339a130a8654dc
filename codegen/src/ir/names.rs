//! Finds names that collide after case conversion, before anything is emitted.

use std::collections::BTreeMap;

use super::{Crate, Module, TypeKind};
use crate::error::{Error, Result};

/// One scope of names: the first owner of each name wins, a second is an error.
struct Scope {
    label: String,
    seen: BTreeMap<String, String>,
}

impl Scope {
    fn new(label: impl Into<String>) -> Scope {
        Scope {
            label: label.into(),
            seen: BTreeMap::new(),
        }
    }

    fn claim(&mut self, name: &str, owner: &str) -> Result<()> {
        let key = name.trim_start_matches("r#").to_owned();
        match self.seen.get(&key) {
            Some(first) if first != owner => Err(Error::NameCollision {
                rust_name: key,
                first: first.clone(),
                second: owner.to_owned(),
                scope: self.label.clone(),
            }),
            _ => {
                self.seen.insert(key, owner.to_owned());
                Ok(())
            }
        }
    }
}

/// Checks every scope of the crate: module members (types, builders, files),
/// struct fields and builder methods, enum variants, operation modules.
pub fn check(krate: &Crate) -> Result<()> {
    let mut modules: BTreeMap<Module, (Scope, Scope)> = BTreeMap::new();
    let mut errors = (
        Scope::new("crate::types::error"),
        Scope::new("the file names of crate::types::error"),
    );
    errors
        .0
        .claim("BuildError", "the generated `BuildError` type")?;
    errors
        .1
        .claim("build_error", "the generated `BuildError` type")?;
    modules.insert(Module::Error, errors);
    for ty in &krate.types {
        let (items, files) = modules.entry(ty.module.clone()).or_insert_with(|| {
            let label = module_label(&ty.module);
            (
                Scope::new(label.clone()),
                Scope::new(format!("the file names of {label}")),
            )
        });
        items.claim(&ty.name, &ty.shape_id)?;
        files.claim(&ty.file, &ty.shape_id)?;
        match &ty.kind {
            TypeKind::Struct(s) | TypeKind::Union(s) => {
                items.claim(&s.builder, &format!("the builder of {}", ty.shape_id))?;
                let mut fields = Scope::new(format!("the fields of `{}`", ty.name));
                let mut methods = Scope::new(format!("the methods of `{}`", s.builder));
                methods.claim("build", "the generated `build` method")?;
                let mut variants = Scope::new(format!("the variants of `{}`", ty.name));
                variants.claim("Unknown", "the generated `Unknown` variant")?;
                // Getters share the type's namespace with `builder()` and, for
                // errors, `message()`, which is the getter of a `message` member.
                let mut getters = Scope::new(format!("the methods of `{}`", ty.name));
                getters.claim("builder", "the generated `builder` function")?;
                if s.error.is_some() {
                    getters.claim("message", "the generated `message` method")?;
                }
                for m in &s.members {
                    let is_error_message = s.error.is_some() && m.field == "message";
                    if matches!(ty.kind, TypeKind::Struct(_)) && !is_error_message {
                        getters.claim(&m.field, &format!("{}${}", ty.shape_id, m.wire_name))?;
                    }
                    let id = format!("{}${}", ty.shape_id, m.wire_name);
                    if matches!(ty.kind, TypeKind::Union(_)) {
                        variants.claim(&m.variant, &id)?;
                    }
                    fields.claim(&m.field, &id)?;
                    methods.claim(&m.field, &id)?;
                    methods.claim(&m.setter, &id)?;
                }
            }
            TypeKind::Enum(e) => {
                let mut variants = Scope::new(format!("the variants of `{}`", ty.name));
                variants.claim("Unknown", "the generated `Unknown` variant")?;
                for v in &e.variants {
                    variants.claim(&v.name, &format!("{}${}", ty.shape_id, v.member))?;
                }
            }
        }
    }
    let mut operations = Scope::new("crate::operation");
    let mut client = Scope::new("the methods of `Client`");
    for reserved in ["new", "from_env", "from_conf", "from_sdk_config", "config"] {
        client.claim(reserved, "a generated `Client` method")?;
    }
    for op in &krate.operations {
        operations.claim(&op.module, &op.shape_id)?;
        client.claim(&op.module, &op.shape_id)?;
        let module = Module::Operation(op.module.clone());
        let (items, _) = modules.entry(module.clone()).or_insert_with(|| {
            let label = module_label(&module);
            (
                Scope::new(label.clone()),
                Scope::new(format!("the file names of {label}")),
            )
        });
        items.claim(
            &op.error_type,
            &format!("the error enum of {}", op.shape_id),
        )?;
        items.claim(
            &op.builder_type,
            &format!("the fluent builder of {}", op.shape_id),
        )?;
    }
    Ok(())
}

fn module_label(module: &Module) -> String {
    match module {
        Module::Types => "crate::types".to_owned(),
        Module::Error => "crate::types::error".to_owned(),
        Module::Operation(op) => format!("crate::operation::{op}"),
    }
}
