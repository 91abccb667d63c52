use super::*;
use passerelle_app::demo::{self, DEMO_PASSWORD};
use passerelle_i18n::Lang;
use passerelle_storage::{IrritantFilter, RunStatus, Storage, storage_test};

storage_test!(
    the_demo_holds_the_closed_2021_edition_and_signs_every_role_in,
    |storage| {
        let accounts = demo::seed(&demo_app(&storage))
            .await
            .unwrap()
            .expect("a fresh database is seeded");
        assert_eq!(
            accounts,
            demo::accounts(),
            "the sign-in page's list is what was seeded"
        );
        let roles: Vec<Role> = accounts.accounts.iter().map(|a| a.role).collect();
        for role in Role::ALL {
            assert!(roles.contains(role), "an account for {role}");
        }

        let edition = storage
            .edition_by_slug("rencontres-2021")
            .await
            .unwrap()
            .expect("the 2021 edition");
        assert_eq!(edition.title.as_str(), "Rencontres Open Innovation 2021");
        assert_eq!(edition.phase, Phase::Closed, "a past edition");
        assert_eq!(edition.dates.first_day(), parse_date("2021-07-05").unwrap());
        assert_eq!(edition.dates.last_day(), parse_date("2021-07-06").unwrap());
        assert!(
            edition.venue.as_str().contains("BIC de Montpellier")
                && edition.venue.as_str().contains("Digital 113")
        );

        // The 19 irritants of the CSV, titles and institutions as given, published, marked as demo descriptions.
        let public = storage
            .list_irritants(&IrritantFilter::public(edition.id))
            .await
            .unwrap();
        let lines = demo::irritant_lines();
        assert_eq!(lines.len(), 19);
        assert_eq!(public.len(), 19);
        for (line, irritant) in lines.iter().zip(&public) {
            assert_eq!(irritant.reference.as_deref(), Some(line.fiche.as_str()));
            assert_eq!(irritant.content.title.as_str(), line.title_fr);
            assert_eq!(irritant.institution.name.as_str(), line.institution);
            assert_eq!(irritant.status, IrritantStatus::Published);
            assert!(irritant.written_for_demo);
            assert!(
                irritant.content.missing_for_submission().is_empty(),
                "fiche {} is complete",
                line.fiche
            );
        }
        assert!(
            public
                .iter()
                .any(|i| i.content.title.as_str().contains("chatbot"))
        );
        let vocabulary = storage.list_domains().await.unwrap();
        assert!(
            (18..=25).contains(&vocabulary.len()),
            "about twenty domains"
        );
        assert!(
            vocabulary
                .iter()
                .all(|d| !d.label_fr.as_str().is_empty() && !d.label_en.as_str().is_empty())
        );

        // Its history: every company validated, one matching run published in June 2021, its meetings
        // accepted by both sides, then held (or not) on its day.
        assert!(
            storage
                .list_participations(edition.id, Some(ParticipationStatus::Registered))
                .await
                .unwrap()
                .is_empty()
        );
        let runs = storage.runs_of_edition(edition.id).await.unwrap();
        assert_eq!(runs.len(), 1);
        assert_eq!(runs[0].status, RunStatus::Published);
        assert_eq!(runs[0].created_at.year(), 2021, "dated in its edition");
        let meetings = storage.meetings_of_edition(edition.id).await.unwrap();
        assert!(meetings.len() >= 19, "every fiche met a company");
        assert!(meetings.iter().all(|m| m.created_at.year() == 2021));

        // Its day (fictitious): the schedule of 5 July published the week before, arrivals, every
        // meeting held but two no-shows, each held meeting rated by both sides that evening.
        let runs = storage.schedule_runs_of_edition(edition.id).await.unwrap();
        assert_eq!(runs.len(), 1);
        assert_eq!(runs[0].status, RunStatus::Published);
        assert_eq!(runs[0].created_at.date(), parse_date("2021-06-28").unwrap());
        let live = storage.live_placements(edition.id).await.unwrap();
        assert_eq!(live.len(), meetings.len(), "every meeting had its place");
        let days: std::collections::BTreeSet<_> = live
            .iter()
            .map(|l| passerelle_domain::day::in_paris(l.placement.start).date())
            .collect();
        assert_eq!(
            days.into_iter().collect::<Vec<_>>(),
            [parse_date("2021-07-05").unwrap()]
        );
        let first = live.iter().map(|l| l.placement.start).min().unwrap();
        assert_eq!(
            passerelle_domain::day::in_paris(first).time(),
            time::Time::from_hms(9, 0, 0).unwrap(),
            "the day started at 9 h"
        );
        let count = |s: MeetingStatus| meetings.iter().filter(|m| m.state.status == s).count();
        assert_eq!(count(MeetingStatus::NoShow), 2);
        assert_eq!(count(MeetingStatus::Rated), meetings.len() - 2);
        for m in meetings
            .iter()
            .filter(|m| m.state.status == MeetingStatus::Rated)
        {
            let ratings = storage.ratings_of_meeting(m.id).await.unwrap();
            assert_eq!(ratings.len(), 2, "both sides rated");
            assert!(ratings.iter().all(|r| r.rated_at.year() == 2021));
        }
        assert_eq!(storage.checkins(edition.id).await.unwrap().len(), 2);
        let (organiser, _) = demo_actor(&storage, Role::Organiser).await;
        let results = passerelle_app::ratings::results(&demo_app(&storage), &organiser, edition.id)
            .await
            .unwrap();
        assert_eq!(results.meetings.len(), meetings.len() - 2);

        // Every demo account signs in with the published password, and holds its role.
        for account in &accounts.accounts {
            let user = storage
                .authenticate(account.email.as_str(), DEMO_PASSWORD)
                .await
                .unwrap()
                .expect("signs in");
            let actor = storage.actor(user.id).await.unwrap();
            assert!(actor.has_role(account.role), "{}", account.email);
            assert!(
                storage
                    .authenticate(account.email.as_str(), "mauvais mot de passe")
                    .await
                    .unwrap()
                    .is_none()
            );
        }

        // A dozen fictitious companies with profiles, some brought by a business manager.
        let companies = storage.list_companies().await.unwrap();
        assert!(companies.len() >= 12);
        assert!(
            companies
                .iter()
                .all(|(o, p)| o.name.as_str().contains("fictive") && p.is_some())
        );
        let bic = storage
            .find_organisation(OrganisationKind::Incubator, "BIC de Montpellier")
            .await
            .unwrap()
            .unwrap();
        let pipeline = storage.pipeline(bic.id, Some(edition.id)).await.unwrap();
        assert!(pipeline.len() >= 3 && pipeline.iter().all(|e| e.profile.is_some()));
    }
);

