//! Sample files for the tests: one valid file of each accepted kind, and the hostile uploads (renamed
//! programs, polyglots, zip bombs, scripted SVG, active PDF), built in memory so that each test says what
//! its file is.

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;

use super::content::Kind;

/// A small one-page PDF.
pub fn pdf() -> Vec<u8> {
    b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n\
      2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n\
      3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj\n\
      trailer << /Root 1 0 R >>\n%%EOF\n"
        .to_vec()
}

fn picture() -> image::RgbImage {
    image::RgbImage::from_fn(24, 16, |x, y| {
        image::Rgb([(x * 10) as u8, (y * 15) as u8, 128])
    })
}

pub fn png() -> Vec<u8> {
    let mut out = Vec::new();
    image::DynamicImage::ImageRgb8(picture())
        .write_to(&mut Cursor::new(&mut out), image::ImageFormat::Png)
        .expect("a PNG");
    out
}

pub fn jpeg() -> Vec<u8> {
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85)
        .encode_image(&picture())
        .expect("a JPEG");
    out
}

/// The PNG with a `tEXt` chunk (`key`, `value`) after its header.
pub fn png_with_text(key: &str, value: &str) -> Vec<u8> {
    let png = png();
    // Signature (8) and IHDR (4 + 4 + 13 + 4).
    let at = 8 + 25;
    let mut body = key.as_bytes().to_vec();
    body.push(0);
    body.extend_from_slice(value.as_bytes());
    let mut chunk = (body.len() as u32).to_be_bytes().to_vec();
    let mut typed = b"tEXt".to_vec();
    typed.extend_from_slice(&body);
    chunk.extend_from_slice(&typed);
    chunk.extend_from_slice(&crc32(&typed).to_be_bytes());
    let mut out = png[..at].to_vec();
    out.extend_from_slice(&chunk);
    out.extend_from_slice(&png[at..]);
    out
}

/// The JPEG with an EXIF segment whose description is `text`.
pub fn jpeg_with_exif(text: &str) -> Vec<u8> {
    let jpeg = jpeg();
    let mut tiff = b"Exif\0\0MM\0\x2a\0\0\0\x08".to_vec();
    // One IFD entry: ImageDescription (0x010E), ASCII, its length, at offset 26 of the TIFF data.
    tiff.extend_from_slice(&[0, 1, 0x01, 0x0E, 0, 2]);
    tiff.extend_from_slice(&((text.len() + 1) as u32).to_be_bytes());
    tiff.extend_from_slice(&26u32.to_be_bytes());
    tiff.extend_from_slice(&[0, 0, 0, 0]);
    tiff.extend_from_slice(text.as_bytes());
    tiff.push(0);
    let mut out = jpeg[..2].to_vec();
    out.extend_from_slice(&[0xFF, 0xE1]);
    out.extend_from_slice(&((tiff.len() + 2) as u16).to_be_bytes());
    out.extend_from_slice(&tiff);
    out.extend_from_slice(&jpeg[2..]);
    out
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for b in data {
        crc ^= u32::from(*b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

fn zip_of(entries: &[(&str, &[u8])], method: zip::CompressionMethod) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(method);
    for (name, data) in entries {
        writer.start_file(*name, options).expect("an entry");
        writer.write_all(data).expect("written");
    }
    writer.finish().expect("a zip").into_inner()
}

fn content_types(main: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
         <Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
         <Default Extension=\"xml\" ContentType=\"application/xml\"/>\
         <Override PartName=\"/main.xml\" ContentType=\"{main}\"/></Types>"
    )
}

fn ooxml(main: &str, extra: &[(&str, &[u8])]) -> Vec<u8> {
    let types = content_types(main);
    let mut entries: Vec<(&str, &[u8])> = vec![
        ("[Content_Types].xml", types.as_bytes()),
        ("main.xml", b"<document>Plan du campus</document>"),
    ];
    entries.extend_from_slice(extra);
    zip_of(&entries, zip::CompressionMethod::Deflated)
}

pub fn docx() -> Vec<u8> {
    ooxml(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        &[],
    )
}

pub fn xlsx() -> Vec<u8> {
    ooxml(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        &[],
    )
}

/// A Word document with macros (`.docm`).
pub fn docm() -> Vec<u8> {
    ooxml(
        "application/vnd.ms-word.document.macroEnabled.main+xml",
        &[("word/vbaProject.bin", b"Attribute VB_Name")],
    )
}

/// An OpenDocument file: `mimetype` first and stored, as the format requires.
pub fn odf(kind: Kind) -> Vec<u8> {
    let mime = super::content::Kind::media_type(kind);
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let stored = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    writer.start_file("mimetype", stored).expect("mimetype");
    writer.write_all(mime.as_bytes()).expect("written");
    let deflated =
        SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    writer.start_file("content.xml", deflated).expect("content");
    writer
        .write_all(b"<office:document-content/>")
        .expect("written");
    writer.finish().expect("a zip").into_inner()
}

/// A zip archive that is no office document.
pub fn plain_zip() -> Vec<u8> {
    zip_of(&[("notes.txt", b"rien")], zip::CompressionMethod::Deflated)
}

/// A DOCX holding `copies` entries of `size` zero bytes each: a few kilobytes that unpack to
/// `copies × size`. The zeros are deflated once and the entry copied raw.
pub fn docx_bomb(size: usize, copies: usize) -> Vec<u8> {
    let zeros = vec![0u8; size];
    let one = ooxml(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        &[("word/media/zeros.bin", &zeros)],
    );
    let mut source = zip::ZipArchive::new(Cursor::new(one)).expect("the seed");
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for index in 0..source.len() {
        let entry = source.by_index_raw(index).expect("an entry");
        if entry.name().expect("a name") == "word/media/zeros.bin" {
            drop(entry);
            for copy in 0..copies {
                let entry = source.by_index_raw(index).expect("an entry");
                writer
                    .raw_copy_file_rename(entry, format!("word/media/zeros-{copy}.bin"))
                    .expect("copied");
            }
        } else {
            writer.raw_copy_file(entry).expect("copied");
        }
    }
    writer.finish().expect("a zip").into_inner()
}

/// A DOCX of `count` tiny entries.
pub fn docx_entries(count: usize) -> Vec<u8> {
    let names: Vec<String> = (0..count).map(|i| format!("word/part-{i}.xml")).collect();
    let extra: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), &b"<p/>"[..])).collect();
    ooxml(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        &extra,
    )
}

