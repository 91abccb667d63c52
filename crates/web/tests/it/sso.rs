//! Single sign-on through the web, against the real loopback identity providers (oidc-provider as
//! ProConnect, SimpleSAMLphp as a RENATER institution), on SQLite and PostgreSQL: both flows
//! signing in, linking and signing out, invitations accepted with SSO, and the attacks reachable
//! through the site, each refused with a translated message and no session.

use passerelle_federation::testing::{
    PostedResponse, browser_until, proconnect_sign_in, proconnect_sign_out, renater_sign_in,
};
use passerelle_web::present::urls;
pub use passerelle_web::testing_sso::{Idps, alice, configure};
use url::Url;

use crate::support::*;

/// The path and query of an absolute URL on the site.
fn local(url: &Url) -> String {
    match url.query() {
        Some(q) => format!("{}?{q}", url.path()),
        None => url.path().to_owned(),
    }
}

/// Presses the ProConnect button (with `purpose`) and signs in at the provider as `sub`; returns
/// the callback path for the site.
pub async fn through_proconnect(browser: &Browser, fields: &[(&str, &str)], sub: &str) -> String {
    let start = browser.post(urls::PROCONNECT_START, fields).await;
    let authorize = Url::parse(start.assert_redirect()).expect("to ProConnect");
    let idp_browser = browser_until(&browser.base);
    let back = proconnect_sign_in(&idp_browser, authorize, Some(sub), "eidas1").await;
    assert!(back.as_str().starts_with(&browser.base), "{back}");
    local(&back)
}

/// Chooses the institution in the built-in list and signs in there; returns what it posts.
pub async fn through_renater(
    browser: &Browser,
    idps: &Idps,
    fields: &[(&str, &str)],
) -> PostedResponse {
    let mut all = vec![("idp", idps.renater.entity_id.as_str())];
    all.extend_from_slice(fields);
    let start = browser.post(urls::RENATER_DISCOVERY, &all).await;
    let request = Url::parse(start.assert_redirect()).expect("to the institution");
    let idp_browser = browser_until(&browser.base);
    renater_sign_in(&idp_browser, request, &alice()).await
}

/// Posts the SAML response as the institution's page does: from another site, so without the
/// site's (SameSite=Lax) session cookie.
pub async fn post_to_acs(app: &TestApp, posted: &PostedResponse) -> Page {
    let stranger = Browser::new(app);
    let mut fields = vec![("SAMLResponse", posted.saml_response.as_str())];
    if let Some(relay) = &posted.relay_state {
        fields.push(("RelayState", relay.as_str()));
    }
    stranger.post_raw(urls::RENATER_ACS, &fields).await
}

async fn member_of(
    app: &TestApp,
    user: passerelle_domain::UserId,
    org: passerelle_domain::OrganisationId,
) -> bool {
    app.storage
        .memberships(user)
        .await
        .unwrap()
        .iter()
        .any(|m| m.organisation == org)
}

async fn signed_in_as(browser: &Browser) -> Option<String> {
    let page = browser.get(urls::MY_SIGN_IN_METHODS).await;
    if page.to_sign_in() {
        return None;
    }
    page.assert_ok();
    Some(page.body)
}

web_test!(
    proconnect_signs_in_by_address_then_signs_out_at_the_provider,
    |app| {
        let Some(idps) = configure(&app, true) else {
            return;
        };
        let browser = Browser::as_(&app, Who::Anonymous).await;
        let sign_in = browser.get("/connexion").await;
        assert!(
            sign_in.body.contains("proconnect-button")
                && sign_in.body.contains("S’identifier avec")
        );
        assert!(sign_in.body.contains("Mon établissement (RENATER)"));
        assert!(
            sign_in.body.find("proconnect-button") < sign_in.body.find("name=\"password\""),
            "the buttons come before the password form"
        );

        let back = through_proconnect(
            &browser,
            &[("purpose", "signin"), ("next", "/console")],
            "a7c2e1f0-agent",
        )
        .await;
        let done = browser.get(&back).await;
        assert_eq!(done.assert_redirect(), "/console");
        let console = browser.get("/console").await;
        console.assert_ok();
        assert!(
            console.body.contains("même adresse"),
            "flash: linked by address"
        );
        let methods = signed_in_as(&browser).await.expect("signed in");
        assert!(methods.contains("SIRET 13002526500013"));

        // Signing out ends ProConnect's session too, and comes back with the state.
        let out = browser.post("/deconnexion", &[]).await;
        let end_session = Url::parse(out.assert_redirect()).expect("to ProConnect's end-session");
        assert!(
            end_session
                .as_str()
                .starts_with(idps.proconnect.issuer.as_str())
        );
        assert!(end_session.query().unwrap().contains("id_token_hint="));
        let idp_browser = browser_until(&browser.base);
        let returned = proconnect_sign_out(&idp_browser, end_session).await;
        assert!(signed_in_as(&browser).await.is_none(), "signed out here");
        let home = browser.get(&local(&returned)).await;
        assert_eq!(home.assert_redirect(), "/");
        let home = browser.get("/").await;
        assert!(
            home.body.contains("Passerelle et de ProConnect"),
            "{}",
            home.body
        );

        // A second sign-in finds the linked identity.
        let back = through_proconnect(&browser, &[("purpose", "signin")], "a7c2e1f0-agent").await;
        browser.get(&back).await.assert_redirect();
        assert!(signed_in_as(&browser).await.is_some());
    }
);

