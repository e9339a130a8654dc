//! Turns the absolute paths the emitters write (`::std::option::Option`,
//! `::smithy_lean_runtime::error::SdkError`, `crate::types::Filter`) into the
//! short names a person would write, with `use` items, wherever that cannot
//! change what a name means: a name is shortened only when no other path,
//! item, import, generic parameter or bare use in the file has it.
//!
//! Emitters can thus always write unambiguous absolute paths; the file reads
//! as if written by hand. Inline modules (`mod tests { .. }`) are left as
//! they are.

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::Span;
use syn::punctuated::Punctuated;
use syn::visit::Visit;
use syn::visit_mut::VisitMut;
use syn::{Ident, Item, ItemUse, Path, PathArguments, PathSegment, Token, UseTree, Visibility};

/// Names the standard prelude brings into every module, by their full path.
const PRELUDE: &[(&str, &str)] = &[
    ("std::option::Option", "Option"),
    ("std::option::Option::Some", "Some"),
    ("std::option::Option::None", "None"),
    ("std::result::Result", "Result"),
    ("std::result::Result::Ok", "Ok"),
    ("std::result::Result::Err", "Err"),
    ("std::string::String", "String"),
    ("std::string::ToString", "ToString"),
    ("std::borrow::ToOwned", "ToOwned"),
    ("std::vec::Vec", "Vec"),
    ("std::boxed::Box", "Box"),
    ("std::convert::Into", "Into"),
    ("std::convert::From", "From"),
    ("std::convert::AsRef", "AsRef"),
    ("std::convert::TryFrom", "TryFrom"),
    ("std::convert::TryInto", "TryInto"),
    ("std::clone::Clone", "Clone"),
    ("std::default::Default", "Default"),
    ("std::iter::Iterator", "Iterator"),
    ("std::iter::IntoIterator", "IntoIterator"),
    ("std::iter::Extend", "Extend"),
    ("std::cmp::PartialEq", "PartialEq"),
    ("std::cmp::Eq", "Eq"),
    ("std::marker::Send", "Send"),
    ("std::marker::Sync", "Sync"),
    ("std::marker::Copy", "Copy"),
    ("std::ops::Fn", "Fn"),
];

/// Macros of the standard prelude, written `::std::name!` by emitters.
const PRELUDE_MACROS: &[&str] = &[
    "vec",
    "format",
    "write",
    "matches",
    "assert",
    "assert_eq",
    "panic",
];

/// One path to shorten: the part to import and the part to keep.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Import {
    /// Segments of the imported path (`std`, `sync`, `Arc`).
    path: Vec<String>,
}

impl Import {
    fn name(&self) -> &str {
        self.path.last().map_or("", String::as_str)
    }
}

