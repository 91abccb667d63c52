//! Documents sent as files: the PDFs (fiches, booklet, agendas, door sheets, grid).

use axum::http::header;
use axum::response::{IntoResponse, Response};
use passerelle_app::documents::Pdf;

/// A PDF response: opened in the browser (`inline`) or saved (`attachment`) under its own name.
pub fn pdf_response(pdf: Pdf, disposition: &str) -> Response {
    (
        [
            (header::CONTENT_TYPE, "application/pdf".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("{disposition}; filename=\"{}\"", pdf.file_name),
            ),
            // Rendered again when what it prints changes: a browser asks each time.
            (header::CACHE_CONTROL, "no-cache".to_string()),
        ],
        pdf.data,
    )
        .into_response()
}
