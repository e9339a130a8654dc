//! Parses one Smithy IDL file into a [`ModelFile`], following the grammar of
//! the specification's `idl.rst`: the control section, metadata, namespace,
//! `use`, then shapes and `apply` statements.
//!
//! The parser only reads; it resolves nothing. Sugar becomes what it stands
//! for: documentation comments, `= value` defaults and enum values become
//! trait applications, `set` a list with `@uniqueItems`, and inline operation
//! input and output (`:=`) separate structures named with the file's suffixes.

use std::collections::HashSet;

use super::hash::FastMap;

use serde_json::{Map, Value};

use super::lexer::{Kind as Tok, Lexer, SyntaxError, Token};
use super::prelude;
use super::syntax::{
    is_identifier, is_namespace, shape_id_error, traits, Apply, Kind, MemberDef, Metadata,
    ModelFile, Node, Properties, Reference, ShapeDef, Statement, Trait, Version, PRELUDE,
};
use super::text;

/// How deeply node values may nest.
const MAX_DEPTH: usize = 64;

type PResult<T> = Result<T, SyntaxError>;

/// Parses IDL text.
pub(crate) fn parse(text: &str) -> PResult<ModelFile> {
    let mut lexer = Lexer::new(text);
    let tok = lexer.next()?;
    let mut parser = Parser {
        text,
        lexer,
        tok,
        depth: 0,
        version: Version::V2,
        namespace: None,
        uses: FastMap::default(),
        input_suffix: "Input".to_owned(),
        output_suffix: "Output".to_owned(),
        metadata: Vec::new(),
        statements: Vec::new(),
    };
    parser.file()?;
    Ok(ModelFile {
        version: parser.version,
        namespace: parser.namespace,
        uses: parser.uses,
        metadata: parser.metadata,
        statements: parser.statements,
    })
}

struct Parser<'a> {
    text: &'a str,
    lexer: Lexer<'a>,
    /// The current token.
    tok: Token,
    depth: usize,
    version: Version,
    namespace: Option<String>,
    uses: FastMap<String, String>,
    input_suffix: String,
    output_suffix: String,
    metadata: Vec<Metadata>,
    statements: Vec<Statement>,
}

impl<'a> Parser<'a> {
    // ---- tokens ----

    fn advance(&mut self) -> PResult<()> {
        self.tok = self.lexer.next()?;
        Ok(())
    }

