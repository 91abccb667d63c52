//! Attachments: the list pages (whoever may read the fiche or the profile), uploads (whoever may edit
//! it), downloads and deletions. A file a reader may not see is "not found" (404), never "forbidden":
//! its existence is not told. `{attachment}` is a fresh file on a fresh draft of the demo institution,
//! `{pub-attachment}` one on a published fiche, `{company-attachment}` one on the demo company's profile.

use passerelle_app::attachments::samples;
use passerelle_domain::IrritantId;
use passerelle_storage::{AttachmentOwner, NewAttachment, Storage};

use super::*;

const N: Expect = Expect::Status(404);

pub const CASES: &[Case] = &[
    get("/irritants/{draft}/pieces", [S, Y, Y, F, F, F, Y, F]),
    get("/irritants/{published}/pieces", PUBLIC),
    upload("/irritants/{draft}/pieces", [S, Y, Y, F, F, F, F, F]),
    // A published fiche is not edited any more, its files neither.
    upload(
        "/irritants/{published}/pieces",
        [S, Expect::Status(409), Expect::Status(409), F, F, F, F, F],
    ),
    get("/entreprises/{company}/pieces", [S, Y, Y, Y, Y, F, F, F]),
    upload("/entreprises/{company}/pieces", [S, Y, F, F, Y, F, F, F]),
    get("/pieces/{attachment}", [S, Y, Y, N, N, N, Y, N]),
    get("/pieces/{pub-attachment}", PUBLIC),
    get("/pieces/{company-attachment}", [S, Y, Y, Y, Y, N, N, N]),
    post(
        "/pieces/{attachment}/supprimer",
        &[],
        [S, Y, Y, N, N, N, F, N],
    ),
    post(
        "/pieces/{company-attachment}/supprimer",
        &[],
        [S, Y, F, F, Y, N, N, N],
    ),
];

/// A fresh attachment of `owner`, as its id.
pub async fn fresh(storage: &Storage, owner: AttachmentOwner) -> String {
    let mut tx = storage.begin().await.unwrap();
    let a = tx
        .add_attachment(
            &NewAttachment {
                owner,
                file_name: "matrice.pdf",
                kind: "pdf",
                sha256: "00",
                uploaded_by: None,
                uploaded_at: time::OffsetDateTime::now_utc(),
                data: &samples::pdf(),
            },
            100,
        )
        .await
        .unwrap();
    tx.commit().await.unwrap();
    a.id.to_string()
}

pub fn on(irritant: &str) -> AttachmentOwner {
    AttachmentOwner::Irritant(IrritantId::parse(irritant).unwrap())
}
