-- The calendar's summary counts the archived interviews (decision 75) on every calendar page load and
-- archive status read; without this index that is a scan of the organization's whole history
-- (decision 77). Numbered 041 as the session asked, after 040, which added `archived_at`.
create index interviews_archived_status on interviews (org_id, status) where archived_at is not null and removed_at is null;
