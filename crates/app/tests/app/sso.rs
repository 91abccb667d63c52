//! Single sign-on use cases against the real loopback identity providers (oidc-provider as
//! ProConnect, SimpleSAMLphp as a RENATER institution), on SQLite and PostgreSQL. The clock is the
//! providers' (they sign with the real time) and is moved forward to test expiry.

use passerelle_app::sso::{self, Outcome, Purpose, RenaterSettings, SsoSettings};
use passerelle_federation::proconnect::{Callback, ProConnectConfig};
use passerelle_federation::renater::{KeyPair, RenaterConfig};
use passerelle_federation::testing::{
    OidcClient, ProConnectIdp, ProConnectUser, RenaterIdp, SamlUser, SpRegistration, TestKeys,
    browser_until, proconnect_sign_in, renater_sign_in,
};
use passerelle_federation::{Federation, LogoutHint};
use passerelle_i18n::Lang;
use passerelle_storage::{NO_PASSWORD, NewInvitation, storage_test};
use url::Url;

use super::*;

const SP: &str = "http://127.0.0.1:9";

fn oidc_client() -> OidcClient {
    OidcClient {
        client_id: "passerelle".into(),
        client_secret: "passerelle-secret-0123456789abcdef0123456789".into(),
        redirect_uris: vec![format!("{SP}/connexion/proconnect/retour")],
        post_logout_redirect_uris: vec![format!("{SP}/connexion/proconnect/deconnexion")],
        userinfo_signed_response_alg: Some("RS256".into()),
    }
}

fn agent() -> ProConnectUser {
    ProConnectUser {
        sub: "a7c2e1f0-agent".into(),
        given_name: "Camille".into(),
        usual_name: "Rousseau".into(),
        email: "camille.rousseau@agence-exemple.gouv.fr".into(),
        uid: "4242".into(),
        siret: "13002526500013".into(),
        idp_id: "fia1v2".into(),
    }
}

fn stranger() -> ProConnectUser {
    ProConnectUser {
        sub: "b1d3-stranger".into(),
        given_name: "Dominique".into(),
        usual_name: "Lefèvre".into(),
        email: "dominique.lefevre@start-up-exemple.fr".into(),
        uid: "77".into(),
        siret: "85234567800011".into(),
        idp_id: "moncomptepro".into(),
    }
}

fn alice() -> SamlUser {
    SamlUser {
        username: "alice".into(),
        password: "alice-pass".into(),
        eppn: "alice.martin@univ-test.fr".into(),
        mail: "alice.martin@univ-test.fr".into(),
        given_name: "Alice".into(),
        sn: "Martin".into(),
        supann_etablissement: "{UAI}0341087X".into(),
    }
}

fn proconnect_settings(idp: &ProConnectIdp) -> ProConnectConfig {
    let c = oidc_client();
    ProConnectConfig {
        issuer: idp.issuer.clone(),
        client_id: c.client_id,
        client_secret: c.client_secret,
        redirect_uri: Url::parse(&c.redirect_uris[0]).unwrap(),
        post_logout_redirect_uri: Url::parse(&c.post_logout_redirect_uris[0]).unwrap(),
        acr_values: vec!["eidas1".into()],
    }
}

const ENTITY: &str = "https://passerelle.test/sso/renater/metadata";
const ACS: &str = "http://127.0.0.1:9/sso/renater/acs";

struct Sp {
    signing: TestKeys,
    encryption: TestKeys,
}

fn renater_settings(sp: &Sp, idp: &RenaterIdp, dir: &std::path::Path) -> RenaterSettings {
    let file = dir.join("federation-metadata.xml");
    std::fs::write(
        &file,
        idp.federation_metadata(OffsetDateTime::now_utc() + time::Duration::days(10)),
    )
    .unwrap();
    RenaterSettings {
        config: RenaterConfig {
            entity_id: ENTITY.into(),
            acs_url: Url::parse(ACS).unwrap(),
            signing: KeyPair::from_pem(&sp.signing.key_pem, &sp.signing.cert_pem).unwrap(),
            encryption: KeyPair::from_pem(&sp.encryption.key_pem, &sp.encryption.cert_pem).unwrap(),
            discovery_url: None,
            display_name: "Passerelle".into(),
            information_url: Url::parse("https://passerelle.test/").unwrap(),
            privacy_url: Url::parse("https://passerelle.test/donnees-personnelles").unwrap(),
            technical_contact: "support@passerelle.test".into(),
        },
        metadata_source: file.display().to_string(),
        metadata_cert_pem: idp.federation_cert_pem().to_vec(),
    }
}

