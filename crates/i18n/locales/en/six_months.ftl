# The six-month rating (issue 10)
six-months-title = Six months on: { $irritant }
six-months-intro = About six months after the day, what happened since your meeting with { $other }? Your answer updates the opportunity's follow-up and helps the agency report on what came of the day.
six-months-answered = You answered on { $when }; you may correct your answer.
six-months-field-outcome = What came of the meeting
six-months-outcome-nothing = Nothing so far
six-months-outcome-contact-kept = We keep in touch
six-months-outcome-quote = A quote
six-months-outcome-contract = A contract
six-months-outcome-poc = A proof of concept
six-months-field-amount = Amount involved
six-months-amount-hint = In euros, without cents (for instance 25000); leave empty if none.
six-months-field-satisfaction = Your satisfaction
six-months-score-1 = 1 — not satisfied at all
six-months-score-2 = 2 — hardly satisfied
six-months-score-3 = 3 — fairly satisfied
six-months-score-4 = 4 — satisfied
six-months-score-5 = 5 — very satisfied
six-months-field-comment = Comment
six-months-pending = Six months on: tell us what came of these meetings
six-months-submit = Send my answer
six-months-thanks = Thank you: your answer is saved.
six-months-institutions = Institutions
six-months-companies = Companies
six-months-board-heading = Six-month rating
six-months-board-due = Asked of both sides of every held meeting from { $date }, with one reminder.
six-months-board-side = Side
six-months-board-asked = Asked
six-months-board-reminded = Reminded
six-months-board-answered = Answered
six-months-board-rate = Response rate
invalid-amount-malformed = An amount is written in euros, in digits, without cents (for instance 25000).
invalid-amount-out-of-range = The amount is above €100,000,000.

mail-six-month-request-subject = Six months after your meeting: { $irritant }
mail-six-month-request-body = Hello { $name },

    About six months ago you met { $other } about "{ $irritant }". What came of it? Three questions, one minute: what happened, the amount involved, your satisfaction.

    { $link }

    — Passerelle
mail-six-month-reminder-subject = Reminder: six months after your meeting, { $irritant }
mail-six-month-reminder-body = Hello { $name },

    We do not have your answer yet about what came of your meeting with { $other } about "{ $irritant }". This is the only reminder.

    { $link }

    — Passerelle
