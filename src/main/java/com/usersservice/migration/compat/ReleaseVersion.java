package com.usersservice.migration.compat;

import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A release's version, {@code major.minor.patch} with an optional {@code -SNAPSHOT}: the build on the way to a version
 * comes before it (0.2.0-SNAPSHOT &lt; 0.2.0).
 */
public record ReleaseVersion(int[] numbers, boolean snapshot) implements Comparable<ReleaseVersion> {

	private static final Pattern VERSION = Pattern.compile("(\\d+(?:\\.\\d+)*)(-SNAPSHOT)?");

	/** The version, or null when the text is not one. */
	public static ReleaseVersion parse(String text) {
		Matcher matcher = (text != null) ? VERSION.matcher(text.trim()) : null;
		if (matcher == null || !matcher.matches()) {
			return null;
		}
		return new ReleaseVersion(Arrays.stream(matcher.group(1).split("\\.")).mapToInt(Integer::parseInt).toArray(),
				matcher.group(2) != null);
	}

	@Override
	public int compareTo(ReleaseVersion other) {
		int length = Math.max(this.numbers.length, other.numbers.length);
		for (int i = 0; i < length; i++) {
			int mine = (i < this.numbers.length) ? this.numbers[i] : 0;
			int theirs = (i < other.numbers.length) ? other.numbers[i] : 0;
			if (mine != theirs) {
				return Integer.compare(mine, theirs);
			}
		}
		return Boolean.compare(other.snapshot, this.snapshot);
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof ReleaseVersion version && compareTo(version) == 0;
	}

	@Override
	public int hashCode() {
		int significant = this.numbers.length;
		while (significant > 0 && this.numbers[significant - 1] == 0) {
			significant--;
		}
		return Arrays.hashCode(Arrays.copyOf(this.numbers, significant)) * 31 + Boolean.hashCode(this.snapshot);
	}

	@Override
	public String toString() {
		return String.join(".", Arrays.stream(this.numbers).mapToObj(String::valueOf).toList())
				+ (this.snapshot ? "-SNAPSHOT" : "");
	}

}