web_test!(
    renater_links_an_account_then_signs_in_with_a_cross_site_post,
    |app| {
        let Some(idps) = configure(&app, true) else {
            return;
        };
        let member = Browser::as_(&app, Who::OwnInstitution).await;
        let list = member
            .get("/connexion/renater?purpose=link&q=test+sur+lez")
            .await;
        list.assert_ok();
        assert!(
            list.body.contains("Université de Test-sur-Lez"),
            "{}",
            list.body
        );

        let posted = through_renater(
            &member,
            &idps,
            &[("purpose", "link"), ("next", "/compte/connexions")],
        )
        .await;
        assert_eq!(posted.acs, app.url(urls::RENATER_ACS));
        let acs = post_to_acs(&app, &posted).await;
        let back = acs.assert_redirect().to_owned();
        assert!(back.starts_with(urls::RENATER_BACK), "{back}");
        assert_eq!(
            member.get(&back).await.assert_redirect(),
            "/compte/connexions"
        );
        let methods = signed_in_as(&member).await.unwrap();
        assert!(
            methods.contains("Université de Test-sur-Lez")
                && methods.contains("alice.martin@univ-test.fr")
        );

        // The same response posted again: a replay, refused with its reason.
        let replay = post_to_acs(&app, &posted).await;
        assert_eq!(replay.status, 400);
        assert!(replay.body.contains("déjà été utilisée"), "{}", replay.body);

        // Signed out, she signs in with her institution, in English this time.
        member.post("/deconnexion", &[]).await.assert_redirect();
        let mut visitor = Browser::as_(&app, Who::Anonymous).await;
        visitor.accept_language = Some("en");
        let posted =
            through_renater(&visitor, &idps, &[("purpose", "signin"), ("next", "/")]).await;
        let back = post_to_acs(&app, &posted)
            .await
            .assert_redirect()
            .to_owned();
        visitor.get(&back).await.assert_redirect();
        let methods = signed_in_as(&visitor)
            .await
            .expect("signed in with RENATER");
        assert!(methods.contains("My sign-in methods") && methods.contains("RENATER federation"));

        // The organisers see how she signs in.
        let organiser = Browser::as_(&app, Who::Organiser).await;
        let members = organiser.get(urls::CONSOLE_SIGN_IN_METHODS).await;
        members.assert_ok();
        let row = members
            .body
            .split("<tr>")
            .find(|r| {
                r.contains(
                    demo_account(passerelle_domain::Role::InstitutionMember)
                        .email
                        .as_str(),
                )
            })
            .expect("her row");
        assert_eq!(row.matches("Oui").count(), 2, "password and RENATER: {row}");

        // Unlinking while the password remains.
        let unlink_at = methods
            .split("action=\"")
            .find_map(|p| p.split('"').next().filter(|a| a.ends_with("/delier")))
            .expect("an unlink button")
            .to_owned();
        let unlinked = visitor.post(&unlink_at, &[]).await;
        assert_eq!(unlinked.assert_redirect(), urls::MY_SIGN_IN_METHODS);
        let methods = signed_in_as(&visitor).await.unwrap();
        assert!(!methods.contains("alice.martin@univ-test.fr"));
    }
);

