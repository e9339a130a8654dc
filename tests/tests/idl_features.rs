//! The Smithy IDL loader, one grammar feature or assembly rule at a time:
//! small models written here, loaded, and the JSON AST they become checked.

use std::path::PathBuf;

use serde_json::{json, Value};

fn files(files: &[(&str, &str)]) -> Vec<(PathBuf, String)> {
    files
        .iter()
        .map(|(name, text)| (PathBuf::from(name), (*text).to_owned()))
        .collect()
}

/// The model as `cargo xtask ast` prints it (mixins kept).
fn ast(models: &[(&str, &str)]) -> Value {
    let model = codegen::load::assemble_texts(files(models)).unwrap_or_else(|e| panic!("{e}"));
    serde_json::from_str(&model.to_json(false)).expect("valid JSON")
}

/// The model flattened, as `cargo xtask ast --flatten` prints it.
fn flat(models: &[(&str, &str)]) -> Value {
    let model = codegen::load::assemble_texts(files(models)).unwrap_or_else(|e| panic!("{e}"));
    serde_json::from_str(&model.to_json(true)).expect("valid JSON")
}

fn one(text: &str) -> Value {
    ast(&[("model.smithy", text)])
}

fn error(models: &[(&str, &str)]) -> String {
    codegen::load::assemble_texts(files(models))
        .expect_err("an error")
        .to_string()
}

fn shape<'v>(model: &'v Value, id: &str) -> &'v Value {
    model["shapes"]
        .get(id)
        .unwrap_or_else(|| panic!("no shape {id} in {model:#}"))
}

#[test]
fn relative_ids_resolve_to_use_then_namespace_then_prelude() {
    let model = ast(&[
        (
            "a.smithy",
            "$version: \"2\"\nnamespace a\nuse b#Imported\n\nstructure S {\n    imported: Imported\n    local: Later\n    prelude: Integer\n    shadowed: String\n    absolute: smithy.api#String\n    other: OtherFile\n}\n\nstring Later\n\nstructure String {}\n",
        ),
        ("b.smithy", "$version: \"2\"\nnamespace b\nstring Imported\n"),
        ("c.smithy", "$version: \"2\"\nnamespace a\nstring OtherFile\n"),
    ]);
    let members = &shape(&model, "a#S")["members"];
    assert_eq!(members["imported"]["target"], "b#Imported");
    assert_eq!(members["local"]["target"], "a#Later");
    assert_eq!(members["prelude"]["target"], "smithy.api#Integer");
    assert_eq!(members["shadowed"]["target"], "a#String");
    assert_eq!(members["absolute"]["target"], "smithy.api#String");
    assert_eq!(members["other"]["target"], "a#OtherFile");
}

#[test]
fn syntactic_shape_ids_in_values_resolve_like_references() {
    let model = one(
        "$version: \"2\"\nmetadata m = {String: String, list: [required]}\nnamespace a\nuse b#T\n\n@trait\nlist refs {\n    member: String\n}\n\n@refs([T, Local, Integer, Local$x, other.ns#Y, \"Quoted\"])\nstructure Local {\n    x: String\n}\n",
    );
    assert_eq!(
        model["metadata"]["m"],
        json!({"String": "smithy.api#String", "list": ["smithy.api#required"]})
    );
    assert_eq!(
        shape(&model, "a#Local")["traits"]["a#refs"],
        json!([
            "b#T",
            "a#Local",
            "smithy.api#Integer",
            "a#Local$x",
            "other.ns#Y",
            "Quoted"
        ])
    );
}

#[test]
fn control_statements_name_inline_input_and_output() {
    let model = one(
        "$version: \"2\"\n$operationInputSuffix: \"Request\"\n$operationOutputSuffix: \"Response\"\n$unknownControl: [1]\nnamespace a\n\n@mixin\nstructure Paged {\n    token: String\n}\n\noperation List {\n    input := \n        /// Input docs.\n        @sensitive\n        with [Paged] {\n        size: Integer\n    }\n    output := {}\n}\n",
    );
    let operation = shape(&model, "a#List");
    assert_eq!(operation["input"]["target"], "a#ListRequest");
    assert_eq!(operation["output"]["target"], "a#ListResponse");
    let input = shape(&model, "a#ListRequest");
    assert_eq!(input["mixins"], json!([{"target": "a#Paged"}]));
    assert_eq!(
        input["traits"],
        json!({"smithy.api#input": {}, "smithy.api#sensitive": {}, "smithy.api#documentation": "Input docs."})
    );
    assert_eq!(
        shape(&model, "a#ListResponse")["traits"],
        json!({"smithy.api#output": {}})
    );
    assert_eq!(
        shape(&flat(&[("m.smithy", "$version: \"2\"\nnamespace a\n@mixin\nstructure P {\n    t: String\n}\noperation O {\n    input := with [P] {}\n}\n")]), "a#OInput")["members"],
        json!({"t": {"target": "smithy.api#String"}})
    );
}

