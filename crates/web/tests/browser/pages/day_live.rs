//! The day as it happens: the organisers' live board, desk, rescheduling, a change's preview and the
//! rating results on `{live}` (an edition on its event day with a live schedule, one meeting held and
//! rated, `{change}` a previewed change); a person's check-in page (`{person}`, the demo institution's
//! member: before the day it says check-in is not open).

use super::*;

pub const PAGES: &[PageCheck] = &[
    as_(Role::Organiser, "/console/editions/{live}/journee/tableau"),
    as_(Role::Organiser, "/console/editions/{live}/journee/accueil"),
    as_(
        Role::Organiser,
        "/console/editions/{live}/journee/changements",
    ),
    as_(Role::Organiser, "/console/journee/changements/{change}"),
    as_(
        Role::Organiser,
        "/console/editions/{live}/journee/evaluations",
    ),
    as_(Role::InstitutionMember, "/journee/accueil/{person}"),
    as_(Role::CompanyMember, "/journee/disponibilites"),
    as_(Role::Organiser, "/console/editions/{sched}/journee/regles"),
];