/// ProConnect's stand-in with `users`, and an app that signs in with it only (`None`: skipped).
fn with_proconnect(
    storage: &Storage,
    clock: &TestClock,
    users: &[ProConnectUser],
) -> Option<(ProConnectIdp, App)> {
    let idp = ProConnectIdp::start(&[oidc_client()], users)?;
    let app = server(storage, clock, "sso", broken_smtp());
    app.set_sso(SsoSettings {
        proconnect: Some(proconnect_settings(&idp)),
        renater: None,
    })
    .unwrap();
    Some((idp, app))
}

/// The callback's query as the web layer reads it.
fn callback_of(url: &Url) -> Callback {
    serde_json::from_value(serde_json::Value::Object(
        url.query_pairs()
            .map(|(k, v)| (k.into_owned(), v.into_owned().into()))
            .collect(),
    ))
    .unwrap()
}

fn code(e: passerelle_app::Error) -> &'static str {
    match e {
        passerelle_app::Error::Conflict(c) => c.key,
        other => panic!("expected a coded refusal, got {other:?}"),
    }
}

async fn account(storage: &Storage, address: &str, org_name: &str, role: Role) -> UserId {
    let org = storage
        .create_organisation(
            &OrganisationName::parse(org_name).unwrap(),
            if role == Role::CompanyMember {
                OrganisationKind::Company
            } else {
                OrganisationKind::Institution
            },
        )
        .await
        .unwrap();
    storage
        .create_user_with_membership(&new_user(address), org.id, role)
        .await
        .unwrap()
        .id
}

fn actor_of(id: UserId) -> Actor {
    Actor::User {
        id,
        memberships: Vec::new(),
    }
}

storage_test!(
    proconnect_links_by_address_signs_in_again_and_signs_out,
    |storage| {
        let clock = TestClock::at(OffsetDateTime::now_utc());
        let Some((_idp, app)) = with_proconnect(&storage, &clock, &[agent(), stranger()]) else {
            return;
        };
        assert!(sso::available(&app).proconnect && !sso::available(&app).renater);
        let camille = account(
            &storage,
            "camille.rousseau@agence-exemple.gouv.fr",
            "Agence de mutualisation",
            Role::InstitutionMember,
        )
        .await;

        // First sign-in: no identity linked yet, the vouched-for address finds the account.
        let (url, pending) =
            sso::start_proconnect(&app, &Actor::Anonymous, Purpose::SignIn, "/console".into())
                .await
                .unwrap();
        let query: std::collections::HashMap<_, _> = url.query_pairs().into_owned().collect();
        assert!(query["state"].len() >= 32 && query["nonce"].len() >= 32);
        assert!(query["claims"].contains("eidas1"), "ACR through claims");
        let back =
            proconnect_sign_in(&browser_until(SP), url, Some("a7c2e1f0-agent"), "eidas1").await;
        let done = sso::finish_proconnect(
            &app,
            &Actor::Anonymous,
            Some(pending.clone()),
            &callback_of(&back),
            Lang::Fr,
        )
        .await
        .unwrap();
        assert_eq!(done.user.id, camille);
        assert_eq!(done.outcome, Outcome::LinkedByAddress);
        assert_eq!(done.next, "/console");
        let LogoutHint::IdToken(id_token) = &done.logout else {
            panic!("ProConnect keeps the id_token for signing out");
        };
        let linked = storage.linked_identities(camille).await.unwrap();
        assert_eq!(linked.len(), 1);
        assert_eq!(linked[0].federation, "proconnect");
        assert_eq!(linked[0].label, "ProConnect · SIRET 13002526500013");

        // The same callback once more (its pending sign-in used): refused, no one signed in.
        let again = sso::finish_proconnect(
            &app,
            &Actor::Anonymous,
            Some(pending),
            &callback_of(&back),
            Lang::Fr,
        )
        .await
        .unwrap_err();
        assert_eq!(code(again), "sso-error-refused");

        // Second sign-in: known identity.
        let (url, pending) =
            sso::start_proconnect(&app, &Actor::Anonymous, Purpose::SignIn, "/".into())
                .await
                .unwrap();
        let back =
            proconnect_sign_in(&browser_until(SP), url, Some("a7c2e1f0-agent"), "eidas1").await;
        let done = sso::finish_proconnect(
            &app,
            &Actor::Anonymous,
            Some(pending),
            &callback_of(&back),
            Lang::Fr,
        )
        .await
        .unwrap();
        assert_eq!((done.user.id, done.outcome), (camille, Outcome::Known));

        // Signing out at ProConnect: end-session with the id_token, state and the registered return.
        let (logout, state) = sso::provider_logout(&app, id_token).await.unwrap();
        let q: std::collections::HashMap<_, _> = logout.query_pairs().into_owned().collect();
        assert_eq!(q["id_token_hint"], *id_token);
        assert_eq!(q["state"], state);
        assert_eq!(
            q["post_logout_redirect_uri"],
            format!("{SP}/connexion/proconnect/deconnexion")
        );

        // A person with no account and no invitation is refused, and nothing is created.
        let (url, pending) =
            sso::start_proconnect(&app, &Actor::Anonymous, Purpose::SignIn, "/".into())
                .await
                .unwrap();
        let back =
            proconnect_sign_in(&browser_until(SP), url, Some("b1d3-stranger"), "eidas1").await;
        let refused = sso::finish_proconnect(
            &app,
            &Actor::Anonymous,
            Some(pending),
            &callback_of(&back),
            Lang::Fr,
        )
        .await
        .unwrap_err();
        assert_eq!(code(refused), "sso-error-no-account");
        assert!(
            storage
                .find_user_by_email(&email("dominique.lefevre@start-up-exemple.fr"))
                .await
                .unwrap()
                .is_none()
        );
    }
);

