//! The console: the vocabulary, editions, accounts, and what only organisers, admins or funders see.

use super::{Action, Denied, Facts};
use crate::organisation::Role;

pub(super) fn decide(f: &Facts, action: Action) -> Result<(), Denied> {
    use Action as A;
    let organiser = f.organiser();
    match action {
        A::EditVocabulary | A::ViewConsole | A::ManageInstitutions => f.who(organiser || f.admin()),
        A::ManageEdition => f.who(organiser),
        A::ManageUsers => f.who(f.admin()),
        A::ViewFundingDossiers => f.who(organiser || f.actor.has_role(Role::Funder)),
        A::ManageOwnAccount => Ok(()),
        A::HandleDataRequest => f.who(organiser),
        _ => Err(Denied::Forbidden),
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::super::{Area, Context};
    use super::*;
    use crate::edition::Phase;

    /// Columns: anonymous, organiser, institution member, company member, business manager, admin, funder.
    #[test]
    fn matrix_of_the_console() {
        use Action as A;
        let w = World::new();
        let ctx = Context {
            phase: Some(Phase::CallForIrritants),
            owner: Some(w.own),
            ..Context::default()
        };
        check_matrix(
            Area::Console,
            &w,
            &ctx,
            &[
                (A::EditVocabulary, [S, Y, F, F, F, Y, F]),
                (A::ViewConsole, [S, Y, F, F, F, Y, F]),
                (A::ManageEdition, [S, Y, F, F, F, F, F]),
                (A::ManageUsers, [S, F, F, F, F, Y, F]),
                (A::ViewFundingDossiers, [S, Y, F, F, F, F, Y]),
                (A::ManageInstitutions, [S, Y, F, F, F, Y, F]),
                (A::ManageOwnAccount, [S, Y, Y, Y, Y, Y, Y]),
                (A::HandleDataRequest, [S, Y, F, F, F, F, F]),
            ],
        );
    }
}
