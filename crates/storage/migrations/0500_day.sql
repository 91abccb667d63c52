-- The day (issue 9): the event's set-up, the scheduling runs, the live schedule and its changes, agenda
-- feeds, check-ins and ratings. Same rules as 0001: TEXT and BIGINT only (JSON documents as TEXT, booleans
-- 0/1, times in unix seconds). A slot is named by its start (and end): slots derive from the set-up's plan.

-- One set-up per edition; its time plan as JSON (days, sessions, slot length, gap, breaks, who keeps a
-- table, fairness bound).
CREATE TABLE day_setups (
    edition_id TEXT PRIMARY KEY REFERENCES editions (id) ON DELETE CASCADE,
    plan TEXT NOT NULL,
    updated_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    updated_at BIGINT NOT NULL
);

-- Tables (or rooms) in the order listed. Never deleted once listed (runs and history name them): a table
-- removed from the set-up or lost on the day is retired.
CREATE TABLE day_tables (
    id TEXT PRIMARY KEY,
    edition_id TEXT NOT NULL REFERENCES editions (id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    name TEXT NOT NULL,
    step_free BIGINT NOT NULL DEFAULT 0,
    retired_at BIGINT,
    UNIQUE (edition_id, name)
);

-- A participant of the timetable: an irritant's team (kind `irritant`) or a company (`company`); the slots
-- it cannot attend (JSON array of slot starts) and whether it needs a step-free table.
CREATE TABLE day_participants (
    edition_id TEXT NOT NULL REFERENCES editions (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    participant_id TEXT NOT NULL,
    unavailable TEXT NOT NULL,
    step_free BIGINT NOT NULL DEFAULT 0,
    updated_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (edition_id, kind, participant_id)
);

-- The organiser's rules for one meeting: a fixed slot (its start), a fixed table, or locked (a rescheduling
-- never moves it).
CREATE TABLE day_meeting_rules (
    meeting_id TEXT PRIMARY KEY REFERENCES meetings (id) ON DELETE CASCADE,
    fixed_slot BIGINT,
    fixed_table_id TEXT REFERENCES day_tables (id),
    locked BIGINT NOT NULL DEFAULT 0
);

-- `before_id` must be held strictly before `after_id`.
CREATE TABLE day_precedences (
    before_id TEXT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    after_id TEXT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    PRIMARY KEY (before_id, after_id)
);

-- Every scheduling run of an edition is kept: its parameters (the set-up and rules as given to the engine,
-- the time limit) and its result (total and per-participant idle breaks, fairness spread, lower bound, proof,
-- table changes, time taken) as JSON.
CREATE TABLE schedule_runs (
    id TEXT PRIMARY KEY,
    edition_id TEXT NOT NULL REFERENCES editions (id) ON DELETE CASCADE,
    seq BIGINT NOT NULL,
    job_id TEXT REFERENCES jobs (id) ON DELETE SET NULL,
    -- pending, done, failed, published.
    status TEXT NOT NULL,
    parameters TEXT NOT NULL,
    result TEXT,
    created_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    finished_at BIGINT,
    published_at BIGINT,
    UNIQUE (edition_id, seq)
);

-- Where a run put each meeting, written in the transaction that finishes the run's job.
CREATE TABLE schedule_run_placements (
    run_id TEXT NOT NULL REFERENCES schedule_runs (id) ON DELETE CASCADE,
    meeting_id TEXT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    slot_start BIGINT NOT NULL,
    slot_end BIGINT NOT NULL,
    table_id TEXT NOT NULL REFERENCES day_tables (id),
    PRIMARY KEY (run_id, meeting_id)
);

-- The live schedule: where each meeting is now (the published run, then each applied change). A cancelled
-- meeting keeps its row so that its feed entry says it is cancelled; `sequence` is its iCalendar SEQUENCE,
-- raised on every change.
CREATE TABLE meeting_placements (
    meeting_id TEXT PRIMARY KEY REFERENCES meetings (id) ON DELETE CASCADE,
    edition_id TEXT NOT NULL REFERENCES editions (id) ON DELETE CASCADE,
    slot_start BIGINT NOT NULL,
    slot_end BIGINT NOT NULL,
    table_id TEXT NOT NULL REFERENCES day_tables (id),
    sequence BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX meeting_placements_edition ON meeting_placements (edition_id, slot_start);

-- Changes to the published schedule: what happened (cancellation, absence, late request, lost table), the
-- preview computed with the fewest moves (moves, drops, who is affected) as JSON, and whether it was applied.
CREATE TABLE schedule_changes (
    id TEXT PRIMARY KEY,
    edition_id TEXT NOT NULL REFERENCES editions (id) ON DELETE CASCADE,
    seq BIGINT NOT NULL,
    kind TEXT NOT NULL,
    -- previewed, applied, discarded.
    status TEXT NOT NULL,
    input TEXT NOT NULL,
    preview TEXT NOT NULL,
    created_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    applied_at BIGINT,
    UNIQUE (edition_id, seq)
);

-- The secret address of a person's agenda feed (shown again on the agenda page, reset by the person).
CREATE TABLE agenda_feeds (
    user_id TEXT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    token TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL
);

-- Arrivals on the day.
CREATE TABLE day_checkins (
    edition_id TEXT NOT NULL REFERENCES editions (id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    checked_in_at BIGINT NOT NULL,
    checked_in_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    PRIMARY KEY (edition_id, user_id)
);

-- Each side's rating of a meeting it held: on the day (round `day`), later about six months after
-- (`six-months`). Score 1–5; follow-up wanted yes, maybe or no.
CREATE TABLE meeting_ratings (
    meeting_id TEXT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    side TEXT NOT NULL,
    round TEXT NOT NULL,
    score BIGINT NOT NULL,
    follow_up TEXT NOT NULL,
    comment TEXT,
    rated_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    rated_at BIGINT NOT NULL,
    PRIMARY KEY (meeting_id, side, round)
);
