package com.usersservice.migration.compat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import jakarta.persistence.Entity;

import com.usersservice.migration.compat.ReleaseModel.MappedColumn;

/**
 * Records what a release maps from its own compiled entities: a Spring Boot jar (its {@code BOOT-INF/classes}) or a
 * classes directory. The classes are loaded in a loader of their own, ahead of this build's classes of the same name,
 * so an old release's {@code User} is read, not the current one.
 */
public final class ReleaseModelRecorder {

	private static final String CLASSES = "BOOT-INF/classes/";

	private static final byte[] ENTITY = "Ljakarta/persistence/Entity;".getBytes(StandardCharsets.UTF_8);

	private ReleaseModelRecorder() {
	}

	/** The model of the release built into {@code jarOrClasses}, under the given version. */
	public static ReleaseModel record(Path jarOrClasses, String version) {
		try {
			if (Files.isDirectory(jarOrClasses)) {
				return recordClasses(jarOrClasses, version);
			}
			Path extracted = Files.createTempDirectory("release-model");
			try {
				extractClasses(jarOrClasses, extracted);
				return recordClasses(extracted, version);
			}
			finally {
				try (Stream<Path> files = Files.walk(extracted)) {
					for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
						Files.delete(file);
					}
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read the classes of " + jarOrClasses, ex);
		}
	}

	private static ReleaseModel recordClasses(Path classes, String version) throws IOException {
		Map<String, List<MappedColumn>> tables = new LinkedHashMap<>();
		try (OwnClassesFirst loader = new OwnClassesFirst(classes); Stream<Path> files = Files.walk(classes)) {
			for (Path file : files.filter((path) -> path.toString().endsWith(".class")).sorted().toList()) {
				if (!mentionsEntity(Files.readAllBytes(file))) {
					continue;
				}
				String name = classes.relativize(file).toString().replace('/', '.').replace('\\', '.');
				Class<?> type = loadClass(loader, name.substring(0, name.length() - ".class".length()));
				if (type.isAnnotationPresent(Entity.class)) {
					tables.merge(EntityColumns.table(type), EntityColumns.columns(type), (a, b) -> {
						List<MappedColumn> both = new ArrayList<>(a);
						both.addAll(b);
						return both;
					});
				}
			}
		}
		return new ReleaseModel(version, tables);
	}

	private static Class<?> loadClass(ClassLoader loader, String name) {
		try {
			return Class.forName(name, false, loader);
		}
		catch (ClassNotFoundException ex) {
			throw new IllegalStateException("Could not load " + name, ex);
		}
	}

	private static boolean mentionsEntity(byte[] bytes) {
		outer: for (int i = 0; i <= bytes.length - ENTITY.length; i++) {
			for (int j = 0; j < ENTITY.length; j++) {
				if (bytes[i + j] != ENTITY[j]) {
					continue outer;
				}
			}
			return true;
		}
		return false;
	}

	private static void extractClasses(Path jar, Path target) throws IOException {
		try (JarFile file = new JarFile(jar.toFile())) {
			for (JarEntry entry : file.stream().toList()) {
				if (entry.isDirectory() || !entry.getName().startsWith(CLASSES)) {
					continue;
				}
				Path out = target.resolve(entry.getName().substring(CLASSES.length())).normalize();
				if (!out.startsWith(target)) {
					throw new IOException("Entry outside the classes directory: " + entry.getName());
				}
				Files.createDirectories(out.getParent());
				try (InputStream in = file.getInputStream(entry)) {
					Files.copy(in, out);
				}
			}
		}
	}

	/** Loads a class from the release's classes when it has it, otherwise from this build (the libraries). */
	private static final class OwnClassesFirst extends URLClassLoader {

		OwnClassesFirst(Path classes) throws IOException {
			super(new URL[] { classes.toUri().toURL() }, ReleaseModelRecorder.class.getClassLoader());
		}

		@Override
		protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
			synchronized (getClassLoadingLock(name)) {
				Class<?> loaded = findLoadedClass(name);
				if (loaded == null && findResource(name.replace('.', '/') + ".class") != null) {
					loaded = findClass(name);
				}
				if (loaded == null) {
					return super.loadClass(name, resolve);
				}
				if (resolve) {
					resolveClass(loaded);
				}
				return loaded;
			}
		}

	}

}