web_test!(
    an_invitation_is_accepted_with_proconnect_and_keeps_its_last_sign_in_method,
    |app| {
        let Some(_idps) = configure(&app, true) else {
            return;
        };
        let organiser = Browser::as_(&app, Who::Organiser).await;
        let invite = organiser
            .post(
                urls::CONSOLE_INVITATIONS,
                &[
                    ("email", "dominique@start-up-exemple.fr"),
                    ("kind", "company"),
                    ("organisation_name", "Start-up Exemple"),
                ],
            )
            .await;
        assert!(
            invite.status.is_redirection() || invite.status == 200,
            "{}",
            invite.status
        );
        let mail = app.mail.wait_for("dominique@start-up-exemple.fr").await;
        let link = mail_link(&app, &mail);
        let token = link.rsplit('/').next().unwrap().to_owned();

        let newcomer_browser = Browser::as_(&app, Who::Anonymous).await;
        let page = newcomer_browser.get(&link).await;
        page.assert_ok();
        assert!(page.body.contains("proconnect-button") && page.body.contains("Mon établissement"));
        let back = through_proconnect(
            &newcomer_browser,
            &[("purpose", "invitation"), ("invitation", &token)],
            "b1d3-newcomer",
        )
        .await;
        newcomer_browser.get(&back).await.assert_redirect();
        let methods = signed_in_as(&newcomer_browser)
            .await
            .expect("the new account");
        assert!(
            methods.contains("pas de mot de passe") && methods.contains("Seul moyen de connexion")
        );
        assert!(
            !methods.contains("/delier"),
            "no unlink button for the last method"
        );

        // Unlinking anyway (a forged form): refused, the identity stays.
        let id = app
            .storage
            .find_user_by_email(
                &passerelle_domain::Email::parse("dominique@start-up-exemple.fr").unwrap(),
            )
            .await
            .unwrap()
            .expect("account created");
        let linked = app.storage.linked_identities(id.id).await.unwrap();
        let refused = newcomer_browser
            .post(&format!("/compte/connexions/{}/delier", linked[0].id), &[])
            .await;
        assert_eq!(refused.status, 409);
        assert!(refused.body.contains("seul moyen de connexion"));
        assert_eq!(app.storage.linked_identities(id.id).await.unwrap().len(), 1);

        // The link is used up.
        let again = newcomer_browser.get(&link).await;
        assert_eq!(again.status, 404);
    }
);

web_test!(
    attacks_are_refused_with_their_reason_and_no_session,
    |app| {
        let Some(idps) = configure(&app, true) else {
            return;
        };
        // A tampered id_token.
        let browser = Browser::as_(&app, Who::Anonymous).await;
        idps.proconnect.tamper_next_id_token().await;
        let back = through_proconnect(&browser, &[("purpose", "signin")], "a7c2e1f0-agent").await;
        let page = browser.get(&back).await;
        assert_eq!(page.status, 400);
        assert!(
            page.body.contains("signature de la réponse"),
            "{}",
            page.body
        );
        assert!(signed_in_as(&browser).await.is_none());

        // State mismatch: the callback of a sign-in started in another browser.
        let theirs = Browser::as_(&app, Who::Anonymous).await;
        let back = through_proconnect(&theirs, &[("purpose", "signin")], "a7c2e1f0-agent").await;
        let mine = Browser::as_(&app, Who::Anonymous).await;
        mine.post(urls::PROCONNECT_START, &[("purpose", "signin")])
            .await
            .assert_redirect();
        let page = mine.get(&back).await;
        assert_eq!(page.status, 400);
        assert!(page.body.contains("autre connexion"), "{}", page.body);
        assert!(signed_in_as(&mine).await.is_none());
        // …and in a browser that started nothing.
        let nobody = Browser::as_(&app, Who::Anonymous).await;
        let page = nobody.get(&back).await;
        assert_eq!(page.status, 400);
        assert!(signed_in_as(&nobody).await.is_none());

        // A tampered assertion (one character of the encrypted assertion changed).
        let browser = Browser::as_(&app, Who::Anonymous).await;
        let mut posted = through_renater(&browser, &idps, &[("purpose", "signin")]).await;
        use base64::Engine as _;
        let b64 = base64::engine::general_purpose::STANDARD;
        let mut xml = String::from_utf8(b64.decode(&posted.saml_response).unwrap()).unwrap();
        let at = xml.find("<xenc:CipherValue>").unwrap() + "<xenc:CipherValue>".len() + 10;
        let flipped = if &xml[at..at + 1] == "A" { "B" } else { "A" };
        xml.replace_range(at..at + 1, flipped);
        posted.saml_response = b64.encode(&xml);
        let page = post_to_acs(&app, &posted).await;
        assert_eq!(page.status, 400);
        assert!(
            page.body.contains("signature de la réponse"),
            "{}",
            page.body
        );
        let relay = posted.relay_state.clone().unwrap();
        let claim = browser
            .get(&format!("{}?relay={relay}", urls::RENATER_BACK))
            .await;
        assert_eq!(claim.status, 400, "nothing to claim");
        assert!(signed_in_as(&browser).await.is_none());

        // A response to an unknown RelayState, and a RelayState claimed from another browser.
        let browser = Browser::as_(&app, Who::Anonymous).await;
        let posted = through_renater(&browser, &idps, &[("purpose", "signin")]).await;
        let mut forged = posted.clone();
        forged.relay_state = Some("AAAA".repeat(11));
        assert_eq!(post_to_acs(&app, &forged).await.status, 400);
        let back = post_to_acs(&app, &posted)
            .await
            .assert_redirect()
            .to_owned();
        let thief = Browser::as_(&app, Who::Anonymous).await;
        let page = thief.get(&back).await;
        assert_eq!(page.status, 400);
        assert!(signed_in_as(&thief).await.is_none());
        // The genuine browser still completes (demo institution member has no RENATER link: refused
        // as unknown; Alice's address has no account).
        let page = browser.get(&back).await;
        assert_eq!(page.status, 409);
        assert!(
            page.body.contains("Aucun compte Passerelle"),
            "{}",
            page.body
        );
        assert!(signed_in_as(&browser).await.is_none());
    }
);