/// Shortens the paths of `file` and writes its imports, sorted and grouped.
pub fn tidy(file: &mut syn::File) {
    let mut existing = BTreeSet::new();
    let mut kept_items = Vec::new();
    for item in std::mem::take(&mut file.items) {
        match simple_use(&item) {
            Some(paths) => existing.extend(paths),
            None => kept_items.push(item),
        }
    }
    file.items = kept_items;

    let mut taken = Taken::default();
    for item in &file.items {
        taken.visit_item(item);
    }
    for path in &existing {
        taken
            .names
            .entry(path.name().to_owned())
            .or_default()
            .insert(path.path.clone());
    }

    let mut finder = Finder::default();
    for item in &mut file.items {
        finder.visit_item_mut(item);
    }
    // A name is free when every path that would take it agrees on what it means.
    let mut wanted: BTreeMap<String, BTreeSet<Vec<String>>> = BTreeMap::new();
    for candidate in &finder.candidates {
        wanted
            .entry(candidate.name().to_owned())
            .or_default()
            .insert(candidate.path.clone());
    }
    let prelude: BTreeMap<&str, &str> = PRELUDE.iter().copied().collect();
    let mut allowed = BTreeSet::new();
    let mut imports = existing.clone();
    for (name, paths) in &wanted {
        if paths.len() != 1 || taken.generics.contains(name) || taken.items.contains(name) {
            continue;
        }
        let path = paths.iter().next().expect("one path");
        let in_prelude = prelude.get(path.join("::").as_str()) == Some(&name.as_str());
        let known = taken.names.get(name);
        let same_import = known.is_some_and(|known| known.len() == 1 && known.contains(path));
        let free = if in_prelude {
            known.is_none_or(|known| known.is_empty())
        } else {
            same_import || (known.is_none() && !taken.bare.contains(name))
        };
        if free {
            allowed.insert(path.clone());
            // A name some `use` already brings in needs no new import.
            if !in_prelude && !same_import {
                imports.insert(Import { path: path.clone() });
            }
        }
    }
    // An import whose first segment is a name the file itself defines or
    // imports (`use rt::http;` beside `::http::Uri`) would be ambiguous: such
    // paths keep their absolute form.
    let mut defined: BTreeSet<String> = taken.items.clone();
    defined.extend(taken.names.keys().cloned());
    defined.extend(imports.iter().map(|i| i.name().to_owned()));
    let ambiguous =
        |path: &Vec<String>| path.len() > 1 && path[0] != "crate" && defined.contains(&path[0]);
    allowed.retain(|path| !ambiguous(path));
    imports.retain(|import| existing.contains(import) || !ambiguous(&import.path));
    // Prelude names nothing in the file redefines, for paths written in strings.
    let free_prelude: BTreeSet<String> = PRELUDE
        .iter()
        .map(|(_, name)| (*name).to_owned())
        .filter(|name| {
            !taken.items.contains(name)
                && !taken.generics.contains(name)
                && !taken.names.contains_key(name)
        })
        .collect();
    // Everything a doc link's label can name through an import.
    let mut linkable = allowed.clone();
    linkable.extend(
        taken
            .names
            .values()
            .flatten()
            .filter(|p| !p.is_empty())
            .cloned(),
    );
    // Names a path's first segment could mean here besides a crate: a leading
    // `::` is dropped only when the first segment is none of them.
    let mut local = taken.items.clone();
    local.extend(taken.names.keys().cloned());
    local.extend(imports.iter().map(|i| i.name().to_owned()));
    let mut shortener = Shortener {
        allowed: &allowed,
        linkable: &linkable,
        items: &local,
        free_prelude: &free_prelude,
    };
    for item in &mut file.items {
        shortener.visit_item_mut(item);
    }
    let uses = use_items(&imports);
    file.items.splice(0..0, uses);
}

/// The paths a private `use` without attributes, renames or globs imports.
fn simple_use(item: &Item) -> Option<Vec<Import>> {
    let Item::Use(u) = item else { return None };
    if !u.attrs.is_empty() || !matches!(u.vis, Visibility::Inherited) {
        return None;
    }
    let mut out = Vec::new();
    flatten(&u.tree, &mut Vec::new(), &mut out).then_some(out)
}

fn flatten(tree: &UseTree, prefix: &mut Vec<String>, out: &mut Vec<Import>) -> bool {
    match tree {
        UseTree::Path(p) => {
            prefix.push(p.ident.to_string());
            let ok = flatten(&p.tree, prefix, out);
            prefix.pop();
            ok
        }
        UseTree::Name(n) if n.ident != "self" => {
            let mut path = prefix.clone();
            path.push(n.ident.to_string());
            out.push(Import { path });
            true
        }
        UseTree::Group(g) => g.items.iter().all(|t| flatten(t, prefix, out)),
        _ => false,
    }
}

/// `use` items for `imports`: one per parent path, standard library first,
/// then other crates, then this crate's own paths.
fn use_items(imports: &BTreeSet<Import>) -> Vec<Item> {
    let group = |root: &str| match root {
        "std" | "core" | "alloc" => 0,
        "crate" | "super" | "self" => 2,
        _ => 1,
    };
    let mut by_parent: BTreeMap<(u8, Vec<String>), Vec<String>> = BTreeMap::new();
    for import in imports {
        let (name, parent) = import.path.split_last().expect("a path has segments");
        let root = parent.first().map_or("", String::as_str);
        by_parent
            .entry((group(root), parent.to_vec()))
            .or_default()
            .push(name.clone());
    }
    // Within a group, in the order of their paths, as rustfmt sorts them.
    let mut uses: Vec<(u8, String)> = by_parent
        .into_iter()
        .map(|((group, parent), names)| {
            let tree = if names.len() == 1 {
                format!("{}::{}", parent.join("::"), names[0])
            } else {
                format!("{}::{{{}}}", parent.join("::"), names.join(", "))
            };
            (group, tree)
        })
        .collect();
    uses.sort();
    uses.into_iter()
        .map(|(_, tree)| {
            let text = format!("use {tree};");
            Item::Use(syn::parse_str::<ItemUse>(&text).expect("a use item parses"))
        })
        .collect()
}