storage_test!(
    proconnect_refuses_state_mismatch_stale_sign_ins_and_accepts_invitations,
    |storage| {
        let clock = TestClock::at(OffsetDateTime::now_utc());
        let Some((_idp, app)) = with_proconnect(&storage, &clock, &[agent(), stranger()]) else {
            return;
        };

        // The callback of another sign-in than the one this browser started.
        let (url, _theirs) =
            sso::start_proconnect(&app, &Actor::Anonymous, Purpose::SignIn, "/".into())
                .await
                .unwrap();
        let (_, mine) = sso::start_proconnect(&app, &Actor::Anonymous, Purpose::SignIn, "/".into())
            .await
            .unwrap();
        let back =
            proconnect_sign_in(&browser_until(SP), url, Some("b1d3-stranger"), "eidas1").await;
        let e = sso::finish_proconnect(
            &app,
            &Actor::Anonymous,
            Some(mine),
            &callback_of(&back),
            Lang::Fr,
        )
        .await
        .unwrap_err();
        assert_eq!(code(e), "sso-error-state");

        // No sign-in started in this browser at all.
        let e =
            sso::finish_proconnect(&app, &Actor::Anonymous, None, &callback_of(&back), Lang::Fr)
                .await
                .unwrap_err();
        assert_eq!(code(e), "sso-error-no-pending");

        // A sign-in left at the provider longer than allowed.
        let (url, pending) =
            sso::start_proconnect(&app, &Actor::Anonymous, Purpose::SignIn, "/".into())
                .await
                .unwrap();
        let back =
            proconnect_sign_in(&browser_until(SP), url, Some("b1d3-stranger"), "eidas1").await;
        clock.advance(sso::PENDING_VALIDITY + time::Duration::seconds(1));
        let e = sso::finish_proconnect(
            &app,
            &Actor::Anonymous,
            Some(pending),
            &callback_of(&back),
            Lang::Fr,
        )
        .await
        .unwrap_err();
        assert_eq!(code(e), "sso-error-expired");
        clock.set(OffsetDateTime::now_utc());

        // An invitation accepted with ProConnect: an account without password, its membership, the
        // identity; the account cannot then lose its last way to sign in.
        let org = storage
            .create_organisation(
                &OrganisationName::parse("Start-up Exemple").unwrap(),
                OrganisationKind::Company,
            )
            .await
            .unwrap();
        let (_, token) = storage
            .create_invitation(
                &NewInvitation {
                    email: email("dominique@start-up-exemple.fr"),
                    organisation: org.id,
                    role: Role::CompanyMember,
                    edition: None,
                    invited_by: None,
                    valid_for: time::Duration::days(7),
                },
                app.now(),
            )
            .await
            .unwrap();
        let bad = sso::start_proconnect(
            &app,
            &Actor::Anonymous,
            Purpose::Invitation {
                token: "not-a-token".into(),
            },
            "/".into(),
        )
        .await
        .unwrap_err();
        assert_eq!(code(bad), "sso-error-invitation");
        let (url, pending) = sso::start_proconnect(
            &app,
            &Actor::Anonymous,
            Purpose::Invitation {
                token: token.clone(),
            },
            "/".into(),
        )
        .await
        .unwrap();
        let back =
            proconnect_sign_in(&browser_until(SP), url, Some("b1d3-stranger"), "eidas1").await;
        let done = sso::finish_proconnect(
            &app,
            &Actor::Anonymous,
            Some(pending),
            &callback_of(&back),
            Lang::En,
        )
        .await
        .unwrap();
        assert_eq!(done.outcome, Outcome::InvitationAccepted);
        assert_eq!(done.user.email.as_str(), "dominique@start-up-exemple.fr");
        assert_eq!(done.user.display_name.as_str(), "Dominique Lefèvre");
        assert_eq!(done.user.locale, Locale::En);
        assert_eq!(
            storage
                .password_hash(done.user.id)
                .await
                .unwrap()
                .as_deref(),
            Some(NO_PASSWORD)
        );
        let memberships = storage.memberships(done.user.id).await.unwrap();
        assert_eq!(memberships.len(), 1);
        assert_eq!(memberships[0].organisation, org.id);
        let me = actor_of(done.user.id);
        let mine = sso::my_identities(&app, &me).await.unwrap();
        assert!(!mine.password);
        assert_eq!(mine.identities.len(), 1);
        let e = sso::unlink(&app, &me, &mine.identities[0].id.to_string())
            .await
            .unwrap_err();
        assert_eq!(code(e), "sso-error-last-method");
        assert_eq!(
            storage.linked_identities(done.user.id).await.unwrap().len(),
            1
        );
        // Someone else's identity is not found, whoever asks.
        let other =
            actor_of(account(&storage, "autre@exemple.fr", "Autre", Role::CompanyMember).await);
        assert!(matches!(
            sso::unlink(&app, &other, &mine.identities[0].id.to_string()).await,
            Err(passerelle_app::Error::NotFound)
        ));
    }
);