web_test!(
    an_unsigned_userinfo_is_refused_when_signing_is_required,
    |app| {
        let Some(_idps) = configure(&app, false) else {
            return;
        };
        let mut browser = Browser::as_(&app, Who::Anonymous).await;
        browser.accept_language = Some("en");
        let back = through_proconnect(&browser, &[("purpose", "signin")], "a7c2e1f0-agent").await;
        let page = browser.get(&back).await;
        assert_eq!(page.status, 400);
        assert!(
            page.body
                .contains("was not signed although signing is required"),
            "{}",
            page.body
        );
        assert!(signed_in_as(&browser).await.is_none());
    }
);

web_test!(
    sp_metadata_is_served_and_the_acs_needs_no_csrf_token,
    |app| {
        let Some(_idps) = configure(&app, true) else {
            return;
        };
        let visitor = Browser::new(&app);
        let metadata = visitor.get(urls::RENATER_METADATA).await;
        metadata.assert_ok();
        assert_eq!(
            metadata.headers["content-type"],
            "application/samlmetadata+xml"
        );
        assert!(metadata.body.contains(&app.url(urls::RENATER_ACS)));
        assert!(
            metadata.body.contains("use=\"signing\"")
                && metadata.body.contains("use=\"encryption\"")
        );
        // No token, no session: the ACS answers with the SAML reason, not a CSRF refusal.
        let page = visitor
            .post_raw(
                urls::RENATER_ACS,
                &[("SAMLResponse", "PHg+"), ("RelayState", "abc")],
            )
            .await;
        assert_eq!(page.status, 400);
        assert!(
            page.body.contains("Aucune connexion n’était en cours"),
            "{}",
            page.body
        );
    }
);

web_test!(
    forms_hand_over_only_to_the_site_and_the_configured_providers,
    |app| {
        let csp = |page: &Page| {
            page.headers
                .get("content-security-policy")
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_owned()
        };
        // Without a provider, forms post to the site only.
        assert!(passerelle_web::security::CSP.contains("form-action 'self';"));
        let Some(idps) = configure(&app, true) else {
            return;
        };
        let browser = Browser::as_(&app, Who::Anonymous).await;
        let proconnect = idps.proconnect.issuer.origin().ascii_serialization();
        let institution = idps.renater.base.origin().ascii_serialization();
        assert_ne!(proconnect, institution);

        // The sign-in page's ProConnect button may hand over to ProConnect, nowhere else.
        let form_action = |page: &Page| {
            csp(page)
                .split(';')
                .map(str::trim)
                .find(|d| d.starts_with("form-action"))
                .unwrap_or_default()
                .to_owned()
        };
        let sign_in = browser.get("/connexion").await;
        assert_eq!(
            form_action(&sign_in),
            format!("form-action 'self' {proconnect}")
        );

        // The institution list names the listed institutions' sign-on endpoints as well.
        let list = browser.get(urls::RENATER_DISCOVERY).await;
        list.assert_ok();
        let listed = form_action(&list);
        let targets: Vec<&str> = listed.split_whitespace().skip(2).collect();
        assert!(
            targets.contains(&proconnect.as_str()) && targets.contains(&institution.as_str()),
            "{listed}"
        );
        // Origins only (the federation's other, unreachable institution included), no scheme-wide source.
        for target in &targets {
            let url = Url::parse(target).expect("an origin");
            assert_eq!(url.origin().ascii_serialization(), *target, "{listed}");
        }
        let policy = csp(&list);
        assert!(policy.contains("default-src 'none'") && policy.contains("frame-ancestors 'none'"));
        // A search that lists no institution names none.
        let none = browser
            .get(&format!(
                "{}?q=aucun-etablissement-de-ce-nom",
                urls::RENATER_DISCOVERY
            ))
            .await;
        assert_eq!(
            form_action(&none),
            format!("form-action 'self' {proconnect}")
        );
    }
);

