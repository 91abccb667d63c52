use qrcode::render::svg;
use qrcode::{EcLevel, QrCode};

/// A QR code for `url` as SVG (black on white, with the standard quiet zone), to print beside the link it
/// encodes. Medium error correction survives a folded or stained printout.
pub fn qr_svg(url: &str) -> Vec<u8> {
    let code = QrCode::with_error_correction_level(url.as_bytes(), EcLevel::M)
        .or_else(|_| QrCode::with_error_correction_level(url.as_bytes(), EcLevel::L))
        .expect("a URL of a page of ours fits in a QR code");
    code.render::<svg::Color<'_>>()
        .min_dimensions(200, 200)
        .build()
        .into_bytes()
}