#[test]
fn metadata_merges_arrays_and_equal_values_across_files() {
    let model = ast(&[
        (
            "a.smithy",
            "metadata list = [\"a\", \"b\"]\nmetadata same = {x: 1}\nmetadata only = true\n",
        ),
        (
            "b.smithy",
            "$version: \"2\"\nmetadata list = [\"c\"]\nmetadata same = {x: 1}\n",
        ),
        (
            "c.json",
            r#"{"smithy": "2.0", "metadata": {"list": ["d"]}}"#,
        ),
    ]);
    assert_eq!(
        model["metadata"],
        json!({"list": ["a", "b", "c", "d"], "same": {"x": 1}, "only": true})
    );
}

#[test]
fn apply_statements_merge_into_shapes_and_members() {
    let model = one(
        "$version: \"2\"\nnamespace a\n\n@tags([\"a\"])\nstructure S {\n    m: String\n}\n\napply S @tags([\"b\"])\napply S$m @documentation(\"member docs\")\napply S {\n    @tags([\"c\"])\n    @sensitive\n}\n",
    );
    let s = shape(&model, "a#S");
    assert_eq!(s["traits"]["smithy.api#tags"], json!(["a", "b", "c"]));
    assert_eq!(s["traits"]["smithy.api#sensitive"], json!({}));
    assert_eq!(
        s["members"]["m"]["traits"]["smithy.api#documentation"],
        "member docs"
    );
}

