-- Organization holidays and blackout dates (src/lib/domain/closures.ts): runs of whole days, read
-- in the organization's zone, on which no interview is booked. Written only through
-- src/lib/server/calendar-rules.ts, which checks them with validateClosure.
create table org_closures (
	id uuid primary key default gen_random_uuid(),
	org_id uuid not null references organizations (id) on delete cascade,
	kind text not null check (kind in ('holiday', 'blackout')),
	name text not null check (length(name) between 1 and 120),
	start_date date not null,
	end_date date not null,
	created_by uuid references users (id) on delete set null,
	created_at timestamptz not null default now(),
	check (end_date >= start_date)
);
create index org_closures_org on org_closures (org_id, end_date);

-- An interviewer's own load limits in this organization (src/lib/domain/load.ts, OwnLoadLimit):
-- {"perDay": n | null, "perWeek": n | null}; a key left out follows the organization's default
-- (organizations.policy → maxInterviewsPerDay / maxInterviewsPerWeek), null is "no limit".
alter table memberships add column load_limit jsonb
	check (load_limit is null or jsonb_typeof(load_limit) = 'object');
