//! An institution's region, set on its console page: organisers and admins; companies have no such
//! page.

use super::*;

pub const CASES: &[Case] = &[
    post(
        "/console/etablissements/{institution}/region",
        &[("region", "occitanie")],
        [S, Y, F, F, F, F, Y, F],
    ),
    post(
        "/console/etablissements/{company}/region",
        &[("region", "occitanie")],
        [S, Expect::Status(404), F, F, F, F, Expect::Status(404), F],
    ),
];
