-- Roles (what a machine is for, mapped to Puppet classes and a Chef run list) and configuration-management
-- runs the platform has seen. Written for both H2 (embedded default) and PostgreSQL.

create table machine_role_definition (
    name        varchar(63)    primary key,
    -- the whole role as JSON (see roles.Role)
    document    varchar(100000) not null,
    updated_at  timestamp with time zone not null
);

create table machine_role (
    machine_id  uuid        not null references machine (id),
    role_name   varchar(63) not null references machine_role_definition (name),
    primary key (machine_id, role_name)
);

-- one row per machine: the last configuration-management run reported or seen for it
create table cm_run (
    machine_id   uuid         primary key references machine (id),
    certname     varchar(253) not null,
    status       varchar(32)  not null,
    run_at       timestamp with time zone not null,
    received_at  timestamp with time zone not null
);

-- what configuration management gave a machine for its installer (Chef: its client key), sealed with the
-- platform's secrets key (machine id as associated data); deleted once the installer reported
create table cm_registration (
    machine_id  uuid          primary key references machine (id),
    sealed      varchar(20000) not null,
    key_id      varchar(16)   not null
);
