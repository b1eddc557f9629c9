package com.usersservice.authoring;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

import com.usersservice.TestMariaDb;
import com.usersservice.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The rename recipe of docs/writing-migrations.md (db/recipes/rename-column), step by step, with both releases'
 * entities over one table: release N-1 maps customers.nickname, release N maps customers.display_name. After expand
 * both start (ddl-auto=validate) and each reads what the other wrote; the contract step runs only when the label
 * filter asks for it, after which release N still works and release N-1 no longer starts; the rollbacks bring back
 * release N-1's schema with the data both wrote.
 */
class RenameColumnRecipeTests {

	static final String OLD_RELEASE = """
			package scratch.entities;

			import jakarta.persistence.Column;
			import jakarta.persistence.Entity;
			import jakarta.persistence.GeneratedValue;
			import jakarta.persistence.GenerationType;
			import jakarta.persistence.Id;
			import jakarta.persistence.Table;

			@Entity
			@Table(name = "customers")
			public class Customer {
				@Id
				@GeneratedValue(strategy = GenerationType.IDENTITY)
				private Long id;
				@Column(nullable = false, length = 100)
				private String nickname;
				protected Customer() {
				}
				public Customer(String nickname) {
					this.nickname = nickname;
				}
				public Long getId() {
					return this.id;
				}
				public String getNickname() {
					return this.nickname;
				}
				public void setNickname(String nickname) {
					this.nickname = nickname;
				}
			}
			""";

	static final String NEW_RELEASE = OLD_RELEASE.replace("nickname", "displayName")
		.replace("getNickname", "getDisplayName")
		.replace("setNickname", "setDisplayName");

	private static final Path RECIPE = Path.of("src/test/resources/db/recipes/rename-column");

	@TempDir
	Path work;

	@Test
	void onPostgresql() throws Exception {
		String url = TestPostgres.createDatabase("rename_recipe");
		walkThrough(new RecipeDatabase(url, TestPostgres.username(), TestPostgres.password()));
	}

	@Test
	@EnabledIf(value = "com.usersservice.TestMariaDb#available", disabledReason = TestMariaDb.UNAVAILABLE)
	void onMariadb() throws Exception {
		String url = TestMariaDb.createDatabase("rename_recipe");
		try {
			walkThrough(new RecipeDatabase(url, TestMariaDb.username(), TestMariaDb.password()));
		}
		finally {
			TestMariaDb.dropDatabase(url);
		}
	}

	@Test
	void theRecipeFollowsTheChangelogConventions() throws Exception {
		assertThat(new ChangelogConventions(Path.of("src/test/resources"), "db/recipes/rename-column/changelog.yaml")
			.violations()).isEmpty();
	}

	@Test
	void theDocShowsTheRecipeFilesVerbatim() throws Exception {
		String doc = Files.readString(Path.of("docs/writing-migrations.md"));
		int start = doc.indexOf("\n## Renaming or dropping a column without downtime\n");
		assertThat(start).as("the section in docs/writing-migrations.md").isNotNegative();
		int end = doc.indexOf("\n## ", start + 1);
		String section = doc.substring(start, (end < 0) ? doc.length() : end);
		List<String> blocks = new ArrayList<>();
		Matcher yaml = Pattern.compile("(?s)\n```yaml\n(.*?)```\n").matcher(section);
		while (yaml.find()) {
			blocks.add(yaml.group(1));
		}
		assertThat(blocks).containsExactly(
				Files.readString(RECIPE.resolve("changes/20261221-0001-expand-customers-display-name.yaml")),
				Files.readString(RECIPE.resolve("changes/20270111-0001-contract-customers-nickname.yaml")));
	}

	private void walkThrough(RecipeDatabase db) throws Exception {
		// Release N-1 serves on its schema; this row exists before expand and reaches display_name by the backfill.
		assertThat(db.update(RecipeDatabase.PREVIOUS_RELEASE, "!contract")).containsExactly("20261220-0001-1");
		long before;
		try (ScratchRelease old = start(db, OLD_RELEASE, "nickname")) {
			before = old.insert("Ada");
		}
		// Enough rows for the backfill to take three batches.
		db.execute(db.postgres()
				? "INSERT INTO customers (nickname) SELECT 'bulk ' || g FROM generate_series(1, 25000) g"
				: "INSERT INTO customers (nickname) SELECT concat('bulk ', seq) FROM seq_1_to_25000");
		expandServesBothReleases(db, before);
		contractRunsOnlyWhenAskedFor(db, before);
		rollbackBringsBackThePreviousRelease(db, before);
	}

