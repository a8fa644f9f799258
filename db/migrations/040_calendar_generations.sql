-- A bounded live calendar (decision 69). The calendar document of an organization holds only the
-- interviews that can still change; older ones are archived: they stay here, in `interviews` with
-- their logs, scorecards and notes, and leave the document. Archiving compacts: the kept entries are
-- written into a fresh document, the next generation (`org:<id>:calendar:g<N>`), so the removed
-- history does not travel with it. Generation 0 is the original name, for organizations never archived.
create table calendar_generations (
	org_id uuid primary key references organizations (id) on delete cascade,
	generation integer not null check (generation >= 1),
	-- Interviews that ended before this instant (and could no longer change) were archived.
	archived_before timestamptz not null,
	archived_count integer not null default 0,
	created_at timestamptz not null default now()
);

-- A generation that was replaced. Clients offline at the time still hold it and may send edits to it;
-- the server forwards each edit to the current generation (or refuses it, for an archived interview)
-- and keeps here what it has forwarded so far: the state every forwarded edit is measured against.
create table calendar_stale_generations (
	org_id uuid not null references organizations (id) on delete cascade,
	generation integer not null,
	forwarded_state bytea not null,
	forwarded_at timestamptz,
	created_at timestamptz not null default now(),
	primary key (org_id, generation)
);

-- Set when the interview left the live document. Read paths keep showing it; the projection never
-- takes its absence from the document for a removal.
alter table interviews add column archived_at timestamptz;

-- Edits that arrived for an interview already archived: refused, and kept here so the person is told.
create table calendar_refused_edits (
	id bigint generated always as identity primary key,
	org_id uuid not null references organizations (id) on delete cascade,
	interview_id uuid not null,
	user_id uuid references users (id) on delete set null,
	fields text[] not null,
	created_at timestamptz not null default now()
);
create index calendar_refused_edits_org on calendar_refused_edits (org_id, created_at);

-- What the archive pass looks for: the organization's interviews still in the document, by end.
create index interviews_live_end on interviews (org_id, end_at) where archived_at is null;
create index interviews_rescheduled_from on interviews (rescheduled_from) where rescheduled_from is not null;
