package com.usersservice.migration.compat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a release maps, recorded from its entities when it is cut ({@link ReleaseModelRecorder}): for each table the
 * columns it reads, and which of them it writes. Kept as {@code db/releases/<version>.json}; the expand/contract rule
 * ({@link CompatibilityRule}) judges pending changesets against the previous release's model.
 *
 * @param version the release
 * @param tables the mapped tables by name, each with its columns
 */
public record ReleaseModel(String version, Map<String, List<MappedColumn>> tables) {

	/** Where a release's model is kept, in the source tree under src/main/resources and in the jar. */
	public static final String LOCATION = "db/releases/";

	private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	public ReleaseModel {
		Map<String, List<MappedColumn>> sorted = new TreeMap<>();
		tables.forEach((table, columns) -> sorted.put(table.toLowerCase(Locale.ROOT), columns.stream()
			.sorted((a, b) -> a.name().compareTo(b.name()))
			.toList()));
		tables = Collections.unmodifiableMap(sorted);
	}

	/**
	 * One mapped column.
	 *
	 * @param name the column's name in the database
	 * @param insertable whether the release writes it when it inserts a row
	 * @param updatable whether the release writes it when it updates a row
	 * @param nullable whether the release declares it nullable
	 * @param javaType the field's type
	 * @param length the declared length of a string column, else null
	 */
	public record MappedColumn(String name, boolean insertable, boolean updatable, boolean nullable, String javaType,
			Integer length) {

		public boolean written() {
			return this.insertable || this.updatable;
		}

	}

	public static String resource(String version) {
		return LOCATION + version + ".json";
	}

	public boolean mapsTable(String table) {
		return table != null && this.tables.containsKey(table.toLowerCase(Locale.ROOT));
	}

	public Optional<MappedColumn> column(String table, String column) {
		if (!mapsTable(table) || column == null) {
			return Optional.empty();
		}
		return this.tables.get(table.toLowerCase(Locale.ROOT))
			.stream()
			.filter((mapped) -> mapped.name().equalsIgnoreCase(column))
			.findFirst();
	}

	public String toJson() {
		return JSON.writeValueAsString(this) + "\n";
	}

	public static ReleaseModel fromJson(String json) {
		return JSON.readValue(json, ReleaseModel.class);
	}

	/** The model of the release packaged with this build, or null when the build has none for it. */
	public static ReleaseModel fromClassPath(ClassLoader classLoader, String version) {
		try (InputStream in = classLoader.getResourceAsStream(resource(version))) {
			return (in != null) ? JSON.readValue(in, ReleaseModel.class) : null;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
