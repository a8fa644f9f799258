-- Scorecards: each panel member's independent judgement of an interview (server-only facts, never in
-- a Yjs document), and the admin's finalization that freezes them.

create table scorecards (
	interview_id uuid not null references interviews (id) on delete cascade,
	author_id uuid not null references users (id) on delete cascade,
	rating smallint not null check (rating between 1 and 5),
	recommendation text not null check (recommendation in ('hire', 'proceed', 'maybe', 'reject')),
	feedback text not null default '' check (char_length(feedback) <= 20000),
	submitted_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	primary key (interview_id, author_id)
);
create index scorecards_author on scorecards (author_id);

-- One row per finalized interview: its scorecards can no longer change. Kept apart from `interviews`,
-- whose columns the calendar projection owns.
create table interviews_finalized (
	interview_id uuid primary key references interviews (id) on delete cascade,
	finalized_by uuid references users (id) on delete set null,
	finalized_at timestamptz not null default now()
);
