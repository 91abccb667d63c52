//! typst as a library: a closed world (our templates and our fonts, nothing read from the disk or the
//! network) in which a template is compiled with its data and exported as a tagged PDF/UA-1 document.
//!
//! Data never enters the markup: it is handed over as typst values through `sys.inputs`, so a user's `#`,
//! `$`, `]` or `#eval(...)` is text to typeset, never code to run.

use std::sync::LazyLock;

use typst::diag::{FileError, FileResult, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Dict, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards};

/// The template modules, by their path inside the world. Templates import each other by these paths.
const MODULES: &[(&str, &str)] = &[
    ("/look.typ", include_str!("look.typ")),
    ("/fiche.typ", include_str!("fiche.typ")),
    ("/day.typ", include_str!("day.typ")),
    ("/dossier.typ", include_str!("dossier.typ")),
];

/// The templates' text: what a cache of rendered documents must fingerprint beside their data, so that
/// a new version of a template renders documents again.
pub fn template_sources() -> impl Iterator<Item = &'static str> {
    MODULES.iter().map(|(_, text)| *text)
}

/// The fonts of every Passerelle document, compiled into the binary.
const FONTS: &[&[u8]] = &[
    include_bytes!("../../fonts/Inter-Regular.otf"),
    include_bytes!("../../fonts/Inter-Italic.otf"),
    include_bytes!("../../fonts/Inter-SemiBold.otf"),
    include_bytes!("../../fonts/Inter-Bold.otf"),
];

static FONT_SET: LazyLock<(LazyHash<FontBook>, Vec<Font>)> = LazyLock::new(|| {
    let fonts: Vec<Font> = FONTS
        .iter()
        .flat_map(|data| Font::iter(Bytes::new(*data)))
        .collect();
    (LazyHash::new(FontBook::from_fonts(&fonts)), fonts)
});

/// A document could not be produced. Our templates are fixed and data cannot reach the markup, so this
/// is a bug (or a PDF/UA rule the data broke, such as an empty title): the message says which.
#[derive(Debug, thiserror::Error)]
#[error("PDF export failed: {0}")]
pub struct PdfError(String);

impl PdfError {
    fn from_diagnostics(diagnostics: &[SourceDiagnostic]) -> Self {
        PdfError(
            diagnostics
                .iter()
                .map(|d| d.message.as_str())
                .collect::<Vec<_>>()
                .join("; "),
        )
    }
}

/// What stands for a character no embedded font can draw: PDF/UA refuses a glyph-less character, and
/// the page online keeps the original.
const MISSING: char = '□';

/// `text` as the fonts can print it: control characters dropped (line breaks kept, tabs as spaces),
/// characters outside the fonts' coverage (emoji, scripts Inter lacks) shown as □.
pub(crate) fn printable(text: &str) -> String {
    let fonts = &FONT_SET.1;
    text.chars()
        .filter_map(|c| match c {
            '\n' => Some('\n'),
            '\t' => Some(' '),
            c if c.is_control() => None,
            c if fonts.iter().all(|f| f.info().coverage.contains(c as u32)) => Some(c),
            _ => Some(MISSING),
        })
        .collect()
}

fn file_id(path: &str) -> FileId {
    let vpath = VirtualPath::new(path).expect("template paths are valid virtual paths");
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

struct Closed {
    library: LazyHash<Library>,
    main: Source,
}

impl World for Closed {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &FONT_SET.0
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            return Ok(self.main.clone());
        }
        let path = id.get().vpath().get_with_slash();
        MODULES
            .iter()
            .find(|(p, _)| *p == path)
            .map(|(_, text)| Source::new(id, (*text).to_owned()))
            .ok_or_else(|| FileError::NotFound(path.into()))
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        self.source(id)
            .map(|s| Bytes::from_string(s.text().to_owned()))
    }

    fn font(&self, index: usize) -> Option<Font> {
        FONT_SET.1.get(index).cloned()
    }

    // Documents carry no "today": a date they show is data, so that the same data gives the same bytes.
    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        None
    }
}

/// Compiles `main` (typst source that imports the template modules) with `inputs` as `sys.inputs`, and
/// exports it as a tagged PDF checked against PDF/UA-1.
pub(crate) fn render(main: &str, inputs: Dict) -> Result<Vec<u8>, PdfError> {
    let world = Closed {
        library: LazyHash::new(Library::builder().with_inputs(inputs).build()),
        main: Source::new(file_id("/main.typ"), main.to_owned()),
    };
    let compiled = typst::compile::<PagedDocument>(&world).output;
    let result = compiled
        .map_err(|errors| PdfError::from_diagnostics(&errors))
        .and_then(|document| {
            let options = PdfOptions {
                standards: PdfStandards::new(&[PdfStandard::Ua_1])
                    .expect("PDF/UA-1 alone is a valid set of standards"),
                ..PdfOptions::default()
            };
            typst_pdf::pdf(&document, &options).map_err(|e| PdfError::from_diagnostics(&e))
        });
    // typst memoises across compilations; a server renders many documents, so old entries must go.
    comemo::evict(10);
    result
}
