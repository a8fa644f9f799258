-- An interview deleted from the calendar document keeps its row (scorecards, attendance and the
-- audit log hang on it): the projection marks it removed, cancels it if it was still to happen and
-- logs the removal.
alter table interviews add column removed_at timestamptz;
alter table interview_logs drop constraint interview_logs_action_check;
alter table interview_logs add constraint interview_logs_action_check
	check (action in ('scheduled', 'rescheduled', 'updated', 'cancelled', 'started', 'completed', 'no_show',
		'scorecard', 'removed'));

-- A session opened by a candidate's personal link belongs to that link: it ends when the link is
-- revoked, replaced or expires. Older link sessions cannot be tied to their link and end now.
alter table sessions add column link_id uuid references candidate_links (id) on delete cascade;
delete from sessions where kind = 'link';
