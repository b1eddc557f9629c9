package com.usersservice.authoring;

import java.io.IOException;
import java.io.StringWriter;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import jakarta.persistence.Entity;
import org.hibernate.annotations.Generated;

/**
 * A scratch copy of a real entity, edited as a developer would edit it and compiled into a package of its own
 * ({@value #PACKAGE}), so tests can diff "the model after the edit" without touching the real sources.
 */
final class ScratchEntities {

	static final String PACKAGE = "scratch.entities";

	static final Path USER_SOURCE = Path.of("src/main/java/com/usersservice/user/User.java");

	private ScratchEntities() {
	}

	/**
	 * Compiles {@code source} after {@code edit} into {@code workDir} and returns a class loader that sees it (and,
	 * through its parent, everything the tests see).
	 */
	static ClassLoader compile(Path source, UnaryOperator<String> edit, Path workDir) throws IOException {
		String original = Files.readString(source);
		String edited = edit.apply(original);
		if (edited.equals(original)) {
			throw new IllegalArgumentException("The edit changed nothing in " + source);
		}
		return compile(source.getFileName().toString(), edited, workDir);
	}

	/**
	 * Compiles the Java source {@code text}, moved to {@value #PACKAGE}, as {@code fileName} into {@code workDir}
	 * and returns a class loader that sees it.
	 */
	static ClassLoader compile(String fileName, String text, Path workDir) throws IOException {
		String relocated = text.replaceFirst("(?m)^package [\\w.]+;", "package " + PACKAGE + ";");
		Path sources = Files.createDirectories(workDir.resolve("src").resolve(PACKAGE.replace('.', '/')));
		Path file = Files.writeString(sources.resolve(fileName), relocated);
		Path classes = Files.createDirectories(workDir.resolve("classes"));
		JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
		StringWriter errors = new StringWriter();
		String classpath = jarOf(Entity.class) + java.io.File.pathSeparator + jarOf(Generated.class);
		boolean compiled = javac
			.getTask(errors, null, null,
					List.of("-d", classes.toString(), "-classpath", classpath, "-proc:none", "--release", "17"), null,
					javac.getStandardFileManager(null, null, null).getJavaFileObjects(file))
			.call();
		if (!compiled) {
			throw new IllegalStateException("The edited entity does not compile:\n" + errors);
		}
		return new URLClassLoader(new URL[] { toUrl(classes) }, ScratchEntities.class.getClassLoader());
	}

	private static String jarOf(Class<?> type) {
		try {
			return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static URL toUrl(Path directory) {
		try {
			return directory.toUri().toURL();
		}
		catch (MalformedURLException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
