//! What an uploaded file really is, decided from its bytes (never from its name or the browser's type),
//! and the file as it is kept: images decoded and encoded again (no EXIF, XMP, text chunks, nor anything
//! appended), the others as sent once checked. Pure functions: bytes in, a kind and bytes out, or the
//! reason for a refusal as a message code.

use std::io::{Cursor, Read};

use image::{ImageDecoder, ImageFormat, ImageReader, Limits};

/// The kinds of file accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Pdf,
    Png,
    Jpeg,
    Odt,
    Ods,
    Odp,
    Docx,
    Xlsx,
}

impl Kind {
    pub const ALL: [Kind; 8] = [
        Kind::Pdf,
        Kind::Png,
        Kind::Jpeg,
        Kind::Odt,
        Kind::Ods,
        Kind::Odp,
        Kind::Docx,
        Kind::Xlsx,
    ];

    /// The stored code (also the file name's extension).
    pub fn code(self) -> &'static str {
        match self {
            Kind::Pdf => "pdf",
            Kind::Png => "png",
            Kind::Jpeg => "jpg",
            Kind::Odt => "odt",
            Kind::Ods => "ods",
            Kind::Odp => "odp",
            Kind::Docx => "docx",
            Kind::Xlsx => "xlsx",
        }
    }

    pub fn parse(code: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The media type served (never one a browser would run: no HTML, SVG or script).
    pub fn media_type(self) -> &'static str {
        match self {
            Kind::Pdf => "application/pdf",
            Kind::Png => "image/png",
            Kind::Jpeg => "image/jpeg",
            Kind::Odt => "application/vnd.oasis.opendocument.text",
            Kind::Ods => "application/vnd.oasis.opendocument.spreadsheet",
            Kind::Odp => "application/vnd.oasis.opendocument.presentation",
            Kind::Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            Kind::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }
    }

    /// The label lists show ("PDF", "Image PNG"… are the same in both languages).
    pub fn label(self) -> &'static str {
        match self {
            Kind::Pdf => "PDF",
            Kind::Png => "PNG",
            Kind::Jpeg => "JPEG",
            Kind::Odt => "ODT",
            Kind::Ods => "ODS",
            Kind::Odp => "ODP",
            Kind::Docx => "DOCX",
            Kind::Xlsx => "XLSX",
        }
    }
}

/// Why a file is refused: each a message code of the `attachment-…` family.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// No file chosen, or an empty one.
    Missing,
    TooLarge,
    /// A program (ELF, PE, Mach-O, a script), whatever its name says.
    Executable,
    /// Also another format: a zip archive or web markup inside a PDF or an image.
    Polyglot,
    /// An archive that unpacks to more than the bound, or holds too many entries.
    ZipBomb,
    /// A PDF with JavaScript, a launch action or embedded files.
    ActivePdf,
    /// An SVG image (it may carry scripts).
    Svg,
    /// An office file with macros.
    Macros,
    /// Not one of the accepted types.
    Type,
    /// Claims a type but is damaged (an image that does not decode, an archive that does not open).
    Corrupt,
    /// A folder or drive in the file name.
    NamePath,
}

impl Refusal {
    pub fn code(self) -> &'static str {
        match self {
            Refusal::Missing => "attachment-missing",
            Refusal::TooLarge => "attachment-too-large",
            Refusal::Executable => "attachment-executable",
            Refusal::Polyglot => "attachment-polyglot",
            Refusal::ZipBomb => "attachment-zip-bomb",
            Refusal::ActivePdf => "attachment-active-pdf",
            Refusal::Svg => "attachment-svg",
            Refusal::Macros => "attachment-macros",
            Refusal::Type => "attachment-type",
            Refusal::Corrupt => "attachment-corrupt",
            Refusal::NamePath => "attachment-name-path",
        }
    }
}

/// Bounds on what a file may unpack to (archives) or decode to (images).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bounds {
    /// Total bytes an archive's entries may inflate to, counted while reading (declared sizes are not
    /// trusted).
    pub unpacked_bytes: u64,
    pub entries: usize,
    /// Largest width or height of an image, in pixels.
    pub pixels: u32,
}

impl Default for Bounds {
    fn default() -> Bounds {
        Bounds {
            unpacked_bytes: 100 * 1024 * 1024,
            entries: 2_000,
            pixels: 12_000,
        }
    }
}

