#!/bin/sh
# Runs once, when the compose PostgreSQL initialises its volume: the dev and test databases that
# application-dev.yml and application-test.yml point at by default, each owned by the role its profile logs in as
# (DEV_DATABASE_USERNAME/PASSWORD, TEST_DATABASE_USERNAME/PASSWORD; "users"/"users" unless .env says otherwise).
set -eu
dev_user=${DEV_DATABASE_USERNAME:-users}
dev_password=${DEV_DATABASE_PASSWORD:-users}
test_user=${TEST_DATABASE_USERNAME:-users}
test_password=${TEST_DATABASE_PASSWORD:-users}
same_role=false
if [ "$dev_user" = "$test_user" ]; then
  if [ "$dev_password" != "$test_password" ]; then
    echo "DEV_DATABASE_PASSWORD and TEST_DATABASE_PASSWORD differ but both profiles log in as $dev_user:" \
      "set TEST_DATABASE_USERNAME to another name" >&2
    exit 1
  fi
  same_role=true
fi
# psql variables (:"name" quotes an identifier, :'name' a literal), so no value is pasted into SQL unquoted.
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v dev_user="$dev_user" -v dev_password="$dev_password" \
  -v test_user="$test_user" -v test_password="$test_password" -v same_role="$same_role" <<'SQL'
CREATE ROLE :"dev_user" LOGIN PASSWORD :'dev_password';
\if :same_role
\else
CREATE ROLE :"test_user" LOGIN PASSWORD :'test_password';
\endif
CREATE DATABASE users_dev OWNER :"dev_user";
CREATE DATABASE users_test OWNER :"test_user";
SQL
