-- A loop's own history: one row each time a loop is booked, moved or cancelled as a unit, beside the
-- per-interview rows the projection writes (src/lib/server/loop-logs.ts). `sessions` says what
-- changed for each session: [{interview_id, position, before: {start, end, status} | null, after}].
create table loop_logs (
	id uuid primary key default gen_random_uuid(),
	loop_id uuid not null references interview_loops (id) on delete cascade,
	org_id uuid not null references organizations (id) on delete cascade,
	actor_id uuid references users (id) on delete set null,
	action text not null check (action in ('booked', 'rescheduled', 'cancelled')),
	reason text,
	sessions jsonb not null,
	created_at timestamptz not null default now()
);
create index loop_logs_loop on loop_logs (loop_id, created_at);
