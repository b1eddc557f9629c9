-- Exports a database's Liquibase history as the CSV that offline updateSQL reads (docs/dba-runbook.md):
--   psql -X -q -v ON_ERROR_STOP=1 -d <database> -f liquibase/export-history.sql > history.csv
--   ./mvnw liquibase:updateSQL -Dhistory=history.csv
-- Read-only. The column names and order, and the timestamp format, are those of Liquibase's offline history file.
COPY (
	SELECT id AS "ID", author AS "AUTHOR", filename AS "FILENAME",
		to_char(dateexecuted, 'YYYY-MM-DD"T"HH24:MI:SS.MS') AS "DATEEXECUTED", orderexecuted AS "ORDEREXECUTED",
		exectype AS "EXECTYPE", md5sum AS "MD5SUM", description AS "DESCRIPTION", comments AS "COMMENTS",
		tag AS "TAG", liquibase AS "LIQUIBASE", contexts AS "CONTEXTS", labels AS "LABELS",
		deployment_id AS "DEPLOYMENT_ID"
	FROM databasechangelog
	ORDER BY orderexecuted
) TO STDOUT WITH (FORMAT csv, HEADER);