	private void expandServesBothReleases(RecipeDatabase db, long before) throws Exception {
		// Release N's normal migration: expand runs, contract does not.
		assertThat(db.update("!contract")).as("expand").containsExactlyElementsOf(db.postgres()
				? List.of("20261221-0001-1", "20261221-0001-2", "20261221-0001-4", "20261221-0001-6")
				: List.of("20261221-0001-1", "20261221-0001-3", "20261221-0001-5"));
		try (ScratchRelease old = start(db, OLD_RELEASE, "nickname");
				ScratchRelease current = start(db, NEW_RELEASE, "displayName")) {
			assertThat(current.read(before)).as("a row from before expand, read by release N").isEqualTo("Ada");
			assertThat(db.column("SELECT count(*) FROM customers WHERE display_name IS NULL "
					+ "OR display_name <> nickname")).as("rows the backfill left out").containsExactly("0");

			long byOld = old.insert("Grace");
			assertThat(current.read(byOld)).as("inserted by N-1, read by N").isEqualTo("Grace");
			long byNew = current.insert("Linus");
			assertThat(old.read(byNew)).as("inserted by N, read by N-1").isEqualTo("Linus");

			old.update(byNew, "Linus T.");
			assertThat(current.read(byNew)).as("updated by N-1, read by N").isEqualTo("Linus T.");
			current.update(byOld, "Grace H.");
			assertThat(old.read(byOld)).as("updated by N, read by N-1").isEqualTo("Grace H.");

			// A writer that sets both columns to different values: display_name wins, on insert and on update.
			db.execute("INSERT INTO customers (nickname, display_name) VALUES ('both old', 'both new')");
			db.execute("UPDATE customers SET nickname = 'Ada old', display_name = 'Ada new' WHERE id = " + before);
			assertThat(db.pairs()).as("nickname|display_name of each row written here")
				.containsExactly("Ada new|Ada new", "Grace H.|Grace H.", "Linus T.|Linus T.", "both new|both new");
		}
	}

	private void contractRunsOnlyWhenAskedFor(RecipeDatabase db, long before) throws Exception {
		// Release N-1 may still be there: another normal migration leaves the contract step alone.
		assertThat(db.update("!contract")).as("a normal migration after expand").isEmpty();
		assertThat(db.hasColumn("nickname")).as("nickname after an update that excludes contract").isTrue();

		// The post-deploy step of release N+1, once N-1 is gone.
		assertThat(db.update("contract")).as("contract").containsExactlyElementsOf(db.postgres()
				? List.of("20270111-0001-1", "20270111-0001-3") : List.of("20270111-0001-2", "20270111-0001-3"));
		assertThat(db.hasColumn("nickname")).as("nickname after contract").isFalse();
		assertThat(db.triggers()).as("triggers on customers after contract").isZero();
		assertThatException().as("release N-1 on the contracted schema")
			.isThrownBy(() -> start(db, OLD_RELEASE, "nickname").close())
			.withMessageContaining("missing column [nickname] in table [customers]");
		try (ScratchRelease current = start(db, NEW_RELEASE, "displayName")) {
			assertThat(current.read(before)).isEqualTo("Ada new");
			long after = current.insert("Barbara");
			current.update(after, "Barbara L.");
			assertThat(current.read(after)).isEqualTo("Barbara L.");
		}
		assertThatException().as("display_name is NOT NULL after contract")
			.isThrownBy(() -> db.execute("INSERT INTO customers (display_name) VALUES (NULL)"));
	}

	private void rollbackBringsBackThePreviousRelease(RecipeDatabase db, long before) throws Exception {
		// Every changeset rolls back: release N-1's schema again, with what both releases wrote.
		db.rollback(db.appliedIds().size() - 1);
		assertThat(db.appliedIds()).containsExactly("20261220-0001-1");
		assertThat(db.hasColumn("display_name")).as("display_name after the rollback").isFalse();
		try (ScratchRelease old = start(db, OLD_RELEASE, "nickname")) {
			assertThat(old.read(before)).isEqualTo("Ada new");
			assertThat(db.column("SELECT nickname FROM customers WHERE nickname NOT LIKE 'bulk %' ORDER BY id"))
				.containsExactly("Ada new", "Grace H.", "Linus T.", "both new", "Barbara L.");
			assertThat(old.insert("Edsger")).isPositive();
		}
	}

	private ScratchRelease start(RecipeDatabase db, String source, String property) throws Exception {
		return ScratchRelease.start(source, property, db.url(), db.username(), db.password(),
				Files.createTempDirectory(this.work, "release"));
	}

}