/// The archive with every uncompressed size it declares (local and central headers) set to 10 bytes.
pub fn lying_sizes(zip: &[u8]) -> Vec<u8> {
    let mut out = zip.to_vec();
    let mut i = 0;
    while i + 30 < out.len() {
        let offset = match &out[i..i + 4] {
            b"PK\x03\x04" => Some(22),
            b"PK\x01\x02" => Some(24),
            _ => None,
        };
        if let Some(offset) = offset {
            out[i + offset..i + offset + 4].copy_from_slice(&10u32.to_le_bytes());
        }
        i += 1;
    }
    out
}

/// An ELF program header (a renamed executable).
pub fn elf() -> Vec<u8> {
    let mut out = b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x02\0\x3e\0".to_vec();
    out.resize(512, 0);
    out
}

/// A Windows program (`MZ`, then the PE header).
pub fn pe() -> Vec<u8> {
    let mut out = b"MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xff".to_vec();
    out.resize(128, 0);
    out.extend_from_slice(b"PE\0\0");
    out.resize(512, 0);
    out
}

/// A valid JPEG with a zip archive appended (both readers open it).
pub fn jpeg_zip() -> Vec<u8> {
    let mut out = jpeg();
    out.extend_from_slice(&plain_zip());
    out
}

/// A PDF with a zip archive appended.
pub fn pdf_zip() -> Vec<u8> {
    let mut out = pdf();
    out.extend_from_slice(&plain_zip());
    out
}

/// A PDF whose first bytes are also a web page with a script.
pub fn pdf_html() -> Vec<u8> {
    let mut out = b"%PDF-1.4\n<html><script>alert(document.cookie)</script></html>\n".to_vec();
    out.extend_from_slice(&pdf()[9..]);
    out
}

/// A PDF that runs JavaScript when opened.
pub fn pdf_javascript() -> Vec<u8> {
    b"%PDF-1.4\n1 0 obj << /Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >> endobj\n\
      trailer << /Root 1 0 R >>\n%%EOF\n"
        .to_vec()
}

/// An SVG image with a script.
pub fn svg_script() -> Vec<u8> {
    b"<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\">\
      <script>alert(document.cookie)</script><rect width=\"10\" height=\"10\"/></svg>\n"
        .to_vec()
}
