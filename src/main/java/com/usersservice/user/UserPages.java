package com.usersservice.user;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Calendar;
import java.util.List;
import java.util.TimeZone;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Keyset pages of users, read with one SQL statement straight into the response records and outside any transaction.
 * The list is the service's hot read path: through JPA each page also paid for a session, a read-only transaction
 * (two more round trips), entity hydration and dirty-check bookkeeping, several times the query itself
 * (docs/benchmarks.md). Writes stay on {@link UserRepository}; both read the columns the entity maps.
 */
@Repository
class UserPages {

	// LIMIT, not FETCH FIRST: PostgreSQL, MariaDB and H2 all accept it. One row more than the page tells whether
	// another page follows, without a count query.
	private static final String PAGE_AFTER = "SELECT id, name, email, created_at, updated_at FROM users WHERE id > ? ORDER BY id LIMIT ?";

	private static final TimeZone UTC = TimeZone.getTimeZone("UTC");

	private final JdbcClient jdbc;

	UserPages(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The first {@code size} users whose id is greater than {@code after}, ascending. */
	UserPage after(long after, int size) {
		// Read as UTC, as Hibernate does with hibernate.jdbc.time_zone=UTC, so both paths give the same instant.
		Calendar utc = Calendar.getInstance(UTC);
		List<UserResponse> found = this.jdbc.sql(PAGE_AFTER)
			.param(after)
			.param(size + 1)
			.query((row, number) -> user(row, utc))
			.list();
		if (found.size() <= size) {
			return new UserPage(found, null);
		}
		List<UserResponse> items = found.subList(0, size);
		return new UserPage(items, String.valueOf(items.get(size - 1).id()));
	}

	private static UserResponse user(ResultSet row, Calendar utc) throws SQLException {
		return new UserResponse(row.getLong(1), row.getString(2), row.getString(3),
				row.getTimestamp(4, utc).toInstant(), row.getTimestamp(5, utc).toInstant());
	}

}
