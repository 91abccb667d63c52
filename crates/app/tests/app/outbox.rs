use passerelle_app::mail::worker::OutboxWorker;
use passerelle_app::{TestClock, mail};
use passerelle_domain::Email;
use passerelle_i18n::Lang;
use passerelle_storage::{MailAttachment, MailStatus, storage_test};
use time::Duration;

use super::*;

fn invitation_mail(to: &str) -> passerelle_storage::NewMail {
    mail::render(
        "invitation",
        &Email::parse(to).unwrap(),
        Lang::En,
        &[
            ("inviter", "Camille".into()),
            ("organisation", "Université Nouvelle".into()),
            ("link", "http://passerelle.test/invitation/abc".into()),
        ],
    )
}

storage_test!(a_rolled_back_change_sends_nothing, |storage| {
    let clock = TestClock::at(START);
    let dir = mail_folder();
    let app = server(&storage, &clock, "a", MailConfig::Outbox(dir.clone()));
    let mut tx = app.begin().await.unwrap();
    app.enqueue_mail(&mut tx, &invitation_mail("rollback@exemple.fr"))
        .await
        .unwrap();
    drop(tx);
    let worker = OutboxWorker::new(app.clone()).unwrap();
    assert_eq!(worker.send_due().await.unwrap(), 0);
    assert!(storage.list_mails(10).await.unwrap().is_empty());

    let mut tx = app.begin().await.unwrap();
    let attached = mail::with_attachment(
        invitation_mail("commit@exemple.fr"),
        MailAttachment {
            filename: "rencontre.ics".into(),
            content_type: "text/calendar; charset=utf-8".into(),
            data: b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n".to_vec(),
        },
    );
    app.enqueue_mail(&mut tx, &attached).await.unwrap();
    app.commit(tx).await.unwrap();
    assert_eq!(worker.send_due().await.unwrap(), 1);
    let sent = storage.list_mails(10).await.unwrap();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].status, MailStatus::Sent);
    assert_eq!(sent[0].mail.lang, "en");
    assert_eq!(
        sent[0].mail.attachment.as_ref().unwrap().filename,
        "rencontre.ics"
    );
    // Delivered once: the folder holds the message with its attachment, and a second pass sends nothing.
    assert_eq!(worker.send_due().await.unwrap(), 0);
    let eml: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == "eml"))
        .collect();
    assert_eq!(eml.len(), 1);
    let raw = std::fs::read_to_string(eml[0].path()).unwrap();
    assert!(
        raw.contains("rencontre.ics") && raw.contains("text/calendar"),
        "{raw}"
    );
    let _ = std::fs::remove_dir_all(dir);
});

storage_test!(a_failing_mail_is_retried_later_then_given_up, |storage| {
    let clock = TestClock::at(START);
    let app = server(&storage, &clock, "a", broken_smtp());
    let mut tx = app.begin().await.unwrap();
    app.enqueue_mail(&mut tx, &invitation_mail("retry@exemple.fr"))
        .await
        .unwrap();
    app.commit(tx).await.unwrap();
    let worker = OutboxWorker::new(app.clone()).unwrap();
    let mut delays = Vec::new();
    for attempt in 1..=8 {
        assert_eq!(worker.send_due().await.unwrap(), 0);
        let m = &storage.list_mails(1).await.unwrap()[0];
        assert_eq!(m.attempts, attempt);
        assert!(m.last_error.is_some());
        if m.status == MailStatus::Failed {
            break;
        }
        // Not due again at once: the next attempt waits for its delay.
        assert_eq!(worker.send_due().await.unwrap(), 0);
        assert_eq!(storage.list_mails(1).await.unwrap()[0].attempts, attempt);
        let wait = m.next_attempt_at - app.now();
        delays.push(wait);
        clock.advance(wait);
    }
    let m = &storage.list_mails(1).await.unwrap()[0];
    assert_eq!(
        m.status,
        MailStatus::Failed,
        "given up after the last attempt"
    );
    assert_eq!(m.attempts, 8);
    assert_eq!(delays.first(), Some(&Duration::minutes(1)));
    assert!(delays.windows(2).all(|w| w[1] > w[0]), "{delays:?}");
});

storage_test!(two_servers_never_send_the_same_mail_at_once, |storage| {
    let clock = TestClock::at(START);
    let a = server(&storage, &clock, "server-a", broken_smtp());
    let mut tx = a.begin().await.unwrap();
    a.enqueue_mail(&mut tx, &invitation_mail("lease@exemple.fr"))
        .await
        .unwrap();
    a.commit(tx).await.unwrap();
    // Server A claims it (and, say, stops before delivering).
    let claimed = storage
        .claim_mails("server-a", a.now(), Duration::minutes(2), 10)
        .await
        .unwrap();
    assert_eq!(claimed.len(), 1);
    let dir = mail_folder();
    let b = server(
        &storage,
        &clock,
        "server-b",
        MailConfig::Outbox(dir.clone()),
    );
    let worker_b = OutboxWorker::new(b.clone()).unwrap();
    assert_eq!(worker_b.send_due().await.unwrap(), 0, "A's lease holds");
    clock.advance(Duration::minutes(2));
    assert_eq!(
        worker_b.send_due().await.unwrap(),
        1,
        "taken over after the lease"
    );
    assert!(
        !storage
            .mark_mail_sent(&claimed[0].id, "server-a", b.now())
            .await
            .unwrap(),
        "A, back, cannot mark it again"
    );
    assert_eq!(
        storage.list_mails(10).await.unwrap()[0].status,
        MailStatus::Sent
    );
    let _ = std::fs::remove_dir_all(dir);
});

/// Issue 7, finding 9: the outbox folder and the mails in it (reset and invitation links) are their
/// owner's only.
#[cfg(unix)]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_outbox_folder_is_private() {
    use std::os::unix::fs::PermissionsExt;
    let storage = passerelle_storage::testing::fresh_sqlite().await;
    let clock = TestClock::at(START);
    let dir = mail_folder().join("nested");
    let app = server(&storage, &clock, "a", MailConfig::Outbox(dir.clone()));
    let mut tx = app.begin().await.unwrap();
    app.enqueue_mail(&mut tx, &invitation_mail("prive@exemple.fr"))
        .await
        .unwrap();
    app.commit(tx).await.unwrap();
    let worker = OutboxWorker::new(app.clone()).unwrap();
    assert_eq!(worker.send_due().await.unwrap(), 1);
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&dir), 0o700);
    let files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .collect();
    assert_eq!(files.len(), 2, "{files:?}");
    for file in &files {
        assert_eq!(mode(file), 0o600, "{}", file.display());
    }
    let _ = std::fs::remove_dir_all(dir.parent().unwrap());
    passerelle_storage::testing::dispose(storage).await;
}
