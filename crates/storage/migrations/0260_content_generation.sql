-- Issue 7, public pages at the speed of static files: one number that every write transaction of the
-- application's data advances just before it commits (sessions, job leases, the outbox's deliveries and
-- the sign-in throttle excepted: they change nothing a page built from the data shows). A server keeps
-- public pages rendered under the number they were built from and serves them only while the database
-- still holds it, so a write on any server of the database is visible on the next request everywhere.
-- Not backed up: a restore advances it like any other write.
CREATE TABLE content_generation (
    id INTEGER PRIMARY KEY,
    generation BIGINT NOT NULL
);
INSERT INTO content_generation (id, generation) VALUES (1, 0);
