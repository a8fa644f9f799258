-- The projection's server-side order (collab-server/projection/version.ts): the Yjs items of the
-- calendar entry each row was projected from. A document that lacks one of them is older than the
-- row and never replaces it. Null for rows projected before this column existed.
alter table interviews add column doc_version jsonb;
