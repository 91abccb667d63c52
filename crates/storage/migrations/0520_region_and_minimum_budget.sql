-- Who meets whom (issue 8): the region and budget reasons of the matching.
-- An organisation's region (the same codes as a company profile's: the 2016 regions, the overseas regions,
-- `national`), set by the organisers on an institution's page; an irritant's region is its institution's.
ALTER TABLE organisations ADD COLUMN region TEXT;
-- The smallest project a company takes on, in euros (1 to 100 000 000, checked by the domain).
ALTER TABLE company_profiles ADD COLUMN budget_min BIGINT;