async fn demo_actor(storage: &Storage, role: Role) -> (Actor, OrganisationId) {
    let account = demo::accounts()
        .accounts
        .into_iter()
        .find(|a| a.role == role)
        .unwrap();
    let user = storage
        .authenticate(account.email.as_str(), DEMO_PASSWORD)
        .await
        .unwrap()
        .unwrap();
    let actor = storage.actor(user.id).await.unwrap();
    let org = actor.organisations_with(role)[0];
    (actor, org)
}

storage_test!(
    the_current_edition_has_a_published_schedule_every_role_sees_on_first_sign_in,
    |storage| {
        let app = demo_app(&storage);
        demo::seed(&app).await.unwrap().unwrap();
        let edition = storage
            .current_edition_on(START.date())
            .await
            .unwrap()
            .expect("a current edition");
        assert_eq!(edition.title.as_str(), "Rencontres Open Innovation 2027");
        assert_eq!(edition.phase, Phase::SchedulePublished);
        let published = edition.window(Phase::SchedulePublished).unwrap();
        assert!(
            published.starts_on().unwrap() <= START.date()
                && START.date() < published.ends_on().unwrap(),
            "its dates follow the day of the seed: the schedule was just published"
        );
        assert!(
            edition.window(Phase::Matching).unwrap().ends_on().unwrap() < START.date(),
            "the answers are in"
        );
        assert!(edition.dates.first_day() > START.date(), "the day is ahead");
        let fiches = storage
            .list_irritants(&IrritantFilter::public(edition.id))
            .await
            .unwrap();
        assert_eq!(fiches.len(), 10);
        assert!(fiches.iter().all(|f| f.written_for_demo
            && f.content.budget.is_some()
            && f.content.missing_for_submission().is_empty()));
        let wishes = storage.wishes_of_edition(edition.id).await.unwrap();
        assert!(wishes.len() >= 10);
        assert!(wishes.iter().any(|w| w.wish.conflict_of_interest));
        assert!(wishes.iter().any(|w| w.wish.level == WishLevel::No));

        // One matching run, published three weeks ago, computed by the engine with its proof; every
        // proposal answered: one declined with its reason, the others accepted by both and scheduled.
        let runs = storage.runs_of_edition(edition.id).await.unwrap();
        assert_eq!(runs.len(), 1);
        assert_eq!(runs[0].status, RunStatus::Published);
        assert!(runs[0].created_at < START - time::Duration::days(14));
        let result: passerelle_app::matching::RunResult =
            serde_json::from_value(runs[0].result.clone().unwrap()).unwrap();
        assert!(result.proven && result.certified, "the engine's proof");
        assert!(result.mutual >= 1, "mutual wishes first");
        let meetings = storage.meetings_of_edition(edition.id).await.unwrap();
        assert_eq!(meetings.len(), result.meetings);
        let count = |s: MeetingStatus| meetings.iter().filter(|m| m.state.status == s).count();
        assert_eq!(count(MeetingStatus::Declined), 1, "one declined");
        assert_eq!(count(MeetingStatus::Scheduled), meetings.len() - 1);
        let declined = meetings
            .iter()
            .find(|m| m.state.status == MeetingStatus::Declined)
            .unwrap();
        let (reason, side) = declined.reason.clone().unwrap();
        assert_eq!(side, Some(Side::Company));
        assert!(reason.comment.is_some());
        assert!(
            !meetings.iter().any(|m| {
                wishes.iter().any(|w| {
                    (w.irritant, w.company) == (m.irritant_id, m.company.id)
                        && !w.wish.allows_meeting()
                })
            }),
            "no pair refused by a side is proposed"
        );

        // The day: set up, scheduled by the engine (its result kept with the run), published.
        let schedule_runs = storage.schedule_runs_of_edition(edition.id).await.unwrap();
        assert_eq!(schedule_runs.len(), 1);
        assert_eq!(schedule_runs[0].status, RunStatus::Published);
        let day: passerelle_app::schedule::RunResult =
            serde_json::from_value(schedule_runs[0].result.clone().unwrap()).unwrap();
        assert_eq!(day.outcome, "scheduled");
        assert_eq!(day.placed, meetings.len() - 1);
        assert!(day.lower_bound <= day.total_breaks);
        let live = storage.live_placements(edition.id).await.unwrap();
        assert_eq!(live.len(), meetings.len() - 1);
        assert!(live.iter().all(
            |l| passerelle_domain::day::in_paris(l.placement.start).date()
                == edition.dates.first_day()
        ));
        // A real day: it starts at 9 h with its first slot and no slot stays empty until its last
        // meeting (the engine weighs breaks only, which once left the morning empty).
        let slots = storage
            .day_plan(edition.id)
            .await
            .unwrap()
            .unwrap()
            .0
            .slots();
        let used: std::collections::BTreeSet<_> = live.iter().map(|l| l.placement.start).collect();
        assert_eq!(
            passerelle_domain::day::in_paris(*used.first().unwrap()).time(),
            time::Time::from_hms(9, 0, 0).unwrap()
        );
        assert_eq!(slots[0].start, *used.first().unwrap());
        assert!(
            slots
                .iter()
                .take_while(|s| s.start <= *used.last().unwrap())
                .all(|s| used.contains(&s.start)),
            "no empty slot before the last meeting"
        );
        let tables = storage.day_tables(edition.id).await.unwrap();
        assert!(tables.iter().any(|t| t.step_free));
        // No mail left for a demonstration; the rating invitations wait for the end of the day.
        assert!(storage.list_mails(1000).await.unwrap().is_empty());

        // What each role sees on first sign-in: the participants their agenda, the organisers the day's console and its printed documents.
        for role in [Role::InstitutionMember, Role::CompanyMember] {
            let (actor, _) = demo_actor(&storage, role).await;
            let agenda = passerelle_app::agendas::mine(&app, &actor).await.unwrap();
            assert!(agenda.items.len() >= 2, "{role} has meetings");
            assert!(
                agenda
                    .items
                    .iter()
                    .all(|i| i.table.is_some() && !i.cancelled())
            );
            let pdf = passerelle_app::day_documents::my_agenda(&app, &actor, Lang::Fr)
                .await
                .unwrap();
            assert!(pdf.data.starts_with(b"%PDF-"));
        }
        let (organiser, _) = demo_actor(&storage, Role::Organiser).await;
        let (_, views) = passerelle_app::schedule::runs(&app, &organiser, edition.id)
            .await
            .unwrap();
        assert_eq!(views.len(), 1);
        for pdf in [
            passerelle_app::day_documents::door_sheets(&app, &organiser, edition.id, Lang::Fr)
                .await
                .unwrap(),
            passerelle_app::day_documents::grid(&app, &organiser, edition.id, Lang::En)
                .await
                .unwrap(),
        ] {
            assert!(pdf.data.starts_with(b"%PDF-"));
        }
        let (manager, bic) = demo_actor(&storage, Role::BusinessManager).await;
        let pipeline = storage.pipeline(bic, Some(edition.id)).await.unwrap();
        assert!(
            pipeline.len() >= 3,
            "the business manager follows their companies"
        );
        assert_eq!(
            authorize(
                &manager,
                Action::ViewPipeline,
                &Context {
                    phase: Some(edition.phase),
                    owner: Some(bic),
                    ..Context::default()
                }
            ),
            Ok(())
        );
    }
);

