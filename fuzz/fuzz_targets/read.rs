//! Any bytes, read as a dataset file; what reads is computed for its last
//! periods and written as JSON. Nothing may panic (the stable fuzzer of
//! `crates/baocao-calc/tests/fuzz.rs` does the same on mutated datasets).

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match baocao_dataset::read_str(text, "fuzz.toml") {
        Ok(ds) => {
            let periods = ds.periods();
            for p in periods.iter().rev().take(3).chain(periods.first()) {
                let figures = baocao_calc::compute(&ds, *p);
                assert!(figures.to_json().ends_with("}\n"));
            }
        }
        Err(e) => assert!(!e.diagnostics.is_empty()),
    }
});