#[test]
fn every_shape_type() {
    let model = one(r#"$version: "2"
namespace a

blob B
boolean Bo
string St
byte By
short Sh
integer I
long L
float F
double D
bigInteger BI
bigDecimal BD
timestamp T
document Doc

list Li {
    member: St
}

map M {
    key: St
    value: I
}

structure S {
    a: St
}

union U {
    a: St
    b: I
}

enum E {
    A
    B = "b"
}

intEnum IE {
    ONE = 1
}

@error("client")
structure Oops {}

service Svc {
    version: "2024-01-01"
    operations: [Op]
    resources: [R]
    errors: [Oops]
    rename: {"a#S": "Renamed"}
}

resource R {
    identifiers: {id: St}
    properties: {size: I}
    create: Op
    read: Op2
    collectionOperations: [Op3]
    resources: [Child]
}

resource Child {}

operation Op {
    input: S
    errors: [Oops]
}

operation Op2 {}

operation Op3 {}
"#);
    for (name, kind) in [
        ("B", "blob"),
        ("Bo", "boolean"),
        ("St", "string"),
        ("By", "byte"),
        ("Sh", "short"),
        ("I", "integer"),
        ("L", "long"),
        ("F", "float"),
        ("D", "double"),
        ("BI", "bigInteger"),
        ("BD", "bigDecimal"),
        ("T", "timestamp"),
        ("Doc", "document"),
        ("Li", "list"),
        ("M", "map"),
        ("S", "structure"),
        ("U", "union"),
        ("E", "enum"),
        ("IE", "intEnum"),
        ("Svc", "service"),
        ("R", "resource"),
        ("Op", "operation"),
    ] {
        assert_eq!(shape(&model, &format!("a#{name}"))["type"], kind, "{name}");
    }
    assert_eq!(shape(&model, "a#Li")["member"]["target"], "a#St");
    assert_eq!(shape(&model, "a#M")["value"]["target"], "a#I");
    assert_eq!(
        shape(&model, "a#E")["members"],
        json!({
            "A": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": "A"}},
            "B": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": "b"}},
        })
    );
    assert_eq!(
        shape(&model, "a#IE")["members"]["ONE"]["traits"]["smithy.api#enumValue"],
        1
    );
    assert_eq!(
        *shape(&model, "a#Svc"),
        json!({
            "type": "service",
            "version": "2024-01-01",
            "operations": [{"target": "a#Op"}],
            "resources": [{"target": "a#R"}],
            "errors": [{"target": "a#Oops"}],
            "rename": {"a#S": "Renamed"},
        })
    );
    assert_eq!(
        *shape(&model, "a#R"),
        json!({
            "type": "resource",
            "identifiers": {"id": {"target": "a#St"}},
            "properties": {"size": {"target": "a#I"}},
            "create": {"target": "a#Op"},
            "read": {"target": "a#Op2"},
            "collectionOperations": [{"target": "a#Op3"}],
            "resources": [{"target": "a#Child"}],
        })
    );
    assert_eq!(
        *shape(&model, "a#Op2"),
        json!({"type": "operation", "input": {"target": "smithy.api#Unit"}, "output": {"target": "smithy.api#Unit"}})
    );
}

const MIXINS: &str = r#"$version: "2"
namespace a

/// A
@foo(1)
@oneTrait
@mixin
structure StructA {
    a: String
}

/// B
@foo(2)
@twoTrait
@mixin
structure StructB {
    @required
    b: String
}

/// C
@threeTrait
@mixin(localTraits: [internal])
@internal
structure StructC with [StructA, StructB] {
    c: String
}

/// D
@fourTrait
structure StructD with [StructC] {
    /// Redefined with the same target.
    a: String
    d: String
}

apply StructD$b @documentation("applied to an inherited member")

@trait structure foo {}
@trait structure oneTrait {}
@trait structure twoTrait {}
@trait structure threeTrait {}
@trait structure fourTrait {}
"#;

#[test]
fn mixins_flatten_with_the_specifications_precedence_and_order() {
    let model = flat(&[("m.smithy", MIXINS)]);
    for mixin in ["a#StructA", "a#StructB", "a#StructC"] {
        assert!(model["shapes"].get(mixin).is_none(), "{mixin} is removed");
    }
    let d = shape(&model, "a#StructD");
    assert_eq!(
        d["traits"],
        json!({
            "smithy.api#documentation": "D",
            "a#fourTrait": {},
            "a#threeTrait": {},
            "a#foo": 2,
            "a#twoTrait": {},
            "a#oneTrait": {},
        })
    );
    let members: Vec<&String> = d["members"].as_object().expect("members").keys().collect();
    assert_eq!(members, ["a", "b", "c", "d"]);
    assert_eq!(
        d["members"]["b"]["traits"],
        json!({"smithy.api#required": {}, "smithy.api#documentation": "applied to an inherited member"})
    );
    assert_eq!(
        d["members"]["a"]["traits"],
        json!({"smithy.api#documentation": "Redefined with the same target."})
    );
}

#[test]
fn mixins_stay_references_unless_flattened() {
    let model = ast(&[("m.smithy", MIXINS)]);
    let d = shape(&model, "a#StructD");
    assert_eq!(d["mixins"], json!([{"target": "a#StructC"}]));
    assert_eq!(d["members"], json!({"d": {"target": "smithy.api#String"}}));
    assert_eq!(
        d["traits"],
        json!({"smithy.api#documentation": "D", "a#fourTrait": {}})
    );
    assert_eq!(
        *shape(&model, "a#StructD$a"),
        json!({"type": "apply", "traits": {"smithy.api#documentation": "Redefined with the same target."}})
    );
    assert_eq!(
        *shape(&model, "a#StructD$b"),
        json!({"type": "apply", "traits": {"smithy.api#documentation": "applied to an inherited member"}})
    );
    assert_eq!(
        shape(&model, "a#StructC")["traits"]["smithy.api#mixin"],
        json!({"localTraits": ["smithy.api#internal"]})
    );
}

#[test]
fn service_and_operation_mixins_merge_their_properties() {
    let model = flat(&[(
        "m.smithy",
        r#"$version: "2"
namespace a

@mixin
service A {
    version: "A"
    operations: [OperationA]
    rename: {"a#X": "FromA", "a#Y": "FromA"}
}

service C with [A] {
    version: "C"
    operations: [OperationC]
    rename: {"a#Y": "FromC"}
}

@mixin
operation Validated {
    errors: [ValidationError]
}

operation OperationA with [Validated] {
    errors: [NotFound]
}

operation OperationC {}

@error("client") structure ValidationError {}
@error("client") structure NotFound {}
structure X {}
structure Y {}
"#,
    )]);
    assert_eq!(
        *shape(&model, "a#C"),
        json!({
            "type": "service",
            "version": "C",
            "operations": [{"target": "a#OperationA"}, {"target": "a#OperationC"}],
            "rename": {"a#X": "FromA", "a#Y": "FromC"},
        })
    );
    assert_eq!(
        shape(&model, "a#OperationA")["errors"],
        json!([{"target": "a#NotFound"}, {"target": "a#ValidationError"}])
    );
}

#[test]
fn elided_targets_come_from_the_resource_then_the_mixins() {
    let model = flat(&[(
        "m.smithy",
        r#"$version: "2"
namespace a

resource User {
    identifiers: {name: String, uuid: String}
    properties: {age: Short}
}

@mixin
structure Bearer {
    id: Integer
    uuid: String
}

structure Summary for User with [Bearer] {
    $name
    $age
    @required
    $id
    $uuid
}

list Names with [NamesMixin] {
    @length(min: 1)
    $member
}

@mixin
list NamesMixin {
    member: String
}
"#,
    )]);
    let members = &shape(&model, "a#Summary")["members"];
    assert_eq!(members["name"]["target"], "smithy.api#String");
    assert_eq!(members["age"]["target"], "smithy.api#Short");
    assert_eq!(members["id"]["target"], "smithy.api#Integer");
    assert_eq!(members["id"]["traits"], json!({"smithy.api#required": {}}));
    assert_eq!(members["uuid"]["target"], "smithy.api#String");
    assert_eq!(
        shape(&model, "a#Names")["member"],
        json!({"target": "smithy.api#String", "traits": {"smithy.api#length": {"min": 1}}})
    );
}

#[test]
fn default_values_are_default_traits() {
    let model = one(
        "$version: \"2\"\nnamespace a\nstructure S {\n    flag: Boolean = true\n    count: Integer = 0,\n    names: Names = []\n    @required\n    when: Timestamp = \"1985-04-12T23:20:50.52Z\"\n}\nlist Names {\n    member: String\n}\n",
    );
    let members = &shape(&model, "a#S")["members"];
    assert_eq!(members["flag"]["traits"]["smithy.api#default"], true);
    assert_eq!(members["count"]["traits"]["smithy.api#default"], 0);
    assert_eq!(members["names"]["traits"]["smithy.api#default"], json!([]));
    assert_eq!(
        members["when"]["traits"],
        json!({"smithy.api#default": "1985-04-12T23:20:50.52Z", "smithy.api#required": {}})
    );
}

#[test]
fn node_values_of_every_kind() {
    let model = one(concat!(
        "$version: \"2\"\nnamespace a\n\n@trait\ndocument data\n\n",
        "@data({\n",
        "    // comments and commas are whitespace\n",
        "    int: -12, float: 1.5, exp: 1e3, negexp: -2.5E-2, zero: 0\n",
        "    bools: [true, false, null,]\n",
        "    \"quoted key\": \"tab\\tquote\\\" slash\\/ \\u00e9 \\uD83D\\uDE00\"\n",
        "    nested: {empty: {}, list: [[], [1, [2]]]}\n",
        "    block: \"\"\"\n",
        "        <p>\n",
        "            \"Hi\" \\\n",
        "            there\n",
        "        </p>\n",
        "        \"\"\"\n",
        "    id: String\n",
        "})\n",
        "string S\n",
    ));
    let mut data = shape(&model, "a#S")["traits"]["a#data"].clone();
    // Numbers keep their digits; exponents are compared by value.
    for (key, value) in [("exp", 1000.0), ("negexp", -0.025)] {
        assert_eq!(data[key].as_f64(), Some(value), "{key}");
        data[key] = json!(value);
    }
    assert_eq!(
        data,
        json!({
            "int": -12, "float": 1.5, "exp": 1000.0, "negexp": -0.025, "zero": 0,
            "bools": [true, false, null],
            "quoted key": "tab\tquote\" slash/ é 😀",
            "nested": {"empty": {}, "list": [[], [1, [2]]]},
            // Escapes expand after the indentation is removed: the escaped
            // line break joins "there" with its remaining indentation.
            "block": "<p>\n    \"Hi\"     there\n</p>\n",
            "id": "smithy.api#String",
        })
    );
}

#[test]
fn trait_values_without_braces_and_annotations() {
    let model = one(
        "$version: \"2\"\nnamespace a\n\n@trait\nlist marks {\n    member: String\n}\n\n@trait\nstring label\n\n@length(min: 1, \"max\": 5)\n@tags\n@marks()\n@label\n@unknown.ns#thing\n@sensitive()\n@pattern(\"^x$\")\n@since(\"1.0\")\nstring S\n",
    );
    assert_eq!(
        shape(&model, "a#S")["traits"],
        json!({
            "smithy.api#length": {"min": 1, "max": 5},
            "smithy.api#tags": [],
            "a#marks": [],
            "a#label": null,
            "unknown.ns#thing": {},
            "smithy.api#sensitive": {},
            "smithy.api#pattern": "^x$",
            "smithy.api#since": "1.0",
        })
    );
}

#[test]
fn documentation_comments_apply_only_before_traits() {
    let model = one(concat!(
        "$version: \"2\"\nnamespace a\n\n",
        "/// First shape,\n///   indented line.\n// a plain comment between\n///\n/// after an empty line\n@sensitive\nstring A\n\n",
        "@sensitive\n/// Not documentation: after the traits.\nstring B\n\n",
        "structure C {\n    /// Member docs.\n    @required\n    m: String\n\n    ///Without a space.\n    n: String\n}\n\n",
        "enum E {\n    /// Enum member docs.\n    X\n}\n\n",
        "/// Dangling at the end of the file.\n",
    ));
    assert_eq!(
        shape(&model, "a#A")["traits"]["smithy.api#documentation"],
        "First shape,\n  indented line.\n\nafter an empty line"
    );
    assert!(shape(&model, "a#B")["traits"]
        .get("smithy.api#documentation")
        .is_none());
    let c = &shape(&model, "a#C")["members"];
    assert_eq!(c["m"]["traits"]["smithy.api#documentation"], "Member docs.");
    assert_eq!(
        c["n"]["traits"]["smithy.api#documentation"],
        "Without a space."
    );
    assert_eq!(
        shape(&model, "a#E")["members"]["X"]["traits"]["smithy.api#documentation"],
        "Enum member docs."
    );
}

#[test]
fn idl_1_files_load_as_smithy_loads_them() {
    let model = one(
        "$version: \"1.0\"\nnamespace a\n\nset Tags {\n    member: String\n}\n\ninteger Count\n\n@box\ninteger MaybeCount\n\nstructure S {\n    primitive: PrimitiveInteger\n    boxed: Integer\n    count: Count\n    maybe: MaybeCount\n    @box\n    explicitlyBoxed: Count\n    flag: PrimitiveBoolean\n    text: String\n}\n",
    );
    assert_eq!(
        *shape(&model, "a#Tags"),
        json!({"type": "list", "member": {"target": "smithy.api#String"}, "traits": {"smithy.api#uniqueItems": {}}})
    );
    assert_eq!(
        shape(&model, "a#Count")["traits"],
        json!({"smithy.api#default": 0})
    );
    assert_eq!(
        shape(&model, "a#MaybeCount")["traits"],
        json!({"smithy.api#box": {}})
    );
    let members = &shape(&model, "a#S")["members"];
    let default = |m: &str| members[m]["traits"].get("smithy.api#default").cloned();
    assert_eq!(default("primitive"), Some(json!(0)));
    assert_eq!(default("boxed"), None);
    assert_eq!(default("count"), Some(json!(0)));
    assert_eq!(default("maybe"), None);
    assert_eq!(default("explicitlyBoxed"), Some(Value::Null));
    assert_eq!(default("flag"), Some(json!(false)));
    assert_eq!(default("text"), None);
}

#[test]
fn idl_and_json_ast_files_assemble_together() {
    let model = flat(&[
        (
            "a.smithy",
            "$version: \"2\"\nnamespace a\nstructure S with [b#Mixin] {\n    fromJson: b#Json\n}\n",
        ),
        (
            "b.json",
            r#"{"smithy": "2.0", "shapes": {
                "b#Json": {"type": "string"},
                "b#Mixin": {"type": "structure", "members": {"m": {"target": "smithy.api#String"}},
                            "traits": {"smithy.api#mixin": {}}},
                "a#S$fromJson": {"type": "apply", "traits": {"smithy.api#required": {}}}
            }}"#,
        ),
    ]);
    assert_eq!(
        shape(&model, "a#S")["members"],
        json!({
            "m": {"target": "smithy.api#String"},
            "fromJson": {"target": "b#Json", "traits": {"smithy.api#required": {}}},
        })
    );
}

