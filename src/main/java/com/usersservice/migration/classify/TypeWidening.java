package com.usersservice.migration.classify;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether changing a column from one SQL type to another keeps every value it can hold. Only changes that provably
 * widen pass; anything it does not recognise counts as narrowing, so the guard errs on the side of asking.
 */
final class TypeWidening {

	private static final Pattern TYPE = Pattern.compile("\\s*([a-z][a-z0-9 _]*?)\\s*(?:\\(\\s*([0-9 ,]+)\\))?\\s*");

	private static final Map<String, String> ALIASES = Map.ofEntries(Map.entry("character varying", "varchar"),
			Map.entry("character", "char"), Map.entry("int2", "smallint"), Map.entry("int4", "int"),
			Map.entry("integer", "int"), Map.entry("int8", "bigint"), Map.entry("decimal", "numeric"),
			Map.entry("float4", "real"), Map.entry("float8", "double"), Map.entry("double precision", "double"),
			Map.entry("timestamp with time zone", "timestamptz"));

	private static final List<String> INTEGERS = List.of("smallint", "int", "bigint");

	private TypeWidening() {
	}

	static boolean widens(String from, String to) {
		return compare(from, to, TypeWidening::widens);
	}

	/**
	 * Whether PostgreSQL can change the type without rewriting the table: the same type, a longer or unbounded
	 * varchar, varchar to text, or a numeric with more precision and the same scale. Everything else rewrites it.
	 */
	static boolean keepsStorage(String from, String to) {
		return compare(from, to, TypeWidening::keepsStorage);
	}

	/** Both types parsed, then equal or accepted by the rule; a type it does not recognise fails the comparison. */
	private static boolean compare(String from, String to, BiPredicate<Type, Type> rule) {
		Type before = parse(from);
		Type after = parse(to);
		return before != null && after != null && (before.equals(after) || rule.test(before, after));
	}

	private static boolean widens(Type before, Type after) {
		if (isText(before.name) && after.name.equals("text")) {
			return true;
		}
		if (isText(before.name) && after.name.equals("varchar")) {
			return after.sizes.length == 0 || (before.sizes.length == 1 && after.sizes[0] >= before.sizes[0]);
		}
		if (before.name.equals(after.name) && after.name.equals("numeric")) {
			return after.sizes.length == 0 || (before.sizes.length > 0 && numericFits(before.sizes, after.sizes));
		}
		if (INTEGERS.contains(before.name) && INTEGERS.contains(after.name)) {
			return INTEGERS.indexOf(after.name) >= INTEGERS.indexOf(before.name);
		}
		return before.name.equals("real") && after.name.equals("double");
	}

	private static boolean keepsStorage(Type before, Type after) {
		if ((before.name.equals("varchar") || before.name.equals("text")) && after.name.equals("text")) {
			return true;
		}
		if (before.name.equals("varchar") && after.name.equals("varchar")) {
			return after.sizes.length == 0 || (before.sizes.length == 1 && after.sizes[0] >= before.sizes[0]);
		}
		if (before.name.equals("numeric") && after.name.equals("numeric")) {
			return after.sizes.length == 0 || (before.sizes.length > 0 && after.sizes[0] >= before.sizes[0]
					&& scale(after.sizes) == scale(before.sizes));
		}
		return false;
	}

	private static int scale(int[] sizes) {
		return (sizes.length > 1) ? sizes[1] : 0;
	}

	private static boolean isText(String name) {
		return name.equals("varchar") || name.equals("char");
	}

	private static boolean numericFits(int[] before, int[] after) {
		int beforeScale = (before.length > 1) ? before[1] : 0;
		int afterScale = (after.length > 1) ? after[1] : 0;
		return afterScale >= beforeScale && after[0] - afterScale >= before[0] - beforeScale;
	}

	private static Type parse(String type) {
		if (type == null) {
			return null;
		}
		Matcher matcher = TYPE.matcher(type.toLowerCase(Locale.ROOT));
		if (!matcher.matches()) {
			return null;
		}
		String name = matcher.group(1).trim().replaceAll("\\s+", " ");
		name = ALIASES.getOrDefault(name, name);
		int[] sizes = (matcher.group(2) != null) ? Arrays.stream(matcher.group(2).split(","))
			.map(String::trim)
			.filter((size) -> !size.isEmpty())
			.mapToInt(Integer::parseInt)
			.toArray() : new int[0];
		return new Type(name, sizes);
	}

	private record Type(String name, int[] sizes) {

		@Override
		public boolean equals(Object other) {
			return other instanceof Type type && type.name.equals(this.name)
					&& Arrays.equals(type.sizes, this.sizes);
		}

		@Override
		public int hashCode() {
			return this.name.hashCode() * 31 + Arrays.hashCode(this.sizes);
		}

	}

}