/// Names the file gives a meaning to: its items, the names its paths use
/// bare, its generic parameters.
#[derive(Default)]
struct Taken {
    items: BTreeSet<String>,
    bare: BTreeSet<String>,
    generics: BTreeSet<String>,
    /// Names imported by `use` items, with what they import.
    names: BTreeMap<String, BTreeSet<Vec<String>>>,
}

impl<'a> Visit<'a> for Taken {
    fn visit_item(&mut self, item: &'a Item) {
        let name = match item {
            Item::Struct(i) => Some(&i.ident),
            Item::Enum(i) => Some(&i.ident),
            Item::Fn(i) => Some(&i.sig.ident),
            Item::Const(i) => Some(&i.ident),
            Item::Static(i) => Some(&i.ident),
            Item::Type(i) => Some(&i.ident),
            Item::Trait(i) => Some(&i.ident),
            Item::Mod(i) => Some(&i.ident),
            Item::Union(i) => Some(&i.ident),
            _ => None,
        };
        if let Some(name) = name {
            self.items.insert(name.to_string());
        }
        if let Item::Use(u) = item {
            let mut paths = Vec::new();
            if flatten(&u.tree, &mut Vec::new(), &mut paths) {
                for path in paths {
                    self.names
                        .entry(path.name().to_owned())
                        .or_default()
                        .insert(path.path);
                }
            } else {
                // Renames and globs: the names cannot be matched with a path.
                let mut names = Vec::new();
                use_names(&u.tree, &mut names);
                for name in names {
                    self.names.entry(name).or_default().insert(Vec::new());
                }
            }
        }
        if let Item::Mod(m) = item {
            if m.content.is_some() {
                return;
            }
        }
        syn::visit::visit_item(self, item);
    }

    fn visit_path(&mut self, path: &'a Path) {
        if path.leading_colon.is_none() {
            if let Some(first) = path.segments.first() {
                let name = first.ident.to_string();
                if !matches!(name.as_str(), "crate" | "self" | "super" | "Self") {
                    self.bare.insert(name);
                }
            }
        }
        syn::visit::visit_path(self, path);
    }

    fn visit_macro(&mut self, mac: &'a syn::Macro) {
        let mut copy = mac.clone();
        let mut inner = Taken::default();
        visit_macro_args(&mut copy, |expr| inner.visit_expr(expr));
        self.bare.extend(inner.bare);
        self.generics.extend(inner.generics);
    }

    fn visit_generic_param(&mut self, param: &'a syn::GenericParam) {
        if let syn::GenericParam::Type(t) = param {
            self.generics.insert(t.ident.to_string());
        }
        syn::visit::visit_generic_param(self, param);
    }
}

/// The names a `use` tree brings in (renames and the last segments).
fn use_names(tree: &UseTree, out: &mut Vec<String>) {
    match tree {
        UseTree::Path(p) => use_names(&p.tree, out),
        UseTree::Name(n) => out.push(n.ident.to_string()),
        UseTree::Rename(r) => out.push(r.rename.to_string()),
        UseTree::Group(g) => g.items.iter().for_each(|t| use_names(t, out)),
        UseTree::Glob(_) => {}
    }
}

/// Where a path would be cut: the segments to import (through the first
/// type-like segment, or the parent module of a function), or `None` when the
/// path is not absolute or carries generic arguments before the cut.
fn cut(path: &Path) -> Option<usize> {
    let segments: Vec<&PathSegment> = path.segments.iter().collect();
    let absolute = path.leading_colon.is_some() || segments.first()?.ident == "crate";
    if !absolute || segments.len() < 2 {
        return None;
    }
    let upper = segments.iter().position(|s| {
        s.ident
            .to_string()
            .starts_with(|c: char| c.is_ascii_uppercase())
    });
    let end = match upper {
        Some(i) if i >= 1 => i,
        Some(_) => return None,
        None if segments.len() >= 3 => segments.len() - 2,
        None => return None,
    };
    // A name the prelude has (`Result`) is imported only as the prelude's own;
    // another item of that name is reached through its module (`fmt::Result`).
    let name = segments[end].ident.to_string();
    let prefix: Vec<String> = segments[..=end]
        .iter()
        .map(|s| s.ident.to_string())
        .collect();
    let shadows_prelude = PRELUDE
        .iter()
        .any(|(path, short)| *short == name && *path != prefix.join("::"));
    let end = match (shadows_prelude, end) {
        (false, end) => end,
        (true, end) if end >= 2 => end - 1,
        (true, _) => return None,
    };
    let plain = segments[..end]
        .iter()
        .all(|s| matches!(s.arguments, PathArguments::None));
    plain.then_some(end)
}

