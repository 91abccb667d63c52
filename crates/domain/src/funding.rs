//! Funding schemes and the routing of an opportunity to them. A scheme's terms say which projects it funds
//! (a budget range, who files the dossier, themes as domains, the largest share of the cost it pays, when
//! it takes dossiers); [`route`] checks an opportunity against them criterion by criterion, so that the
//! page can say in words which criterion passes, which fails and which cannot be told yet, as the
//! matching's explanations do.

use time::Date;

use crate::error::{Field, ValidationError};
use crate::irritant::BudgetRange;
use crate::opportunity::{Euros, OpportunityStatus};
use crate::text::Slug;

code_enum!(
    /// Who files a scheme's dossier.
    Applicants, Field::Kind, {
        /// The institution (a public body) files it.
        Institution => "institution",
        /// The company files it.
        Company => "company",
        /// Either side may.
        Either => "either",
    }
);

code_enum!(
    /// A funder's decision on a dossier.
    Decision, Field::Status, {
        Accepted => "accepted",
        Declined => "declined",
        /// The funder asks the sides for more before deciding.
        MoreInformation => "more-information",
    }
);

/// The largest share of a project's cost a scheme pays, in whole percent (1 to 100).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(transparent)]
pub struct Percent(u8);

impl Percent {
    pub fn new(value: u64) -> Result<Percent, ValidationError> {
        match u8::try_from(value) {
            Ok(v @ 1..=100) => Ok(Percent(v)),
            _ => Err(ValidationError::OutOfRange(Field::Rate)),
        }
    }

    /// Reads a rate as typed (`70`, `70 %`); empty means none.
    pub fn parse(raw: &str) -> Result<Option<Percent>, ValidationError> {
        let digits: String = raw
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '\u{202f}' && *c != '%')
            .collect();
        if digits.is_empty() {
            return Ok(None);
        }
        if !digits.chars().all(|c| c.is_ascii_digit()) {
            return Err(ValidationError::Malformed(Field::Rate));
        }
        let value = digits
            .parse::<u64>()
            .map_err(|_| ValidationError::OutOfRange(Field::Rate))?;
        Percent::new(value).map(Some)
    }

    pub fn value(self) -> u8 {
        self.0
    }
}

/// Dates as ISO text (`2021-12-31`) in the dossier's JSON, as a reader expects them.
fn iso<S: serde::Serializer>(d: &Date, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&crate::edition::format_date(*d))
}

/// What a scheme funds, checked as a whole.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SchemeTerms {
    /// The projects' cost the scheme takes (either end may be open); none: any cost.
    pub budget: Option<BudgetRange>,
    pub applicants: Applicants,
    /// Domains of the vocabulary; empty: every theme.
    pub themes: Vec<Slug>,
    /// The largest share of the cost it pays; the sides co-fund the rest. None: up to the whole cost.
    pub max_share: Option<Percent>,
    #[serde(serialize_with = "iso")]
    pub opens: Date,
    #[serde(serialize_with = "iso")]
    pub closes: Date,
}

impl SchemeTerms {
    pub const MAX_THEMES: usize = 12;

    /// Checks the terms; each incoherence is reported on its field.
    pub fn new(
        budget: Option<BudgetRange>,
        applicants: Applicants,
        mut themes: Vec<Slug>,
        max_share: Option<Percent>,
        opens: Date,
        closes: Date,
    ) -> Result<SchemeTerms, Vec<ValidationError>> {
        let mut errors = Vec::new();
        themes.sort();
        themes.dedup();
        if themes.len() > Self::MAX_THEMES {
            errors.push(ValidationError::TooMany {
                field: Field::Domains,
                max: Self::MAX_THEMES,
            });
        }
        if closes < opens {
            errors.push(ValidationError::OutOfRange(Field::Closes));
        }
        if errors.is_empty() {
            Ok(SchemeTerms {
                budget,
                applicants,
                themes,
                max_share,
                opens,
                closes,
            })
        } else {
            Err(errors)
        }
    }
}

/// What the routing reads of an opportunity.
#[derive(Debug, Clone, Copy)]
pub struct Candidate<'a> {
    pub status: OpportunityStatus,
    pub estimated_cost: Option<Euros>,
    pub co_funding: Option<Euros>,
    /// The irritant's domains.
    pub domains: &'a [Slug],
}

/// One criterion's verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    Pass,
    Fail,
    /// The opportunity lacks what the criterion needs (an estimated cost, say): to check with the funder.
    Unknown,
}

