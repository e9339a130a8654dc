//! Finds the structure members that must be boxed: a member whose target can
//! reach the member's own structure again without passing through a list or a
//! map (which already allocate) would make the type infinitely large.

use std::collections::{BTreeMap, BTreeSet};

/// `direct[s]` lists the structures that structure `s` holds directly (not
/// through a list or map). Returns, for every structure, the set of targets
/// that must be boxed.
pub fn boxed_targets(direct: &BTreeMap<String, Vec<String>>) -> BTreeSet<(String, String)> {
    let mut boxed = BTreeSet::new();
    for (owner, targets) in direct {
        for target in targets {
            if reaches(direct, target, owner) {
                boxed.insert((owner.clone(), target.clone()));
            }
        }
    }
    boxed
}

/// Whether `from` reaches `to` through direct holdings (including `from == to`).
fn reaches(direct: &BTreeMap<String, Vec<String>>, from: &str, to: &str) -> bool {
    let mut seen = BTreeSet::new();
    let mut stack = vec![from];
    while let Some(node) = stack.pop() {
        if node == to {
            return true;
        }
        if seen.insert(node) {
            if let Some(next) = direct.get(node) {
                stack.extend(next.iter().map(String::as_str));
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn graph(edges: &[(&str, &str)]) -> BTreeMap<String, Vec<String>> {
        let mut g: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (a, b) in edges {
            g.entry(a.to_string()).or_default().push(b.to_string());
        }
        g
    }

    #[test]
    fn self_reference_is_boxed() {
        let boxed = boxed_targets(&graph(&[("A", "A")]));
        assert!(boxed.contains(&("A".into(), "A".into())));
    }

    #[test]
    fn both_edges_of_a_two_cycle_are_boxed() {
        let boxed = boxed_targets(&graph(&[("A", "B"), ("B", "A"), ("B", "C")]));
        assert!(boxed.contains(&("A".into(), "B".into())));
        assert!(boxed.contains(&("B".into(), "A".into())));
        assert!(!boxed.contains(&("B".into(), "C".into())));
    }

    #[test]
    fn acyclic_graph_boxes_nothing() {
        assert!(boxed_targets(&graph(&[("A", "B"), ("B", "C"), ("A", "C")])).is_empty());
    }
}