    fn slice(&self, t: Token) -> &'a str {
        &self.text[t.start..t.end]
    }

    fn is(&self, kind: Tok) -> bool {
        self.tok.kind == kind
    }

    fn is_keyword(&self, keyword: &str) -> bool {
        self.tok.kind == Tok::Ident && self.slice(self.tok) == keyword
    }

    /// How an error message shows the current token.
    fn found(&self) -> String {
        let t = self.tok;
        match t.kind {
            Tok::Eof => "the end of the file".to_owned(),
            Tok::Str => {
                let s = self.slice(t);
                match s.char_indices().nth(24) {
                    Some((cut, _)) => format!("the string {}...\"", &s[..cut]),
                    None => format!("the string {s}"),
                }
            }
            Tok::TextBlock => "a text block".to_owned(),
            Tok::Number => format!("the number {}", self.slice(t)),
            _ => format!("'{}'", self.slice(t)),
        }
    }

    fn error_at(&self, offset: usize, message: impl Into<String>) -> SyntaxError {
        SyntaxError {
            offset,
            message: message.into(),
        }
    }

    /// "expected X, found Y" at the current token.
    fn expected(&self, what: &str) -> SyntaxError {
        self.error_at(
            self.tok.start,
            format!("expected {what}, found {}", self.found()),
        )
    }

    fn expect(&mut self, kind: Tok, what: &str) -> PResult<Token> {
        if self.tok.kind != kind {
            return Err(self.expected(what));
        }
        let t = self.tok;
        self.advance()?;
        Ok(t)
    }

    /// The grammar's `BR`: a statement ends at a line break.
    fn expect_line_break(&self, after: &str) -> PResult<()> {
        if self.tok.kind == Tok::Eof || self.tok.line_break_before {
            Ok(())
        } else {
            Err(self.expected(&format!("a line break after {after}")))
        }
    }

    /// The documentation comment right before the current token, and where
    /// it starts.
    fn take_docs(&self) -> Option<(String, usize)> {
        let at = self.lexer.docs_start()?;
        let mut docs = String::new();
        for (i, line) in self.lexer.docs().enumerate() {
            if i > 0 {
                docs.push('\n');
            }
            docs.push_str(line);
        }
        Some((docs, at))
    }

    /// A plain identifier token (a member, shape or key name).
    fn identifier(&mut self, what: &str) -> PResult<(String, usize)> {
        let t = self.tok;
        if t.kind != Tok::Ident {
            return Err(self.expected(what));
        }
        let s = self.slice(t);
        if !is_identifier(s) {
            return Err(self.error_at(
                t.start,
                format!("expected {what}, found '{s}', which is not an identifier"),
            ));
        }
        self.advance()?;
        Ok((s.to_owned(), t.start))
    }

    /// A shape ID token, checked and resolved as far as this file can.
    fn shape_id(&mut self, what: &str) -> PResult<Reference> {
        let t = self.tok;
        if t.kind != Tok::Ident {
            return Err(self.expected(what));
        }
        let id = self.slice(t);
        if let Some(why) = shape_id_error(id) {
            return Err(self.error_at(t.start, format!("invalid shape ID '{id}': {why}")));
        }
        self.advance()?;
        Ok(self.resolve(id, t.start))
    }

    /// Resolves a (valid) shape ID as far as this file can: absolute IDs
    /// stay, imported names become their import, other names join the
    /// namespace, but names of prelude shapes are `smithy.api#Name` until
    /// the assembler knows whether the namespace defines them. Outside a
    /// namespace (metadata), relative IDs name prelude shapes.
    fn resolve(&self, written: &str, at: usize) -> Reference {
        if written.as_bytes().contains(&b'#') {
            return Reference {
                id: written.to_owned(),
                at,
                prelude_name: false,
            };
        }
        let (root, member) = match written.bytes().position(|b| b == b'$') {
            Some(i) => (&written[..i], &written[i..]),
            None => (written, ""),
        };
        let (mut id, prelude_name) = match (self.uses.get(root), &self.namespace) {
            (Some(imported), _) => (imported.clone(), false),
            (None, Some(namespace)) if prelude::kind(root).is_none() => {
                let mut id = String::with_capacity(namespace.len() + written.len() + 1);
                id.push_str(namespace);
                id.push('#');
                id.push_str(root);
                (id, false)
            }
            (None, namespace) => {
                let mut id = String::with_capacity(PRELUDE.len() + written.len() + 1);
                id.push_str(PRELUDE);
                id.push('#');
                id.push_str(root);
                (id, namespace.is_some())
            }
        };
        id.push_str(member);
        Reference {
            id,
            at,
            prelude_name,
        }
    }

    fn require_v2(&self, at: usize, feature: &str) -> PResult<()> {
        match self.version {
            Version::V2 => Ok(()),
            Version::V1 => Err(self.error_at(
                at,
                format!(
                    "{feature} need Smithy IDL version 2 (this file declares $version: \"1.0\")"
                ),
            )),
        }
    }

    // ---- sections ----

    fn file(&mut self) -> PResult<()> {
        let mut controls = HashSet::new();
        while self.is(Tok::Dollar) {
            self.control(&mut controls)?;
        }
        while self.is_keyword("metadata") {
            self.metadata()?;
        }
        if self.is(Tok::Dollar) {
            return Err(self.error_at(
                self.tok.start,
                "control statements ($version...) must come before metadata and shapes",
            ));
        }
        if self.is(Tok::Eof) {
            return Ok(());
        }
        if !self.is_keyword("namespace") {
            return Err(self.expected("a namespace statement before any shape"));
        }
        self.namespace()?;
        while self.is_keyword("use") {
            self.use_statement()?;
        }
        while !self.is(Tok::Eof) {
            self.shape_or_apply()?;
        }
        Ok(())
    }

    fn control(&mut self, seen: &mut HashSet<String>) -> PResult<()> {
        self.advance()?;
        let at = self.tok.start;
        let key = match self.tok.kind {
            Tok::Ident => self.slice(self.tok).to_owned(),
            Tok::Str => text::quoted(self.slice(self.tok), at, self.tok.plain)?,
            _ => return Err(self.expected("a control statement name after '$'")),
        };
        self.advance()?;
        self.expect(Tok::Colon, "':' after the control statement name")?;
        let value_at = self.tok.start;
        let value = self.node()?;
        self.expect_line_break("the control statement")?;
        if !seen.insert(key.clone()) {
            return Err(self.error_at(at, format!("${key} is set twice")));
        }
        let string = match &value {
            Node::Value(Value::String(s)) => Some(s.as_str()),
            _ => None,
        };
        match (key.as_str(), string) {
            ("version", Some("1" | "1.0")) => self.version = Version::V1,
            ("version", Some("2" | "2.0")) => self.version = Version::V2,
            ("version", Some(other)) => {
                return Err(self.error_at(
                    value_at,
                    format!("unsupported Smithy IDL version \"{other}\": this loader reads \"1.0\" and \"2.0\""),
                ))
            }
            ("operationInputSuffix" | "operationOutputSuffix", Some(s))
                if !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') =>
            {
                if key == "operationInputSuffix" {
                    self.input_suffix = s.to_owned();
                } else {
                    self.output_suffix = s.to_owned();
                }
            }
            ("version" | "operationInputSuffix" | "operationOutputSuffix", _) => {
                return Err(self.error_at(
                    value_at,
                    format!("${key} must be a string of letters, digits and '_'"),
                ))
            }
            // The specification: unknown control statements are ignored.
            _ => {}
        }
        Ok(())
    }

    fn metadata(&mut self) -> PResult<()> {
        self.advance()?;
        let at = self.tok.start;
        let key = self.key("a metadata key")?;
        self.expect(Tok::Equals, "'=' after the metadata key")?;
        let value = self.node()?;
        self.expect_line_break("the metadata statement")?;
        self.metadata.push(Metadata { key, value, at });
        Ok(())
    }

    fn namespace(&mut self) -> PResult<()> {
        self.advance()?;
        let t = self.tok;
        if t.kind != Tok::Ident {
            return Err(self.expected("a namespace after 'namespace'"));
        }
        let namespace = self.slice(t);
        if !is_namespace(namespace) {
            return Err(self.error_at(
                t.start,
                format!("invalid namespace '{namespace}': expected identifiers separated by '.'"),
            ));
        }
        self.advance()?;
        self.expect_line_break("the namespace statement")?;
        self.namespace = Some(namespace.to_owned());
        Ok(())
    }

    fn use_statement(&mut self) -> PResult<()> {
        self.advance()?;
        let id = self.shape_id("an absolute shape ID after 'use'")?;
        let name = match id.id.split_once('#') {
            Some((_, name)) if !name.contains('$') => name.to_owned(),
            _ => {
                return Err(self.error_at(
                    id.at,
                    format!(
                        "'use {}': a use statement takes an absolute shape ID without a member, like smithy.example#Foo",
                        id.id
                    ),
                ))
            }
        };
        self.expect_line_break("the use statement")?;
        if let Some(previous) = self.uses.get(&name).filter(|p| **p != id.id) {
            return Err(self.error_at(
                id.at,
                format!(
                    "'use {}' conflicts with 'use {previous}': both are named {name}",
                    id.id
                ),
            ));
        }
        self.uses.insert(name, id.id);
        Ok(())
    }

    fn shape_or_apply(&mut self) -> PResult<()> {
        let docs = self.take_docs();
        let start = self.tok.start;
        let mut applied = self.traits()?;
        if self.is(Tok::Eof) {
            if applied.is_empty() {
                return Ok(());
            }
            return Err(self.expected("a shape definition after its traits"));
        }
        if self.tok.kind != Tok::Ident {
            return Err(self.expected("a shape definition or an apply statement"));
        }
        let keyword = self.slice(self.tok);
        match keyword {
            "apply" if applied.is_empty() => return self.apply(),
            "apply" => {
                return Err(self.error_at(start, "traits cannot be applied to an apply statement"))
            }
            "use" => {
                return Err(self.error_at(
                    self.tok.start,
                    "use statements must come right after the namespace, before any shape",
                ))
            }
            "namespace" => {
                return Err(self.error_at(
                    self.tok.start,
                    "a file has one namespace statement, before its shapes",
                ))
            }
            "metadata" => {
                return Err(self.error_at(
                    self.tok.start,
                    "metadata statements must come before the namespace statement",
                ))
            }
            _ => {}
        }
        let Some((kind, set)) = Kind::from_keyword(keyword) else {
            return Err(self.error_at(
                self.tok.start,
                format!(
                    "expected a shape type (structure, string, list, map, union, enum, operation, service...) or apply, found '{keyword}'"
                ),
            ));
        };
        if let Some((docs, at)) = docs {
            applied.push(doc_trait(docs, at));
        }
        if set {
            applied.push(fixed_trait(
                traits::UNIQUE_ITEMS,
                Value::Object(Map::new()),
                start,
            ));
        }
        self.shape(kind, applied)?;
        self.expect_line_break("the shape definition")
    }

    fn apply(&mut self) -> PResult<()> {
        self.advance()?;
        let target = self.shape_id("the shape ID that 'apply' applies traits to")?;
        let applied = match self.tok.kind {
            Tok::At => vec![self.trait_application()?],
            Tok::LBrace => {
                self.advance()?;
                let applied = self.traits()?;
                self.expect(Tok::RBrace, "a trait or '}' in the apply block")?;
                applied
            }
            _ => return Err(self.expected("a trait or '{' after the apply target")),
        };
        self.expect_line_break("the apply statement")?;
        self.statements.push(Statement::Apply(Apply {
            target,
            traits: applied,
        }));
        Ok(())
    }

    // ---- shapes ----

    fn shape(&mut self, kind: Kind, applied: Vec<Trait>) -> PResult<()> {
        let at = self.tok.start;
        self.advance()?;
        let (name, name_at) = self.identifier("a shape name")?;
        let Some(namespace) = &self.namespace else {
            return Err(self.error_at(at, "expected a namespace statement before any shape"));
        };
        if let Some(imported) = self.uses.get(&name) {
            return Err(self.error_at(
                name_at,
                format!("the shape name {name} conflicts with the imported shape {imported}"),
            ));
        }
        let mut def = ShapeDef {
            id: format!("{namespace}#{name}"),
            kind,
            at,
            traits: applied,
            mixins: Vec::new(),
            resource: None,
            members: Vec::new(),
            properties: None,
        };
        if kind == Kind::Structure && self.is_keyword("for") {
            def.resource = Some(self.for_resource()?);
        }
        // With a simple shape, `with` must be on the shape's line.
        if self.is_keyword("with") && !(kind.is_simple() && self.tok.line_break_before) {
            def.mixins = self.mixins()?;
        }
        match kind {
            Kind::Enum | Kind::IntEnum => def.members = self.enum_members()?,
            Kind::List | Kind::Map | Kind::Structure | Kind::Union => {
                def.members = self.members(kind)?
            }
            Kind::Service | Kind::Resource => {
                def.properties = Some(Box::new(self.entity(kind, &name)?))
            }
            Kind::Operation => def.properties = Some(Box::new(self.operation(&name)?)),
            _ => {}
        }
        self.statements.push(Statement::Shape(def));
        Ok(())
    }

    fn for_resource(&mut self) -> PResult<Reference> {
        self.require_v2(self.tok.start, "structures bound to a resource ('for')")?;
        self.advance()?;
        self.shape_id("a resource shape ID after 'for'")
    }

    fn mixins(&mut self) -> PResult<Vec<Reference>> {
        self.require_v2(self.tok.start, "mixins")?;
        self.advance()?;
        self.expect(Tok::LBracket, "'[' after 'with'")?;
        let mut mixins = vec![self.shape_id("a mixin shape ID")?];
        while !self.is(Tok::RBracket) {
            mixins.push(self.shape_id("a mixin shape ID or ']'")?);
        }
        self.advance()?;
        Ok(mixins)
    }

    /// Members of lists, maps, structures and unions, from `{` to `}`.
    fn members(&mut self, kind: Kind) -> PResult<Vec<MemberDef>> {
        self.expect(Tok::LBrace, "'{' to open the shape's members")?;
        let mut members: Vec<MemberDef> = Vec::new();
        while !self.is(Tok::RBrace) {
            let member = self.member(kind)?;
            if members.iter().any(|m| m.name == member.name) {
                return Err(self.error_at(
                    member.at,
                    format!("the member '{}' is defined twice", member.name),
                ));
            }
            members.push(member);
        }
        self.advance()?;
        Ok(members)
    }

    fn member(&mut self, kind: Kind) -> PResult<MemberDef> {
        let docs = self.take_docs();
        let mut applied = self.traits()?;
        let elided = self.is(Tok::Dollar);
        if elided {
            self.require_v2(self.tok.start, "members with elided targets ('$name')")?;
            self.advance()?;
        }
        let what = if applied.is_empty() && !elided {
            "a member name or '}'"
        } else {
            "a member name"
        };
        let (name, at) = self.identifier(what)?;
        if let Some(allowed) = kind.fixed_members() {
            if !allowed.contains(&name.as_str()) {
                let names = allowed.join("' and '");
                return Err(self.error_at(
                    at,
                    format!(
                        "a {} has members named '{names}', not '{name}'",
                        kind.name()
                    ),
                ));
            }
        }
        let target = if elided {
            None
        } else {
            self.expect(Tok::Colon, "':' after the member name")?;
            Some(self.shape_id("the member's target shape ID")?)
        };
        if let Some((docs, at)) = docs {
            applied.push(doc_trait(docs, at));
        }
        if self.is(Tok::Equals) {
            if kind != Kind::Structure {
                return Err(self.error_at(
                    self.tok.start,
                    "default values ('= value') are only allowed on structure members",
                ));
            }
            self.require_v2(self.tok.start, "default values ('= value')")?;
            let value_at = self.tok.start;
            self.advance()?;
            let value = self.node()?;
            applied.push(Trait {
                id: prelude_ref(traits::DEFAULT, value_at),
                value: Some(value),
            });
            self.expect_line_break("the default value")?;
        }
        Ok(MemberDef {
            name,
            target,
            traits: applied,
            at,
        })
    }

    fn enum_members(&mut self) -> PResult<Vec<MemberDef>> {
        self.expect(Tok::LBrace, "'{' to open the enum's members")?;
        let mut members: Vec<MemberDef> = Vec::new();
        while !self.is(Tok::RBrace) {
            let docs = self.take_docs();
            let mut applied = self.traits()?;
            let what = if applied.is_empty() {
                "an enum member name or '}'"
            } else {
                "an enum member name"
            };
            let (name, at) = self.identifier(what)?;
            if members.iter().any(|m| m.name == name) {
                return Err(self.error_at(at, format!("the enum member '{name}' is defined twice")));
            }
            if let Some((docs, at)) = docs {
                applied.push(doc_trait(docs, at));
            }
            if self.is(Tok::Equals) {
                let value_at = self.tok.start;
                self.advance()?;
                let value = self.node()?;
                applied.push(Trait {
                    id: prelude_ref(traits::ENUM_VALUE, value_at),
                    value: Some(value),
                });
                self.expect_line_break("the enum value")?;
            }
            members.push(MemberDef {
                name,
                target: Some(prelude_ref(traits::UNIT, at)),
                traits: applied,
                at,
            });
        }
        self.advance()?;
        Ok(members)
    }

    fn operation(&mut self, name: &str) -> PResult<Properties> {
        self.expect(Tok::LBrace, "'{' to open the operation")?;
        let mut properties = Properties::default();
        let mut seen = HashSet::new();
        while !self.is(Tok::RBrace) {
            let (key, at) = self.identifier("input, output, errors or '}'")?;
            if !seen.insert(key.clone()) {
                return Err(self.error_at(at, format!("the operation's {key} is set twice")));
            }
            match key.as_str() {
                "input" | "output" => {
                    let reference = match self.tok.kind {
                        Tok::Walrus => {
                            self.require_v2(
                                self.tok.start,
                                "inline operation input and output (':=')",
                            )?;
                            self.advance()?;
                            let input = key == "input";
                            self.inline_structure(name, input)?
                        }
                        Tok::Colon => {
                            self.advance()?;
                            self.shape_id(&format!("the {key} structure's shape ID"))?
                        }
                        _ => return Err(self.expected(&format!("':' or ':=' after {key}"))),
                    };
                    if key == "input" {
                        properties.input = Some(reference);
                    } else {
                        properties.output = Some(reference);
                    }
                }
                "errors" => {
                    self.expect(Tok::Colon, "':' after errors")?;
                    self.expect(Tok::LBracket, "'[' to open the list of errors")?;
                    while !self.is(Tok::RBracket) {
                        properties
                            .errors
                            .push(self.shape_id("an error shape ID or ']'")?);
                    }
                    self.advance()?;
                }
                _ => {
                    return Err(self.error_at(
                        at,
                        format!(
                            "unknown operation property '{key}': expected input, output or errors"
                        ),
                    ))
                }
            }
        }
        self.advance()?;
        Ok(properties)
    }

    /// `input := [traits] [for R] [with [M]] { members }`: a structure named
    /// after the operation, with `@input` or `@output`.
    fn inline_structure(&mut self, operation: &str, input: bool) -> PResult<Reference> {
        let docs = self.take_docs();
        let at = self.tok.start;
        let mut applied = self.traits()?;
        if let Some((docs, docs_at)) = docs {
            applied.push(doc_trait(docs, docs_at));
        }
        let (suffix, marker) = if input {
            (&self.input_suffix, traits::INPUT)
        } else {
            (&self.output_suffix, traits::OUTPUT)
        };
        applied.push(fixed_trait(marker, Value::Object(Map::new()), at));
        let namespace = self.namespace.as_deref().unwrap_or_default();
        let mut def = ShapeDef {
            id: format!("{namespace}#{operation}{suffix}"),
            kind: Kind::Structure,
            at,
            traits: applied,
            mixins: Vec::new(),
            resource: None,
            members: Vec::new(),
            properties: None,
        };
        loop {
            if self.is_keyword("for") && def.resource.is_none() {
                def.resource = Some(self.for_resource()?);
            } else if self.is_keyword("with") && def.mixins.is_empty() {
                def.mixins = self.mixins()?;
            } else {
                break;
            }
        }
        def.members = self.members(Kind::Structure)?;
        let reference = Reference {
            id: def.id.clone(),
            at,
            prelude_name: false,
        };
        self.statements.push(Statement::Shape(def));
        Ok(reference)
    }

    /// The node object of a service or resource.
    fn entity(&mut self, kind: Kind, name: &str) -> PResult<Properties> {
        if !self.is(Tok::LBrace) {
            return Err(self.expected(&format!("'{{' to open the {}'s properties", kind.name())));
        }
        let mut properties = Properties::default();
        for (key, value, at) in self.object_entries()? {
            self.entity_property(kind, name, &mut properties, &key, value, at)?;
        }
        Ok(properties)
    }

    fn entity_property(
        &self,
        kind: Kind,
        name: &str,
        p: &mut Properties,
        key: &str,
        value: Node,
        at: usize,
    ) -> PResult<()> {
        let service = kind == Kind::Service;
        match key {
            "version" if service => match value {
                Node::Value(Value::String(s)) => p.version = Some(s),
                _ => return Err(self.error_at(at, "a service's version must be a string")),
            },
            "operations" => p.operations = self.references(value, at, key)?,
            "resources" => p.resources = self.references(value, at, key)?,
            "errors" if service => p.errors = self.references(value, at, key)?,
            "rename" if service => p.rename = self.rename(value, at)?,
            "identifiers" | "properties" if !service => {
                if key == "properties" {
                    self.require_v2(at, "resource properties")?;
                }
                let named = self.named_references(value, at, key)?;
                if key == "identifiers" {
                    p.identifiers = named;
                } else {
                    p.properties = named;
                }
            }
            "collectionOperations" if !service => {
                p.collection_operations = self.references(value, at, key)?
            }
            "create" | "put" | "read" | "update" | "delete" | "list" if !service => {
                let reference = Some(self.reference(value, at, key)?);
                match key {
                    "create" => p.create = reference,
                    "put" => p.put = reference,
                    "read" => p.read = reference,
                    "update" => p.update = reference,
                    "delete" => p.delete = reference,
                    _ => p.list = reference,
                }
            }
            _ => {
                let expected = if service {
                    "version, operations, resources, errors or rename"
                } else {
                    "identifiers, properties, create, put, read, update, delete, list, operations, collectionOperations or resources"
                };
                return Err(self.error_at(
                    at,
                    format!(
                        "unknown property '{key}' of the {} {name}: expected {expected}",
                        kind.name()
                    ),
                ));
            }
        }
        Ok(())
    }

    /// A shape ID given as a node value: unquoted (already resolved), or a
    /// quoted string (resolved here; resolving is idempotent).
    fn reference(&self, value: Node, at: usize, key: &str) -> PResult<Reference> {
        match value {
            Node::Id(id, at) => Ok(Reference {
                id,
                at,
                prelude_name: true,
            }),
            Node::Value(Value::String(id)) => match shape_id_error(&id) {
                Some(why) => {
                    Err(self.error_at(at, format!("invalid shape ID '{id}' in {key}: {why}")))
                }
                None => Ok(self.resolve(&id, at)),
            },
            _ => Err(self.error_at(at, format!("{key} must be a shape ID"))),
        }
    }

    fn references(&self, value: Node, at: usize, key: &str) -> PResult<Vec<Reference>> {
        match value {
            Node::Array(items) => items
                .into_iter()
                .map(|item| self.reference(item, at, key))
                .collect(),
            Node::Value(Value::Array(items)) => items
                .into_iter()
                .map(|item| self.reference(Node::Value(item), at, key))
                .collect(),
            _ => Err(self.error_at(at, format!("{key} must be a list of shape IDs"))),
        }
    }

    fn named_references(
        &self,
        value: Node,
        at: usize,
        key: &str,
    ) -> PResult<Vec<(String, Reference)>> {
        let entries: Vec<(String, Node)> = match value {
            Node::Object(entries) => entries,
            Node::Value(Value::Object(map)) => {
                map.into_iter().map(|(k, v)| (k, Node::Value(v))).collect()
            }
            _ => {
                return Err(
                    self.error_at(at, format!("{key} must be an object of names to shape IDs"))
                )
            }
        };
        entries
            .into_iter()
            .map(|(name, node)| Ok((name, self.reference(node, at, key)?)))
            .collect()
    }

    fn rename(&self, value: Node, at: usize) -> PResult<Vec<(String, String, usize)>> {
        let Node::Value(Value::Object(map)) = value else {
            return Err(self.error_at(
                at,
                "rename must be an object of absolute shape IDs to names",
            ));
        };
        map.into_iter()
            .map(|(id, name)| match name {
                Value::String(name) if id.contains('#') && shape_id_error(&id).is_none() => {
                    Ok((id, name, at))
                }
                Value::String(_) => Err(self.error_at(
                    at,
                    format!("rename keys must be absolute shape IDs, not '{id}'"),
                )),
                _ => Err(self.error_at(at, format!("rename of {id} must be a string"))),
            })
            .collect()
    }

    // ---- traits ----

    fn traits(&mut self) -> PResult<Vec<Trait>> {
        let mut applied = Vec::new();
        while self.is(Tok::At) {
            applied.push(self.trait_application()?);
        }
        Ok(applied)
    }

    fn trait_application(&mut self) -> PResult<Trait> {
        self.advance()?;
        if self.tok.space_before {
            return Err(self.expected("a trait name right after '@'"));
        }
        let id = self.shape_id("a trait name after '@'")?;
        if !self.is(Tok::LParen) || self.tok.space_before {
            return Ok(Trait { id, value: None });
        }
        self.advance()?;
        if self.is(Tok::RParen) {
            self.advance()?;
            return Ok(Trait { id, value: None });
        }
        let value = self.trait_body()?;
        self.expect(Tok::RParen, "')' to close the trait value")?;
        Ok(Trait {
            id,
            value: Some(value),
        })
    }

    /// What is inside `@trait(...)`: a node value, or `key: value` pairs.
    fn trait_body(&mut self) -> PResult<Node> {
        let t = self.tok;
        let first_key = match t.kind {
            Tok::Str => {
                let s = text::quoted(self.slice(t), t.start, t.plain)?;
                self.advance()?;
                if !self.is(Tok::Colon) {
                    return Ok(Node::Value(Value::String(s)));
                }
                s
            }
            Tok::Ident => {
                let s = self.slice(t);
                if self.lexer_peek_is_colon(t) && plain_key(s) {
                    self.advance()?;
                    s.to_owned()
                } else {
                    return self.node();
                }
            }
            _ => return self.node(),
        };
        self.advance()?; // the ':'
        let mut object = ObjectBuilder::default();
        let first = self.node()?;
        object.insert(first_key, first, t.start)?;
        while !self.is(Tok::RParen) {
            let at = self.tok.start;
            let key = self.key("a key of the trait value or ')'")?;
            self.expect(
                Tok::Colon,
                &format!("':' after the key '{key}' of the trait value"),
            )?;
            let value = self.node()?;
            object.insert(key, value, at)?;
        }
        Ok(object.finish())
    }

    /// Whether the token after `t` is a ':' (looking at the text, so that
    /// `@trait(key: value)` is told from `@trait(shape.Id)`).
    fn lexer_peek_is_colon(&self, t: Token) -> bool {
        let rest = &self.text.as_bytes()[t.end..];
        let mut i = 0;
        loop {
            match rest.get(i) {
                Some(b' ' | b'\t' | b'\n' | b'\r' | b',') => i += 1,
                Some(b'/') if rest.get(i + 1) == Some(&b'/') => {
                    while rest.get(i).is_some_and(|&b| b != b'\n') {
                        i += 1;
                    }
                }
                Some(b':') => return rest.get(i + 1) != Some(&b'='),
                _ => return false,
            }
        }
    }

    // ---- node values ----

    /// An object key: an identifier or a quoted string.
    fn key(&mut self, what: &str) -> PResult<String> {
        let t = self.tok;
        let key = match t.kind {
            Tok::Str => text::quoted(self.slice(t), t.start, t.plain)?,
            Tok::Ident if plain_key(self.slice(t)) => self.slice(t).to_owned(),
            _ => return Err(self.expected(what)),
        };
        self.advance()?;
        Ok(key)
    }

    fn node(&mut self) -> PResult<Node> {
        let t = self.tok;
        let node = match t.kind {
            Tok::Str => Node::Value(Value::String(text::quoted(
                self.slice(t),
                t.start,
                t.plain,
            )?)),
            Tok::TextBlock => Node::Value(Value::String(text::text_block(
                self.slice(t),
                t.start,
                t.plain,
            )?)),
            Tok::Number => Node::Value(Value::Number(text::number(self.slice(t), t.start)?)),
            Tok::Ident => match self.slice(t) {
                "true" => Node::Value(Value::Bool(true)),
                "false" => Node::Value(Value::Bool(false)),
                "null" => Node::Value(Value::Null),
                id => {
                    if let Some(why) = shape_id_error(id) {
                        return Err(self.error_at(
                            t.start,
                            format!(
                                "invalid shape ID '{id}': {why} (quote the value if it is a string)"
                            ),
                        ));
                    }
                    let reference = self.resolve(id, t.start);
                    if reference.prelude_name {
                        Node::Id(reference.id, t.start)
                    } else {
                        Node::Value(Value::String(reference.id))
                    }
                }
            },
            Tok::LBrace | Tok::LBracket => {
                if self.depth >= MAX_DEPTH {
                    return Err(
                        self.error_at(t.start, format!("values nest more than {MAX_DEPTH} deep"))
                    );
                }
                self.depth += 1;
                let node = if t.kind == Tok::LBrace {
                    self.object()
                } else {
                    self.array()
                };
                self.depth -= 1;
                return node;
            }
            _ => return Err(self.expected("a value")),
        };
        self.advance()?;
        Ok(node)
    }

    fn array(&mut self) -> PResult<Node> {
        self.advance()?;
        let mut items = Vec::new();
        while !self.is(Tok::RBracket) {
            items.push(self.node()?);
        }
        self.advance()?;
        if items.iter().all(|n| matches!(n, Node::Value(_))) {
            let values = items
                .into_iter()
                .filter_map(|n| match n {
                    Node::Value(v) => Some(v),
                    _ => None,
                })
                .collect();
            return Ok(Node::Value(Value::Array(values)));
        }
        Ok(Node::Array(items))
    }

    fn object(&mut self) -> PResult<Node> {
        self.advance()?;
        let mut object = ObjectBuilder::default();
        while !self.is(Tok::RBrace) {
            let at = self.tok.start;
            let key = self.key("an object key or '}'")?;
            self.expect(Tok::Colon, "':' after the object key")?;
            let value = self.node()?;
            object.insert(key, value, at)?;
        }
        self.advance()?;
        Ok(object.finish())
    }

    /// The entries of a service's or resource's `{ key: value ... }`, each
    /// with its key's offset.
    fn object_entries(&mut self) -> PResult<Vec<(String, Node, usize)>> {
        self.advance()?;
        let mut entries: Vec<(String, Node, usize)> = Vec::new();
        while !self.is(Tok::RBrace) {
            let at = self.tok.start;
            let key = self.key("a property name or '}'")?;
            self.expect(Tok::Colon, "':' after the property name")?;
            if entries.iter().any(|(k, _, _)| *k == key) {
                return Err(duplicate_key(&key, at));
            }
            entries.push((key, self.node()?, at));
        }
        self.advance()?;
        Ok(entries)
    }
}

