//! Blank lines where a person puts them: between items, between the groups
//! of imports, and after a file's inner attributes. `prettyplease` prints
//! none. Consecutive imports of one group and consecutive `mod x;`
//! declarations stay together; statements inside functions are untouched.

/// `text` (as `prettyplease` prints it) with blank lines between items.
pub fn spaced(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    // The kind of the last item that started at each indentation.
    let mut last_kind: Vec<Option<Kind>> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let depth = indent(line);
        if last_kind.len() <= depth {
            last_kind.resize(depth + 1, None);
        }
        let starts = starts_item(line);
        if starts {
            let kind = kind_at(&lines[i..], depth);
            if let Some(prev) = i.checked_sub(1).map(|p| lines[p]) {
                let after_inner_attrs =
                    prev.trim_start().starts_with("#![") && indent(prev) == depth;
                let after_item = indent(prev) == depth
                    && !prev.trim_start().starts_with("//")
                    && (prev.ends_with('}') || prev.ends_with(';'));
                let together =
                    last_kind[depth].is_some_and(|last| last == kind && kind.stays_together());
                if after_inner_attrs || (after_item && !together) {
                    out.push('\n');
                }
            }
            last_kind[depth] = Some(kind);
            last_kind.truncate(depth + 1);
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// What an item is, as far as grouping goes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A private import, by group: the standard library, other crates, this crate.
    Use(u8),
    /// A public re-export.
    PubUse,
    /// `mod x;`
    ModDecl,
    Other,
}

impl Kind {
    fn stays_together(self) -> bool {
        !matches!(self, Kind::Other)
    }
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start().len()
}

const ITEM_STARTS: &[&str] = &[
    "///",
    "#[",
    "pub ",
    "pub(",
    "fn ",
    "async fn ",
    "const ",
    "static ",
    "struct ",
    "enum ",
    "impl ",
    "impl<",
    "trait ",
    "mod ",
    "type ",
    "use ",
    "unsafe ",
    "extern ",
    "macro_rules!",
];

fn starts_item(line: &str) -> bool {
    let text = line.trim_start();
    ITEM_STARTS.iter().any(|start| text.starts_with(start))
}

/// The kind of the item whose first line (doc comment, attribute or
/// keyword) starts `lines`.
fn kind_at(lines: &[&str], depth: usize) -> Kind {
    let Some(line) = lines
        .iter()
        .map(|l| l.trim_start())
        .zip(lines.iter().map(|l| indent(l)))
        .find(|(l, d)| *d == depth && !l.starts_with("///") && !l.starts_with("#["))
        .map(|(l, _)| l)
    else {
        return Kind::Other;
    };
    if let Some(path) = line.strip_prefix("use ") {
        let root = path.split("::").next().unwrap_or_default();
        return Kind::Use(match root {
            "std" | "core" | "alloc" => 0,
            "crate" | "super" | "self" => 2,
            _ => 1,
        });
    }
    if line.starts_with("pub use ") || line.starts_with("pub(crate) use ") {
        return Kind::PubUse;
    }
    let declaration = line.strip_prefix("pub ").unwrap_or(line);
    if declaration.starts_with("mod ") && line.ends_with(';') {
        return Kind::ModDecl;
    }
    Kind::Other
}

#[cfg(test)]
mod tests {
    use super::spaced;

    #[test]
    fn items_get_blank_lines_and_groups_stay_together() {
        let text = "#![allow(x)]\nuse std::fmt;\nuse std::sync::Arc;\nuse serde::Serialize;\nuse crate::a::B;\nmod a;\nmod b;\n/// Doc.\npub struct A {\n    /// Field.\n    pub a: u8,\n    pub b: u8,\n}\nimpl A {\n    fn f() {\n        let x = 1;\n        let y = 2;\n    }\n    /// G.\n    fn g() {}\n}\n";
        let expected = "#![allow(x)]\n\nuse std::fmt;\nuse std::sync::Arc;\n\nuse serde::Serialize;\n\nuse crate::a::B;\n\nmod a;\nmod b;\n\n/// Doc.\npub struct A {\n    /// Field.\n    pub a: u8,\n    pub b: u8,\n}\n\nimpl A {\n    fn f() {\n        let x = 1;\n        let y = 2;\n    }\n\n    /// G.\n    fn g() {}\n}\n";
        assert_eq!(spaced(text), expected);
    }

    #[test]
    fn the_first_import_starts_its_group() {
        let text = "use std::error::Error;\nuse std::fmt;\nuse crate::A;\n";
        assert_eq!(
            spaced(text),
            "use std::error::Error;\nuse std::fmt;\n\nuse crate::A;\n"
        );
    }

    #[test]
    fn doc_comment_code_is_left_alone() {
        let text = "/// let a = 1;\n/// let b = 2;\nfn f() {}\n";
        assert_eq!(spaced(text), text);
    }
}