storage_test!(
    renater_signs_in_links_and_refuses_replays_and_foreign_relay_states,
    |storage| {
        let sp = Sp {
            signing: TestKeys::generate("sp-signing"),
            encryption: TestKeys::generate("sp-encryption"),
        };
        let registration = SpRegistration {
            entity_id: ENTITY.into(),
            acs_url: ACS.into(),
            signing_cert: sp.signing.clone(),
            encryption_cert: sp.encryption.clone(),
        };
        let Some(idp) = RenaterIdp::start(&[registration], &[alice()]) else {
            return;
        };
        let dir = mail_folder();
        let clock = TestClock::at(OffsetDateTime::now_utc());
        let app = server(&storage, &clock, "sso", broken_smtp());
        app.set_sso(SsoSettings {
            proconnect: None,
            renater: Some(renater_settings(&sp, &idp, &dir)),
        })
        .unwrap();
        let found = sso::institutions(&app, "test sur lez", Lang::Fr)
            .await
            .unwrap();
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].entity_id, idp.entity_id);
        let metadata = sso::sp_metadata(&app).await.unwrap();
        assert!(metadata.contains(ENTITY) && metadata.contains("use=\"encryption\""));

        // Alice has a password account with another address: she links her institution's identity.
        let alice_id = account(
            &storage,
            "alice@exemple.fr",
            "Université de Test-sur-Lez",
            Role::InstitutionMember,
        )
        .await;
        let me = actor_of(alice_id);
        let browser = browser_until(SP);
        let (url, pending) = sso::start_renater(
            &app,
            &me,
            &idp.entity_id,
            Purpose::Link {
                user: alice_id.to_string(),
            },
            "/compte/connexions".into(),
        )
        .await
        .unwrap();
        let posted = renater_sign_in(&browser, url, &alice()).await;
        assert_eq!(posted.acs, ACS);
        let relay = posted.relay_state.clone().expect("RelayState comes back");
        assert_eq!(Some(&relay), pending.relay_state.as_ref());
        sso::accept_assertion(&app, &relay, &posted.saml_response)
            .await
            .unwrap();

        // The same response posted again: a replay.
        let e = sso::accept_assertion(&app, &relay, &posted.saml_response)
            .await
            .unwrap_err();
        assert_eq!(code(e), "sso-error-replayed");

        // Another browser holding another sign-in cannot claim this one.
        let (_, theirs) = sso::start_renater(
            &app,
            &Actor::Anonymous,
            &idp.entity_id,
            Purpose::SignIn,
            "/".into(),
        )
        .await
        .unwrap();
        let e = sso::claim_renater(&app, &Actor::Anonymous, Some(theirs), &relay, Lang::Fr)
            .await
            .unwrap_err();
        assert_eq!(code(e), "sso-error-state");

        let done = sso::claim_renater(&app, &me, Some(pending.clone()), &relay, Lang::Fr)
            .await
            .unwrap();
        assert_eq!((done.user.id, done.outcome), (alice_id, Outcome::Linked));
        assert_eq!(done.federation, Federation::Renater);
        assert_eq!(done.logout, LogoutHint::Local);
        // Claimed once only.
        let e = sso::claim_renater(&app, &me, Some(pending), &relay, Lang::Fr)
            .await
            .unwrap_err();
        assert_eq!(code(e), "sso-error-no-pending");

        // Next time she signs in with her institution, straight into her account.
        let (url, pending) = sso::start_renater(
            &app,
            &Actor::Anonymous,
            &idp.entity_id,
            Purpose::SignIn,
            "/".into(),
        )
        .await
        .unwrap();
        let posted = renater_sign_in(&browser, url, &alice()).await;
        let relay = posted.relay_state.unwrap();
        sso::accept_assertion(&app, &relay, &posted.saml_response)
            .await
            .unwrap();
        let done = sso::claim_renater(&app, &Actor::Anonymous, Some(pending), &relay, Lang::Fr)
            .await
            .unwrap();
        assert_eq!((done.user.id, done.outcome), (alice_id, Outcome::Known));
        let mine = sso::my_identities(&app, &me).await.unwrap();
        assert!(mine.password);
        assert_eq!(mine.identities[0].label, "Université de Test-sur-Lez");

        // A tampered response: refused, nothing parked.
        let (url, _pending) = sso::start_renater(
            &app,
            &Actor::Anonymous,
            &idp.entity_id,
            Purpose::SignIn,
            "/".into(),
        )
        .await
        .unwrap();
        let posted = renater_sign_in(&browser, url, &alice()).await;
        let relay = posted.relay_state.unwrap();
        use base64::Engine as _;
        let b64 = base64::engine::general_purpose::STANDARD;
        let mut xml = String::from_utf8(b64.decode(&posted.saml_response).unwrap()).unwrap();
        let at = xml.find("<xenc:CipherValue>").unwrap() + "<xenc:CipherValue>".len() + 10;
        let flipped = if &xml[at..at + 1] == "A" { "B" } else { "A" };
        xml.replace_range(at..at + 1, flipped);
        let e = sso::accept_assertion(&app, &relay, &b64.encode(&xml))
            .await
            .unwrap_err();
        assert_eq!(code(e), "sso-error-signature");
        // An expired one: the genuine response, nine minutes later (the request still waits).
        clock.advance(time::Duration::minutes(9));
        let later = sso::accept_assertion(&app, &relay, &posted.saml_response).await;
        clock.set(OffsetDateTime::now_utc());
        assert_eq!(code(later.unwrap_err()), "sso-error-expired");

        // Unlinking while a password remains.
        let removed = sso::unlink(&app, &me, &mine.identities[0].id.to_string())
            .await
            .unwrap();
        assert_eq!(removed.federation, "renater");
        assert!(
            storage
                .linked_identities(alice_id)
                .await
                .unwrap()
                .is_empty()
        );
        let _ = std::fs::remove_dir_all(dir);
    }
);

