-- A loop: the sessions of one candidate's interview day, booked in one step (all or none) through
-- the calendar document (src/lib/server/loops.ts). The sessions are ordinary interviews; this row
-- says which belong together, in order.
create table interview_loops (
	id uuid primary key default gen_random_uuid(),
	org_id uuid not null references organizations (id) on delete cascade,
	application_id uuid not null references applications (id) on delete cascade,
	interview_ids uuid[] not null check (cardinality(interview_ids) between 2 and 6),
	break_min int not null,
	created_by uuid references users (id) on delete set null,
	created_at timestamptz not null default now()
);
create index interview_loops_application on interview_loops (application_id);
