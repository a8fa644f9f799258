-- The document is untrusted input (docs/architecture.md invariant 10): access to an interview, its notes,
-- its .ics and its video room comes only from Postgres facts. `interview_panel` is the projection of
-- the panel the calendar document names, and an admin's client (or a modified one) can name anybody
-- there; only the members who are, today, interviewers of the interview's organization sit on its
-- panel for every reader. Every permission check and every panel a person is shown reads this view
-- (src/lib/server/access.ts), never `interview_panel` alone.
create view panel_interviewers as
	select p.interview_id, p.user_id
	from interview_panel p
	join interviews i on i.id = p.interview_id
	join memberships m on m.user_id = p.user_id and m.org_id = i.org_id and m.role = 'interviewer';
