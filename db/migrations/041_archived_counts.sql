-- The calendar's summary adds the archived completed and cancelled interviews (decision 75) on every
-- calendar page load; counting them there read the organization's whole history (decision 81).
-- Archived rows no longer change (decision 73), so the archive pass counts them once, in its
-- transaction, and the page and the archive status read the numbers. Numbered 041: after 040,
-- which added the table.
alter table calendar_generations
	add column archived_completed integer not null default 0,
	add column archived_cancelled integer not null default 0;
update calendar_generations g set
	archived_completed = (select count(*) from interviews i where i.org_id = g.org_id and i.removed_at is null
		and i.archived_at is not null and i.status = 'completed'),
	archived_cancelled = (select count(*) from interviews i where i.org_id = g.org_id and i.removed_at is null
		and i.archived_at is not null and i.status = 'cancelled');
