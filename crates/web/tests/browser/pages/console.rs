use super::*;

pub const PAGES: &[PageCheck] = &[
    as_(Role::Organiser, "/console"),
    as_(Role::Organiser, "/console/invitations"),
    as_(Role::Organiser, "/console/domaines"),
    as_(Role::Organiser, "/console/editions"),
    as_(Role::Organiser, "/console/editions/nouvelle"),
    as_(Role::Organiser, "/console/editions/{edition}"),
    as_(
        Role::Organiser,
        "/console/editions/{edition}/phase?vers=preferences",
    ),
];