/// Builds an object node: plain JSON while every value is, entries that
/// still hold shape IDs once one does. A key given twice is an error.
#[derive(Default)]
struct ObjectBuilder {
    map: Map<String, Value>,
    /// Set once a value holds a shape ID to resolve.
    entries: Option<Vec<(String, Node)>>,
}

impl ObjectBuilder {
    fn insert(&mut self, key: String, value: Node, at: usize) -> PResult<()> {
        if let Some(entries) = &mut self.entries {
            if entries.iter().any(|(k, _)| *k == key) {
                return Err(duplicate_key(&key, at));
            }
            entries.push((key, value));
            return Ok(());
        }
        match value {
            Node::Value(value) => match self.map.entry(key) {
                serde_json::map::Entry::Vacant(e) => {
                    e.insert(value);
                }
                serde_json::map::Entry::Occupied(e) => return Err(duplicate_key(e.key(), at)),
            },
            node => {
                if self.map.contains_key(&key) {
                    return Err(duplicate_key(&key, at));
                }
                let mut entries: Vec<(String, Node)> = std::mem::take(&mut self.map)
                    .into_iter()
                    .map(|(k, v)| (k, Node::Value(v)))
                    .collect();
                entries.push((key, node));
                self.entries = Some(entries);
            }
        }
        Ok(())
    }