/// A company's staff member whose identity provider ties her to INSEE's example SIRET.
fn staff() -> ProConnectUser {
    ProConnectUser {
        sub: "c9e4-staff".into(),
        given_name: "Claude".into(),
        usual_name: "Bernard".into(),
        email: "claude.bernard@entreprise-exemple.fr".into(),
        uid: "91".into(),
        siret: "73282932000074".into(),
        idp_id: "moncomptepro".into(),
    }
}

async fn proconnect_as(app: &App, sub: &str) -> sso::SignedIn {
    let (url, pending) = sso::start_proconnect(app, &Actor::Anonymous, Purpose::SignIn, "/".into())
        .await
        .unwrap();
    let back = proconnect_sign_in(&browser_until(SP), url, Some(sub), "eidas1").await;
    sso::finish_proconnect(
        app,
        &Actor::Anonymous,
        Some(pending),
        &callback_of(&back),
        Lang::Fr,
    )
    .await
    .unwrap()
}

async fn set_siret(app: &App, org: OrganisationId, siret: &str) {
    let mut tx = app.begin().await.unwrap();
    tx.set_organisation_siret(org, Some(&Siret::parse(siret).unwrap()))
        .await
        .unwrap();
    app.commit(tx).await.unwrap();
}

async fn org_of(storage: &Storage, user: UserId) -> OrganisationId {
    storage.memberships(user).await.unwrap()[0].organisation
}

