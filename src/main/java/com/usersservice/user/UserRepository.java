package com.usersservice.user;

import org.springframework.data.jpa.repository.JpaRepository;

/** Single users and every write; pages are read by {@link UserPages}. */
interface UserRepository extends JpaRepository<User, Long> {

}
