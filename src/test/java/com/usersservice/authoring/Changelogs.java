package com.usersservice.authoring;

import java.nio.file.Path;

import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.database.Database;
import liquibase.database.core.PostgresDatabase;
import liquibase.parser.ChangeLogParser;
import liquibase.parser.ChangeLogParserFactory;
import liquibase.resource.DirectoryResourceAccessor;

/** Reads changelogs with Liquibase's own parser, so tests see them exactly as an update would. */
final class Changelogs {

	private Changelogs() {
	}

	/** Parses {@code path} (relative to {@code root}) with its includes, properties resolved as on PostgreSQL. */
	static DatabaseChangeLog parse(Path root, String path) throws Exception {
		return parse(root, path, new PostgresDatabase());
	}

	static DatabaseChangeLog parse(Path root, String path, Database database) throws Exception {
		try (DirectoryResourceAccessor resources = new DirectoryResourceAccessor(root)) {
			ChangeLogParser parser = ChangeLogParserFactory.getInstance().getParser(path, resources);
			return parser.parse(path, new ChangeLogParameters(database), resources);
		}
	}

}
