-- A collab token follows the credential that fetched it (decision 41): the session of a signed-in
-- browser or the API token of a script. Signing out deletes the session and with it its collab
-- tokens; revoking an API token refuses its collab tokens at once; the collab-server re-checks open
-- connections against the same credential. Tokens issued before cannot be tied to one and go (they
-- lived ten minutes; clients fetch a new one when they reconnect).
delete from collab_tokens;
alter table collab_tokens add column session_id text references sessions (id) on delete cascade;
alter table collab_tokens add column api_token_id uuid references api_tokens (id) on delete cascade;
alter table collab_tokens add constraint collab_tokens_one_credential
	check ((session_id is null) <> (api_token_id is null));
create index collab_tokens_session on collab_tokens (session_id);
create index collab_tokens_api_token on collab_tokens (api_token_id);