/// One criterion of a scheme applied to an opportunity, with the figures its sentence needs.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "criterion", rename_all = "kebab-case")]
pub enum Check {
    /// Where an opportunity stands: one already funded, delivered or abandoned is not routed.
    Stage {
        verdict: Verdict,
        status: OpportunityStatus,
    },
    /// The estimated cost against the scheme's range.
    Budget {
        verdict: Verdict,
        cost: Option<u64>,
        min: Option<u64>,
        max: Option<u64>,
    },
    /// The irritant's domains against the scheme's themes (`shared` is empty when it fails).
    Themes {
        verdict: Verdict,
        shared: Vec<Slug>,
        any: bool,
    },
    /// The co-funding against the share of the cost the sides must bring.
    Share {
        verdict: Verdict,
        rate: u8,
        /// The least co-funding needed, when the cost is known.
        needed: Option<u64>,
        co_funding: Option<u64>,
    },
    /// When the scheme takes dossiers (`early`: it does not yet).
    Window {
        verdict: Verdict,
        #[serde(serialize_with = "iso")]
        opens: Date,
        #[serde(serialize_with = "iso")]
        closes: Date,
        early: bool,
    },
    /// Who files the dossier (always passes: both sides are known; said so that they know who files).
    Applicant { applicants: Applicants },
}

impl Check {
    pub fn verdict(&self) -> Verdict {
        match self {
            Check::Stage { verdict, .. }
            | Check::Budget { verdict, .. }
            | Check::Themes { verdict, .. }
            | Check::Share { verdict, .. }
            | Check::Window { verdict, .. } => *verdict,
            Check::Applicant { .. } => Verdict::Pass,
        }
    }
}

/// An opportunity against one scheme.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Routing {
    pub checks: Vec<Check>,
}

impl Routing {
    /// No criterion fails (some may be unknown, for the funder to check).
    pub fn eligible(&self) -> bool {
        self.checks.iter().all(|c| c.verdict() != Verdict::Fail)
    }

    /// The criteria that fail, for the short summary of an ineligible scheme.
    pub fn failing(&self) -> impl Iterator<Item = &Check> {
        self.checks.iter().filter(|c| c.verdict() == Verdict::Fail)
    }
}

fn verdict(pass: bool) -> Verdict {
    if pass { Verdict::Pass } else { Verdict::Fail }
}

/// The stages from which a dossier may be filed: after a proposal, before the money is known.
pub fn routable(status: OpportunityStatus) -> bool {
    use OpportunityStatus as S;
    matches!(
        status,
        S::FollowUpContact | S::Proposal | S::FundingRequested
    )
}

/// Checks `candidate` against `terms` on `today`, every criterion in the order the page reads them.
pub fn route(terms: &SchemeTerms, candidate: &Candidate<'_>, today: Date) -> Routing {
    let cost = candidate.estimated_cost.map(Euros::value);
    let mut checks = vec![Check::Stage {
        verdict: verdict(routable(candidate.status)),
        status: candidate.status,
    }];
    if let Some(range) = &terms.budget {
        let (min, max) = (range.min_eur(), range.max_eur());
        checks.push(Check::Budget {
            verdict: match cost {
                None => Verdict::Unknown,
                Some(c) => verdict(min.is_none_or(|m| c >= m) && max.is_none_or(|m| c <= m)),
            },
            cost,
            min,
            max,
        });
    }
    let shared: Vec<Slug> = terms
        .themes
        .iter()
        .filter(|t| candidate.domains.contains(t))
        .cloned()
        .collect();
    let any = terms.themes.is_empty();
    checks.push(Check::Themes {
        verdict: verdict(any || !shared.is_empty()),
        shared,
        any,
    });
    if let Some(share) = terms.max_share.filter(|s| s.value() < 100) {
        // The sides bring at least the part the scheme does not pay, rounded up to the euro.
        let needed = cost.map(|c| (c * u64::from(100 - share.value())).div_ceil(100));
        let co_funding = candidate.co_funding.map(Euros::value);
        checks.push(Check::Share {
            verdict: match needed {
                None => Verdict::Unknown,
                Some(n) => verdict(co_funding.unwrap_or(0) >= n),
            },
            rate: share.value(),
            needed,
            co_funding,
        });
    }
    checks.push(Check::Window {
        verdict: verdict(terms.opens <= today && today <= terms.closes),
        opens: terms.opens,
        closes: terms.closes,
        early: today < terms.opens,
    });
    checks.push(Check::Applicant {
        applicants: terms.applicants,
    });
    Routing { checks }
}