fn import_of(path: &Path, end: usize) -> Vec<String> {
    path.segments
        .iter()
        .take(end + 1)
        .map(|s| s.ident.to_string())
        .collect()
}

/// Collects the candidates: every absolute path outside inline modules.
#[derive(Default)]
struct Finder {
    candidates: BTreeSet<Import>,
}

/// `<T as Trait>::f`: only `T` is visited. Cutting such a path would leave
/// the position of `Trait` wrong, so it is left as written.
fn expr_path_unless_qualified(v: &mut impl VisitMut, expr: &mut syn::ExprPath) {
    match &mut expr.qself {
        Some(qself) => v.visit_type_mut(&mut qself.ty),
        None => syn::visit_mut::visit_expr_path_mut(v, expr),
    }
}

/// As [`expr_path_unless_qualified`], for types.
fn type_path_unless_qualified(v: &mut impl VisitMut, ty: &mut syn::TypePath) {
    match &mut ty.qself {
        Some(qself) => v.visit_type_mut(&mut qself.ty),
        None => syn::visit_mut::visit_type_path_mut(v, ty),
    }
}

/// The attributes of an item of any kind.
fn item_attrs(item: &Item) -> &[syn::Attribute] {
    match item {
        Item::Const(i) => &i.attrs,
        Item::Enum(i) => &i.attrs,
        Item::ExternCrate(i) => &i.attrs,
        Item::Fn(i) => &i.attrs,
        Item::ForeignMod(i) => &i.attrs,
        Item::Impl(i) => &i.attrs,
        Item::Macro(i) => &i.attrs,
        Item::Mod(i) => &i.attrs,
        Item::Static(i) => &i.attrs,
        Item::Struct(i) => &i.attrs,
        Item::Trait(i) => &i.attrs,
        Item::TraitAlias(i) => &i.attrs,
        Item::Type(i) => &i.attrs,
        Item::Union(i) => &i.attrs,
        Item::Use(i) => &i.attrs,
        _ => &[],
    }
}

/// Whether the attributes compile their item conditionally: paths used only
/// there must not become imports the other configurations would not use.
fn conditional(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| a.path().is_ident("cfg"))
}

impl VisitMut for Finder {
    fn visit_item_mod_mut(&mut self, _: &mut syn::ItemMod) {}

    fn visit_item_mut(&mut self, item: &mut Item) {
        if !conditional(item_attrs(item)) {
            syn::visit_mut::visit_item_mut(self, item);
        }
    }

    fn visit_impl_item_mut(&mut self, item: &mut syn::ImplItem) {
        let attrs = match &*item {
            syn::ImplItem::Const(i) => &i.attrs,
            syn::ImplItem::Fn(i) => &i.attrs,
            syn::ImplItem::Type(i) => &i.attrs,
            syn::ImplItem::Macro(i) => &i.attrs,
            _ => &[][..],
        };
        if !conditional(attrs) {
            syn::visit_mut::visit_impl_item_mut(self, item);
        }
    }

    fn visit_field_mut(&mut self, field: &mut syn::Field) {
        if !conditional(&field.attrs) {
            syn::visit_mut::visit_field_mut(self, field);
        }
    }

    fn visit_variant_mut(&mut self, variant: &mut syn::Variant) {
        if !conditional(&variant.attrs) {
            syn::visit_mut::visit_variant_mut(self, variant);
        }
    }

    fn visit_stmt_mut(&mut self, stmt: &mut syn::Stmt) {
        let attrs = match &*stmt {
            syn::Stmt::Local(l) => &l.attrs[..],
            syn::Stmt::Item(i) => item_attrs(i),
            syn::Stmt::Macro(m) => &m.attrs[..],
            syn::Stmt::Expr(..) => &[][..],
        };
        if !conditional(attrs) {
            syn::visit_mut::visit_stmt_mut(self, stmt);
        }
    }

    fn visit_expr_path_mut(&mut self, expr: &mut syn::ExprPath) {
        expr_path_unless_qualified(self, expr);
    }

