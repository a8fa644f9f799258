-- The pipeline follows the interviews (collab-server/projection/pipeline.ts): an application waiting
-- for an interview whose interviews were all cancelled or missed goes back to `selected`, as the
-- projection now does on every change. This repairs the rows written before that rule.
with stale as (
	select a.id, a.org_id from applications a
	where a.status = 'interview_scheduled'
		and not exists (select 1 from interviews i where i.application_id = a.id
			and i.status in ('scheduled', 'in_progress', 'completed'))
), moved as (
	update applications a set status = 'selected', updated_at = now() from stale
	where a.id = stale.id returning a.id, a.org_id
)
insert into application_logs (org_id, application_id, actor_id, action, from_status, to_status, reason)
select org_id, id, null, 'pipeline', 'interview_scheduled', 'selected',
	'No interview is booked any more: the last one was cancelled or missed.'
from moved;
