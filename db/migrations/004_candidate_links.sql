-- Personal links that sign a candidate into their own pages without a password (token stored hashed).
-- A link expires when the candidate's cycle ends and can be revoked; revoking also ends the sessions
-- it opened (sessions of kind 'link').
create table candidate_links (
	id uuid primary key default gen_random_uuid(),
	token_hash text not null unique,
	user_id uuid not null references users (id) on delete cascade,
	org_id uuid not null references organizations (id) on delete cascade,
	created_by uuid references users (id) on delete set null,
	expires_at timestamptz not null,
	revoked_at timestamptz,
	last_used_at timestamptz,
	created_at timestamptz not null default now()
);
create index candidate_links_user on candidate_links (user_id, org_id);