    fn visit_type_path_mut(&mut self, ty: &mut syn::TypePath) {
        type_path_unless_qualified(self, ty);
    }

    fn visit_item_use_mut(&mut self, _: &mut ItemUse) {}

    fn visit_path_mut(&mut self, path: &mut Path) {
        if let Some(end) = cut(path) {
            let full: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
            let prelude_variant = PRELUDE.iter().any(|(p, _)| *p == full.join("::"))
                && matches!(
                    full.last().map(String::as_str),
                    Some("Some" | "None" | "Ok" | "Err")
                );
            let path_to_import = if prelude_variant {
                full
            } else {
                import_of(path, end)
            };
            self.candidates.insert(Import {
                path: path_to_import,
            });
        }
        syn::visit_mut::visit_path_mut(self, path);
    }

    fn visit_attribute_mut(&mut self, attr: &mut syn::Attribute) {
        visit_derives(attr, |path| self.visit_path_mut(path));
    }

    fn visit_macro_mut(&mut self, mac: &mut syn::Macro) {
        visit_macro_args(mac, |expr| self.visit_expr_mut(expr));
    }
}

/// Runs `f` on each argument of a macro whose arguments are expressions
/// (`assert_eq!(a, b)`, `vec![..]`), writing the arguments back.
fn visit_macro_args(mac: &mut syn::Macro, mut f: impl FnMut(&mut syn::Expr)) {
    let Some(last) = mac.path.segments.last() else {
        return;
    };
    if !PRELUDE_MACROS.iter().any(|m| last.ident == m) {
        return;
    }
    let parser = Punctuated::<syn::Expr, Token![,]>::parse_terminated;
    let Ok(mut args) = mac.parse_body_with(parser) else {
        return;
    };
    args.iter_mut().for_each(&mut f);
    mac.tokens = quote::ToTokens::to_token_stream(&args);
}

/// Runs `f` on each path of a `#[derive(..)]`, writing the attribute back.
fn visit_derives(attr: &mut syn::Attribute, mut f: impl FnMut(&mut Path)) {
    if !attr.path().is_ident("derive") {
        return;
    }
    let parser = Punctuated::<Path, Token![,]>::parse_terminated;
    let Ok(mut paths) = attr.parse_args_with(parser) else {
        return;
    };
    paths.iter_mut().for_each(&mut f);
    if let syn::Meta::List(list) = &mut attr.meta {
        list.tokens = quote::ToTokens::to_token_stream(&paths);
    }
}

/// Rewrites the allowed paths to their short form.
struct Shortener<'a> {
    allowed: &'a BTreeSet<Vec<String>>,
    linkable: &'a BTreeSet<Vec<String>>,
    /// Items and imported names of the file.
    items: &'a BTreeSet<String>,
    free_prelude: &'a BTreeSet<String>,
}

impl Shortener<'_> {
    /// ``[`Config`](crate::Config)`` becomes ``[`Config`]`` once `Config` is
    /// imported: rustdoc resolves the label itself, and warns about the
    /// target otherwise.
    fn drop_redundant_link_targets(&self, attr: &mut syn::Attribute) {
        let syn::Meta::NameValue(nv) = &mut attr.meta else {
            return;
        };
        let syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Str(text),
            ..
        }) = &nv.value
        else {
            return;
        };
        let doc = text.value();
        let mut out = String::with_capacity(doc.len());
        let mut rest = doc.as_str();
        while let Some(start) = rest.find("[`") {
            out.push_str(&rest[..start]);
            let link = &rest[start..];
            let parsed = link[2..].split_once("`](").and_then(|(label, after)| {
                let (target, _) = after.split_once(')')?;
                Some((label, target))
            });
            match parsed {
                Some((label, target)) if self.resolves_to(label, target) => {
                    out.push_str(&format!("[`{label}`]"));
                    rest = &link[2 + label.len() + 3 + target.len() + 1..];
                }
                _ => {
                    out.push_str("[`");
                    rest = &link[2..];
                }
            }
        }
        out.push_str(rest);
        if out != doc {
            nv.value = syn::parse_quote!(#out);
        }
    }

    /// Whether the link label `label` names `target` in this file, through an import.
    fn resolves_to(&self, label: &str, target: &str) -> bool {
        let target: Vec<&str> = target.trim_start_matches("::").split("::").collect();
        let label: Vec<&str> = label.split("::").collect();
        if label.len() > target.len() || label.iter().any(|s| s.is_empty()) {
            return false;
        }
        let imported = target.len() - label.len() + 1;
        let import: Vec<String> = target[..imported].iter().map(|s| (*s).to_owned()).collect();
        self.linkable.contains(&import) && target[imported - 1..] == label[..]
    }

    /// `#[serde(skip_serializing_if = "::std::option::Option::is_none")]`:
    /// prelude paths in serde's string attributes, shortened.
    fn shorten_serde_strings(&self, attr: &mut syn::Attribute) {
        let syn::Meta::List(list) = &mut attr.meta else {
            return;
        };
        let mut text = list.tokens.to_string();
        let before = text.clone();
        for (path, name) in PRELUDE {
            if self.free_prelude.contains(*name) {
                text = text.replace(&format!("\"::{path}"), &format!("\"{name}"));
            }
        }
        if text != before {
            if let Ok(tokens) = text.parse() {
                list.tokens = tokens;
            }
        }
    }
}

