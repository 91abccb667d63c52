//! Attachments: bytes kept exactly, lists without bytes, the count bound inside the transaction, and the
//! bytes gone with the attachment, its irritant or its company.

use super::*;
use passerelle_storage::{AttachmentOwner, Error, NewAttachment, storage_test};
use time::OffsetDateTime;

fn at() -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(1_780_000_000).unwrap()
}

fn new<'a>(
    owner: AttachmentOwner,
    name: &'a str,
    data: &'a [u8],
    by: Option<UserId>,
) -> NewAttachment<'a> {
    NewAttachment {
        owner,
        file_name: name,
        kind: "pdf",
        sha256: "00",
        uploaded_by: by,
        uploaded_at: at(),
        data,
    }
}

async fn count(storage: &Storage) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM attachments")
        .fetch_one(storage.pool())
        .await
        .unwrap()
}

storage_test!(
    attachments_keep_their_bytes_and_go_with_their_owner,
    |storage| {
        let univ = org(
            &storage,
            "Université de Nîmes",
            OrganisationKind::Institution,
        )
        .await;
        let company = org(&storage, "Datacampus", OrganisationKind::Company).await;
        let author = user_in(
            &storage,
            "auteur@unimes.example",
            &univ,
            Role::InstitutionMember,
        )
        .await;
        let ed = edition(&storage, "ed", Phase::CallForIrritants).await;
        let irritant = storage
            .create_irritant(
                ed.id,
                univ.id,
                Some(author.id),
                &IrritantContent::new(IrritantTitle::parse("Plan du campus").unwrap()),
            )
            .await
            .unwrap();
        let on_irritant = AttachmentOwner::Irritant(irritant.id);
        let on_company = AttachmentOwner::Company(company.id);
        // Every byte value, and a NUL in the middle: a blob, not text.
        let bytes: Vec<u8> = (0..=255u8).cycle().take(70_000).collect();
        let mut tx = storage.begin().await.unwrap();
        let a = tx
            .add_attachment(&new(on_irritant, "plan.pdf", &bytes, Some(author.id)), 2)
            .await
            .unwrap();
        let b = tx
            .add_attachment(&new(on_irritant, "annexe.pdf", b"%PDF-1.4", None), 2)
            .await
            .unwrap();
        // The third is refused in the transaction that would add it.
        assert!(matches!(
            tx.add_attachment(&new(on_irritant, "trop.pdf", b"%PDF-1.4", None), 2)
                .await,
            Err(Error::Conflict("attachment-too-many"))
        ));
        tx.add_attachment(
            &new(
                on_company,
                "fiche-produit.pdf",
                b"%PDF-1.7",
                Some(author.id),
            ),
            2,
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();

        assert_eq!(
            storage.attachment_data(a.id).await.unwrap(),
            Some(bytes.clone())
        );
        assert_eq!(storage.get_attachment(a.id).await.unwrap(), Some(a.clone()));
        assert_eq!(a.size, 70_000);
        let listed = storage.list_attachments(on_irritant).await.unwrap();
        assert_eq!(
            listed
                .iter()
                .map(|x| x.file_name.as_str())
                .collect::<Vec<_>>(),
            ["annexe.pdf", "plan.pdf"]
        );
        assert_eq!(storage.list_attachments(on_company).await.unwrap().len(), 1);
        let mine = storage.attachments_uploaded_by(author.id).await.unwrap();
        assert_eq!(mine.len(), 2);

        // Deleting the attachment deletes its bytes.
        let mut tx = storage.begin().await.unwrap();
        assert!(tx.delete_attachment(b.id).await.unwrap());
        assert!(!tx.delete_attachment(b.id).await.unwrap());
        tx.commit().await.unwrap();
        assert_eq!(storage.attachment_data(b.id).await.unwrap(), None);
        assert_eq!(count(&storage).await, 2);

        // The account goes: the files stay with their organisations, without their sender.
        storage.delete_user(author.id).await.unwrap();
        assert_eq!(
            storage
                .get_attachment(a.id)
                .await
                .unwrap()
                .unwrap()
                .uploaded_by,
            None
        );

        // The irritant goes, then the company: their bytes go with them.
        sqlx::query("DELETE FROM irritants WHERE id = $1")
            .bind(irritant.id.to_string())
            .execute(storage.pool())
            .await
            .unwrap();
        assert_eq!(storage.attachment_data(a.id).await.unwrap(), None);
        assert_eq!(count(&storage).await, 1);
        sqlx::query("DELETE FROM organisations WHERE id = $1")
            .bind(company.id.to_string())
            .execute(storage.pool())
            .await
            .unwrap();
        assert_eq!(count(&storage).await, 0);
    }
);
