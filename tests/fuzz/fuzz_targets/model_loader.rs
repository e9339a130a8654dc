//! Any text as a model: the generator returns files or an error, never panics.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Err(e) = codegen::Generator::new().generate_str(text) {
            let _ = e.to_string();
        }
    }
});
