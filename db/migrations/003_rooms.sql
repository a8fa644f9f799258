-- Peer ids the app issued for the video room; the peer-server accepts only these, until they expire.
create table room_peers (
	peer_id text primary key,
	interview_id uuid not null references interviews (id) on delete cascade,
	user_id uuid not null references users (id) on delete cascade,
	expires_at timestamptz not null,
	created_at timestamptz not null default now()
);
create index room_peers_interview on room_peers (interview_id);