storage_test!(
    the_proposals_stage_waits_for_every_role_on_first_sign_in,
    |storage| {
        let app = demo_app(&storage);
        demo::seed_until(&app, demo::Stage::Proposals)
            .await
            .unwrap()
            .unwrap();
        let edition = storage
            .current_edition_on(START.date())
            .await
            .unwrap()
            .expect("a current edition");
        assert_eq!(edition.phase, Phase::Matching);
        let matching = edition.window(Phase::Matching).unwrap();
        assert!(
            matching.starts_on().unwrap() < START.date()
                && START.date() < matching.ends_on().unwrap(),
            "answers are due in a few days"
        );
        let meetings = storage.meetings_of_edition(edition.id).await.unwrap();
        let count = |s: MeetingStatus| meetings.iter().filter(|m| m.state.status == s).count();
        assert!(count(MeetingStatus::Accepted) >= 3, "some accepted");
        assert_eq!(count(MeetingStatus::Declined), 1, "one declined, to refill");
        assert!(
            storage
                .schedule_runs_of_edition(edition.id)
                .await
                .unwrap()
                .is_empty()
        );
        for role in [Role::InstitutionMember, Role::CompanyMember] {
            let (actor, org) = demo_actor(&storage, role).await;
            let side = if role == Role::InstitutionMember {
                Side::Institution
            } else {
                Side::Company
            };
            let waiting: Vec<_> = meetings
                .iter()
                .filter(|m| passerelle_app::meetings::side_of(&actor, m) == Some(side))
                .filter(|m| {
                    m.state.status == MeetingStatus::Proposed
                        && m.state.answer(side) == Answer::Pending
                })
                .collect();
            assert!(!waiting.is_empty(), "{role} has proposals to answer");
            let owner = if side == Side::Institution {
                waiting[0].institution.id
            } else {
                waiting[0].company.id
            };
            assert_eq!(owner, org);
            let ctx = Context {
                phase: Some(edition.phase),
                owner: Some(owner),
                partner: Some(waiting[0].company.id),
                meeting_status: Some(waiting[0].state.status),
                ..Context::default()
            };
            assert_eq!(
                authorize(&actor, Action::AnswerProposal, &ctx),
                Ok(()),
                "{role}"
            );
        }
        let (organiser, _) = demo_actor(&storage, Role::Organiser).await;
        assert_eq!(
            authorize(
                &organiser,
                Action::RunMatching,
                &Context {
                    phase: Some(edition.phase),
                    ..Context::default()
                }
            ),
            Ok(()),
            "refill the declined slot"
        );
        assert!(
            !storage
                .list_participations(edition.id, Some(ParticipationStatus::Registered))
                .await
                .unwrap()
                .is_empty(),
            "the organiser still has a company to validate"
        );
    }
);

