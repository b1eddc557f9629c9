package com.usersservice.authoring;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;

import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.model.naming.CamelCaseToUnderscoresNamingStrategy;
import org.hibernate.boot.registry.BootstrapServiceRegistryBuilder;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.AvailableSettings;

import org.springframework.boot.hibernate.SpringImplicitNamingStrategy;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * One release of a scratch entity, as that release's Hibernate sees the table: the entity is compiled from its source
 * ({@link ScratchEntities}) and started with {@code ddl-auto=validate} and Boot's naming strategies, as the service
 * starts. The entity has a constructor taking the mapped value, {@code getId()} and a getter and setter for
 * {@code property}.
 */
final class ScratchRelease implements AutoCloseable {

	private final SessionFactory sessions;

	private final Class<?> entity;

	private final Method getter;

	private final Method setter;

	private ScratchRelease(SessionFactory sessions, Class<?> entity, String property) throws NoSuchMethodException {
		this.sessions = sessions;
		this.entity = entity;
		String suffix = Character.toUpperCase(property.charAt(0)) + property.substring(1);
		this.getter = entity.getMethod("get" + suffix);
		this.setter = entity.getMethod("set" + suffix, String.class);
	}

	/**
	 * Starts the release on the database; throws Hibernate's schema-validation error when the schema lacks what the
	 * entity maps, as the service would refuse to start.
	 */
	static ScratchRelease start(String entitySource, String property, String url, String username, String password,
			Path workDir) throws IOException, ReflectiveOperationException {
		String className = entitySource.replaceFirst("(?s).*?\\bpublic class (\\w+).*", "$1");
		ClassLoader loader = ScratchEntities.compile(className + ".java", entitySource, workDir);
		Class<?> entity = loader.loadClass(ScratchEntities.PACKAGE + "." + className);
		StandardServiceRegistry registry = new StandardServiceRegistryBuilder(
				new BootstrapServiceRegistryBuilder().applyClassLoader(loader).build())
			.applySetting(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE,
					new DriverManagerDataSource(url, username, password))
			.applySetting(AvailableSettings.HBM2DDL_AUTO, "validate")
			.build();
		try {
			SessionFactory sessions = new MetadataSources(registry).addAnnotatedClass(entity)
				.getMetadataBuilder()
				.applyPhysicalNamingStrategy(new CamelCaseToUnderscoresNamingStrategy())
				.applyImplicitNamingStrategy(new SpringImplicitNamingStrategy())
				.build()
				.buildSessionFactory();
			return new ScratchRelease(sessions, entity, property);
		}
		catch (RuntimeException | NoSuchMethodException ex) {
			StandardServiceRegistryBuilder.destroy(registry);
			throw ex;
		}
	}

	/** Persists a new entity with {@code value}, as the release's create would; returns its id. */
	long insert(String value) {
		return this.sessions.fromTransaction((session) -> {
			Object created = construct(value);
			session.persist(created);
			session.flush();
			return (Long) invoke(created, "getId");
		});
	}

	/** The value as this release reads it, from a fresh session. */
	String read(long id) {
		return this.sessions.fromSession((session) -> (String) call(this.getter, session.find(this.entity, id)));
	}

	/** Loads the entity, sets the value and lets Hibernate write the change, as the release's update would. */
	void update(long id, String value) {
		this.sessions.inTransaction((session) -> call(this.setter, session.find(this.entity, id), value));
	}

	@Override
	public void close() {
		this.sessions.close();
	}

	private Object construct(String value) {
		try {
			return this.entity.getConstructor(String.class).newInstance(value);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Object invoke(Object target, String method) {
		try {
			return call(target.getClass().getMethod(method), target);
		}
		catch (NoSuchMethodException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Object call(Method method, Object target, Object... arguments) {
		try {
			return method.invoke(target, arguments);
		}
		catch (IllegalAccessException | InvocationTargetException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