impl VisitMut for Shortener<'_> {
    fn visit_item_mod_mut(&mut self, _: &mut syn::ItemMod) {}

    fn visit_expr_path_mut(&mut self, expr: &mut syn::ExprPath) {
        expr_path_unless_qualified(self, expr);
    }

    fn visit_type_path_mut(&mut self, ty: &mut syn::TypePath) {
        type_path_unless_qualified(self, ty);
    }

    fn visit_item_use_mut(&mut self, _: &mut ItemUse) {}

    fn visit_path_mut(&mut self, path: &mut Path) {
        syn::visit_mut::visit_path_mut(self, path);
        let full: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
        if self.allowed.contains(&full) {
            // A prelude variant (`Some`) or a type used whole.
            let last = path.segments.pop().expect("segments").into_value();
            path.segments.clear();
            path.segments.push(last);
            path.leading_colon = None;
            return;
        }
        let Some(end) = cut(path) else {
            // `::serde_json::to_vec`: the leading colons add nothing.
            let first = path.segments.first().map(|s| s.ident.to_string());
            if path.leading_colon.is_some()
                && path.segments.len() >= 2
                && first.is_some_and(|f| !self.items.contains(&f))
            {
                path.leading_colon = None;
            }
            return;
        };
        if !self.allowed.contains(&import_of(path, end)) {
            if path.leading_colon.is_some() {
                let first = path.segments.first().map(|s| s.ident.to_string());
                if first.is_some_and(|f| !self.items.contains(&f)) {
                    path.leading_colon = None;
                }
            }
            return;
        }
        let kept: Punctuated<PathSegment, Token![::]> = std::mem::take(&mut path.segments)
            .into_iter()
            .skip(end)
            .collect();
        path.segments = kept;
        path.leading_colon = None;
    }

    fn visit_macro_mut(&mut self, mac: &mut syn::Macro) {
        let p = &mac.path;
        let std_macro = p.leading_colon.is_some()
            && p.segments.len() == 2
            && p.segments[0].ident == "std"
            && PRELUDE_MACROS.iter().any(|m| p.segments[1].ident == m);
        if std_macro {
            let name = Ident::new(&p.segments[1].ident.to_string(), Span::call_site());
            mac.path = Path::from(name);
        }
        visit_macro_args(mac, |expr| self.visit_expr_mut(expr));
    }

    fn visit_attribute_mut(&mut self, attr: &mut syn::Attribute) {
        if attr.path().is_ident("serde") {
            self.shorten_serde_strings(attr);
        }
        if attr.path().is_ident("doc") {
            self.drop_redundant_link_targets(attr);
        }
        visit_derives(attr, |path| self.visit_path_mut(path));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tidy_text(source: &str) -> String {
        let mut file: syn::File = syn::parse_str(source).expect("test source parses");
        tidy(&mut file);
        prettyplease::unparse(&file)
    }

    #[test]
    fn absolute_paths_become_imports() {
        let out = tidy_text(
            "use ::std::sync::Arc;
             pub fn f(a: ::std::sync::Arc<::smithy_lean_runtime::config::Config>) -> ::std::option::Option<crate::types::Filter> {
                 let _ = ::std::vec![1];
                 ::std::option::Option::None
             }",
        );
        assert_eq!(
            out,
            "use std::sync::Arc;\nuse smithy_lean_runtime::config::Config;\nuse crate::types::Filter;\n\
             pub fn f(a: Arc<Config>) -> Option<Filter> {\n    let _ = vec![1];\n    None\n}\n"
        );
    }

    #[test]
    fn clashing_names_stay_qualified() {
        let out = tidy_text(
            "pub struct Config;
             pub fn f(a: ::smithy_lean_runtime::config::Config, b: crate::types::Error, c: ::std::error::Error) {}",
        );
        assert!(
            out.contains("a: smithy_lean_runtime::config::Config"),
            "{out}"
        );
        assert!(
            out.contains("b: crate::types::Error") && out.contains("c: std::error::Error"),
            "{out}"
        );
        assert!(!out.contains("use "), "{out}");
    }

    #[test]
    fn a_local_option_keeps_the_prelude_qualified() {
        let out = tidy_text("pub enum Option { A } pub fn f() -> ::std::option::Option<u8> { ::std::option::Option::Some(1) }");
        assert!(out.contains("-> std::option::Option<u8>"), "{out}");
        // `Some` is still the prelude's: the local enum has no such variant.
        assert!(out.contains("    Some(1)"), "{out}");
    }

    #[test]
    fn functions_are_called_through_their_module() {
        let out = tidy_text("fn f() { ::smithy_lean_runtime::protocol::error_meta(); ::smithy_lean_runtime::protocol::parse_body(); }");
        assert!(
            out.starts_with("use smithy_lean_runtime::protocol;\n"),
            "{out}"
        );
        assert!(
            out.contains("protocol::error_meta();") && out.contains("protocol::parse_body();"),
            "{out}"
        );
    }

    #[test]
    fn bare_names_and_generics_are_respected() {
        let out = tidy_text(
            "use super::Thing;
             fn f<T>(x: T, y: crate::types::Thing, z: crate::other::T) { let _ = Other::new(); let _: crate::a::Other; }",
        );
        assert!(
            out.contains("y: crate::types::Thing") && out.contains("z: crate::other::T"),
            "{out}"
        );
        assert!(out.contains("crate::a::Other"), "{out}");
    }

    #[test]
    fn inline_modules_are_left_alone() {
        let out = tidy_text("mod tests { fn f() -> ::std::option::Option<u8> { None } }");
        assert!(out.contains("::std::option::Option<u8>"), "{out}");
    }

    #[test]
    fn serde_strings_use_the_prelude() {
        let out = tidy_text("pub struct A { #[serde(skip_serializing_if = \"::std::option::Option::is_none\")] a: u8 }");
        assert!(
            out.contains("skip_serializing_if = \"Option::is_none\""),
            "{out}"
        );
    }

    #[test]
    fn doc_links_to_imported_names_lose_their_targets() {
        let out = tidy_text(
            "/// See [`Config`](crate::Config), [`Config::max_pages`](crate::Config::max_pages) and [`Other`](crate::x::Other).\n\
             pub fn f(c: crate::Config) {}",
        );
        assert!(
            out.contains("See [`Config`], [`Config::max_pages`] and [`Other`](crate::x::Other)."),
            "{out}"
        );
    }

    #[test]
    fn prelude_names_of_other_items_go_through_their_module() {
        let out = tidy_text("fn f() -> ::std::fmt::Result { ::std::result::Result::Ok(()) }");
        assert!(out.starts_with("use std::fmt;\n"), "{out}");
        assert!(out.contains("-> fmt::Result {\n    Ok(())"), "{out}");
    }

    #[test]
    fn qualified_paths_and_conditional_items_are_left_alone() {
        let out = tidy_text(
            "fn f(x: u8) -> String { <u8 as ::std::string::ToString>::to_string(&x) }\n\
             #[cfg(feature = \"x\")] type T = ::other::Thing;",
        );
        assert!(
            out.contains("<u8 as ::std::string::ToString>::to_string(&x)"),
            "{out}"
        );
        assert!(!out.contains("use other"), "{out}");
    }

    #[test]
    fn a_leading_colon_stays_where_an_import_takes_the_name() {
        let out = tidy_text("fn f() { ::rt::http::get(); let _: ::http::Uri; }");
        assert!(out.starts_with("use rt::http;\n"), "{out}");
        assert!(out.contains("let _: ::http::Uri;"), "{out}");
    }

    #[test]
    fn derives_are_shortened() {
        let out = tidy_text("#[derive(Clone, ::serde::Serialize)] pub struct A;");
        assert!(
            out.starts_with("use serde::Serialize;\n#[derive(Clone, Serialize)]"),
            "{out}"
        );
    }
}