    fn finish(self) -> Node {
        match self.entries {
            Some(entries) => Node::Object(entries),
            None => Node::Value(Value::Object(self.map)),
        }
    }
}

fn duplicate_key(key: &str, at: usize) -> SyntaxError {
    SyntaxError {
        offset: at,
        message: format!("the key '{key}' appears twice in an object"),
    }
}

/// An unquoted object key: letters, digits and '_'.
fn plain_key(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

fn prelude_ref(id: &str, at: usize) -> Reference {
    Reference {
        id: id.to_owned(),
        at,
        prelude_name: false,
    }
}

fn fixed_trait(id: &str, value: Value, at: usize) -> Trait {
    Trait {
        id: prelude_ref(id, at),
        value: Some(Node::Value(value)),
    }
}

fn doc_trait(docs: String, at: usize) -> Trait {
    fixed_trait(traits::DOCUMENTATION, Value::String(docs), at)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_ok(text: &str) -> ModelFile {
        parse(text).unwrap_or_else(|e| panic!("{text}\n{}: {}", e.offset, e.message))
    }

    fn shapes(file: &ModelFile) -> Vec<&ShapeDef> {
        file.statements
            .iter()
            .filter_map(|s| match s {
                Statement::Shape(def) => Some(def),
                Statement::Apply(_) => None,
            })
            .collect()
    }

    fn trait_value<'t>(applied: &'t [Trait], id: &str) -> Option<&'t Option<Node>> {
        applied.iter().find(|t| t.id.id == id).map(|t| &t.value)
    }

    #[test]
    fn control_metadata_namespace_and_use() {
        let text = "$version: \"2\"\n$operationInputSuffix: \"Request\"\nmetadata foo = [\"a\"]\nmetadata \"b\" = {x: String}\nnamespace a.b\nuse c#D\n";
        let file = parse_ok(text);
        assert_eq!(file.version, Version::V2);
        assert_eq!(file.namespace.as_deref(), Some("a.b"));
        assert_eq!(file.uses.get("D").map(String::as_str), Some("c#D"));
        assert_eq!(file.metadata.len(), 2);
        // Metadata is outside the namespace: relative IDs name prelude shapes.
        assert_eq!(
            file.metadata[1].value,
            Node::Value(serde_json::json!({"x": "smithy.api#String"}))
        );
    }

    #[test]
    fn shape_ids_resolve_as_far_as_one_file_can() {
        let text = "namespace a\nuse b#Imported\n@required\nstructure S {\n    x: Imported\n    y: Local\n    z: String$m\n    w: c#Absolute\n}\n";
        let file = parse_ok(text);
        let s = shapes(&file)[0];
        let target = |i: usize| s.members[i].target.clone().expect("a target");
        assert_eq!(
            (target(0).id, target(0).prelude_name),
            ("b#Imported".to_owned(), false)
        );
        assert_eq!(
            (target(1).id, target(1).prelude_name),
            ("a#Local".to_owned(), false)
        );
        // A prelude name: the prelude's, unless the model defines a#String.
        assert_eq!(
            (target(2).id, target(2).prelude_name),
            ("smithy.api#String$m".to_owned(), true)
        );
        assert_eq!(
            (target(3).id, target(3).prelude_name),
            ("c#Absolute".to_owned(), false)
        );
        assert!(s.traits[0].id.prelude_name);
    }

    #[test]
    fn doc_comments_become_documentation_before_traits_only() {
        let file = parse_ok(
            "namespace a\n/// Line one\n///   two\n@required\nstring A\n\n@required\n/// ignored\nstring B\n",
        );
        let [a, b] = shapes(&file)[..] else { panic!() };
        assert_eq!(
            trait_value(&a.traits, traits::DOCUMENTATION),
            Some(&Some(Node::Value(Value::String(
                "Line one\n  two".to_owned()
            ))))
        );
        assert_eq!(trait_value(&b.traits, traits::DOCUMENTATION), None);
    }

    #[test]
    fn inline_input_and_output_are_named_structures() {
        let file = parse_ok(
            "$version: \"2\"\n$operationOutputSuffix: \"Response\"\nnamespace a\noperation Get {\n input := @sensitive { a: String }\n output := with [M] {}\n errors: [E]\n}\n",
        );
        let ids: Vec<&str> = shapes(&file).iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["a#GetInput", "a#GetResponse", "a#Get"]);
        let input = shapes(&file)[0];
        assert!(trait_value(&input.traits, traits::INPUT).is_some());
        assert!(trait_value(&input.traits, "smithy.api#sensitive").is_some());
        assert_eq!(shapes(&file)[1].mixins[0].id, "a#M");
        assert_eq!(
            shapes(&file)[2].properties.as_ref().unwrap().errors[0].id,
            "a#E"
        );
    }

    #[test]
    fn trait_bodies_of_every_form() {
        let text = "namespace a\n@t1\n@t2()\n@t3(\"s\")\n@t4(a: 1, \"b\": [x.y#Z, String])\n@t5(Foo)\n@t6(ns#Foo$bar)\n@t7(\"\"\"\n    hi\n    \"\"\")\n@t8(-1.5)\n@t9({k: true})\nstring S\n";
        let file = parse_ok(text);
        let s = shapes(&file)[0];
        assert_eq!(trait_value(&s.traits, "a#t1"), Some(&None));
        assert_eq!(trait_value(&s.traits, "a#t2"), Some(&None));
        assert_eq!(
            trait_value(&s.traits, "a#t3"),
            Some(&Some(Node::Value(Value::String("s".into()))))
        );
        // Values stay JSON but for the names of prelude shapes, which the
        // assembler resolves.
        assert_eq!(
            trait_value(&s.traits, "a#t4"),
            Some(&Some(Node::Object(vec![
                ("a".into(), Node::Value(1.into())),
                (
                    "b".into(),
                    Node::Array(vec![
                        Node::Value("x.y#Z".into()),
                        Node::Id("smithy.api#String".into(), text.find("String]").unwrap())
                    ])
                ),
            ])))
        );
        assert_eq!(
            trait_value(&s.traits, "a#t5"),
            Some(&Some(Node::Value("a#Foo".into())))
        );
        assert_eq!(
            trait_value(&s.traits, "a#t6"),
            Some(&Some(Node::Value("ns#Foo$bar".into())))
        );
        assert_eq!(
            trait_value(&s.traits, "a#t7"),
            Some(&Some(Node::Value(Value::String("hi\n".into()))))
        );
        assert!(matches!(
            trait_value(&s.traits, "a#t9"),
            Some(Some(Node::Value(Value::Object(_))))
        ));
    }

    #[test]
    fn members_defaults_elision_enums_and_sets() {
        let file = parse_ok(
            "$version: \"2\"\nnamespace a\nstructure S for R with [M] {\n @required\n $id\n n: Integer = 1\n}\nenum E {\n A\n B = \"b\"\n}\nset L {\n member: String\n}\n",
        );
        let [s, e, l] = shapes(&file)[..] else {
            panic!()
        };
        assert_eq!(s.resource.as_ref().map(|r| r.id.as_str()), Some("a#R"));
        assert_eq!(s.members[0].target, None);
        assert_eq!(
            trait_value(&s.members[1].traits, traits::DEFAULT),
            Some(&Some(Node::Value(1.into())))
        );
        assert_eq!(
            e.members[0].target.as_ref().map(|t| t.id.as_str()),
            Some(traits::UNIT)
        );
        assert!(trait_value(&e.members[1].traits, traits::ENUM_VALUE).is_some());
        assert_eq!(l.kind, Kind::List);
        assert!(trait_value(&l.traits, traits::UNIQUE_ITEMS).is_some());
    }

    #[test]
    fn services_and_resources_read_their_properties() {
        let file = parse_ok(
            "namespace a\nservice S {\n version: \"1\"\n operations: [A, b#B]\n rename: {\"x#Y\": \"Z\"}\n}\nresource R {\n identifiers: {id: String}\n read: Get\n collectionOperations: [\"L\"]\n}\n",
        );
        let [s, r] = shapes(&file)[..] else { panic!() };
        assert_eq!(s.properties.as_ref().unwrap().version.as_deref(), Some("1"));
        assert_eq!(s.properties.as_ref().unwrap().operations.len(), 2);
        assert_eq!(s.properties.as_ref().unwrap().rename[0].0, "x#Y");
        assert_eq!(r.properties.as_ref().unwrap().identifiers[0].0, "id");
        assert_eq!(
            r.properties
                .as_ref()
                .unwrap()
                .read
                .as_ref()
                .map(|x| x.id.as_str()),
            Some("a#Get")
        );
        assert_eq!(
            r.properties.as_ref().unwrap().collection_operations[0].id,
            "a#L"
        );
    }

    #[test]
    fn apply_statements_single_and_block() {
        let file = parse_ok(
            "namespace a\napply A @documentation(\"x\")\napply B$c {\n @required\n @sensitive\n}\n",
        );
        let applies: Vec<&Apply> = file
            .statements
            .iter()
            .filter_map(|s| match s {
                Statement::Apply(a) => Some(a),
                Statement::Shape(_) => None,
            })
            .collect();
        assert_eq!(applies.len(), 2);
        assert_eq!(applies[1].target.id, "a#B$c");
        assert_eq!(applies[1].traits.len(), 2);
    }

    #[test]
    fn statements_end_at_line_breaks() {
        let e = parse("namespace a\nstring A string B\n").unwrap_err();
        assert_eq!(
            e.message,
            "expected a line break after the shape definition, found 'string'"
        );
        let e = parse("namespace a\nstructure A { a: String = 1, b: String }\n").unwrap_err();
        assert_eq!(
            e.message,
            "expected a line break after the default value, found 'b'"
        );
    }
}
