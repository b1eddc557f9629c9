package com.usersservice.migration.compat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The releases of the service, as {@code releases.tsv} lists them ({@code version<TAB>commit}, oldest first). The
 * build packages the file as {@value #RESOURCE}, beside each release's recorded model, so that a running build knows
 * which release came before it.
 */
public final class Releases {

	public static final String RESOURCE = "db/releases/releases.tsv";

	private final List<Release> releases;

	private Releases(List<Release> releases) {
		this.releases = List.copyOf(releases);
	}

	/** One line of the list. */
	public record Release(String version, String commit) {

	}

	public static Releases parse(String text) {
		List<Release> releases = new ArrayList<>();
		for (String line : text.split("\\R")) {
			if (line.isBlank() || line.startsWith("#")) {
				continue;
			}
			String[] fields = line.split("\t");
			if (fields.length != 2 || ReleaseVersion.parse(fields[0]) == null) {
				throw new IllegalStateException("Not a release line of releases.tsv (version<TAB>commit): " + line);
			}
			releases.add(new Release(fields[0].trim(), fields[1].trim()));
		}
		return new Releases(releases);
	}

	/** The list packaged with this build; empty when there is none. */
	public static Releases fromClassPath(ClassLoader classLoader) {
		try (InputStream in = classLoader.getResourceAsStream(RESOURCE)) {
			return (in != null) ? parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)) : new Releases(List.of());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public List<Release> all() {
		return this.releases;
	}

	/**
	 * The release before a build of this version: the newest listed release with a lower version (0.2.0-SNAPSHOT and
	 * 0.2.0 come after 0.1.0). A build whose version cannot be read comes after every listed release.
	 */
	public Optional<Release> previous(String buildVersion) {
		ReleaseVersion build = ReleaseVersion.parse(buildVersion);
		return this.releases.stream()
			.filter((release) -> build == null || ReleaseVersion.parse(release.version()).compareTo(build) < 0)
			.max(Comparator.comparing((Release release) -> ReleaseVersion.parse(release.version())));
	}

}