#[test]
fn the_same_shape_in_two_files_merges_its_traits() {
    let same = "$version: \"2\"\nnamespace a\nstructure S {\n    m: String\n}\n";
    let model = ast(&[
        ("one.smithy", same),
        (
            "two.smithy",
            "$version: \"2\"\nnamespace a\n@sensitive\nstructure S {\n    m: String\n}\n",
        ),
    ]);
    assert_eq!(
        shape(&model, "a#S")["traits"],
        json!({"smithy.api#sensitive": {}})
    );
}

#[test]
fn output_is_smithys_form_and_deterministic() {
    let text = "$version: \"2\"\nnamespace a\n\nstructure Z {\n    zeta: String\n    alpha: String\n}\n\nservice S {\n    operations: [b, A, C]\n}\noperation A {}\noperation b {}\noperation C {}\n";
    let load = || {
        codegen::load::assemble_texts(files(&[("m.smithy", text)]))
            .expect("loads")
            .to_json(false)
    };
    let printed = load();
    assert_eq!(printed, load());
    assert!(printed.starts_with("{\n    \"smithy\": \"2.0\",\n    \"shapes\": {\n"));
    assert!(
        !printed.contains("smithy.api#String\": {"),
        "prelude shapes are left out"
    );
    assert!(
        printed.find("\"zeta\"") < printed.find("\"alpha\""),
        "members keep their order"
    );
    assert!(
        printed.find("\"a#A\"") < printed.find("\"a#Z\""),
        "shapes are sorted"
    );
    let model: Value = serde_json::from_str(&printed).expect("JSON");
    assert_eq!(
        shape(&model, "a#S")["operations"],
        json!([{"target": "a#A"}, {"target": "a#b"}, {"target": "a#C"}]),
        "references sort as Smithy sorts shape IDs, ignoring case"
    );
}

