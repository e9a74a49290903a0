-- Hardware profiles (ready state: BIOS, RAID, firmware, boot mode) and the profile a machine was prepared with.

create table hardware_profile (
    name        varchar(63)    primary key,
    priority    integer        not null,
    -- the whole profile as JSON (see HardwareProfile); matching reads the columns above and this document
    document    varchar(100000) not null,
    updated_at  timestamp with time zone not null
);

alter table machine add column profile_name varchar(63);