storage_test!(seeding_twice_changes_nothing, |storage| {
    assert!(demo::seed(&demo_app(&storage)).await.unwrap().is_some());
    let users = storage.list_users().await.unwrap();
    let orgs = storage.list_organisations(None).await.unwrap();
    let irritants = storage
        .list_irritants(&IrritantFilter::default())
        .await
        .unwrap();
    assert!(
        demo::seed(&demo_app(&storage)).await.unwrap().is_none(),
        "already seeded"
    );
    assert_eq!(storage.list_users().await.unwrap(), users);
    assert_eq!(storage.list_organisations(None).await.unwrap(), orgs);
    assert_eq!(
        storage
            .list_irritants(&IrritantFilter::default())
            .await
            .unwrap(),
        irritants
    );
});

storage_test!(a_database_in_use_is_never_seeded, |storage| {
    storage
        .create_user(&new_user("someone@example.org"))
        .await
        .unwrap();
    assert!(demo::seed(&demo_app(&storage)).await.unwrap().is_none());
    assert!(
        storage
            .current_edition_on(START.date())
            .await
            .unwrap()
            .is_none()
    );
    assert_eq!(storage.list_users().await.unwrap().len(), 1);
});

storage_test!(
    the_demo_catalogue_filters_and_tells_its_history,
    |storage| {
        demo::seed(&demo_app(&storage)).await.unwrap().unwrap();
        let edition = storage
            .edition_by_slug("rencontres-2021")
            .await
            .unwrap()
            .unwrap();
        let public = IrritantFilter::public(edition.id);
        let catalogue = storage.list_irritants(&public).await.unwrap();
        let refs: Vec<_> = catalogue
            .iter()
            .filter_map(|i| i.reference.clone())
            .collect();
        let expected: Vec<_> = (1..=19).map(|n| format!("{n:02}")).collect();
        assert_eq!(refs, expected, "fiches in their numbered order");
        assert_eq!(
            catalogue
                .iter()
                .filter(|i| i.institution.kind == OrganisationKind::Agency)
                .count(),
            4,
            "Amue brings four fiches as the agency"
        );
        assert_eq!(
            storage
                .catalogue_institutions(edition.id)
                .await
                .unwrap()
                .len(),
            11
        );

        // The catalogue's filters: by domain (the three chatbot fiches), by institution.
        let chatbots = IrritantFilter {
            domain: Some(slug("chatbot")),
            ..public.clone()
        };
        let refs: Vec<_> = storage
            .list_irritants(&chatbots)
            .await
            .unwrap()
            .into_iter()
            .filter_map(|i| i.reference)
            .collect();
        assert_eq!(refs, ["07", "10", "12"]);
        let nimes = storage
            .find_organisation(OrganisationKind::Institution, "Université de Nîmes")
            .await
            .unwrap()
            .unwrap();
        let by_nimes = IrritantFilter {
            institution: Some(nimes.id),
            ..public.clone()
        };
        let refs: Vec<_> = storage
            .list_irritants(&by_nimes)
            .await
            .unwrap()
            .into_iter()
            .filter_map(|i| i.reference)
            .collect();
        assert_eq!(refs, ["12", "13"]);

        // Each fiche was submitted, then published by the demo organiser.
        let organiser = storage
            .find_user_by_email(&email("organisatrice@passerelle.example"))
            .await
            .unwrap()
            .unwrap();
        let events = storage.irritant_events(catalogue[9].id).await.unwrap();
        let steps: Vec<_> = events.iter().map(|e| (e.action.as_str(), e.to)).collect();
        assert_eq!(
            steps,
            [
                ("create", IrritantStatus::Draft),
                ("submit", IrritantStatus::Submitted),
                ("publish", IrritantStatus::Published)
            ]
        );
        assert_eq!(events[2].actor_id, Some(organiser.id));

        // A demo fiche edited by its institution is no longer "written for the demo"; it must be returned first.
        let fiche = &catalogue[5];
        let why = long(Field::Comment, "Merci de reformuler avec vos mots.");
        storage
            .transition_irritant(
                fiche.id,
                IrritantTransition::Return,
                Some(organiser.id),
                Some(&why),
            )
            .await
            .unwrap();
        let mut content = fiche.content.clone();
        content.problem = Some(long(Field::Problem, "Texte de l'établissement."));
        let edited = storage
            .update_irritant(fiche.id, &content, None)
            .await
            .unwrap();
        assert!(!edited.written_for_demo);
        assert_eq!(
            storage.list_irritants(&public).await.unwrap().len(),
            18,
            "a returned fiche leaves the catalogue"
        );
    }
);

