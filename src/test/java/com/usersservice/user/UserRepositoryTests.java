package com.usersservice.user;

import java.util.List;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.test.context.ActiveProfiles;

import com.usersservice.TestDatabaseConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The entity and the page reader against the schema Liquibase built on real PostgreSQL: the context only starts if
 * Hibernate validates the entity against the migrated tables.
 */
@DataJpaTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import({ TestDatabaseConfiguration.class, UserPages.class })
@ActiveProfiles("test")
class UserRepositoryTests {

	@Autowired
	private UserRepository users;

	@Autowired
	private UserPages pages;

	@Autowired
	private EntityManagerFactory entityManagerFactory;

	@Autowired
	private EntityManager entityManager;

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
	void keysetPagesStartAfterTheGivenIdInAscendingOrderAndSayWhetherMoreFollow() {
		long before = this.users.findAll().stream().mapToLong(User::getId).max().orElse(0);
		List<Long> ids = List.of(
				this.users.saveAndFlush(new User("A", "repo-page-a@example.com")).getId(),
				this.users.saveAndFlush(new User("B", "repo-page-b@example.com")).getId(),
				this.users.saveAndFlush(new User("C", "repo-page-c@example.com")).getId());
		UserPage first = this.pages.after(before, 2);
		assertThat(first.items()).extracting(UserResponse::id).containsExactly(ids.get(0), ids.get(1));
		assertThat(first.next()).isEqualTo(String.valueOf(ids.get(1)));
		UserPage last = this.pages.after(ids.get(1), 2);
		assertThat(last.items()).extracting(UserResponse::id).containsExactly(ids.get(2));
		assertThat(last.next()).isNull();
		UserPage exactlyFull = this.pages.after(ids.get(0), 2);
		assertThat(exactlyFull.items()).extracting(UserResponse::id).containsExactly(ids.get(1), ids.get(2));
		assertThat(exactlyFull.next()).isNull();
	}

	@Test
	void pagesReadTheSameUserAsTheEntity() {
		User saved = this.users.saveAndFlush(new User("Grace Hopper", "repo-same@example.com"));
		this.entityManager.clear();
		UserResponse viaEntity = UserResponse.of(this.users.findById(saved.getId()).orElseThrow());
		assertThat(this.pages.after(saved.getId() - 1, 1).items()).containsExactly(viaEntity);
	}

}
