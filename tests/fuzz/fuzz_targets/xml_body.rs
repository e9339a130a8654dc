//! Any bytes as an awsQuery or ec2Query response body: the document reader
//! and the readers generated code calls give a value or an error, never a
//! panic, an entity expansion or a stack overflow; and the error code reader
//! never panics either.

#![no_main]

use libfuzzer_sys::fuzz_target;
use smithy_lean_runtime::primitives::TimestampFormat;
use smithy_lean_runtime::protocol::{query, xml};

/// Reads every element below `element` as each kind of member could be.
fn read_all(element: &xml::Element) {
    let _ = xml::string(element);
    let _ = xml::boolean(element);
    let _ = xml::integer::<i64>(element);
    let _ = xml::float::<f64>(element);
    let _ = xml::blob(element);
    for format in [
        TimestampFormat::DateTime,
        TimestampFormat::HttpDate,
        TimestampFormat::EpochSeconds,
    ] {
        let _ = xml::timestamp(element, format);
    }
    let _ = xml::list(element, "member", xml::string);
    let _ = xml::map(element, ("key", "value"), xml::string, xml::string);
    for child in element.children() {
        read_all(child);
    }
}

fuzz_target!(|data: &[u8]| {
    if let Ok(root) = xml::parse_document(data) {
        read_all(&root);
    }
    let _ = query::result_element(data, "Operation");
    let _ = query::ec2_result_element(data);
    let _ = query::error_element(data);
    let response = http::Response::builder()
        .status(400)
        .body(data.to_vec())
        .expect("a valid response");
    let _ = query::error_meta(&response);
});
