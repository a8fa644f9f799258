-- A scheduling request's panel may name a pool: `pool_count` of `pool` join the named `panel`,
-- whoever is free when the candidate picks (src/lib/domain/pools.ts, least loaded first). The
-- named panel may then be empty.
alter table scheduling_requests add column pool uuid[] not null default '{}';
alter table scheduling_requests add column pool_count int not null default 0 check (pool_count between 0 and 5);
alter table scheduling_requests drop constraint scheduling_requests_panel_check;
alter table scheduling_requests add constraint scheduling_requests_panel_check
	check (cardinality(panel) <= 12 and cardinality(panel) + pool_count >= 1 and cardinality(pool) >= pool_count);