web_test!(
    a_proconnect_siret_proposes_its_company_whose_member_answers,
    |app| {
        let Some(_idps) = configure(&app, true) else {
            return;
        };
        let world = world(&app).await;
        let company = world.company.to_string();
        let member = Browser::as_(&app, Who::Company).await;

        // The company's SIRET on its profile: a wrong check digit is refused, nothing saved.
        let refused = member
            .post(
                urls::COMPANY_PROFILE,
                &[("company", &company), ("siret", "130 025 265 00014")],
            )
            .await;
        assert_eq!(refused.status, 422);
        assert!(
            refused.body.contains("Numéro SIRET invalide"),
            "{}",
            refused.body
        );
        assert_eq!(
            app.storage.organisation_siret(world.company).await.unwrap(),
            None
        );
        let saved = member
            .post(
                urls::COMPANY_PROFILE,
                &[("company", &company), ("siret", "130 025 265 00013")],
            )
            .await;
        saved.assert_redirect();
        let page = member.get(&format!("/entreprises/{company}")).await;
        page.assert_ok();
        assert!(
            page.body
                .contains("SIRET\u{202f}: 130\u{202f}025\u{202f}265\u{202f}00013"),
            "{}",
            page.body
        );

        // The organiser signs in with ProConnect, whose claim carries that SIRET: she is offered to
        // ask to join, and is no member until the company answers.
        let organiser = app
            .storage
            .find_user_by_email(&demo_account(passerelle_domain::Role::Organiser).email)
            .await
            .unwrap()
            .unwrap();
        let browser = Browser::as_(&app, Who::Anonymous).await;
        let back = through_proconnect(
            &browser,
            &[("purpose", "signin"), ("next", "/console")],
            "a7c2e1f0-agent",
        )
        .await;
        let done = browser.get(&back).await;
        assert_eq!(done.assert_redirect(), urls::SSO_AFFILIATION);
        let proposal = browser.get(urls::SSO_AFFILIATION).await;
        proposal.assert_ok();
        assert!(
            proposal
                .body
                .contains("130\u{202f}025\u{202f}265\u{202f}00013")
                && proposal.body.contains("Demander à rejoindre"),
            "{}",
            proposal.body
        );
        let asked = browser.post(urls::SSO_AFFILIATION, &[]).await;
        assert_eq!(asked.assert_redirect(), "/console");
        let member_of = |memberships: Vec<passerelle_domain::Membership>| {
            memberships.iter().any(|m| m.organisation == world.company)
        };
        assert!(!member_of(
            app.storage.memberships(organiser.id).await.unwrap()
        ));
        // Asked once: the proposal is gone from the session.
        let again = browser.post(urls::SSO_AFFILIATION, &[]).await;
        assert_eq!(again.status, 400);

        // The company's member sees the request with the vouched-for SIRET and accepts it.
        let profile = member.get(&urls::company_profile(&company)).await;
        assert!(
            profile
                .body
                .contains("Demandes pour rejoindre l’entreprise")
                && profile.body.contains(organiser.email.as_str()),
            "{}",
            profile.body
        );
        let answer = |decision: &'static str| {
            let company = company.clone();
            let user = organiser.id.to_string();
            let member = &member;
            async move {
                member
                    .post(
                        urls::JOIN_REQUESTS,
                        &[
                            ("company", company.as_str()),
                            ("user", user.as_str()),
                            ("decision", decision),
                        ],
                    )
                    .await
            }
        };
        assert_eq!(answer("maybe").await.status, 400);
        answer("accept").await.assert_redirect();
        assert!(member_of(
            app.storage.memberships(organiser.id).await.unwrap()
        ));
        assert_eq!(answer("refuse").await.status, 404, "answered already");
    }
);

