package com.usersservice.migration.classify;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code CHECK (column IS NOT NULL)} constraints that raw SQL of the changelog has added and validated, replayed
 * statement by statement: after one, PostgreSQL 12+ sets the column NOT NULL without reading the table. Liquibase's
 * open-source change model has no check constraints, so this is the one place that reads such statements as text.
 */
final class NotNullChecks {

	private static final Pattern ADD = Pattern.compile("^alter table (?:if exists )?(?:only )?([\\w.\"]+) "
			+ "add constraint ([\\w\"]+) check ?\\( ?\\(? ?([\\w\"]+) is not null ?\\)? ?\\) ?(not valid)? ?;?$");

	private static final Pattern VALIDATE = Pattern
		.compile("^alter table (?:if exists )?(?:only )?([\\w.\"]+) validate constraint ([\\w\"]+) ?;?$");

	private final Map<String, String> notValid = new HashMap<>();

	private final Set<String> validated = new HashSet<>();

	/** A statement as {@link SqlStatements#of} gives it (whitespace collapsed), in changelog order. */
	void replay(String statement) {
		String sql = statement.toLowerCase(Locale.ROOT);
		Matcher add = ADD.matcher(sql);
		Matcher validate = VALIDATE.matcher(sql);
		if (add.matches() && add.group(4) != null) {
			this.notValid.put(unquote(add.group(2)), key(add.group(1), add.group(3)));
		}
		else if (add.matches()) {
			this.validated.add(key(add.group(1), add.group(3)));
		}
		else if (validate.matches() && this.notValid.containsKey(unquote(validate.group(2)))) {
			this.validated.add(this.notValid.remove(unquote(validate.group(2))));
		}
	}

	boolean proves(String table, String column) {
		return this.validated.contains(key(table, column));
	}

	static String table(String name) {
		String table = unquote(name).toLowerCase(Locale.ROOT);
		return table.substring(table.lastIndexOf('.') + 1);
	}

	private static String key(String table, String column) {
		return table(table) + "." + unquote(column).toLowerCase(Locale.ROOT);
	}

	private static String unquote(String name) {
		return String.valueOf(name).replace("\"", "");
	}

}
