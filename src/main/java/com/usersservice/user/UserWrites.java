package com.usersservice.user;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * PUT and DELETE with their If-Match precondition. The row is read with a lock (SELECT ... FOR UPDATE) and compared
 * and written in one transaction, so a write by anyone else between the comparison and the write waits for it
 * instead of being overwritten. Without If-Match the write is unconditional, as before ETags.
 */
@Service
class UserWrites {

	private final UserRepository users;

	UserWrites(UserRepository users) {
		this.users = users;
	}

	@Transactional
	User replace(long id, IfMatch precondition, String name, String email) {
		User user = locked(id, precondition);
		user.rename(name, email);
		// Flushed here so that a duplicate email is a 409 now, and updated_at (set by the trigger) is read back.
		return this.users.saveAndFlush(user);
	}

	@Transactional
	void delete(long id, IfMatch precondition) {
		this.users.delete(locked(id, precondition));
	}

	private User locked(long id, IfMatch precondition) {
		User user = this.users.findLockedById(id).orElseThrow(() -> new UserNotFoundException(id));
		if (!precondition.matches(UserETag.of(user))) {
			throw new UserChangedException(id, precondition);
		}
		return user;
	}

}
