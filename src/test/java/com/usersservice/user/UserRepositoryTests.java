package com.usersservice.user;

import java.util.List;

import jakarta.persistence.EntityManagerFactory;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Limit;
import org.springframework.test.context.ActiveProfiles;

import com.usersservice.TestDatabaseConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The entity against the schema Liquibase built on real PostgreSQL: the context only starts if Hibernate validates
 * the entity against the migrated tables.
 */
@DataJpaTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import(TestDatabaseConfiguration.class)
@ActiveProfiles("test")
class UserRepositoryTests {

	@Autowired
	private UserRepository users;

	@Autowired
	private EntityManagerFactory entityManagerFactory;

	@Test
	void hibernateOnlyValidatesTheSchemaLiquibaseOwns() {
		assertThat(this.entityManagerFactory.getProperties()).containsEntry("hibernate.hbm2ddl.auto", "validate");
	}

	@Test
	void databaseSetsCreatedAtAndTheIdentity() {
		User saved = this.users.saveAndFlush(new User("Ada", "repo-ada@example.com"));
		assertThat(saved.getId()).isPositive();
		assertThat(saved.getCreatedAt()).isNotNull();
	}

	@Test
	void emailsAreUniqueWhateverTheirCase() {
		this.users.saveAndFlush(new User("Ada", "repo-case@example.com"));
		assertThatExceptionOfType(DataIntegrityViolationException.class)
			.isThrownBy(() -> this.users.saveAndFlush(new User("Other Ada", "Repo-CASE@Example.com")));
	}

	@Test
	void keysetPageStartsAfterTheGivenIdInAscendingOrder() {
		long before = this.users.findAll().stream().mapToLong(User::getId).max().orElse(0);
		List<Long> ids = List.of(
				this.users.saveAndFlush(new User("A", "repo-page-a@example.com")).getId(),
				this.users.saveAndFlush(new User("B", "repo-page-b@example.com")).getId(),
				this.users.saveAndFlush(new User("C", "repo-page-c@example.com")).getId());
		assertThat(this.users.findByIdGreaterThanOrderByIdAsc(before, Limit.of(2))).extracting(User::getId)
			.containsExactly(ids.get(0), ids.get(1));
		assertThat(this.users.findByIdGreaterThanOrderByIdAsc(ids.get(1), Limit.of(2))).extracting(User::getId)
			.containsExactly(ids.get(2));
	}

}
