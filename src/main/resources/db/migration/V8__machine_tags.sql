-- Tags operators give machines (e.g. production); approval policies select machines by them.
-- Written for both H2 (embedded default) and PostgreSQL.

create table machine_tag (
    machine_id  uuid         not null references machine (id) on delete cascade,
    tag         varchar(63)  not null,
    primary key (machine_id, tag)
);

create index ix_machine_tag_tag on machine_tag (tag);
