-- Sign-in throttling by email and address together, plus a ceiling per address across emails
-- (decision 39): failures from one address never lock an email for anybody elsewhere. Failures
-- recorded before this migration have no address; they are dropped (they only ever mattered for 15
-- minutes).
delete from login_failures;
alter table login_failures add column address text not null;
drop index login_failures_email;
create index login_failures_email_address on login_failures (email, address, failed_at);
create index login_failures_address on login_failures (address, failed_at);
