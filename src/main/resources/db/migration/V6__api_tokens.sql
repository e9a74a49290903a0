-- API tokens for automation (security.ApiTokens). The token itself is never stored: only the hex SHA-256 of
-- the whole token string, which is what a request's bearer token is looked up by. Written for both H2 and
-- PostgreSQL.

create table api_token (
    id            uuid          primary key,
    name          varchar(100)  not null,
    -- the user the token authenticates as, and the one group whose rights it carries
    owner         varchar(255)  not null,
    scope_group   varchar(64)   not null,
    token_hash    char(64)      not null unique,
    created_at    timestamp with time zone not null,
    expires_at    timestamp with time zone,
    revoked_at    timestamp with time zone,
    last_used_at  timestamp with time zone
);

create index api_token_owner on api_token (owner);
