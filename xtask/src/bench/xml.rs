//! The seventh section: the XML readers the runtime could use for awsQuery,
//! ec2Query and restXml responses, side by side: quick-xml (the runtime's,
//! through its own reader), roxmltree and xml-rs, on the XML suites'
//! bodies, hostile input and speed (`xtask/bench/xml`).

use super::candidates::Comparison;
use super::Row;
use crate::Failure;

/// The candidates, the runtime's first, as `bench-xml` names them.
const READERS: &[&str] = &["quick-xml", "roxmltree", "xml-rs"];

pub(super) fn xml_readers() -> Result<Vec<Row>, Failure> {
    let c = Comparison::run(
        "xml",
        &[
            "awsQuery.json",
            "ec2Query.json",
            "restXml.json",
            "restXmlWithNamespace.json",
        ],
        "XML readers",
        READERS,
    )?;
    let mut rows = vec![
        c.suite_row("bodies of the awsQuery, ec2Query and restXml suites read into a tree"),
        c.hostile_row(
            "malformed and hostile inputs (entity expansion, external entities, deep nesting...)",
        ),
    ];
    rows.extend(c.time_rows(
        "xml_read_page_100",
        "read a 100-item list response into a tree",
    )?);
    Ok(rows)
}
