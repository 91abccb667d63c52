-- The six-month rating (issue 10): about six months after an edition's day, each side of each held
-- meeting is asked what came of it; one reminder. Same rules as 0001 (amounts in whole euros, times in
-- unix seconds).

-- One request per side of a held meeting: when it was mailed, and when the one reminder was.
CREATE TABLE six_month_requests (
    meeting_id TEXT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    side TEXT NOT NULL,
    sent_at BIGINT NOT NULL,
    reminded_at BIGINT,
    PRIMARY KEY (meeting_id, side)
);

-- A side's answer (the latest counts): what came of the meeting (nothing, contact-kept, quote,
-- contract, poc), the amount involved, satisfaction from 1 to 5, a comment.
CREATE TABLE six_month_answers (
    meeting_id TEXT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    side TEXT NOT NULL,
    outcome TEXT NOT NULL,
    amount BIGINT,
    satisfaction BIGINT NOT NULL,
    comment TEXT,
    answered_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    answered_at BIGINT NOT NULL,
    PRIMARY KEY (meeting_id, side)
);