web_test!(
    renater_attributes_propose_an_institution_the_organisers_approve_and_sign_out_says_it_stays_open,
    |app| {
        let Some(idps) = configure(&app, true) else {
            return;
        };
        // The organisers give another demo institution the UAI the test institution asserts.
        let nimes = app
            .storage
            .find_organisation(passerelle_domain::OrganisationKind::Institution, "Université de Nîmes")
            .await
            .unwrap()
            .expect("a demo institution");
        let organiser = Browser::as_(&app, Who::Organiser).await;
        let console_page = urls::console_institution(nimes.id);
        organiser
            .post(
                &console_page,
                &[("siret", ""), ("uai", "0341087X"), ("home_domain", "")],
            )
            .await
            .assert_redirect();

        // The demo institution member links her institution account: Nîmes is proposed by its UAI.
        let member = Browser::as_(&app, Who::OwnInstitution).await;
        let posted = through_renater(
            &member,
            &idps,
            &[("purpose", "link"), ("next", "/compte/connexions")],
        )
        .await;
        let back = post_to_acs(&app, &posted).await.assert_redirect().to_owned();
        assert_eq!(member.get(&back).await.assert_redirect(), urls::SSO_AFFILIATION);
        let proposal = member.get(urls::SSO_AFFILIATION).await;
        proposal.assert_ok();
        assert!(
            proposal.body.contains("Votre établissement d’après la fédération RENATER")
                && proposal.body.contains("l’UAI 0341087X")
                && proposal.body.contains("Université de Nîmes")
                && proposal.body.contains("rédiger et soumettre ses irritants"),
            "{}",
            proposal.body
        );
        let asked = member.post(urls::SSO_AFFILIATION, &[]).await;
        assert_eq!(asked.assert_redirect(), "/compte/connexions");
        let me = app
            .storage
            .find_user_by_email(&demo_account(passerelle_domain::Role::InstitutionMember).email)
            .await
            .unwrap()
            .unwrap();
        assert!(!member_of(&app, me.id, nimes.id).await, "asking grants nothing");

        // The organisers hear of it and answer on the institution's console page.
        let organiser_address = demo_account(passerelle_domain::Role::Organiser).email;
        let mail = app.mail.wait_for(organiser_address.as_str()).await.text();
        assert!(
            mail.contains("demande à rejoindre Université de Nîmes")
                && mail.contains("UAI 0341087X")
                && mail.contains(&console_page),
            "{mail}"
        );
        let list = organiser.get(urls::CONSOLE_INSTITUTIONS).await;
        assert!(list.body.contains("une en attente"), "{}", list.body);
        let page = organiser.get(&console_page).await;
        page.assert_ok();
        assert!(page.body.contains(me.display_name.as_str()) && page.body.contains("0341087X"));
        let accepted = organiser
            .post(
                urls::JOIN_REQUESTS,
                &[
                    ("company", &nimes.id.to_string()),
                    ("user", &me.id.to_string()),
                    ("decision", "accept"),
                ],
            )
            .await;
        assert_eq!(accepted.assert_redirect(), console_page);
        assert!(member_of(&app, me.id, nimes.id).await);
        let mail = app.mail.wait_for(me.email.as_str()).await.text();
        assert!(mail.contains("vous êtes membre de Université de Nîmes"), "{mail}");

        // Signed in with her institution, she signs out: Passerelle only, and the notice says so.
        member.post("/deconnexion", &[]).await.assert_redirect();
        for lang in ["fr", "en"] {
            let mut visitor = Browser::as_(&app, Who::Anonymous).await;
            if lang == "en" {
                visitor.accept_language = Some("en");
            }
            let posted =
                through_renater(&visitor, &idps, &[("purpose", "signin"), ("next", "/")]).await;
            let back = post_to_acs(&app, &posted).await.assert_redirect().to_owned();
            visitor.get(&back).await.assert_redirect();
            assert!(signed_in_as(&visitor).await.is_some());
            let out = visitor.post("/deconnexion", &[]).await;
            assert_eq!(out.assert_redirect(), "/", "no Single Logout: home");
            let home = visitor.get("/").await;
            assert!(
                home.body.contains(if lang == "fr" {
                    "mais pas de votre établissement"
                } else {
                    "but not of your institution"
                }),
                "{}",
                home.body
            );
            assert!(signed_in_as(&visitor).await.is_none());
        }
    }
);
