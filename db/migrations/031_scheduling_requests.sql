-- Self-scheduling (src/lib/server/self-scheduling.ts): an admin asks a candidate to pick a time for
-- one application and round, with a panel, a duration and a window; the candidate opens it from the
-- email (its token, stored hashed, needs no password) or from their own page, and books one of the
-- free times, through the calendar document like any booking. A request is used once: the booking
-- and `status = 'booked'` are written under one lock, so of two concurrent grabs exactly one wins.
create table scheduling_requests (
	id uuid primary key default gen_random_uuid(),
	org_id uuid not null references organizations (id) on delete cascade,
	application_id uuid not null references applications (id) on delete cascade,
	candidate_id uuid not null references users (id) on delete cascade,
	round int not null check (round between 1 and 20),
	panel uuid[] not null check (cardinality(panel) between 1 and 12),
	duration_min int not null,
	type text not null,
	mode text not null check (mode in ('online', 'offline')),
	location text not null default '',
	window_start timestamptz not null,
	window_end timestamptz not null,
	-- After this the request can no longer be used; null: the end of the window.
	deadline timestamptz,
	token_hash text not null unique,
	status text not null default 'open' check (status in ('open', 'booked', 'cancelled')),
	interview_id uuid,
	created_by uuid references users (id) on delete set null,
	created_at timestamptz not null default now(),
	booked_at timestamptz,
	check (window_end > window_start)
);
create index scheduling_requests_candidate on scheduling_requests (candidate_id, status);
create index scheduling_requests_org on scheduling_requests (org_id, created_at desc);
