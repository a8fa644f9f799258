-- The audit of applications' status moves: an admin's decision (with the written reason of an
-- override: approve or reject with no interview held) and the pipeline's own moves that follow the
-- interviews (scheduled, last live one cancelled).
create table application_logs (
	id bigserial primary key,
	org_id uuid not null references organizations (id) on delete cascade,
	application_id uuid not null references applications (id) on delete cascade,
	actor_id uuid references users (id) on delete set null,
	action text not null check (action in ('moved', 'override', 'pipeline')),
	from_status text not null,
	to_status text not null,
	reason text check (reason is null or char_length(reason) <= 2000),
	created_at timestamptz not null default now()
);
create index application_logs_application on application_logs (application_id, id);
