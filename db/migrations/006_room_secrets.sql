-- A peer id is the public address of a participant in the video room; since this migration each id
-- comes with a random secret that only its holder receives (the PeerJS `token`). Only the SHA-256 of
-- the secret is stored. Ids issued before have no secret and cannot be checked: they go, and their
-- holders simply ask for a new one (ids are short-lived and re-issued on every reconnect anyway).
delete from room_peers;
alter table room_peers add column secret_hash text not null;
-- Looking up a person's ids in a room (re-join, limit of people) and purging expired ids.
create index room_peers_holder on room_peers (interview_id, user_id);
create index room_peers_expires on room_peers (expires_at);