storage_test!(
    the_demo_has_institution_identifiers_and_a_request_to_join_by_domain,
    |storage| {
        demo::seed(&demo_app(&storage)).await.unwrap();
        let upv = storage
            .find_organisation(
                OrganisationKind::Institution,
                "Université Paul-Valéry Montpellier 3",
            )
            .await
            .unwrap()
            .unwrap();
        let ids = storage.organisation_identifiers(upv.id).await.unwrap();
        assert_eq!(ids.uai.map(|u| u.to_string()).as_deref(), Some("0349106N"));
        let requests = storage.join_requests(upv.id).await.unwrap();
        assert_eq!(requests.len(), 1, "one request waits for the organisers");
        assert_eq!(requests[0].claim.value(), ids.home_domain.unwrap().as_str());
        assert!(
            storage
                .memberships(requests[0].user.id)
                .await
                .unwrap()
                .is_empty(),
            "asking granted nothing"
        );
    }
);

storage_test!(
    the_demo_routes_its_2021_pocs_to_the_funding_schemes,
    |storage| {
        demo::seed(&demo_app(&storage)).await.unwrap().unwrap();
        let schemes = storage.list_schemes().await.unwrap();
        let names: Vec<&str> = schemes.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(schemes.len(), 3, "{names:?}");
        assert!(names.iter().any(|n| n.starts_with("France Relance")));
        assert!(names.contains(&"Numérique et Données"));
        // Every dossier was eligible on the day it was filed; the funded ones carry their decision.
        let dossiers = storage.dossiers_of_funder(None).await.unwrap();
        assert!(dossiers.len() >= 2, "{dossiers:?}");
        let granted = dossiers
            .iter()
            .filter(|d| d.decision == Some(passerelle_domain::funding::Decision::Accepted))
            .count();
        assert_eq!(granted, 2);
        for d in &dossiers {
            let doc: serde_json::Value = serde_json::from_str(&d.snapshot).unwrap();
            assert_eq!(doc["format"], "passerelle-dossier");
            assert!(doc["irritant"]["title"].is_string());
        }
        // The demo funder reads the dossiers of its own schemes only.
        let (funder, org) = demo_actor(&storage, Role::Funder).await;
        let app = demo_app(&storage);
        let seen = passerelle_app::funding::dossiers(&app, &funder)
            .await
            .unwrap();
        assert!(!seen.is_empty());
        assert!(seen.iter().all(|(d, _)| d.funder_id == org));
        assert!(
            seen.len() < dossiers.len(),
            "the committee's dossier is not the funder's"
        );
    }
);

