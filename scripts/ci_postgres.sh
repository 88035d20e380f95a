#!/usr/bin/env bash
# Install PostgreSQL from Debian's packages, start a cluster and create the test database.
# Prints the URL to export as CLAIMLEDGER_TEST_PG (the storage tests run against it).
# Run as root (CI containers); idempotent, so a second run only checks that all is up.
set -euo pipefail

user=claimledger
password=claimledger
database=claimledger_test

if ! command -v pg_ctlcluster >/dev/null || [ -z "$(ls /usr/lib/postgresql 2>/dev/null)" ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq postgresql >&2
fi

version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
if ! pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main"' | grep -q .; then
    pg_createcluster "$version" main >&2
fi
if ! pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" && $4 == "online"' | grep -q .; then
    pg_ctlcluster "$version" main start >&2
fi

as_postgres() { su postgres -c "psql -v ON_ERROR_STOP=1 -qtA -c \"$1\""; }
if [ "$(as_postgres "SELECT 1 FROM pg_roles WHERE rolname = '$user'")" != 1 ]; then
    as_postgres "CREATE ROLE $user LOGIN PASSWORD '$password'" >&2
fi
if [ "$(as_postgres "SELECT 1 FROM pg_database WHERE datname = '$database'")" != 1 ]; then
    as_postgres "CREATE DATABASE $database OWNER $user" >&2
fi

port=$(pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" {print $3}')
echo "postgresql+psycopg://$user:$password@localhost:$port/$database"