#[test]
fn the_flattened_model_is_what_the_generator_reads() {
    let model = codegen::load::assemble_texts(files(&[("m.smithy", MIXINS)])).expect("loads");
    let printed = model.to_json(true);
    let from_json = codegen::load::from_str(&printed).expect("our JSON AST reads back");
    let direct = model.into_ast();
    assert_eq!(format!("{direct:?}"), format!("{from_json:?}"));
}

#[test]
fn apply_to_a_member_the_shape_does_not_inherit_is_an_error() {
    assert_eq!(
        error(&[(
            "m.smithy",
            "$version: \"2\"\nnamespace a\nstructure S {}\napply S$x @required\n"
        )]),
        "m.smithy:4:12: cannot apply smithy.api#required to a#S$x: a#S has no member named x"
    );
}

/// `tests/models/idl/valid/widgets/`: two IDL files and a JSON AST file,
/// with `use`, inline input and output, a `for` resource, elided targets,
/// mixins, `apply`, defaults, enums and documentation comments.
fn widgets() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("models/idl/valid/widgets")
}

#[test]
fn a_crate_generates_from_idl_as_from_the_json_ast_it_prints() {
    let generator = codegen::Generator::new().with_package("widgets");
    let from_idl = generator
        .generate_paths(&[widgets()])
        .unwrap_or_else(|e| panic!("{e}"));
    let printed = codegen::load::assemble_paths(&[widgets()])
        .expect("loads")
        .to_json(true);
    let dir = tempfile::tempdir().expect("temporary folder");
    let json = dir.path().join("widgets.json");
    std::fs::write(&json, printed).expect("write");
    let from_json = generator.generate_path(&json).expect("generates");
    assert!(
        from_idl == from_json,
        "IDL and its JSON AST generate different crates"
    );
    for file in [
        "src/operation/get_widget/get_widget_input.rs",
        "src/operation/list_widgets/list_widgets_output.rs",
        "src/types/widget_kind.rs",
        "src/types/error/not_found.rs",
    ] {
        assert!(from_idl.get(file).is_some(), "{file} is generated");
    }
    let request = from_idl
        .get("src/operation/get_widget/get_widget_input.rs")
        .expect("generated");
    assert!(request.contains("trace_id"), "the mixin's member is there");
    assert!(
        request.contains("A trace ID that the service logs."),
        "the member applied to through the mixin keeps its documentation"
    );
}
