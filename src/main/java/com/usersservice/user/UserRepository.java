package com.usersservice.user;

import java.util.Optional;

import jakarta.persistence.LockModeType;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;

/** Single users and every write; pages are read by {@link UserPages}. */
interface UserRepository extends JpaRepository<User, Long> {

	/** The user, its row locked (SELECT ... FOR UPDATE) until the transaction ends: no other write can slip in. */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	Optional<User> findLockedById(long id);

}
