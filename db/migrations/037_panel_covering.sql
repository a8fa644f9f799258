-- Each seat of a panel carries its interview's organization, start, end and status, so the slot
-- finder reads a panel's interviews from one index range per person (decision 70; the embedded
-- database has no statistics, and with them the join still walks most of the organization's
-- interviews in a range). Triggers keep the copy, not the writers: the projection, the jobs, the
-- video room and the removals all update `interviews` directly, and a new writer cannot forget it.
alter table interview_panel
	add column org_id uuid,
	add column start_at timestamptz,
	add column end_at timestamptz,
	add column status text;

update interview_panel p set org_id = i.org_id, start_at = i.start_at, end_at = i.end_at, status = i.status
	from interviews i where i.id = p.interview_id;

alter table interview_panel
	alter column org_id set not null,
	alter column start_at set not null,
	alter column end_at set not null,
	alter column status set not null;

-- A seat takes its interview's facts when it is written (whatever the writer says).
create function interview_panel_copy() returns trigger language plpgsql as $$
begin
	select i.org_id, i.start_at, i.end_at, i.status into new.org_id, new.start_at, new.end_at, new.status
		from interviews i where i.id = new.interview_id;
	-- As the foreign key would say (a NULL copy would otherwise fail first, as a not-null violation).
	if not found then
		raise foreign_key_violation using message = format('interview %s is not in interviews', new.interview_id);
	end if;
	return new;
end $$;
create trigger interview_panel_copy before insert or update on interview_panel
	for each row execute function interview_panel_copy();

-- An interview's seats follow it when its organization, time or status changes.
create function interviews_panel_follow() returns trigger language plpgsql as $$
begin
	update interview_panel set org_id = new.org_id, start_at = new.start_at, end_at = new.end_at, status = new.status
		where interview_id = new.id;
	return null;
end $$;
create trigger interviews_panel_follow after update of org_id, start_at, end_at, status on interviews
	for each row
	when (old.org_id is distinct from new.org_id or old.start_at is distinct from new.start_at
		or old.end_at is distinct from new.end_at or old.status is distinct from new.status)
	execute function interviews_panel_follow();

create index interview_panel_user_start on interview_panel (user_id, start_at)
	include (org_id, interview_id, end_at, status);
