-- Notifications: the transactional outbox of email, the in-app inbox, each person's email
-- preferences and their secret calendar feed.
--
-- Every change that should notify someone writes its rows here in the same transaction as the
-- change itself (the projection's store for schedule changes, the members and links services for
-- invitations and personal links, the notifications job for reminders and feedback requests). A
-- `dedupe_key` names the event and the recipient, so a second insert of the same event (a retry,
-- a second instance) does nothing.

-- The facts an interview message shows, read after the change in the same transaction. The panel is
-- `panel_interviewers` (never what the document alone names); names and the organization are joined.
create view interview_snapshots as
	select i.id, i.org_id, i.candidate_id,
		jsonb_build_object(
			'id', i.id,
			'start', to_char(i.start_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
			'end', to_char(i.end_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
			'duration_min', i.duration_min,
			'timezone', i.timezone,
			'org_timezone', o.timezone,
			'type', i.type,
			'mode', i.mode,
			'location', i.location,
			'round', i.round,
			'status', i.status,
			'sequence', i.sequence,
			'updated_at', to_char(i.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
			'org_name', o.name,
			'candidate', jsonb_build_object('id', c.id, 'name', c.name),
			'panel', coalesce((
				select jsonb_agg(jsonb_build_object('id', pu.id, 'name', pu.name) order by pu.name)
				from panel_interviewers ip join users pu on pu.id = ip.user_id
				where ip.interview_id = i.id), '[]'::jsonb)
		) as snapshot
	from interviews i
	join organizations o on o.id = i.org_id
	join users c on c.id = i.candidate_id;

create table outbox (
	id uuid primary key default gen_random_uuid(),
	org_id uuid references organizations (id) on delete cascade,
	-- One message per event and recipient, e.g. `interview_rescheduled:<log id>:<user id>`.
	dedupe_key text not null unique,
	kind text not null,
	interview_id uuid references interviews (id) on delete cascade,
	recipient_id uuid references users (id) on delete cascade,
	to_address text not null,
	-- What the template renders: the recipient and the facts of the event as they were.
	payload jsonb not null,
	status text not null default 'queued' check (status in ('queued', 'sending', 'sent', 'failed', 'cancelled')),
	attempts integer not null default 0,
	next_attempt_at timestamptz not null default now(),
	-- A claim: which attempt holds the row and until when (after that another worker takes it over).
	claim_id uuid,
	lease_until timestamptz,
	last_error text,
	created_at timestamptz not null default now(),
	sent_at timestamptz,
	updated_at timestamptz not null default now()
);
create index outbox_due on outbox (next_attempt_at) where status in ('queued', 'sending');
create index outbox_interview on outbox (interview_id, created_at);
create index outbox_org_created on outbox (org_id, created_at desc);

-- The in-app inbox: every notification reaches it, whatever the email preferences say.
create table notifications (
	id uuid primary key default gen_random_uuid(),
	user_id uuid not null references users (id) on delete cascade,
	org_id uuid references organizations (id) on delete cascade,
	dedupe_key text not null,
	kind text not null,
	interview_id uuid references interviews (id) on delete cascade,
	payload jsonb not null,
	created_at timestamptz not null default now(),
	read_at timestamptz,
	unique (user_id, dedupe_key)
);
create index notifications_user_created on notifications (user_id, created_at desc);
create index notifications_user_unread on notifications (user_id) where read_at is null;

-- Which kinds a person does not want by email (the inbox gets them all the same).
create table notification_preferences (
	user_id uuid primary key references users (id) on delete cascade,
	email_off text[] not null default '{}',
	updated_at timestamptz not null default now()
);

-- A person's secret calendar subscription URL (only the SHA-256 of its token is kept).
create table calendar_feeds (
	user_id uuid primary key references users (id) on delete cascade,
	org_id uuid not null references organizations (id) on delete cascade,
	token_hash text not null unique,
	created_at timestamptz not null default now(),
	last_used_at timestamptz
);

-- The notifications job looks for interviews about to start and just ended.
create index interviews_status_start on interviews (start_at) where status = 'scheduled';
create index interviews_end on interviews (end_at) where status in ('in_progress', 'completed');
