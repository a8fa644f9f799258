-- A candidate's requests to move or cancel an interview (src/lib/server/candidate-changes.ts), under
-- the organization's policy (cut-off, most moves per application, auto-approval). Applied requests
-- change the interview through the calendar document like any change; each step is also written to
-- the interview's history (interview_logs: 'change_requested', 'change_declined').
create table change_requests (
	id uuid primary key default gen_random_uuid(),
	org_id uuid not null references organizations (id) on delete cascade,
	interview_id uuid not null,
	application_id uuid not null references applications (id) on delete cascade,
	candidate_id uuid not null references users (id) on delete cascade,
	kind text not null check (kind in ('reschedule', 'cancel')),
	reason text not null check (length(reason) between 1 and 2000),
	new_start timestamptz,
	status text not null default 'pending' check (status in ('pending', 'applied', 'declined')),
	decided_by uuid references users (id) on delete set null,
	decision_note text,
	created_at timestamptz not null default now(),
	decided_at timestamptz,
	check ((kind = 'reschedule') = (new_start is not null))
);
-- One request waits per interview at a time.
create unique index change_requests_one_pending on change_requests (interview_id) where status = 'pending';
create index change_requests_org on change_requests (org_id, status, created_at desc);

alter table interview_logs drop constraint interview_logs_action_check;
alter table interview_logs add constraint interview_logs_action_check
	check (action in ('scheduled', 'rescheduled', 'updated', 'cancelled', 'started', 'completed', 'no_show',
		'scorecard', 'removed', 'change_requested', 'change_declined'));
