-- IP address management: networks, their address pools, reserved addresses and the addresses allocated to
-- machines' NICs. IPv4 addresses are bigint (the unsigned 32-bit value), so ranges compare numerically.
-- Written for both H2 (embedded default) and PostgreSQL. Why uniqueness lives here: docs/adr/0012.

create table network (
    id             uuid          primary key,
    name           varchar(63)   not null,
    -- canonical text, e.g. 10.88.0.0/16; first_address and last_address are its network and broadcast address
    cidr           varchar(18)   not null,
    first_address  bigint        not null,
    last_address   bigint        not null,
    gateway        bigint,
    -- dotted addresses separated by commas, in the order clients should ask them; '' when none
    dns_servers    varchar(255)  not null default '',
    -- the DNS zone of the machines' A records
    domain         varchar(253),
    vlan           integer,
    site           varchar(63),
    -- next-server (TFTP/HTTP) address machines in the network boot from
    boot_server    bigint,
    created_at     timestamp with time zone not null,
    updated_at     timestamp with time zone not null,
    constraint uq_network_name unique (name),
    constraint ck_network_range check (first_address <= last_address),
    constraint ck_network_vlan check (vlan between 1 and 4094)
);

create index ix_network_range on network (first_address, last_address);

create table ip_pool (
    id             uuid          primary key,
    network_id     uuid          not null references network (id) on delete cascade,
    name           varchar(63)   not null,
    first_address  bigint        not null,
    last_address   bigint        not null,
    created_at     timestamp with time zone not null,
    constraint uq_ip_pool_name unique (network_id, name),
    -- the target of ip_allocation's foreign key, which thereby also pins the allocation's network
    constraint uq_ip_pool_network unique (id, network_id),
    constraint ck_ip_pool_range check (first_address <= last_address)
);

create table ip_reserved (
    network_id     uuid          not null references network (id) on delete cascade,
    address        bigint        not null,
    note           varchar(255),
    created_at     timestamp with time zone not null,
    primary key (network_id, address)
);

-- No foreign key to machine: the network package does not depend on inventory, and an address outlives a
-- machine record only if release was skipped, which the allocations list shows (ADR 0012).
-- No foreign key to network either: the one to the pool pins the network, and an insert then locks only the
-- pool row the allocating transaction holds already, never the network row that changes to it lock.
create table ip_allocation (
    id             uuid          primary key,
    network_id     uuid          not null,
    pool_id        uuid          not null,
    address        bigint        not null,
    machine_id     uuid          not null,
    -- lower-case, colon-separated
    mac            varchar(17)   not null,
    hostname       varchar(253)  not null,
    created_at     timestamp with time zone not null,
    constraint uq_ip_allocation_address unique (network_id, address),
    constraint uq_ip_allocation_mac unique (network_id, mac),
    constraint fk_ip_allocation_pool foreign key (pool_id, network_id) references ip_pool (id, network_id)
);

create index ix_ip_allocation_machine on ip_allocation (machine_id);
create index ix_ip_allocation_pool on ip_allocation (pool_id);
