#!/bin/sh
# Runs once, when the compose PostgreSQL initialises its volume: the dev and test databases that
# application-dev.yml and application-test.yml point at by default (role "users").
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" <<SQL
CREATE ROLE users LOGIN PASSWORD '${DEV_DATABASE_PASSWORD}';
CREATE DATABASE users_dev OWNER users;
CREATE DATABASE users_test OWNER users;
SQL
