//! Fuzz the FlowZap parser (and, for inputs that parse, the renderer):
//! `cargo +nightly fuzz run parse`. Not run in CI (it needs nightly).
#![no_main]

use libfuzzer_sys::fuzz_target;


fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else { return };
    let parsed = flowzap::parse(src);
    for d in &parsed.diagnostics {
        assert!(d.span.end <= src.len());
        let _ = d.render(src, "fuzz.fz", false);
    }
    if !parsed.has_errors() {
        let _ = flowzap::graph::to_json(&parsed.diagram);
        let _ = flowzap::render_svg(&parsed.diagram, src);
    }
});
