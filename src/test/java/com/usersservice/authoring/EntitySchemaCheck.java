package com.usersservice.authoring;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.persistence.Entity;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.model.naming.CamelCaseToUnderscoresNamingStrategy;
import org.hibernate.boot.registry.BootstrapServiceRegistryBuilder;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.boot.spi.MetadataImplementor;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.dialect.Dialect;
import org.hibernate.mapping.Column;
import org.hibernate.mapping.Index;
import org.hibernate.mapping.Table;
import org.hibernate.mapping.UniqueKey;

import org.springframework.boot.hibernate.SpringImplicitNamingStrategy;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * What Hibernate's {@code ddl-auto=validate} lets through: it checks that tables and columns exist with compatible
 * types, not that they agree on nullability, length, unique constraints or indexes. This check reads the entities'
 * mapping (Hibernate's own metadata, Boot's naming strategies) and compares it with the JDBC metadata of a database
 * the changelog migrated.
 */
final class EntitySchemaCheck {

	private static final Set<Integer> SIZED_TYPES = Set.of(Types.VARCHAR, Types.CHAR, Types.NVARCHAR, Types.NCHAR);

	private EntitySchemaCheck() {
	}

	/** The {@code @Entity} classes under {@code basePackage}, as {@code loader} sees them. */
	static List<Class<?>> entities(String basePackage, ClassLoader loader) {
		ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
		scanner.setResourceLoader(new DefaultResourceLoader(loader));
		scanner.addIncludeFilter(new AnnotationTypeFilter(Entity.class));
		return scanner.findCandidateComponents(basePackage)
			.stream()
			.<Class<?>>map((bean) -> ClassUtils.resolveClassName(bean.getBeanClassName(), loader))
			.toList();
	}

	/** One line per disagreement, naming table, column or constraint; empty when they agree. */
	static List<String> mismatches(Collection<Class<?>> entities, Connection connection) throws SQLException {
		ClassLoader loader = entities.isEmpty() ? EntitySchemaCheck.class.getClassLoader()
				: entities.iterator().next().getClassLoader();
		StandardServiceRegistry registry = new StandardServiceRegistryBuilder(
				new BootstrapServiceRegistryBuilder().applyClassLoader(loader).build())
			.applySetting(AvailableSettings.DIALECT, dialectOf(connection))
			.applySetting(AvailableSettings.ALLOW_METADATA_ON_BOOT, "false")
			.build();
		try {
			MetadataSources sources = new MetadataSources(registry);
			entities.forEach(sources::addAnnotatedClass);
			Metadata metadata = sources.getMetadataBuilder()
				.applyPhysicalNamingStrategy(new CamelCaseToUnderscoresNamingStrategy())
				.applyImplicitNamingStrategy(new SpringImplicitNamingStrategy())
				.build();
			List<String> mismatches = new ArrayList<>();
			for (Table table : metadata.collectTableMappings()) {
				mismatches.addAll(mismatches(table, (MetadataImplementor) metadata, connection));
			}
			return mismatches;
		}
		finally {
			StandardServiceRegistryBuilder.destroy(registry);
		}
	}

	private static List<String> mismatches(Table table, MetadataImplementor metadata, Connection connection)
			throws SQLException {
		String name = table.getName();
		Map<String, DatabaseColumn> columns = databaseColumns(connection, name);
		if (columns.isEmpty()) {
			return List.of(name + ": no such table");
		}
		Dialect dialect = metadata.getDatabase().getDialect();
		List<String> mismatches = new ArrayList<>();
		for (Column column : table.getColumns()) {
			String where = name + "." + column.getName();
			DatabaseColumn actual = columns.remove(key(column.getName()));
			if (actual == null) {
				mismatches.add(where + ": no such column");
				continue;
			}
			if (column.isNullable() != actual.nullable()) {
				mismatches.add(where + ": the entity says " + nullability(column.isNullable()) + ", the schema "
						+ nullability(actual.nullable()));
			}
			if (SIZED_TYPES.contains(column.getSqlTypeCode(metadata))) {
				long length = column.getColumnSize(dialect, metadata).getLength();
				if (length != actual.size()) {
					mismatches.add(where + ": the entity says length " + length + ", the schema " + actual.size());
				}
			}
		}
		columns.values()
			.stream()
			.filter((column) -> !column.nullable() && !column.hasDefault())
			.forEach((column) -> mismatches.add(name + "." + column.name()
					+ ": NOT NULL without a default in the schema but not mapped, so every insert fails"));
		List<DatabaseIndexes.Definition> indexes = DatabaseIndexes.of(connection, name);
		Set<List<String>> uniqueKeys = new LinkedHashSet<>();
		for (UniqueKey unique : table.getUniqueKeys().values()) {
			uniqueKeys.add(unique.getColumns().stream().map(Column::getName).toList());
		}
		// @Column(unique = true) stays on the column in Hibernate's mapping, not among the table's unique keys.
		table.getColumns()
			.stream()
			.filter(Column::isUnique)
			.forEach((column) -> uniqueKeys.add(List.of(column.getName())));
		for (List<String> keyColumns : uniqueKeys) {
			if (indexes.stream().noneMatch((index) -> index.unique() && index.coversExactly(keyColumns))) {
				mismatches.add(name + ": the entity declares unique " + keyColumns + ", the schema has no unique "
						+ "constraint or index on exactly those columns");
			}
		}
		for (Index index : table.getIndexes().values()) {
			List<String> indexColumns = index.getColumns().stream().map(Column::getName).toList();
			if (indexes.stream().noneMatch((actual) -> actual.startsWith(indexColumns))) {
				mismatches.add(name + ": the entity declares index " + index.getName() + " " + indexColumns
						+ ", the schema has no index on those columns");
			}
		}
		return mismatches;
	}

	private static String nullability(boolean nullable) {
		return nullable ? "nullable" : "NOT NULL";
	}

	private static Map<String, DatabaseColumn> databaseColumns(Connection connection, String table)
			throws SQLException {
		Map<String, DatabaseColumn> columns = new LinkedHashMap<>();
		DatabaseMetaData meta = connection.getMetaData();
		try (ResultSet rows = meta.getColumns(connection.getCatalog(), connection.getSchema(),
				DatabaseIndexes.storedName(meta, table), "%")) {
			while (rows.next()) {
				String column = rows.getString("COLUMN_NAME");
				columns.put(key(column), new DatabaseColumn(column, "YES".equals(rows.getString("IS_NULLABLE")),
						rows.getInt("COLUMN_SIZE"), rows.getString("COLUMN_DEF") != null
								|| "YES".equals(rows.getString("IS_AUTOINCREMENT"))));
			}
		}
		return columns;
	}

	static String key(String identifier) {
		return identifier.toLowerCase(Locale.ROOT);
	}

	private static String dialectOf(Connection connection) throws SQLException {
		String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
		if (product.contains("mariadb") || product.contains("mysql")) {
			return org.hibernate.dialect.MariaDBDialect.class.getName();
		}
		return product.contains("h2") ? org.hibernate.dialect.H2Dialect.class.getName()
				: org.hibernate.dialect.PostgreSQLDialect.class.getName();
	}

	private record DatabaseColumn(String name, boolean nullable, int size, boolean hasDefault) {
	}

}
