//! Any text as a model: the generator returns files or an error, never
//! panics. The AWS partitions data is given, so that endpoint rule sets reach
//! the emitter instead of stopping at the missing data.

#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

fn generator() -> &'static codegen::Generator {
    static GENERATOR: OnceLock<codegen::Generator> = OnceLock::new();
    GENERATOR.get_or_init(|| {
        let partitions = include_str!("../../../model/partitions.json");
        codegen::Generator::new().with_partitions(partitions)
    })
}

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Err(e) = generator().generate_str(text) {
            let _ = e.to_string();
        }
    }
});