/// A file as kept: its kind, and its bytes (images encoded again).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    pub kind: Kind,
    pub data: Vec<u8>,
}

/// Decides what `data` is and returns it as kept, or why it is refused.
pub fn inspect(data: &[u8], bounds: &Bounds) -> Result<Checked, Refusal> {
    if data.is_empty() {
        return Err(Refusal::Missing);
    }
    if is_executable(data) {
        return Err(Refusal::Executable);
    }
    let start = skip_text_prelude(data);
    if start.first() == Some(&b'<') {
        return Err(if contains_ci(data, b"<svg") {
            Refusal::Svg
        } else {
            Refusal::Type
        });
    }
    if data.starts_with(b"%PDF-") {
        no_second_format(data)?;
        if has_active_pdf_content(data) {
            return Err(Refusal::ActivePdf);
        }
        return Ok(Checked {
            kind: Kind::Pdf,
            data: data.to_vec(),
        });
    }
    if data.starts_with(b"\x89PNG\r\n\x1a\n") {
        no_second_format(data)?;
        return reencode(data, ImageFormat::Png, Kind::Png, bounds);
    }
    if data.starts_with(&[0xFF, 0xD8, 0xFF]) {
        no_second_format(data)?;
        return reencode(data, ImageFormat::Jpeg, Kind::Jpeg, bounds);
    }
    if data.starts_with(b"PK\x03\x04") {
        return office(data, bounds);
    }
    Err(Refusal::Type)
}

/// ELF, PE (`MZ`), Mach-O (both byte orders, fat binaries), Java classes and scripts (`#!`).
fn is_executable(data: &[u8]) -> bool {
    const MAGIC: [&[u8]; 8] = [
        b"\x7fELF",
        b"MZ",
        &[0xFE, 0xED, 0xFA, 0xCE],
        &[0xFE, 0xED, 0xFA, 0xCF],
        &[0xCE, 0xFA, 0xED, 0xFE],
        &[0xCF, 0xFA, 0xED, 0xFE],
        &[0xCA, 0xFE, 0xBA, 0xBE],
        b"#!",
    ];
    MAGIC.iter().any(|m| data.starts_with(m))
}

/// The bytes after a UTF-8 byte order mark and leading white space (where markup would begin).
fn skip_text_prelude(data: &[u8]) -> &[u8] {
    let data = data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(data);
    let at = data
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(data.len());
    &data[at..]
}

fn contains_ci(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle))
}

/// Markup a browser would run if it ever read the file as a page.
const MARKUP: [&[u8]; 8] = [
    b"<script",
    b"<html",
    b"<svg",
    b"<iframe",
    b"<!doctype html",
    b"<body",
    b"<object",
    b"javascript:",
];

/// Refuses a PDF or an image that is also a zip archive (its central directory opens) or carries web
/// markup: such a file means different things to different readers.
fn no_second_format(data: &[u8]) -> Result<(), Refusal> {
    if MARKUP.iter().any(|m| contains_ci(data, m)) {
        return Err(Refusal::Polyglot);
    }
    if zip::ZipArchive::new(Cursor::new(data)).is_ok() {
        return Err(Refusal::Polyglot);
    }
    Ok(())
}

/// PDF names that run something or carry files: JavaScript, launch actions, embedded files, forms that
/// submit. Names may hide letters as `#xx` escapes, which are decoded first. A cheap check of the bytes
/// as written: a name inside a compressed object stream is not seen.
fn has_active_pdf_content(data: &[u8]) -> bool {
    const NAMES: [&[u8]; 6] = [
        b"JavaScript",
        b"JS",
        b"Launch",
        b"EmbeddedFile",
        b"SubmitForm",
        b"ImportData",
    ];
    let mut i = 0;
    while i < data.len() {
        if data[i] != b'/' {
            i += 1;
            continue;
        }
        let mut name = Vec::new();
        let mut j = i + 1;
        while j < data.len() && is_name_char(data[j]) {
            if data[j] == b'#' && j + 2 < data.len() {
                let hex = std::str::from_utf8(&data[j + 1..j + 3])
                    .ok()
                    .and_then(|h| u8::from_str_radix(h, 16).ok());
                if let Some(b) = hex {
                    name.push(b);
                    j += 3;
                    continue;
                }
            }
            name.push(data[j]);
            j += 1;
        }
        if NAMES.iter().any(|n| name == *n) {
            return true;
        }
        i = j.max(i + 1);
    }
    false
}

