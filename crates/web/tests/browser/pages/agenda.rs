use super::*;

pub const PAGES: &[PageCheck] = &[
    as_(Role::InstitutionMember, "/journee/agenda"),
    as_(Role::CompanyMember, "/journee/agenda"),
    as_(Role::CompanyMember, "/journee/maintenant"),
    as_(Role::Organiser, "/console/editions/{sched}/journee"),
    as_(Role::Organiser, "/console/journee/calculs/{srun}"),
    as_(
        Role::Organiser,
        "/console/journee/comparer?a={srun}&b={srun}",
    ),
];
