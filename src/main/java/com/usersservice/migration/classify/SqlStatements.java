package com.usersservice.migration.classify;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import liquibase.change.AbstractSQLChange;
import liquibase.database.Database;
import liquibase.statement.SqlStatement;
import liquibase.statement.core.RawParameterizedSqlStatement;
import liquibase.statement.core.RawSqlStatement;

/** The statements of a sql/sqlFile change as Liquibase splits them for a database: comments removed, one line each. */
final class SqlStatements {

	private static final Pattern COMMENTS = Pattern.compile("--[^\\n]*|/\\*.*?\\*/", Pattern.DOTALL);

	private SqlStatements() {
	}

	static List<String> of(AbstractSQLChange change, Database database) {
		List<String> found = new ArrayList<>();
		if (change.getSql() == null) {
			return found;
		}
		for (SqlStatement statement : change.generateStatements(database)) {
			String sql = (statement instanceof RawSqlStatement raw) ? raw.getSql()
					: (statement instanceof RawParameterizedSqlStatement raw) ? raw.getSql() : null;
			if (sql != null) {
				found.add(COMMENTS.matcher(sql).replaceAll(" ").trim().replaceAll("\\s+", " "));
			}
		}
		return found;
	}

	static String abbreviate(String sql) {
		return (sql.length() > 80) ? sql.substring(0, 77) + "..." : sql;
	}

}
