package com.usersservice.user;

import java.time.Instant;

record UserResponse(long id, String name, String email, Instant createdAt) {

	static UserResponse of(User user) {
		return new UserResponse(user.getId(), user.getName(), user.getEmail(), user.getCreatedAt());
	}

}
