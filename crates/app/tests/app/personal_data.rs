//! Personal data on the seeded demo, on both databases: the export holds each section with the person's
//! rows; an erasure leaves the person in no table (every text column of every table is searched for the
//! address, the name and the id), keeps what belongs to the organisations, is refused whole for the
//! last organiser; the retention purge deletes what is past its period on the injected clock; an
//! address-change link expires.

use passerelle_app::personal_data;
use passerelle_app::retention::{self, Purged};
use passerelle_storage::{NewInvitation, Storage, storage_test};
use time::Duration;

use super::*;

/// The demo's account for `role`, and the actor it signs in as.
async fn demo_person(storage: &Storage, role: Role) -> (passerelle_storage::User, Actor) {
    let account = passerelle_app::demo::accounts()
        .accounts
        .into_iter()
        .find(|a| a.role == role)
        .unwrap();
    let user = storage
        .find_user_by_email(&account.email)
        .await
        .unwrap()
        .unwrap();
    let actor = storage.actor(user.id).await.unwrap();
    (user, actor)
}

/// A fiche of the person's institution in the 2021 edition, written by them, with them as its contact.
async fn their_fiche(storage: &Storage, user: &passerelle_storage::User) -> IrritantId {
    let institution = storage.memberships(user.id).await.unwrap()[0].organisation;
    let edition = storage
        .edition_by_slug("rencontres-2021")
        .await
        .unwrap()
        .unwrap();
    let domain = storage.list_domains().await.unwrap()[0].slug.clone();
    let mut content = complete("Une fiche à leur nom", &[domain.as_str()]);
    content.contact_name = Some(user.display_name.clone());
    content.contact_email = Some(user.email.clone());
    storage
        .create_irritant(edition.id, institution, Some(user.id), &content)
        .await
        .unwrap()
        .id
}

/// Every (table, text column) of the schema.
async fn text_columns(storage: &Storage) -> Vec<(String, String)> {
    let sql = if storage.is_postgres() {
        "SELECT CAST(table_name AS TEXT) AS t, CAST(column_name AS TEXT) AS c FROM information_schema.columns \
         WHERE table_schema = current_schema() AND data_type = 'text' ORDER BY 1, 2"
    } else {
        "SELECT m.name AS t, p.name AS c FROM sqlite_master m JOIN pragma_table_info(m.name) p \
         WHERE m.type = 'table' AND upper(p.type) = 'TEXT' ORDER BY 1, 2"
    };
    use sqlx::Row;
    sqlx::query(sql)
        .fetch_all(storage.pool())
        .await
        .unwrap()
        .iter()
        .map(|r| (r.get::<String, _>("t"), r.get::<String, _>("c")))
        .filter(|(t, _)| !t.starts_with("_sqlx"))
        .collect()
}

/// Where `needle` still appears: `(table, column, rows)`.
async fn found(storage: &Storage, needle: &str) -> Vec<(String, String, i64)> {
    let mut hits = Vec::new();
    for (table, column) in text_columns(storage).await {
        let n: i64 = sqlx::query_scalar(&format!(
            "SELECT COUNT(*) FROM {table} WHERE lower({column}) LIKE $1"
        ))
        .bind(format!("%{}%", needle.to_lowercase()))
        .fetch_one(storage.pool())
        .await
        .unwrap();
        if n > 0 {
            hits.push((table, column, n));
        }
    }
    hits
}

