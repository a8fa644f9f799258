-- An invitation (METHOD:REQUEST) and its withdrawal (METHOD:CANCEL) name the ORGANIZER and every
-- attendee: the candidate and the whole panel (RFC 5546). The snapshot a message is rendered from
-- therefore carries each person's address beside their name. Same columns, so a plain replace.
create or replace view interview_snapshots as
	select i.id, i.org_id, i.candidate_id,
		jsonb_build_object(
			'id', i.id,
			'start', to_char(i.start_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
			'end', to_char(i.end_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
			'duration_min', i.duration_min,
			'timezone', i.timezone,
			'org_timezone', o.timezone,
			'type', i.type,
			'mode', i.mode,
			'location', i.location,
			'round', i.round,
			'status', i.status,
			'sequence', i.sequence,
			'updated_at', to_char(i.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
			'org_name', o.name,
			'candidate', jsonb_build_object('id', c.id, 'name', c.name, 'email', c.email),
			'panel', coalesce((
				select jsonb_agg(jsonb_build_object('id', pu.id, 'name', pu.name, 'email', pu.email) order by pu.name)
				from panel_interviewers ip join users pu on pu.id = ip.user_id
				where ip.interview_id = i.id), '[]'::jsonb)
		) as snapshot
	from interviews i
	join organizations o on o.id = i.org_id
	join users c on c.id = i.candidate_id;
