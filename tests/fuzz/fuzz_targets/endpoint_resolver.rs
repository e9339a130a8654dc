//! Any region, endpoint URL and flags through the endpoint rules: an endpoint
//! whose URL parses, or an error that says what is wrong; never a panic.

#![no_main]

use aws_lambda_client::endpoint::{resolve, Params};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((flags, rest)) = data.split_first() else { return };
    let text = String::from_utf8_lossy(rest);
    let (region, endpoint) = text.split_once('\u{0}').unwrap_or((&text, ""));
    let mut params = Params::default();
    params.region = (flags & 1 != 0).then(|| region.to_owned());
    params.endpoint = (flags & 2 != 0).then(|| endpoint.to_owned());
    params.use_fips = flags & 4 != 0;
    params.use_dual_stack = flags & 8 != 0;
    match resolve(&params) {
        Ok(endpoint) => {
            let uri: http::Uri = endpoint
                .url()
                .parse()
                .unwrap_or_else(|e| panic!("resolved {:?}, not a URL: {e}", endpoint.url()));
            assert!(uri.scheme().is_some() && uri.host().is_some(), "{uri}");
        }
        Err(e) => assert!(!e.message().is_empty(), "an endpoint error says what is wrong"),
    }
});