storage_test!(
    proconnect_siret_proposes_the_organisation_and_never_grants_membership_by_itself,
    |storage| {
        let clock = TestClock::at(OffsetDateTime::now_utc());
        let Some((_idp, app)) = with_proconnect(&storage, &clock, &[agent(), staff()]) else {
            return;
        };
        let claude = account(
            &storage,
            "claude.bernard@entreprise-exemple.fr",
            "Entreprise Exemple",
            Role::CompanyMember,
        )
        .await;
        let exemple = org_of(&storage, claude).await;
        let camille = account(
            &storage,
            "camille.rousseau@agence-exemple.gouv.fr",
            "Agence de mutualisation",
            Role::InstitutionMember,
        )
        .await;
        let dana = account(
            &storage,
            "dana@autre-sas.fr",
            "Autre SAS",
            Role::CompanyMember,
        )
        .await;
        let autre = org_of(&storage, dana).await;

        // No organisation has Claude's SIRET and her one company has none: record it there.
        let done = proconnect_as(&app, "c9e4-staff").await;
        assert_eq!(done.user.id, claude);
        let Some(sso::Affiliation::Record { company, siret, .. }) = done.affiliation else {
            panic!("record the SIRET: {:?}", done.affiliation);
        };
        assert_eq!((company, siret.as_str()), (exemple, "73282932000074"));
        set_siret(&app, exemple, "73282932000074").await;
        // Now it is hers: nothing more to propose.
        assert_eq!(proconnect_as(&app, "c9e4-staff").await.affiliation, None);

        // Camille's SIRET belongs to no organisation and she has no company: nothing proposed.
        assert_eq!(
            proconnect_as(&app, "a7c2e1f0-agent").await.affiliation,
            None
        );
        // Autre SAS records it: Camille is offered to ask to join, and is not a member.
        set_siret(&app, autre, "130 025 265 00013").await;
        let done = proconnect_as(&app, "a7c2e1f0-agent").await;
        assert_eq!(done.user.id, camille);
        let Some(sso::Affiliation::Join {
            organisation,
            claim,
            institution: false,
            requested: false,
            ..
        }) = done.affiliation
        else {
            panic!("join Autre SAS: {:?}", done.affiliation);
        };
        assert_eq!(organisation, autre);
        assert!(
            !storage
                .memberships(camille)
                .await
                .unwrap()
                .iter()
                .any(|m| m.organisation == autre),
            "the claim alone grants nothing"
        );
        assert_eq!(claim.value(), "13002526500013");
        sso::request_join(&app, &actor_of(camille), autre, &claim)
            .await
            .unwrap();
        // The company's members are told (not the organisers: the company has members).
        let told = storage
            .mails_to(&Email::parse("dana@autre-sas.fr").unwrap())
            .await
            .unwrap();
        assert!(
            told.iter().any(|m| m.mail.kind == "join-requested"
                && m.mail
                    .body
                    .contains("SIRET 130\u{202f}025\u{202f}265\u{202f}00013")
                && m.mail
                    .body
                    .contains(&format!("/entreprise/profil?company={autre}"))),
            "{told:?}"
        );
        let twice = sso::request_join(&app, &actor_of(camille), autre, &claim).await;
        assert_eq!(code(twice.unwrap_err()), "sso-error-join-already-requested");
        let done = proconnect_as(&app, "a7c2e1f0-agent").await;
        assert!(matches!(
            done.affiliation,
            Some(sso::Affiliation::Join {
                requested: true,
                ..
            })
        ));
        // A SIRET other than the organisation's (changed since the sign-in) is refused.
        let other = Claim::Siret(Siret::parse("73282932000074").unwrap());
        let changed = sso::request_join(&app, &actor_of(claude), autre, &other).await;
        assert_eq!(code(changed.unwrap_err()), "sso-error-affiliation-changed");

        // Only Autre SAS's members (or the organisers) see and answer the request.
        let claude_actor = Actor::User {
            id: claude,
            memberships: storage.memberships(claude).await.unwrap(),
        };
        let dana_actor = Actor::User {
            id: dana,
            memberships: storage.memberships(dana).await.unwrap(),
        };
        assert!(matches!(
            sso::join_requests(&app, &claude_actor, autre).await,
            Err(passerelle_app::Error::Denied(_))
        ));
        assert!(matches!(
            sso::answer_join(&app, &claude_actor, autre, &camille.to_string(), true).await,
            Err(passerelle_app::Error::Denied(_))
        ));
        let requests = sso::join_requests(&app, &dana_actor, autre).await.unwrap();
        assert_eq!(requests.len(), 1);
        assert_eq!(requests[0].user.id, camille);
        assert_eq!(requests[0].claim.value(), "13002526500013");
        sso::answer_join(&app, &dana_actor, autre, &camille.to_string(), true)
            .await
            .unwrap();
        assert!(
            storage
                .memberships(camille)
                .await
                .unwrap()
                .iter()
                .any(|m| m.organisation == autre && m.role == Role::CompanyMember)
        );
        // Answered once: a second answer finds nothing; a member is proposed nothing more.
        assert!(matches!(
            sso::answer_join(&app, &dana_actor, autre, &camille.to_string(), false).await,
            Err(passerelle_app::Error::NotFound)
        ));
        assert_eq!(
            proconnect_as(&app, "a7c2e1f0-agent").await.affiliation,
            None
        );

        // Two organisations with one SIRET: which one would be a guess, so nothing is proposed.
        set_siret(&app, autre, "35600000000048").await;
        set_siret(&app, exemple, "13002526500013").await;
        let done = proconnect_as(&app, "a7c2e1f0-agent").await;
        assert!(
            matches!(done.affiliation, Some(sso::Affiliation::Join { organisation, .. }) if organisation == exemple)
        );
        let third = storage
            .create_organisation(
                &OrganisationName::parse("Troisième SAS").unwrap(),
                OrganisationKind::Company,
            )
            .await
            .unwrap();
        set_siret(&app, third.id, "13002526500013").await;
        assert_eq!(
            proconnect_as(&app, "a7c2e1f0-agent").await.affiliation,
            None
        );

        // An agent's SIRET naming an institution proposes it the same way (the organisers answer).
        let mut tx = app.begin().await.unwrap();
        for org in [autre, exemple, third.id] {
            tx.set_organisation_siret(org, None).await.unwrap();
        }
        app.commit(tx).await.unwrap();
        let public = storage
            .create_organisation(
                &OrganisationName::parse("Établissement public exemple").unwrap(),
                OrganisationKind::Institution,
            )
            .await
            .unwrap();
        set_siret(&app, public.id, "13002526500013").await;
        let done = proconnect_as(&app, "a7c2e1f0-agent").await;
        assert!(
            matches!(
                done.affiliation,
                Some(sso::Affiliation::Join { organisation, institution: true, .. })
                    if organisation == public.id
            ),
            "{:?}",
            done.affiliation
        );
    }
);

