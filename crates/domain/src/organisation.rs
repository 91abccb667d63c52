//! Organisations and the roles users hold in them.

use crate::error::Field;
use crate::ids::OrganisationId;

code_enum!(
    /// What an organisation is, which decides the roles its members may hold.
    OrganisationKind, Field::Kind, {
        /// A university or research body bringing irritants.
        Institution => "institution",
        /// An innovative company.
        Company => "company",
        /// An incubator or business cluster whose business managers recruit companies.
        Incubator => "incubator",
        /// The mutualisation agency (Amue) that runs the editions.
        Agency => "agency",
        /// A funder or decision body receiving POC dossiers.
        Funder => "funder",
    }
);

code_enum!(
    /// A user's role within one organisation.
    Role, Field::Role, {
        /// Agency staff running editions.
        Organiser => "organiser",
        /// Writes and submits the organisation's irritants.
        InstitutionMember => "institution-member",
        /// Edits the company's profile and registers it to editions.
        CompanyMember => "company-member",
        /// Invites and vouches for companies (incubator or cluster).
        BusinessManager => "business-manager",
        /// Manages accounts and the platform.
        Admin => "admin",
        /// Reads the POC dossiers routed to a funder.
        Funder => "funder",
    }
);

impl Role {
    /// Whether a member of an organisation of this kind may hold the role. The agency brings irritants of
    /// its own (4 of the 19 in 2021), so its staff may be institution members too.
    pub fn allowed_in(self, kind: OrganisationKind) -> bool {
        use OrganisationKind as K;
        match self {
            Role::Organiser | Role::Admin => kind == K::Agency,
            Role::InstitutionMember => matches!(kind, K::Institution | K::Agency),
            Role::CompanyMember => kind == K::Company,
            Role::BusinessManager => kind == K::Incubator,
            Role::Funder => kind == K::Funder,
        }
    }
}

/// One role of a user in one organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Membership {
    pub organisation: OrganisationId,
    pub kind: OrganisationKind,
    pub role: Role,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_unknown_codes_are_refused() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Ok(*role));
        }
        for kind in OrganisationKind::ALL {
            assert_eq!(OrganisationKind::parse(kind.as_str()), Ok(*kind));
        }
        assert_eq!(Role::parse("superuser").unwrap_err().code(), "role-unknown");
    }

    #[test]
    fn every_role_fits_at_least_one_kind_and_companies_cannot_organise() {
        for role in Role::ALL {
            assert!(
                OrganisationKind::ALL.iter().any(|k| role.allowed_in(*k)),
                "{role}"
            );
        }
        assert!(!Role::Organiser.allowed_in(OrganisationKind::Company));
        assert!(!Role::BusinessManager.allowed_in(OrganisationKind::Company));
        assert!(Role::InstitutionMember.allowed_in(OrganisationKind::Agency));
    }
}
