package com.usersservice.migration.compat;

import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import org.hibernate.annotations.Generated;

import com.usersservice.migration.compat.ReleaseModel.MappedColumn;

/**
 * The table and columns one {@code @Entity} class maps, read from its annotations the way Hibernate under Spring Boot
 * names them: the explicit or implicit name through Spring's default physical naming (camelCase to snake_case, lower
 * case). Basic columns only: an association or embedded value is refused rather than recorded wrongly.
 */
final class EntityColumns {

	private static final Set<String> UNSUPPORTED = Set.of("ManyToOne", "OneToOne", "OneToMany", "ManyToMany",
			"ElementCollection", "Embedded", "EmbeddedId");

	private EntityColumns() {
	}

	static String table(Class<?> entity) {
		Table table = entity.getAnnotation(Table.class);
		if (table != null && !table.name().isEmpty()) {
			return physical(table.name());
		}
		String name = entity.getAnnotation(Entity.class).name();
		return physical(name.isEmpty() ? entity.getSimpleName() : name);
	}

	static List<MappedColumn> columns(Class<?> entity) {
		List<MappedColumn> columns = new ArrayList<>();
		for (Class<?> type = entity; type != null && (type == entity || type.isAnnotationPresent(MappedSuperclass.class));
				type = type.getSuperclass()) {
			for (Field field : type.getDeclaredFields()) {
				if (!Modifier.isStatic(field.getModifiers()) && !Modifier.isTransient(field.getModifiers())
						&& !field.isAnnotationPresent(Transient.class) && !field.isSynthetic()) {
					columns.add(column(entity, field));
				}
			}
		}
		return columns;
	}

	private static MappedColumn column(Class<?> entity, Field field) {
		for (Annotation annotation : field.getAnnotations()) {
			if (UNSUPPORTED.contains(annotation.annotationType().getSimpleName())) {
				throw new IllegalStateException("Cannot record " + entity.getName() + "." + field.getName() + ": @"
						+ annotation.annotationType().getSimpleName() + " is not a basic column, and the release "
						+ "model records basic columns only");
			}
		}
		Column column = field.getAnnotation(Column.class);
		String name = physical((column != null && !column.name().isEmpty()) ? column.name() : field.getName());
		boolean insertable = column == null || column.insertable();
		boolean updatable = column == null || column.updatable();
		boolean nullable = (column == null || column.nullable()) && !field.getType().isPrimitive();
		if (field.isAnnotationPresent(Id.class)) {
			nullable = false;
			updatable = false;
			GeneratedValue generated = field.getAnnotation(GeneratedValue.class);
			if (generated != null && generated.strategy() == GenerationType.IDENTITY) {
				insertable = false;
			}
		}
		Generated generated = field.getAnnotation(Generated.class);
		if (generated != null && !generated.writable()) {
			insertable = false;
			updatable = false;
		}
		Integer length = (field.getType() == String.class) ? Integer.valueOf((column != null) ? column.length() : 255)
				: null;
		return new MappedColumn(name, insertable, updatable, nullable, field.getType().getName(), length);
	}

	/** Spring Boot's default physical naming (CamelCaseToUnderscoresNamingStrategy) of an unquoted name. */
	static String physical(String name) {
		StringBuilder builder = new StringBuilder(name.replace('.', '_'));
		for (int i = 1; i < builder.length() - 1; i++) {
			if (underscoreBetween(builder.charAt(i - 1), builder.charAt(i), builder.charAt(i + 1))) {
				builder.insert(i++, '_');
			}
		}
		return builder.toString().toLowerCase(Locale.ROOT);
	}

	private static boolean underscoreBetween(char before, char current, char after) {
		return (Character.isLowerCase(before) || Character.isDigit(before)) && Character.isUpperCase(current)
				&& (Character.isLowerCase(after) || Character.isDigit(after));
	}

}
