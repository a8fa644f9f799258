-- The projection of the calendar documents, the audit log, and the tokens of the API and collab.

create table interviews (
	id uuid primary key,
	org_id uuid not null references organizations (id) on delete cascade,
	application_id uuid not null references applications (id) on delete cascade,
	cycle_id uuid not null references cycles (id) on delete cascade,
	candidate_id uuid not null references users (id) on delete cascade,
	start_at timestamptz not null,
	end_at timestamptz not null,
	duration_min integer not null,
	timezone text not null,
	type text not null,
	mode text not null,
	location text not null default '',
	round integer not null default 1,
	status text not null,
	rescheduled_from uuid,
	-- Computed by the projection with the pure domain rules (src/lib/domain).
	conflicts jsonb not null default '[]',
	problems jsonb not null default '[]',
	-- Raised on every reschedule or cancel: the SEQUENCE of the .ics.
	sequence integer not null default 0,
	updated_by uuid,
	-- Server-only facts (never in a Yjs document).
	candidate_joined_at timestamptz,
	interviewer_joined_at timestamptz,
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now()
);
create index interviews_org_start on interviews (org_id, start_at);
create index interviews_candidate on interviews (candidate_id, start_at);
create index interviews_application on interviews (application_id);

create table interview_panel (
	interview_id uuid not null references interviews (id) on delete cascade,
	user_id uuid not null references users (id) on delete cascade,
	primary key (interview_id, user_id)
);
create index interview_panel_user on interview_panel (user_id);

create table interview_logs (
	id bigserial primary key,
	org_id uuid not null references organizations (id) on delete cascade,
	interview_id uuid not null,
	actor_id uuid references users (id) on delete set null,
	action text not null
		check (action in ('scheduled', 'rescheduled', 'updated', 'cancelled', 'started', 'completed', 'no_show', 'scorecard')),
	old_values jsonb,
	new_values jsonb,
	reason text,
	created_at timestamptz not null default now()
);
create index interview_logs_interview on interview_logs (interview_id, id);

-- Personal API tokens of admins (stored hashed).
create table api_tokens (
	id uuid primary key default gen_random_uuid(),
	token_hash text not null unique,
	user_id uuid not null references users (id) on delete cascade,
	org_id uuid not null references organizations (id) on delete cascade,
	name text not null,
	created_at timestamptz not null default now(),
	last_used_at timestamptz,
	revoked_at timestamptz
);

-- Short-lived tokens the browser hands to the collab-server (stored hashed).
create table collab_tokens (
	token_hash text primary key,
	user_id uuid not null references users (id) on delete cascade,
	expires_at timestamptz not null
);