/// A regular character of a PDF name (not white space nor a delimiter).
fn is_name_char(b: u8) -> bool {
    !b.is_ascii_whitespace()
        && !matches!(
            b,
            b'/' | b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'%' | 0
        )
        && b > b' '
        && b < 0x7F
}

/// Decodes the image within the bounds, then encodes it again: what is kept is the pixels only.
/// The EXIF orientation is applied first, so that a photo does not turn when its metadata goes.
fn reencode(
    data: &[u8],
    format: ImageFormat,
    kind: Kind,
    bounds: &Bounds,
) -> Result<Checked, Refusal> {
    let mut reader = ImageReader::with_format(Cursor::new(data), format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(bounds.pixels);
    limits.max_image_height = Some(bounds.pixels);
    limits.max_alloc = Some(512 * 1024 * 1024);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(|_| Refusal::Corrupt)?;
    let orientation = decoder.orientation().map_err(|_| Refusal::Corrupt)?;
    let mut picture = image::DynamicImage::from_decoder(decoder).map_err(|_| Refusal::Corrupt)?;
    picture.apply_orientation(orientation);
    let mut out = Vec::new();
    match kind {
        Kind::Jpeg => {
            let rgb = picture.to_rgb8();
            image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90)
                .encode_image(&rgb)
                .map_err(|_| Refusal::Corrupt)?;
        }
        _ => picture
            .write_to(&mut Cursor::new(&mut out), ImageFormat::Png)
            .map_err(|_| Refusal::Corrupt)?,
    }
    Ok(Checked { kind, data: out })
}

const OOXML_TYPES: [(&str, Kind); 2] = [
    (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        Kind::Docx,
    ),
    (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        Kind::Xlsx,
    ),
];

/// Main parts of the macro-enabled variants (`.docm`, `.xlsm`).
const OOXML_MACROS: [&str; 2] = [
    "application/vnd.ms-word.document.macroEnabled.main+xml",
    "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
];

const ODF_TYPES: [(&str, Kind); 3] = [
    ("application/vnd.oasis.opendocument.text", Kind::Odt),
    ("application/vnd.oasis.opendocument.spreadsheet", Kind::Ods),
    ("application/vnd.oasis.opendocument.presentation", Kind::Odp),
];

/// An OOXML (`[Content_Types].xml` naming a document or workbook main part) or ODF (`mimetype` first,
/// naming a text, spreadsheet or presentation) archive. Every entry is inflated through a bounded reader,
/// so that an archive that claims small sizes but unpacks to gigabytes is stopped at the bound.
fn office(data: &[u8], bounds: &Bounds) -> Result<Checked, Refusal> {
    let mut archive = zip::ZipArchive::new(Cursor::new(data)).map_err(|_| Refusal::Corrupt)?;
    if archive.len() > bounds.entries {
        return Err(Refusal::ZipBomb);
    }
    let mut budget = bounds.unpacked_bytes;
    let mut content_types = None;
    let mut mimetype = None;
    let mut macros = false;
    for index in 0..archive.len() {
        let mut entry = archive.by_index(index).map_err(|_| Refusal::Corrupt)?;
        if entry.encrypted() {
            return Err(Refusal::Corrupt);
        }
        let name = entry.name().map_err(|_| Refusal::Corrupt)?.into_owned();
        macros |= name.ends_with("vbaProject.bin");
        let keep = name == "[Content_Types].xml" || (index == 0 && name == "mimetype");
        let mut bytes = Vec::new();
        let read = if keep {
            (&mut entry)
                .take(budget + 1)
                .read_to_end(&mut bytes)
                .map(|n| n as u64)
        } else {
            std::io::copy(&mut (&mut entry).take(budget + 1), &mut std::io::sink())
        };
        // A read error here is a damaged stream or an entry longer than it claims.
        let read = read.map_err(|_| Refusal::Corrupt)?;
        if read > budget {
            return Err(Refusal::ZipBomb);
        }
        budget -= read;
        if keep && name == "mimetype" {
            mimetype = Some(bytes);
        } else if keep {
            content_types = Some(bytes);
        }
    }
    if let Some(mime) = mimetype {
        let mime = String::from_utf8_lossy(&mime);
        return ODF_TYPES
            .iter()
            .find(|(m, _)| mime.trim() == *m)
            .map(|(_, kind)| Checked {
                kind: *kind,
                data: data.to_vec(),
            })
            .ok_or(Refusal::Type);
    }
    let Some(types) = content_types else {
        return Err(Refusal::Type);
    };
    let types = String::from_utf8_lossy(&types);
    if macros || OOXML_MACROS.iter().any(|m| types.contains(m)) {
        return Err(Refusal::Macros);
    }
    OOXML_TYPES
        .iter()
        .find(|(m, _)| types.contains(&format!("ContentType=\"{m}\"")))
        .map(|(_, kind)| Checked {
            kind: *kind,
            data: data.to_vec(),
        })
        .ok_or(Refusal::Type)
}

