//! Lay out every diagram in a folder and print the checker's report:
//! `cargo run --release --example check-corpus -- tests/corpus`.

fn main() {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "tests/corpus".to_string());
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{dir}: {e}"))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "fz"))
        .collect();
    files.sort();
    let (mut crossings, mut bends, mut area, mut defects, mut on_frames) = (0, 0, 0.0, 0, 0);
    let mut close = 0;
    for path in files {
        let src = std::fs::read_to_string(&path).unwrap_or_default();
        let parsed = flowzap::parse(&src);
        if parsed.has_errors() {
            continue;
        }
        let t = std::time::Instant::now();
        let layout = flowzap::layout(&parsed.diagram);
        let took = t.elapsed();
        let report = flowzap::check::check(&parsed.diagram, &layout);
        println!(
            "{:45} {:>5} crossings {:>3} bends {:>4} area {:>8.0} close {:>2}  {:?}",
            path.file_name().unwrap_or_default().to_string_lossy(),
            report.defects.len(),
            report.crossings,
            report.bends,
            report.area,
            report.close_parallels,
            took
        );
        for d in &report.defects {
            println!("    {d}");
        }
        crossings += report.crossings;
        bends += report.bends;
        area += report.area;
        defects += report.defects.len();
        on_frames += report.labels_on_frames;
        close += report.close_parallels;
    }
    println!(
        "total: {defects} defects, {crossings} crossings, {bends} bends, area {area:.0}, \
         {on_frames} edge labels on loop frames, {close} close parallels"
    );
}
