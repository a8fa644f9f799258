-- A loop remembers how it was laid out, so it can be moved as a unit and laid out again from a new
-- start: a two-day loop's first-day session count (null: one day). The GIN index answers "which loop
-- is this interview in" for the calendar, the candidate's page and the invitations.
alter table interview_loops add column split_after int check (split_after is null or split_after >= 1);
create index interview_loops_interviews on interview_loops using gin (interview_ids);
