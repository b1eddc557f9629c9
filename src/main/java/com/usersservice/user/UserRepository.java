package com.usersservice.user;

import java.util.List;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;

interface UserRepository extends JpaRepository<User, Long> {

	/** One keyset page: the ids after {@code after}, ascending; no OFFSET and no count query. */
	List<User> findByIdGreaterThanOrderByIdAsc(long after, Limit limit);

}