/// Signs in through the institution as `user` (a fresh browser: the IdP asks for the password).
async fn renater_as(app: &App, idp: &RenaterIdp, user: &SamlUser) -> sso::SignedIn {
    let (url, pending) = sso::start_renater(
        app,
        &Actor::Anonymous,
        &idp.entity_id,
        Purpose::SignIn,
        "/".into(),
    )
    .await
    .unwrap();
    let posted = renater_sign_in(&browser_until(SP), url, user).await;
    let relay = posted.relay_state.clone().expect("RelayState");
    sso::accept_assertion(app, &relay, &posted.saml_response)
        .await
        .unwrap();
    sso::claim_renater(app, &Actor::Anonymous, Some(pending), &relay, Lang::Fr)
        .await
        .unwrap()
}

async fn set_identifiers(app: &App, org: OrganisationId, uai: Option<&str>, domain: Option<&str>) {
    let mut tx = app.begin().await.unwrap();
    tx.set_organisation_identifiers(
        org,
        &passerelle_storage::OrganisationIdentifiers {
            siret: None,
            uai: uai.map(|u| Uai::parse(u).unwrap()),
            home_domain: domain.map(|d| HomeDomain::parse(d).unwrap()),
        },
    )
    .await
    .unwrap();
    app.commit(tx).await.unwrap();
}

