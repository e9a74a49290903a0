-- PostgreSQL only (Flyway location db/vendor/{vendor}): the audit trail cannot be changed or emptied through SQL
-- by the platform's database user. Pruning old entries is a deliberate act of a database owner who disables the
-- trigger first (see docs/security.md, "Audit trail").

create function audit_event_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_event is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
end
$$;

create trigger audit_event_no_update_or_delete before update or delete on audit_event
    for each row execute function audit_event_append_only();

create trigger audit_event_no_truncate before truncate on audit_event
    for each statement execute function audit_event_append_only();
