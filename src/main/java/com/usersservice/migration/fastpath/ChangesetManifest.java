package com.usersservice.migration.fastpath;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.usersservice.migration.changelog.ChangesetKey;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Every changeset of the packaged changelog with its checksum per database, written at build time by
 * {@link ChangesetManifestWriter} into {@code db/changelog-manifest.tsv}. It lets a start-up with nothing to do prove
 * so with one query instead of starting Liquibase ({@link StartupFastPath}). It also records a hash of the changelog
 * files it was made from, so a manifest that does not describe the files beside it is never trusted.
 */
public record ChangesetManifest(String changelog, String filesHash, List<Entry> entries) {

	static final String LOCATION = "db/changelog-manifest.tsv";

	static final String FILES = "db/changelog/";

	/**
	 * One changeset. {@code reusable} is false where applying depends on more than id and checksum (runAlways,
	 * runOnChange, preconditions, filters inherited from an include): such a changeset always goes through Liquibase.
	 */
	public record Entry(String id, String author, String file, String contexts, String labels, String dbms,
			boolean reusable, Map<String, String> checksums) {

		ChangesetKey key() {
			return new ChangesetKey(this.file, this.id, this.author);
		}

		String line() {
			List<String> checksumFields = new ArrayList<>();
			this.checksums.forEach((database, checksum) -> checksumFields.add(database + "=" + checksum));
			for (String field : List.of(this.id, this.author, this.file, this.contexts, this.labels, this.dbms)) {
				if (field.contains("\t") || field.contains("\n")) {
					throw new IllegalArgumentException("A tab or line break in '" + field + "' does not fit the manifest");
				}
			}
			return String.join("\t", "changeset", this.id, this.author, this.file, this.contexts, this.labels, this.dbms,
					this.reusable ? "reusable" : "always-check", String.join(";", checksumFields));
		}

		static Entry parse(String line) {
			String[] fields = line.split("\t", -1);
			if (fields.length != 9) {
				throw new IllegalStateException("Unreadable manifest line: " + line);
			}
			Map<String, String> checksums = new LinkedHashMap<>();
			for (String pair : fields[8].split(";")) {
				int equals = pair.indexOf('=');
				if (equals > 0) {
					checksums.put(pair.substring(0, equals), pair.substring(equals + 1));
				}
			}
			return new Entry(fields[1], fields[2], fields[3], fields[4], fields[5], fields[6],
					fields[7].equals("reusable"), checksums);
		}

	}

	String text() {
		StringBuilder text = new StringBuilder("# Generated at build time from the changelog; do not edit.\n");
		text.append("changelog\t").append(this.changelog).append('\n');
		text.append("files\t").append(this.filesHash).append('\n');
		this.entries.forEach((entry) -> text.append(entry.line()).append('\n'));
		return text.toString();
	}

	/** The manifest on the class path, or null when there is none (a build that did not make one). */
	public static ChangesetManifest load(ClassLoader classLoader) {
		try (InputStream in = classLoader.getResourceAsStream(LOCATION)) {
			if (in == null) {
				return null;
			}
			String changelog = null;
			String files = null;
			List<Entry> entries = new ArrayList<>();
			BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				if (line.startsWith("changelog\t")) {
					changelog = line.substring("changelog\t".length());
				}
				else if (line.startsWith("files\t")) {
					files = line.substring("files\t".length());
				}
				else if (line.startsWith("changeset\t")) {
					entries.add(Entry.parse(line));
				}
			}
			return new ChangesetManifest(changelog, files, List.copyOf(entries));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * SHA-256 over the path and bytes of every file under {@code db/changelog/} on the class path, in path order: the
	 * same value at build time and in the jar exactly when the changelog files are the same.
	 */
	static String hashChangelogFiles(ClassLoader classLoader) {
		try {
			Map<String, Resource> files = new TreeMap<>();
			for (Resource resource : new PathMatchingResourcePatternResolver(classLoader)
				.getResources("classpath*:" + FILES + "**/*.*")) {
				String url = resource.getURL().toString();
				int start = url.lastIndexOf(FILES);
				if (resource.isReadable() && start >= 0 && !url.endsWith("/")) {
					files.putIfAbsent(url.substring(start), resource);
				}
			}
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			for (Map.Entry<String, Resource> file : files.entrySet()) {
				digest.update(file.getKey().getBytes(StandardCharsets.UTF_8));
				digest.update((byte) 0);
				try (InputStream in = file.getValue().getInputStream()) {
					digest.update(in.readAllBytes());
				}
				digest.update((byte) 0);
			}
			return HexFormat.of().formatHex(digest.digest());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
