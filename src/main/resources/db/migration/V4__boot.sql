-- Boot: what a deploy installs on a machine, and the one-time token its installer reports back with.
-- Written for both H2 (embedded default) and PostgreSQL.

create table machine_deployment (
    machine_id          uuid          primary key references machine (id),
    network             varchar(63)   not null,
    os                  varchar(63)   not null,
    hostname            varchar(63)   not null,
    requested_by        varchar(255)  not null,
    requested_at        timestamp with time zone not null,
    -- SHA-256 (hex) of the current install token: looked up by the callback
    token_sha256        varchar(64),
    -- the same token sealed with the platform's secrets key (machine id as associated data), so the iPXE
    -- script can hand it to the installer; never stored in clear
    token_sealed        varchar(255),
    token_key_id        varchar(16),
    token_expires_at    timestamp with time zone,
    -- what the installer reported with the token; a token is used once
    install_outcome     varchar(16),
    install_reason      varchar(500),
    install_reported_at timestamp with time zone,
    constraint uq_deployment_token unique (token_sha256)
);

-- Machines found by PXE discovery have no BMC until an operator gives it (PUT /machines/{id}/bmc).
alter table machine alter column bmc_address drop not null;
alter table machine alter column bmc_credential_id drop not null;
alter table machine alter column bmc_tls_mode drop not null;
