-- Single sign-on (issue 15): the identifiers the RENATER federation's attributes carry, set by the organisers
-- on an institution. `supannEtablissement` gives the UAI (`{UAI}0341087X`), `schacHomeOrganization` the home
-- domain (`univ-exemple.fr`); a sign-in proposes the institution that has them (by UAI, else by domain).
-- Unique: one UAI or one domain naming two institutions would make the proposal a guess.
ALTER TABLE organisations ADD COLUMN uai TEXT;
ALTER TABLE organisations ADD COLUMN home_domain TEXT;
CREATE UNIQUE INDEX organisations_uai ON organisations (uai) WHERE uai IS NOT NULL;
CREATE UNIQUE INDEX organisations_home_domain ON organisations (home_domain) WHERE home_domain IS NOT NULL;
