package com.usersservice.authoring;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The indexes of a table as JDBC reports them (unique constraints included: every database backs them by one). */
final class DatabaseIndexes {

	private DatabaseIndexes() {
	}

	static List<Definition> of(Connection connection, String table) throws SQLException {
		DatabaseMetaData meta = connection.getMetaData();
		Map<String, Boolean> unique = new LinkedHashMap<>();
		Map<String, TreeMap<Short, String>> columns = new LinkedHashMap<>();
		try (ResultSet rows = meta.getIndexInfo(connection.getCatalog(), connection.getSchema(),
				storedName(meta, table), false, false)) {
			while (rows.next()) {
				String name = rows.getString("INDEX_NAME");
				String column = rows.getString("COLUMN_NAME");
				if (name == null || column == null) {
					continue;
				}
				unique.put(name, !rows.getBoolean("NON_UNIQUE"));
				// An expression (PostgreSQL's lower(email)) is reported as its text: it matches no entity column.
				columns.computeIfAbsent(name, (key) -> new TreeMap<>())
					.put(rows.getShort("ORDINAL_POSITION"), EntitySchemaCheck.key(column));
			}
		}
		List<Definition> definitions = new ArrayList<>();
		columns.forEach((name, ordered) -> definitions
			.add(new Definition(name, unique.get(name), new ArrayList<>(ordered.values()))));
		return definitions;
	}

	/** The table name as the database stores it: H2 upper-cases unquoted names, PostgreSQL lower-cases them. */
	static String storedName(DatabaseMetaData meta, String table) throws SQLException {
		if (meta.storesUpperCaseIdentifiers()) {
			return table.toUpperCase(java.util.Locale.ROOT);
		}
		return meta.storesLowerCaseIdentifiers() ? table.toLowerCase(java.util.Locale.ROOT) : table;
	}

	record Definition(String name, boolean unique, List<String> columns) {

		boolean coversExactly(List<String> wanted) {
			List<String> keys = wanted.stream().map(EntitySchemaCheck::key).toList();
			return this.columns.size() == keys.size() && new HashSet<>(this.columns).equals(new HashSet<>(keys));
		}

		boolean startsWith(List<String> wanted) {
			List<String> keys = wanted.stream().map(EntitySchemaCheck::key).toList();
			return this.columns.size() >= keys.size() && this.columns.subList(0, keys.size()).equals(keys);
		}

	}

}
