package com.usersservice.migration.lock;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Who holds the migration lock and since when. Plain Liquibase keeps it in its lock table; a session-lock extension
 * keeps it as a PostgreSQL advisory lock and has no table, in which case the advisory locks held are reported.
 */
public final class LockStatus {

	private LockStatus() {
	}

	public static Map<String, Object> read(Connection connection, String lockTable) throws SQLException {
		if (tableExists(connection, lockTable)) {
			try (Statement statement = connection.createStatement();
					ResultSet lock = statement
						.executeQuery("select locked, lockgranted, lockedby from " + lockTable + " where id = 1")) {
				if (lock.next() && lock.getBoolean("locked")) {
					return held("table " + lockTable, lock.getString("lockedby"), lock.getTimestamp("lockgranted"));
				}
			}
			return Map.of("locked", false);
		}
		if (!connection.getMetaData().getDatabaseProductName().equalsIgnoreCase("PostgreSQL")) {
			return Map.of("locked", false);
		}
		try (PreparedStatement statement = connection.prepareStatement("""
				select a.pid, a.usename, a.client_addr, a.application_name, a.backend_start
				from pg_locks l join pg_stat_activity a on a.pid = l.pid
				where l.locktype = 'advisory' and l.granted
				order by a.backend_start limit 1""");
				ResultSet lock = statement.executeQuery()) {
			if (lock.next()) {
				// PostgreSQL does not record when an advisory lock was taken: the holder's session start is the bound.
				return held("advisory lock", "pid " + lock.getInt("pid") + " " + lock.getString("usename") + "@"
						+ lock.getString("client_addr") + " (" + lock.getString("application_name") + ")",
						lock.getTimestamp("backend_start"));
			}
		}
		return Map.of("locked", false);
	}

	// Liquibase writes LOCKGRANTED in the JVM's time zone; an instant reads the same everywhere.
	private static Map<String, Object> held(String kind, String by, Timestamp since) {
		Map<String, Object> lock = new LinkedHashMap<>();
		lock.put("locked", true);
		lock.put("kind", kind);
		lock.put("lockedBy", by);
		lock.put("since", (since != null) ? since.toInstant().toString() : null);
		return lock;
	}

	private static boolean tableExists(Connection connection, String table) throws SQLException {
		DatabaseMetaData metaData = connection.getMetaData();
		for (String name : new String[] { table, table.toLowerCase(Locale.ROOT), table.toUpperCase(Locale.ROOT) }) {
			try (ResultSet tables = metaData.getTables(connection.getCatalog(), null, name, null)) {
				if (tables.next()) {
					return true;
				}
			}
		}
		return false;
	}

}
