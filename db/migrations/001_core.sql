-- The relational core: organizations, people and their roles, sessions, cycles and applications.

create table organizations (
	id uuid primary key default gen_random_uuid(),
	slug text not null unique,
	name text not null,
	timezone text not null,
	-- Overrides of the scheduling defaults in src/lib/domain/policy.ts (minimum notice, buffer, ...).
	policy jsonb not null default '{}',
	created_at timestamptz not null default now()
);

create table users (
	id uuid primary key default gen_random_uuid(),
	email text not null unique check (email = lower(email)),
	name text not null,
	-- Null until the person accepts their invitation (or forever, for a candidate who uses a personal link).
	password_hash text,
	-- The person's own IANA zone; null means "use the browser's".
	timezone text,
	created_at timestamptz not null default now()
);

create table memberships (
	user_id uuid not null references users (id) on delete cascade,
	org_id uuid not null references organizations (id) on delete cascade,
	role text not null check (role in ('admin', 'interviewer', 'candidate')),
	created_at timestamptz not null default now(),
	primary key (user_id, org_id)
);
create index memberships_org_role on memberships (org_id, role);

-- Sessions the Lucia way: the id is the SHA-256 of the token the cookie holds.
create table sessions (
	id text primary key,
	user_id uuid not null references users (id) on delete cascade,
	expires_at timestamptz not null,
	-- 'password' for a normal sign-in, 'link' for a candidate's personal link (candidate pages only).
	kind text not null default 'password' check (kind in ('password', 'link')),
	created_at timestamptz not null default now()
);
create index sessions_user on sessions (user_id);

create table login_failures (
	email text not null,
	failed_at timestamptz not null default now()
);
create index login_failures_email on login_failures (email, failed_at);

-- One-time invitation links to set a password (token stored hashed).
create table invitations (
	id uuid primary key default gen_random_uuid(),
	token_hash text not null unique,
	user_id uuid not null references users (id) on delete cascade,
	org_id uuid not null references organizations (id) on delete cascade,
	created_by uuid references users (id) on delete set null,
	expires_at timestamptz not null,
	used_at timestamptz,
	created_at timestamptz not null default now()
);

create table cycles (
	id uuid primary key default gen_random_uuid(),
	org_id uuid not null references organizations (id) on delete cascade,
	name text not null,
	starts_on date not null,
	ends_on date not null,
	status text not null default 'active' check (status in ('active', 'closed')),
	created_at timestamptz not null default now()
);
create index cycles_org on cycles (org_id);

create table applications (
	id uuid primary key default gen_random_uuid(),
	org_id uuid not null references organizations (id) on delete cascade,
	cycle_id uuid not null references cycles (id) on delete cascade,
	candidate_id uuid not null references users (id) on delete cascade,
	status text not null default 'pending'
		check (status in ('pending', 'selected', 'interview_scheduled', 'approved', 'rejected')),
	interview_enabled boolean not null default false,
	online_interview_enabled boolean not null default false,
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	unique (cycle_id, candidate_id)
);
create index applications_org_status on applications (org_id, status);

-- Yjs documents: the merged state as Hocuspocus stores it.
create table yjs_documents (
	name text primary key,
	state bytea not null,
	updated_at timestamptz not null default now()
);