storage_test!(an_export_holds_what_is_kept_about_the_person, |storage| {
    let app = demo_app(&storage);
    passerelle_app::demo::seed(&app).await.unwrap().unwrap();
    let (user, actor) = demo_person(&storage, Role::InstitutionMember).await;
    let fiche = their_fiche(&storage, &user).await;
    // A diagram they attached to it (the 2021 edition is closed now: stored as it was then); in their
    // export, though the file stays with the institution.
    let pdf = b"%PDF-1.4\n%%EOF\n";
    let mut tx = storage.begin().await.unwrap();
    tx.add_attachment(
        &passerelle_storage::NewAttachment {
            owner: passerelle_storage::AttachmentOwner::Irritant(fiche),
            file_name: "schema-actuel.pdf",
            kind: "pdf",
            sha256: "0",
            uploaded_by: Some(user.id),
            uploaded_at: START,
            data: pdf,
        },
        10,
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let export = personal_data::export_mine(&app, &actor).await.unwrap();
    let json = export.to_json();
    assert_eq!(json["format"], "passerelle-personal-data");
    let sections = json["sections"].as_object().unwrap();
    for key in [
        "account",
        "memberships",
        "sessions",
        "sign_in_identities",
        "irritants",
        "wishes",
        "meetings",
        "ratings",
        "mails",
        "audit",
    ] {
        assert!(sections.contains_key(key), "section {key}");
    }
    assert_eq!(sections["account"][0]["email"], user.email.as_str());
    assert_eq!(sections["account"][0]["has_password"], true);
    assert!(
        sections["account"][0]["created_at"]
            .as_str()
            .unwrap()
            .ends_with('Z'),
        "times are RFC 3339 in UTC"
    );
    assert!(!sections["memberships"].as_array().unwrap().is_empty());
    let irritants = sections["irritants"].as_array().unwrap();
    assert_eq!(irritants.len(), 1, "the fiche they wrote");
    assert_eq!(irritants[0]["id"], fiche.to_string());
    assert_eq!(irritants[0]["authored"], true);
    assert_eq!(irritants[0]["contact_email"], user.email.as_str());
    let attachments = sections["attachments"].as_array().unwrap();
    assert_eq!(attachments.len(), 1, "the file they attached");
    assert_eq!(attachments[0]["file_name"], "schema-actuel.pdf");
    assert_eq!(attachments[0]["kind"], "pdf");
    assert_eq!(attachments[0]["irritant"], "Une fiche à leur nom");
    assert_eq!(attachments[0]["size"], pdf.len());
    // Another person asks nothing of it; an organiser answers a request, a member may not.
    let (organiser, organiser_actor) = demo_person(&storage, Role::Organiser).await;
    let theirs = personal_data::export_of(&app, &organiser_actor, user.id)
        .await
        .unwrap();
    assert_eq!(theirs.to_json()["sections"], json["sections"]);
    assert!(matches!(
        personal_data::export_of(&app, &actor, organiser.id).await,
        Err(passerelle_app::Error::Denied(_))
    ));
});

storage_test!(
    an_erased_person_is_in_no_table_and_their_work_stays,
    |storage| {
        let app = demo_app(&storage);
        passerelle_app::demo::seed(&app).await.unwrap().unwrap();
        let (user, actor) = demo_person(&storage, Role::InstitutionMember).await;
        let institution = storage.memberships(user.id).await.unwrap()[0].organisation;
        let fiche = their_fiche(&storage, &user).await;
        let irritants_before = storage
            .list_irritants_by_organisation(institution)
            .await
            .unwrap()
            .len();
        // A session and an address change in progress, so that every kind of row is there.
        storage
            .session_insert("theirs", "{}", START + Duration::hours(1), Some(user.id))
            .await
            .unwrap();
        passerelle_app::account::request_email_change(
            &app,
            &actor,
            "nouvelle-adresse@exemple.fr",
            passerelle_app::demo::DEMO_PASSWORD,
        )
        .await
        .unwrap();
        let id = user.id.to_string();
        assert!(!found(&storage, user.email.as_str()).await.is_empty());
        assert!(!found(&storage, &id).await.is_empty());
        // A wrong password erases nothing.
        assert!(matches!(
            personal_data::erase_mine(&app, &actor, "pas le bon").await,
            Err(passerelle_app::Error::Invalid(_))
        ));
        assert!(storage.get_user(user.id).await.unwrap().is_some());
        personal_data::erase_mine(&app, &actor, passerelle_app::demo::DEMO_PASSWORD)
            .await
            .unwrap();
        assert!(storage.get_user(user.id).await.unwrap().is_none());
        // Nowhere but in the last mail, the one confirming the erasure, still to be sent.
        for needle in [
            user.email.as_str(),
            user.display_name.as_str(),
            &id,
            "nouvelle-adresse@exemple.fr",
        ] {
            let hits: Vec<_> = found(&storage, needle)
                .await
                .into_iter()
                .filter(|(t, _, _)| t != "mail_outbox")
                .collect();
            assert!(hits.is_empty(), "{needle} still in {hits:?}");
        }
        let mails = storage.list_mails(1000).await.unwrap();
        let mentioning: Vec<_> = mails
            .iter()
            .filter(|m| {
                m.mail.to.as_str() == user.email.as_str()
                    || m.mail.to.as_str() == "nouvelle-adresse@exemple.fr"
                    || m.mail.body.contains(user.email.as_str())
                    || m.mail.body.contains(user.display_name.as_str())
            })
            .collect();
        assert!(
            mentioning
                .iter()
                .all(|m| m.mail.kind == "account-erased-self"
                    || m.status == passerelle_storage::MailStatus::Pending),
            "only the last mail, or mails to others not delivered yet: {:?}",
            mentioning
                .iter()
                .map(|m| (&m.mail.kind, &m.mail.to))
                .collect::<Vec<_>>()
        );
        assert!(
            mentioning
                .iter()
                .any(|m| m.mail.kind == "account-erased-self"),
            "a last mail confirms"
        );
        // The institution keeps its fiches, without their author.
        let after = storage
            .list_irritants_by_organisation(institution)
            .await
            .unwrap();
        assert_eq!(after.len(), irritants_before);
        assert!(after.iter().all(|i| i.author_id != Some(user.id)));
        let kept = storage
            .get_irritant(fiche)
            .await
            .unwrap()
            .expect("the fiche stays");
        assert_eq!(kept.author_id, None);
        assert_eq!(kept.content.contact_email, None, "without its contact");
        assert_eq!(kept.content.contact_name, None);
        // The audit says an account was erased, not whose.
        let trail = storage.audit_trail("account", None, 10).await.unwrap();
        assert_eq!(trail.len(), 1);
        assert_eq!(trail[0].action, "account-erased");
        assert_eq!(trail[0].actor, None);
    }
);

storage_test!(the_last_organiser_cannot_be_erased, |storage| {
    let app = demo_app(&storage);
    passerelle_app::demo::seed(&app).await.unwrap().unwrap();
    let (organiser, actor) = demo_person(&storage, Role::Organiser).await;
    let refused =
        personal_data::erase_mine(&app, &actor, passerelle_app::demo::DEMO_PASSWORD).await;
    assert!(
        matches!(&refused, Err(passerelle_app::Error::Conflict(c)) if c.key == "erase-last-organiser"),
        "{refused:?}"
    );
    assert!(storage.get_user(organiser.id).await.unwrap().is_some());
    assert!(
        storage
            .audit_trail("account", None, 10)
            .await
            .unwrap()
            .is_empty()
    );
    // An organiser erases another person's account at their request, the address typed again.
    let (company, _) = demo_person(&storage, Role::CompanyMember).await;
    assert!(matches!(
        personal_data::erase_on_request(&app, &actor, company.id, "quelqu-un@exemple.fr").await,
        Err(passerelle_app::Error::Invalid(_))
    ));
    personal_data::erase_on_request(&app, &actor, company.id, company.email.as_str())
        .await
        .unwrap();
    assert!(storage.get_user(company.id).await.unwrap().is_none());
    let trail = storage.audit_trail("account", None, 10).await.unwrap();
    assert_eq!(trail[0].actor, Some(organiser.id));
    assert_eq!(trail[0].details["by"], "organiser");
});

storage_test!(what_is_past_its_period_is_purged_on_the_clock, |storage| {
    let clock = TestClock::at(START);
    let app = server(&storage, &clock, "a", broken_smtp());
    let org = storage
        .create_organisation(
            &OrganisationName::parse("Université de test").unwrap(),
            OrganisationKind::Institution,
        )
        .await
        .unwrap();
    let user = storage
        .create_user_with_membership(&new_user("a@exemple.fr"), org.id, Role::InstitutionMember)
        .await
        .unwrap();
    // A mail sent now, an invitation used now, a reset link asked now.
    let mut tx = storage.begin().await.unwrap();
    tx.enqueue_mail(
        &passerelle_app::mail::render(
            "password-reset",
            &user.email,
            passerelle_i18n::Lang::Fr,
            &[("link", "x".into())],
        ),
        START,
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let claimed = storage
        .claim_mails("a", START, Duration::minutes(1), 10)
        .await
        .unwrap();
    assert!(
        storage
            .mark_mail_sent(&claimed[0].id, "a", START)
            .await
            .unwrap()
    );
    // An invitation that expires in a week, unused.
    storage
        .create_invitation(
            &NewInvitation {
                email: email("invitee@exemple.fr"),
                organisation: org.id,
                role: Role::InstitutionMember,
                edition: None,
                invited_by: Some(user.id),
                valid_for: Duration::days(7),
            },
            START,
        )
        .await
        .unwrap();
    storage
        .create_password_reset(&user.email, Duration::hours(1), START)
        .await
        .unwrap();
    // The defaults: 30 days for sent mail, 90 for invitations, 7 for links.
    clock.set(START + Duration::days(6));
    assert_eq!(retention::purge(&app).await.unwrap(), Purged::default());
    clock.set(START + Duration::days(8));
    let purged = retention::purge(&app).await.unwrap();
    assert_eq!(purged.password_resets, 1);
    assert_eq!(purged.sent_mails, 0);
    clock.set(START + Duration::days(31));
    assert_eq!(retention::purge(&app).await.unwrap().sent_mails, 1);
    assert!(storage.list_mails(10).await.unwrap().is_empty());
    clock.set(START + Duration::days(98));
    assert_eq!(retention::purge(&app).await.unwrap().invitations, 1);
    // A configured policy is what the purge follows.
    let other = server(&storage, &clock, "b", broken_smtp());
    other
        .set_retention(retention::Policy {
            links: Duration::days(1),
            ..retention::Policy::new("dpo@exemple.fr")
        })
        .unwrap();
    assert_eq!(other.retention().contact, "dpo@exemple.fr");
    assert!(
        other
            .set_retention(retention::Policy::new("x@y.fr"))
            .is_err()
    );
});

storage_test!(an_address_change_link_expires_after_a_day, |storage| {
    let clock = TestClock::at(START);
    let app = server(&storage, &clock, "a", broken_smtp());
    passerelle_app::demo::seed(&app).await.unwrap().unwrap();
    let (user, actor) = demo_person(&storage, Role::CompanyMember).await;
    passerelle_app::account::request_email_change(
        &app,
        &actor,
        "plus-tard@exemple.fr",
        passerelle_app::demo::DEMO_PASSWORD,
    )
    .await
    .unwrap();
    let mail = storage
        .list_mails(1000)
        .await
        .unwrap()
        .into_iter()
        .find(|m| m.mail.to.as_str() == "plus-tard@exemple.fr")
        .expect("the link went to the new address");
    let token = mail
        .mail
        .body
        .split("/compte/adresse/")
        .nth(1)
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap()
        .to_owned();
    clock.advance(Duration::hours(25));
    assert!(
        passerelle_app::account::email_change_target(&app, &token)
            .await
            .unwrap()
            .is_none()
    );
    assert!(matches!(
        passerelle_app::account::confirm_email_change(&app, &token).await,
        Err(passerelle_app::Error::NotFound)
    ));
    assert_eq!(
        storage.get_user(user.id).await.unwrap().unwrap().email,
        user.email
    );
});
