package com.usersservice.user;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Generated;
import org.hibernate.generator.EventType;

/**
 * A user of the service. The table is created by Liquibase (db/changelog); Hibernate only validates it.
 */
@Entity
@Table(name = "users")
class User {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(nullable = false, length = User.NAME_MAX)
	private String name;

	@Column(nullable = false, length = User.EMAIL_MAX)
	private String email;

	// Set by the database default; Hibernate reads it back after the insert.
	@Generated
	@Column(name = "created_at", nullable = false, insertable = false, updatable = false)
	private Instant createdAt;

	// Set by the database: its default on insert, a trigger on every update (also by writers that never name the
	// column); Hibernate reads it back after both. The ETag is derived from it.
	@Generated(event = { EventType.INSERT, EventType.UPDATE })
	@Column(name = "updated_at", nullable = false, insertable = false, updatable = false)
	private Instant updatedAt;

	static final int NAME_MAX = 100;

	static final int EMAIL_MAX = 320;

	protected User() {
	}

	User(String name, String email) {
		this.name = name;
		this.email = email;
	}

	Long getId() {
		return this.id;
	}

	String getName() {
		return this.name;
	}

	String getEmail() {
		return this.email;
	}

	Instant getCreatedAt() {
		return this.createdAt;
	}

	Instant getUpdatedAt() {
		return this.updatedAt;
	}

	void rename(String name, String email) {
		this.name = name;
		this.email = email;
	}

}
