//! Any bytes as a returned report PDF, the way the Land's aggregation meets them: reading the
//! embedded data answers with a result, never a panic, a hang or unbounded memory.

#![no_main]

use anbindungscheck::report::read;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = read::read_bytes(data);
});