storage_test!(
    the_demo_shares_its_delivered_poc_as_a_public_experience_report,
    |storage| {
        let app = demo_app(&storage);
        demo::seed(&app).await.unwrap().unwrap();
        let edition = storage
            .edition_by_slug("rencontres-2021")
            .await
            .unwrap()
            .unwrap();
        // What the edition's public results list as its delivered experiences.
        let public = passerelle_app::experience::public_of_edition(&app, edition.id)
            .await
            .unwrap();
        assert_eq!(public.len(), 1, "{public:?}");
        let report = &public[0];
        assert!(report.content.public);
        assert_eq!(report.content.licence.as_str(), "EUPL 1.2");
        assert_eq!(report.content.cost.map(|c| c.value()), Some(48_000));
        let opportunity = storage
            .get_opportunity(report.opportunity_id)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(opportunity.status, OpportunityStatus::Shared);
        // Another institution already said it is interested.
        let interests = storage.experience_interests(report.id).await.unwrap();
        assert_eq!(interests.len(), 1);
        assert_ne!(interests[0].organisation_id, report.institution_id);
        // Anyone reads a public report; the closed edition's report is no longer rewritten.
        let seen = passerelle_app::experience::view(&app, &Actor::Anonymous, report.id)
            .await
            .unwrap();
        assert!(seen.may_express.is_none() && !seen.may_edit);
        // The demo's institution member, of a third institution, says "we are interested": both
        // institutions are mailed, once.
        let (member, org) = demo_actor(&storage, Role::InstitutionMember).await;
        assert_ne!(org, report.institution_id);
        let view = passerelle_app::experience::view(&app, &member, report.id)
            .await
            .unwrap();
        assert_eq!(view.may_express, Some(org));
        for _ in 0..2 {
            passerelle_app::experience::express_interest(&app, &member, report.id)
                .await
                .unwrap();
        }
        let mails = storage.list_mails(1000).await.unwrap();
        let of = |kind: &str| {
            mails
                .iter()
                .filter(|m| m.mail.kind == kind)
                .collect::<Vec<_>>()
        };
        // To each member of the report's institution, with who is interested (the demo's institutions
        // other than the member's have no accounts); to the member's, with the report's contact.
        let authors = storage
            .organisation_members(report.institution_id)
            .await
            .unwrap()
            .into_iter()
            .filter(|(_, r)| *r == Role::InstitutionMember)
            .count();
        assert_eq!(of("experience-interest").len(), authors);
        let sent = of("experience-interest-sent");
        assert_eq!(sent.len(), 1, "the member's institution, once");
        assert!(
            sent[0]
                .mail
                .body
                .contains("Direction du numérique, pôle usages"),
            "{}",
            sent[0].mail.body
        );
        assert_eq!(
            storage.experience_interests(report.id).await.unwrap().len(),
            2,
            "said twice, counted once"
        );
        let again = passerelle_app::experience::view(&app, &member, report.id)
            .await
            .unwrap();
        assert!(again.interested && again.may_express.is_none());
    }
);
