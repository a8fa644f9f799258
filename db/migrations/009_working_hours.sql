-- A person's own working hours, read in their own time zone (users.timezone), in the shape of the
-- domain's WorkingHours (src/lib/domain/types.ts): {"startTime": "HH:MM", "endTime": "HH:MM",
-- "weekdays": [1..7]}, ISO weekdays on which a shift starts. Null means the organization's default
-- (organizations.policy → workingHours). Written only through validateWorkingHours
-- (src/lib/domain/working-hours.ts); a stored value that no longer passes it reads as the default.
alter table users add column working_hours jsonb
	check (working_hours is null or jsonb_typeof(working_hours) = 'object');
