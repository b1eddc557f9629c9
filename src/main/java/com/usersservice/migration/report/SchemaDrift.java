package com.usersservice.migration.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import liquibase.CatalogAndSchema;
import liquibase.database.Database;
import liquibase.diff.DiffGeneratorFactory;
import liquibase.diff.DiffResult;
import liquibase.diff.ObjectDifferences;
import liquibase.diff.compare.CompareControl;
import liquibase.diff.output.ObjectChangeFilter;
import liquibase.diff.output.StandardObjectChangeFilter;
import liquibase.exception.LiquibaseException;
import liquibase.parser.SnapshotParserFactory;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.resource.ResourceAccessor;
import liquibase.snapshot.DatabaseSnapshot;
import liquibase.snapshot.SnapshotControl;
import liquibase.snapshot.SnapshotGeneratorFactory;
import liquibase.structure.DatabaseObject;
import liquibase.structure.core.Column;
import liquibase.structure.core.ForeignKey;
import liquibase.structure.core.Index;
import liquibase.structure.core.PrimaryKey;
import liquibase.structure.core.Relation;
import liquibase.structure.core.Table;
import liquibase.structure.core.UniqueConstraint;

/**
 * Compares the live schema with the one this build expects: a Liquibase snapshot of the changelog applied to a fresh
 * PostgreSQL, committed as {@value #SNAPSHOT} and checked against the changelog by the build. Lists every difference
 * table by table ({@code table users: extra column nickname (VARCHAR(20))}); Liquibase's own history tables are left
 * out. The triggers, which Liquibase's open-source snapshot does not hold, are {@link SchemaTriggers}'.
 */
final class SchemaDrift {

	static final String SNAPSHOT = "db/schema-snapshot.json";

	@SuppressWarnings("unchecked")
	static final Set<Class<? extends DatabaseObject>> TYPES = Set.of(Table.class, Column.class, Index.class,
			PrimaryKey.class, UniqueConstraint.class, ForeignKey.class);

	// Liquibase's own bookkeeping is not part of the application's schema.
	private static final ObjectChangeFilter HISTORY_TABLES = new StandardObjectChangeFilter(
			StandardObjectChangeFilter.FilterType.EXCLUDE, "table:(?i)databasechangelog.*");

	private final DatabaseSnapshot expected;

	private final SchemaTriggers triggers;

	SchemaDrift(DatabaseSnapshot expected, SchemaTriggers triggers) {
		this.expected = expected;
		this.triggers = triggers;
	}

	/** The snapshot packaged with this build. */
	static SchemaDrift packaged() {
		return read(new ClassLoaderResourceAccessor(SchemaDrift.class.getClassLoader()));
	}

	static SchemaDrift read(ResourceAccessor resources) {
		try {
			return new SchemaDrift(SnapshotParserFactory.getInstance()
				.getParser(SNAPSHOT, resources)
				.parse(SNAPSHOT, resources), SchemaTriggers.read(resources));
		}
		catch (LiquibaseException | IOException ex) {
			throw new IllegalStateException("Could not read the expected schema " + SNAPSHOT + " and " + SchemaTriggers.FILE,
					ex);
		}
	}

	static DatabaseSnapshot snapshot(Database database) throws LiquibaseException {
		CatalogAndSchema schema = database.getDefaultSchema();
		return SnapshotGeneratorFactory.getInstance()
			.createSnapshot(new CatalogAndSchema[] { schema }, database,
					new SnapshotControl(database, HISTORY_TABLES, TYPES.toArray(new Class[0])));
	}

	/** Each difference between the expected and the live schema, sorted by table; empty when they match. */
	List<String> compare(Database live) throws LiquibaseException {
		DatabaseSnapshot actual = snapshot(live);
		CompareControl control = new CompareControl(new CompareControl.SchemaComparison[] {
				new CompareControl.SchemaComparison(this.expected.getDatabase().getDefaultSchema(),
						live.getDefaultSchema()) },
				new HashSet<>(TYPES));
		DiffResult diff = DiffGeneratorFactory.getInstance().compare(this.expected, actual, control);
		Set<String> lines = new TreeSet<>();
		diff.getMissingObjects().stream().filter(SchemaDrift::owned).forEach((object) -> lines.add(line(object, "missing")));
		diff.getUnexpectedObjects()
			.stream()
			.filter(SchemaDrift::owned)
			.forEach((object) -> lines.add(line(object, "extra")));
		for (Map.Entry<DatabaseObject, ObjectDifferences> changed : diff.getChangedObjects().entrySet()) {
			if (owned(changed.getKey())) {
				lines.add(line(changed.getKey(), "changed") + ": " + changed.getValue()
					.getDifferences()
					.stream()
					.map((difference) -> difference.getField() + " expected " + text(difference.getReferenceValue())
							+ ", found " + text(difference.getComparedValue()))
					.collect(Collectors.joining("; ")));
			}
		}
		lines.addAll(this.triggers.compare(live));
		return new ArrayList<>(lines);
	}

	private static String line(DatabaseObject object, String what) {
		String kind = object.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
		String table = tableOf(object);
		String detail = (object instanceof Column column && column.getType() != null && !what.equals("changed"))
				? " (" + text(column.getType()) + ")" : "";
		String prefix = (table != null && !(object instanceof Table)) ? "table " + table + ": " : "";
		return prefix + what + " " + kind + " " + object.getName() + detail;
	}

	// PostgreSQL sizes text in characters; Liquibase's "BYTE" unit there is noise.
	private static String text(Object value) {
		return String.valueOf(value).replace(" BYTE)", ")");
	}

	private static String tableOf(DatabaseObject object) {
		Relation relation = null;
		if (object instanceof Column column) {
			relation = column.getRelation();
		}
		else if (object instanceof Index index) {
			relation = index.getRelation();
		}
		else if (object instanceof PrimaryKey key) {
			relation = key.getTable();
		}
		else if (object instanceof UniqueConstraint constraint) {
			relation = constraint.getRelation();
		}
		else if (object instanceof ForeignKey key) {
			relation = key.getForeignKeyTable();
		}
		else if (object instanceof Table table) {
			return table.getName();
		}
		return (relation != null) ? relation.getName() : null;
	}

	// Liquibase's own bookkeeping is not part of the application's schema, and the expression of an expression index
	// (lower(email)) is no column: the index it belongs to is compared instead.
	private static boolean owned(DatabaseObject object) {
		if (object instanceof Column column && Boolean.TRUE.equals(column.getComputed())) {
			return false;
		}
		String table = tableOf(object);
		return table == null || !table.toLowerCase(Locale.ROOT).startsWith("databasechangelog");
	}

}
