-- A collab token opens documents of one organization: the one its request acted for (an API token
-- is bound to one organization, and so is every collab token it fetches).
alter table collab_tokens add column org_id uuid references organizations (id) on delete cascade;