/// Longest file name kept, in characters, before the extension.
pub const NAME_CHARS: usize = 100;

/// The name a file is kept and downloaded under: the sender's name without control, bidirectional or
/// invisible characters, bounded, with the extension of the detected type (whatever it claimed). A name
/// holding a folder or a drive is refused: browsers send the bare name, so a path is someone's tooling
/// or an attack.
pub fn file_name(raw: &str, kind: Kind) -> Result<String, Refusal> {
    if raw.contains(['/', '\\', ':']) || raw.trim() == ".." {
        return Err(Refusal::NamePath);
    }
    let cleaned: String = raw
        .chars()
        .filter(|c| !c.is_control() && !is_invisible(*c))
        .map(|c| match c {
            '<' | '>' | '"' | '|' | '?' | '*' => '_',
            c => c,
        })
        .collect();
    let cleaned = cleaned.trim().trim_matches('.');
    let stem = match cleaned.rsplit_once('.') {
        Some((stem, _)) => stem,
        None => cleaned,
    };
    let stem: String = stem.trim().chars().take(NAME_CHARS).collect();
    let stem = stem.trim().trim_end_matches('.');
    let stem = if stem.is_empty() {
        "piece-jointe"
    } else {
        stem
    };
    Ok(format!("{stem}.{}", kind.code()))
}

