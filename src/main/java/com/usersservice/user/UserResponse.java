package com.usersservice.user;

import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;

@Schema(name = "User", requiredProperties = { "id", "name", "email", "createdAt" })
record UserResponse(@Schema(example = "1") long id, @Schema(example = "Ada Lovelace") String name,
		@Schema(example = "ada@example.com") String email,
		@Schema(example = "2026-11-30T06:00:00Z") Instant createdAt) {

	static UserResponse of(User user) {
		return new UserResponse(user.getId(), user.getName(), user.getEmail(), user.getCreatedAt());
	}

}
