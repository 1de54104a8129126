//! Render a FlowZap diagram to PNG with resvg, to look at it without a
//! browser: `cargo run --release --example render-png -- IN.fz OUT.png [SCALE] [VIEW]`,
//! VIEW one of `workflow` (the default), `sequence`, `architecture`.
//! The bundled Inter is loaded first; CJK falls back to the system's fonts.

use resvg::{tiny_skia, usvg};

fn main() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let (Some(input), Some(output)) = (args.next(), args.next()) else {
        return Err("usage: render-png IN.fz OUT.png [SCALE] [VIEW]".to_string());
    };
    let scale: f32 = args.next().and_then(|s| s.parse().ok()).unwrap_or(1.0);
    let view: flowzap::View = match args.next() {
        Some(v) => v.parse()?,
        None => flowzap::View::Workflow,
    };
    let src = std::fs::read_to_string(&input).map_err(|e| format!("{input}: {e}"))?;
    let parsed = flowzap::parse(&src);
    if parsed.has_errors() {
        return Err(format!(
            "{input} has errors; run `zapdoc render {input}` to see them"
        ));
    }
    let english = flowzap::describe::English;
    let title = view.title(&parsed.diagram, &english);
    let svg = flowzap::view::render(
        &parsed.diagram,
        &src,
        view,
        &flowzap::svg::Options {
            title: &title,
            description: None,
            embed_style: true,
            decorative: false,
        },
        &english,
    );
    let mut opt = usvg::Options::default();
    opt.fontdb_mut()
        .load_font_data(flowzap::text::FONT_OTF.to_vec());
    opt.fontdb_mut().load_system_fonts();
    let tree = usvg::Tree::from_str(&svg, &opt).map_err(|e| e.to_string())?;
    let size = tree
        .size()
        .to_int_size()
        .scale_by(scale)
        .ok_or("empty diagram")?;
    let mut pixmap = tiny_skia::Pixmap::new(size.width(), size.height()).ok_or("empty diagram")?;
    pixmap.fill(tiny_skia::Color::WHITE);
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    pixmap
        .save_png(&output)
        .map_err(|e| format!("{output}: {e}"))
}