/// Bidirectional controls (which can make `exe.pdf` display as `fdp.exe`), zero-width characters and
/// the byte order mark.
fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{061C}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attachments::samples;

    fn bounds() -> Bounds {
        Bounds::default()
    }

    #[test]
    fn accepted_kinds_are_recognised_from_their_bytes() {
        for (data, kind) in [
            (samples::pdf(), Kind::Pdf),
            (samples::png(), Kind::Png),
            (samples::jpeg(), Kind::Jpeg),
            (samples::docx(), Kind::Docx),
            (samples::xlsx(), Kind::Xlsx),
            (samples::odf(Kind::Odt), Kind::Odt),
            (samples::odf(Kind::Ods), Kind::Ods),
            (samples::odf(Kind::Odp), Kind::Odp),
        ] {
            assert_eq!(inspect(&data, &bounds()).map(|c| c.kind), Ok(kind));
        }
    }

    #[test]
    fn hostile_files_are_refused_for_what_they_are() {
        let b = bounds();
        assert_eq!(inspect(&samples::elf(), &b), Err(Refusal::Executable));
        assert_eq!(inspect(&samples::pe(), &b), Err(Refusal::Executable));
        assert_eq!(
            inspect(b"#!/bin/sh\nrm -rf /\n", &b),
            Err(Refusal::Executable)
        );
        assert_eq!(inspect(&samples::jpeg_zip(), &b), Err(Refusal::Polyglot));
        assert_eq!(inspect(&samples::pdf_html(), &b), Err(Refusal::Polyglot));
        assert_eq!(inspect(&samples::pdf_zip(), &b), Err(Refusal::Polyglot));
        assert_eq!(inspect(&samples::svg_script(), &b), Err(Refusal::Svg));
        assert_eq!(
            inspect(&samples::pdf_javascript(), &b),
            Err(Refusal::ActivePdf)
        );
        assert_eq!(
            inspect(b"<html><body>x</body></html>", &b),
            Err(Refusal::Type)
        );
        assert_eq!(inspect(b"GIF89a....", &b), Err(Refusal::Type));
        assert_eq!(inspect(b"", &b), Err(Refusal::Missing));
        assert_eq!(inspect(&samples::docm(), &b), Err(Refusal::Macros));
        // A PNG signature on anything else.
        assert_eq!(
            inspect(b"\x89PNG\r\n\x1a\nnot an image", &b),
            Err(Refusal::Corrupt)
        );
        // A zip that is no office document.
        assert_eq!(inspect(&samples::plain_zip(), &b), Err(Refusal::Type));
    }

    #[test]
    fn archives_are_bounded_by_what_they_unpack_to_not_what_they_declare() {
        let small = Bounds {
            unpacked_bytes: 4 * 1024 * 1024,
            ..Bounds::default()
        };
        // 8 MiB of zeros deflate to a few kilobytes.
        assert_eq!(
            inspect(&samples::docx_bomb(8 * 1024 * 1024, 1), &small),
            Err(Refusal::ZipBomb)
        );
        let few = Bounds {
            entries: 50,
            ..Bounds::default()
        };
        assert_eq!(
            inspect(&samples::docx_entries(60), &few),
            Err(Refusal::ZipBomb)
        );
        assert_eq!(
            inspect(&samples::docx_entries(40), &few).map(|c| c.kind),
            Ok(Kind::Docx)
        );
        // Sizes in the central directory that lie (claim 10 bytes for megabytes) change nothing.
        let lying = inspect(
            &samples::lying_sizes(&samples::docx_bomb(8 * 1024 * 1024, 1)),
            &small,
        );
        assert!(
            matches!(lying, Err(Refusal::ZipBomb | Refusal::Corrupt)),
            "{lying:?}"
        );
    }

    #[test]
    fn escaped_pdf_names_are_decoded() {
        assert!(has_active_pdf_content(
            b"<< /S /J#61vaScript /JS (app.alert(1)) >>"
        ));
        assert!(has_active_pdf_content(
            b"<</OpenAction<</S/Launch/F(cmd.exe)>>>>"
        ));
        assert!(!has_active_pdf_content(b"<< /Type /Catalog /JSONish 1 >>"));
    }

    #[test]
    fn images_lose_their_metadata() {
        let png = samples::png_with_text("Author", "Jean Dupont, 12 rue des Lilas");
        let kept = inspect(&png, &bounds()).unwrap();
        assert!(!contains_ci(&kept.data, b"Dupont"));
        assert!(!contains_ci(&kept.data, b"tEXt"));
        let jpeg = samples::jpeg_with_exif("Jean Dupont");
        assert!(contains_ci(&jpeg, b"Dupont"));
        let kept = inspect(&jpeg, &bounds()).unwrap();
        assert_eq!(kept.kind, Kind::Jpeg);
        assert!(!contains_ci(&kept.data, b"Dupont"));
        assert!(!contains_ci(&kept.data, b"Exif"));
    }

    #[test]
    fn file_names_are_cleaned_and_take_the_detected_extension() {
        assert_eq!(
            file_name("schéma réseau.PNG", Kind::Png),
            Ok("schéma réseau.png".into())
        );
        assert_eq!(
            file_name("rapport.exe", Kind::Pdf),
            Ok("rapport.pdf".into())
        );
        assert_eq!(
            file_name("facture\u{202E}fdp.exe", Kind::Pdf),
            Ok("facturefdp.pdf".into())
        );
        assert_eq!(file_name("a\r\nb\u{0}.pdf", Kind::Pdf), Ok("ab.pdf".into()));
        assert_eq!(file_name("\"<x>\".pdf", Kind::Pdf), Ok("__x__.pdf".into()));
        assert_eq!(file_name("", Kind::Docx), Ok("piece-jointe.docx".into()));
        assert_eq!(file_name("...", Kind::Docx), Ok("piece-jointe.docx".into()));
        for path in [
            "../../etc/passwd.pdf",
            "C:\\x\\y.pdf",
            "dossier/plan.pdf",
            "..\\a.pdf",
            "c:plan.pdf",
        ] {
            assert_eq!(file_name(path, Kind::Pdf), Err(Refusal::NamePath), "{path}");
        }
        let long = file_name(&format!("{}.pdf", "é".repeat(400)), Kind::Pdf).unwrap();
        assert_eq!(long.chars().count(), NAME_CHARS + 4);
    }
}