storage_test!(
    renater_attributes_propose_the_institution_by_uai_then_domain_and_grant_nothing,
    |storage| {
        let sp = Sp {
            signing: TestKeys::generate("sp-signing"),
            encryption: TestKeys::generate("sp-encryption"),
        };
        let registration = SpRegistration {
            entity_id: ENTITY.into(),
            acs_url: ACS.into(),
            signing_cert: sp.signing.clone(),
            encryption_cert: sp.encryption.clone(),
        };
        let Some(idp) = RenaterIdp::start(&[registration], &[alice()]) else {
            return;
        };
        let dir = mail_folder();
        let clock = TestClock::at(OffsetDateTime::now_utc());
        let app = server(&storage, &clock, "sso", broken_smtp());
        app.set_sso(SsoSettings {
            proconnect: None,
            renater: Some(renater_settings(&sp, &idp, &dir)),
        })
        .unwrap();
        // Alice's account has her institution address, in a laboratory of her own.
        let alice_id = account(
            &storage,
            "alice.martin@univ-test.fr",
            "Laboratoire de Test",
            Role::InstitutionMember,
        )
        .await;
        let agency = storage
            .create_organisation(
                &OrganisationName::parse("Agence").unwrap(),
                OrganisationKind::Agency,
            )
            .await
            .unwrap();
        let organiser = storage
            .create_user_with_membership(
                &new_user("orga@agence.example"),
                agency.id,
                Role::Organiser,
            )
            .await
            .unwrap()
            .id;
        let lez = storage
            .create_organisation(
                &OrganisationName::parse("Université de Test-sur-Lez").unwrap(),
                OrganisationKind::Institution,
            )
            .await
            .unwrap();
        let other = storage
            .create_organisation(
                &OrganisationName::parse("Université Voisine").unwrap(),
                OrganisationKind::Institution,
            )
            .await
            .unwrap();

        // No institution has her UAI or her domain: nothing to propose.
        let done = renater_as(&app, &idp, &alice()).await;
        assert_eq!(done.user.id, alice_id);
        assert_eq!(done.affiliation, None);

        // The domain of schacHomeOrganization finds the institution that has it.
        set_identifiers(&app, lez.id, None, Some("univ-test.fr")).await;
        let done = renater_as(&app, &idp, &alice()).await;
        assert_eq!(
            done.affiliation,
            Some(sso::Affiliation::Join {
                organisation: lez.id,
                name: "Université de Test-sur-Lez".into(),
                claim: Claim::HomeDomain(HomeDomain::parse("univ-test.fr").unwrap()),
                institution: true,
                requested: false,
            })
        );
        // supannEtablissement's UAI comes first when an institution has it.
        set_identifiers(&app, other.id, Some("0341087X"), None).await;
        let done = renater_as(&app, &idp, &alice()).await;
        let Some(sso::Affiliation::Join {
            organisation,
            claim,
            institution: true,
            requested: false,
            ..
        }) = done.affiliation
        else {
            panic!("join by UAI: {:?}", done.affiliation);
        };
        assert_eq!(organisation, other.id);
        assert_eq!(claim, Claim::Uai(Uai::parse("0341087X").unwrap()));

        // She asks; nothing is granted until the organisers answer.
        let me = storage.actor(alice_id).await.unwrap();
        sso::request_join(&app, &me, other.id, &claim)
            .await
            .unwrap();
        assert!(
            !storage
                .memberships(alice_id)
                .await
                .unwrap()
                .iter()
                .any(|m| m.organisation == other.id)
        );
        assert!(matches!(
            renater_as(&app, &idp, &alice()).await.affiliation,
            Some(sso::Affiliation::Join {
                requested: true,
                ..
            })
        ));
        // An institution member does not answer for the organisers.
        assert!(matches!(
            sso::answer_join(&app, &me, other.id, &alice_id.to_string(), true).await,
            Err(passerelle_app::Error::Denied(_))
        ));
        // The organisers answer for an institution: they are told, in their language.
        let orga_email = Email::parse("orga@agence.example").unwrap();
        let told = storage.mails_to(&orga_email).await.unwrap();
        let told: Vec<_> = told
            .iter()
            .filter(|m| m.mail.kind == "join-requested")
            .collect();
        assert_eq!(told.len(), 1);
        assert_eq!(
            told[0].mail.subject,
            "Demande pour rejoindre Université Voisine"
        );
        assert!(told[0].mail.body.contains("alice.martin@univ-test.fr"));
        assert!(told[0].mail.body.contains("UAI 0341087X"));
        assert!(
            told[0]
                .mail
                .body
                .contains(&format!("/console/etablissements/{}", other.id))
        );
        let organiser = storage.actor(organiser).await.unwrap();
        let requests = sso::join_requests(&app, &organiser, other.id)
            .await
            .unwrap();
        assert_eq!(requests.len(), 1);
        assert_eq!(requests[0].claim, claim);
        let answered = sso::answer_join(&app, &organiser, other.id, &alice_id.to_string(), true)
            .await
            .unwrap();
        assert_eq!(answered.id, other.id);
        let alice_email = Email::parse("alice.martin@univ-test.fr").unwrap();
        let back = storage.mails_to(&alice_email).await.unwrap();
        assert!(
            back.iter().any(|m| m.mail.kind == "join-accepted"
                && m.mail.subject == "Vous avez rejoint Université Voisine"),
            "{back:?}"
        );
        assert!(
            storage
                .memberships(alice_id)
                .await
                .unwrap()
                .iter()
                .any(|m| m.organisation == other.id && m.role == Role::InstitutionMember)
        );
        // A member now: nothing more to propose.
        assert_eq!(renater_as(&app, &idp, &alice()).await.affiliation, None);

        // The UAI changed since the sign-in: the request is refused.
        set_identifiers(&app, lez.id, Some("0751717J"), Some("univ-test.fr")).await;
        let stale = Claim::Uai(Uai::parse("0341087X").unwrap());
        let changed = sso::request_join(&app, &me, lez.id, &stale).await;
        assert_eq!(code(changed.unwrap_err()), "sso-error-affiliation-changed");
        let _ = std::fs::remove_dir_all(dir);
    }
);
