package com.usersservice.authoring;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

import com.usersservice.TestMariaDb;
import com.usersservice.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The entities and the schema the changelog builds agree in what {@code ddl-auto=validate} does not check:
 * nullability, lengths, unique constraints and indexes.
 */
class EntitiesMatchSchemaTests {

	private static final Path RESOURCES = Path.of("src/main/resources");

	private static final String ADVICE = "The JPA entities and the schema the changelog builds disagree. Write the "
			+ "missing changeset: " + AutogenerateChangeset.COMMAND + " (docs/writing-migrations.md), or fix the "
			+ "entity:\n";

	@TempDir
	Path work;

	@Test
	void theEntitiesMatchTheMigratedPostgresqlSchema() throws Exception {
		List<String> mismatches = mismatchesOnPostgresql(
				EntitySchemaCheck.entities("com.usersservice", getClass().getClassLoader()));

		assertThat(mismatches).as(() -> ADVICE + String.join("\n", mismatches)).isEmpty();
	}

	@Test
	@EnabledIf(value = "com.usersservice.TestMariaDb#available", disabledReason = TestMariaDb.UNAVAILABLE)
	void theEntitiesMatchTheMigratedMariadbSchema() throws Exception {
		String url = TestMariaDb.createDatabase("model_schema");
		try (Connection connection = DriverManager.getConnection(url, TestMariaDb.username(), TestMariaDb.password())) {
			ChangelogUpdate.apply(connection, RESOURCES, AutogenerateChangeset.MASTER);
			List<String> mismatches = EntitySchemaCheck.mismatches(
					EntitySchemaCheck.entities("com.usersservice", getClass().getClassLoader()), connection);

			assertThat(mismatches).as(() -> ADVICE + String.join("\n", mismatches)).isEmpty();
		}
		finally {
			TestMariaDb.dropDatabase(url);
		}
	}

	@Test
	void everyDisagreementIsNamed() throws Exception {
		ClassLoader edited = ScratchEntities.compile(ScratchEntities.USER_SOURCE, (source) -> source
			.replace("@Table(name = \"users\")",
					"@Table(name = \"users\", indexes = @jakarta.persistence.Index(name = \"users_created_at_ix\", "
							+ "columnList = \"created_at\"), uniqueConstraints = "
							+ "@jakarta.persistence.UniqueConstraint(columnNames = \"name\"))")
			.replace("@Column(nullable = false, length = User.NAME_MAX)", "@Column(nullable = false, length = 150)")
			.replace("@Column(nullable = false, length = User.EMAIL_MAX)",
					"@Column(unique = true, length = User.EMAIL_MAX)"),
				this.work);

		List<String> mismatches = mismatchesOnPostgresql(
				EntitySchemaCheck.entities(ScratchEntities.PACKAGE, edited));

		assertThat(mismatches).containsExactlyInAnyOrder("users.name: the entity says length 150, the schema 100",
				"users.email: the entity says nullable, the schema NOT NULL",
				"users: the entity declares unique [name], the schema has no unique constraint or index on exactly "
						+ "those columns",
				// PostgreSQL's unique index is on lower(email), not on email.
				"users: the entity declares unique [email], the schema has no unique constraint or index on exactly "
						+ "those columns",
				"users: the entity declares index users_created_at_ix [created_at], the schema has no index on "
						+ "those columns");
	}

	@Test
	void aColumnTheEntityDoesNotMapButEveryInsertNeedsIsNamed() throws Exception {
		ClassLoader edited = ScratchEntities.compile(ScratchEntities.USER_SOURCE,
				(source) -> source.replaceFirst("(?s)\t@Column\\(nullable = false, length = User.NAME_MAX\\)\n"
						+ "\tprivate String name;\n", "\t@jakarta.persistence.Transient\n\tprivate String name;\n"),
				this.work);

		List<String> mismatches = mismatchesOnPostgresql(
				EntitySchemaCheck.entities(ScratchEntities.PACKAGE, edited));

		assertThat(mismatches).containsExactly(
				"users.name: NOT NULL without a default in the schema but not mapped, so every insert fails");
	}

	private static List<String> mismatchesOnPostgresql(List<Class<?>> entities) throws Exception {
		assertThat(entities).as("entities found").isNotEmpty();
		String url = TestPostgres.createDatabase("model_schema");
		try (Connection connection = DriverManager.getConnection(url, TestPostgres.username(),
				TestPostgres.password())) {
			ChangelogUpdate.apply(connection, RESOURCES, AutogenerateChangeset.MASTER);
			return EntitySchemaCheck.mismatches(entities, connection);
		}
	}

}