/// The order schemes are offered in: eligible ones first, then by closing date (the soonest first), then
/// by name.
pub fn offer_order(
    a: (&Routing, &SchemeTerms, &str),
    b: (&Routing, &SchemeTerms, &str),
) -> std::cmp::Ordering {
    (!a.0.eligible(), a.1.closes, a.2).cmp(&(!b.0.eligible(), b.1.closes, b.2))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use time::macros::date;

    fn slug(s: &str) -> Slug {
        Slug::parse(s).unwrap()
    }

    fn terms(budget: Option<(Option<u64>, Option<u64>)>, share: Option<u64>) -> SchemeTerms {
        SchemeTerms::new(
            budget.map(|(lo, hi)| BudgetRange::new(lo, hi).unwrap()),
            Applicants::Institution,
            vec![slug("numerique"), slug("donnees")],
            share.map(|s| Percent::new(s).unwrap()),
            date!(2021 - 03 - 01),
            date!(2021 - 12 - 31),
        )
        .unwrap()
    }

    fn euros(v: u64) -> Euros {
        Euros::new(Field::Amount, v).unwrap()
    }

    #[test]
    fn a_fitting_opportunity_passes_every_criterion_and_a_misfit_says_which_fails() {
        let t = terms(Some((Some(10_000), Some(100_000))), Some(70));
        let domains = [slug("donnees"), slug("pedagogie")];
        let fits = Candidate {
            status: OpportunityStatus::Proposal,
            estimated_cost: Some(euros(40_000)),
            co_funding: Some(euros(12_000)),
            domains: &domains,
        };
        let r = route(&t, &fits, date!(2021 - 06 - 01));
        assert!(r.eligible(), "{r:?}");
        assert!(r.checks.contains(&Check::Share {
            verdict: Verdict::Pass,
            rate: 70,
            needed: Some(12_000),
            co_funding: Some(12_000),
        }));
        assert!(r.checks.contains(&Check::Themes {
            verdict: Verdict::Pass,
            shared: vec![slug("donnees")],
            any: false,
        }));

        // Too little co-funding, too dear, after the closing date: three failures, each named.
        let misfit = Candidate {
            estimated_cost: Some(euros(150_000)),
            co_funding: Some(euros(1_000)),
            ..fits
        };
        let r = route(&t, &misfit, date!(2022 - 01 - 01));
        assert!(!r.eligible());
        let failing: Vec<_> = r.failing().collect();
        assert_eq!(failing.len(), 3, "{failing:?}");
        assert!(matches!(
            failing[0],
            Check::Budget {
                cost: Some(150_000),
                ..
            }
        ));
        assert!(matches!(
            failing[1],
            Check::Share {
                needed: Some(45_000),
                ..
            }
        ));
        assert!(matches!(failing[2], Check::Window { .. }));
    }

    #[test]
    fn an_unknown_cost_is_to_check_not_a_refusal_and_a_funded_opportunity_is_not_routed() {
        let t = terms(Some((Some(10_000), None)), Some(50));
        let domains = [slug("numerique")];
        let c = Candidate {
            status: OpportunityStatus::FollowUpContact,
            estimated_cost: None,
            co_funding: None,
            domains: &domains,
        };
        let r = route(&t, &c, date!(2021 - 03 - 01));
        assert!(r.eligible());
        assert_eq!(
            r.checks
                .iter()
                .filter(|c| c.verdict() == Verdict::Unknown)
                .count(),
            2
        );
        let funded = Candidate {
            status: OpportunityStatus::Funded,
            ..c
        };
        assert!(!route(&t, &funded, date!(2021 - 03 - 01)).eligible());
    }

    #[test]
    fn terms_refuse_a_window_that_closes_before_it_opens_and_too_many_themes() {
        let many: Vec<Slug> = (0..13).map(|i| slug(&format!("theme-{i}"))).collect();
        let errors = SchemeTerms::new(
            None,
            Applicants::Either,
            many,
            None,
            date!(2021 - 03 - 01),
            date!(2021 - 02 - 01),
        )
        .unwrap_err();
        assert_eq!(errors.len(), 2);
        assert_eq!(Percent::parse("70 %"), Ok(Some(Percent(70))));
        assert_eq!(Percent::parse(""), Ok(None));
        for bad in ["0", "101", "-5", "7O", "99999999999999999999999"] {
            assert!(Percent::parse(bad).is_err(), "{bad}");
        }
    }

    proptest! {
        /// More co-funding never makes a scheme refuse, nor does a wider budget range or a later date
        /// inside the window; eligibility is exactly "no criterion fails".
        #[test]
        fn routing_is_monotonic_in_what_the_sides_bring(
            cost in 0u64..200_000,
            co in 0u64..200_000,
            extra in 0u64..50_000,
            lo in 0u64..100_000,
            width in 0u64..100_000,
            share in 1u64..=100,
            day in 0i64..400,
        ) {
            let co = co.min(cost);
            let t = terms(Some((Some(lo), Some(lo + width))), Some(share));
            let wider = terms(Some((Some(lo.saturating_sub(extra)), Some(lo + width + extra))), Some(share));
            let domains = [slug("numerique")];
            let today = date!(2021 - 01 - 01) + time::Duration::days(day);
            let c = Candidate {
                status: OpportunityStatus::Proposal,
                estimated_cost: Some(euros(cost)),
                co_funding: Some(euros(co)),
                domains: &domains,
            };
            let more = Candidate { co_funding: Some(euros((co + extra).min(cost))), ..c };
            let r = route(&t, &c, today);
            prop_assert_eq!(r.eligible(), r.checks.iter().all(|k| k.verdict() != Verdict::Fail));
            if r.eligible() {
                prop_assert!(route(&t, &more, today).eligible());
                prop_assert!(route(&wider, &c, today).eligible());
            }
        }
    }
}
