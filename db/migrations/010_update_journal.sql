-- The update journal (docs/architecture.md invariant 9, durable before acknowledged): every Yjs update a
-- collab-server instance applies to its copy of a document is appended here before the client that
-- sent it is acknowledged. A document is loaded as its snapshot (yjs_documents.state) plus its journal
-- rows in id order; storing the document folds the rows it contains into the snapshot and deletes
-- them in the same transaction (collab-server/persistence.ts, collab-server/journal.ts).
create table yjs_update_journal (
	id bigint generated always as identity primary key,
	name text not null,
	update bytea not null,
	created_at timestamptz not null default now()
);
create index yjs_update_journal_name_id on yjs_update_journal (name, id);
