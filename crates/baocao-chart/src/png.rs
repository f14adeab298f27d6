//! A chart's SVG as a PNG picture, for formats that embed pictures
//! rather than SVG (the Word report).
//!
//! `resvg` draws it with the fonts in `fonts/` (Liberation Serif, which
//! has Times New Roman's metrics and Vietnamese letters), loaded once per
//! process; never the machine's fonts, so a report gives the same pixels
//! on every machine, and a machine without fonts still labels its charts.

use std::sync::{Arc, OnceLock};

use resvg::{tiny_skia, usvg};

/// The fonts charts are rasterized in.
const FONTS: [&[u8]; 2] = [
    include_bytes!("../fonts/LiberationSerif-Regular.ttf"),
    include_bytes!("../fonts/LiberationSerif-Bold.ttf"),
];

/// The family every `font-family` of a chart falls back to.
const FAMILY: &str = "Liberation Serif";

fn options() -> &'static usvg::Options<'static> {
    static OPTIONS: OnceLock<usvg::Options<'static>> = OnceLock::new();
    OPTIONS.get_or_init(|| {
        let mut db = usvg::fontdb::Database::new();
        for font in FONTS {
            db.load_font_data(font.to_vec());
        }
        db.set_serif_family(FAMILY);
        db.set_sans_serif_family(FAMILY);
        usvg::Options {
            font_family: FAMILY.to_owned(),
            fontdb: Arc::new(db),
            ..usvg::Options::default()
        }
    })
}

/// `svg` drawn `scale` times its size (2: a 640-unit chart is 1280
/// pixels wide, about 200 dpi at 16 cm), on white, as PNG bytes.
pub fn png(svg: &str, scale: u32) -> Result<Vec<u8>, String> {
    let tree = usvg::Tree::from_str(svg, options()).map_err(|e| format!("the chart's SVG: {e}"))?;
    let size = tree.size().to_int_size();
    let (w, h) = (
        size.width().saturating_mul(scale),
        size.height().saturating_mul(scale),
    );
    let mut pixmap = tiny_skia::Pixmap::new(w, h)
        .ok_or_else(|| format!("a picture of {w} × {h} pixels cannot be made"))?;
    pixmap.fill(tiny_skia::Color::WHITE);
    // A whole scale, given as the float tiny-skia's transform takes.
    let s = u16::try_from(scale).map(f32::from).unwrap_or(1.0);
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(s, s),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|e| format!("the chart as PNG: {e}"))
}
