package com.usersservice.user;

import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;

@Schema(name = "User", requiredProperties = { "id", "name", "email", "createdAt", "updatedAt" })
record UserResponse(@Schema(example = "1") long id, @Schema(example = "Ada Lovelace") String name,
		@Schema(example = "ada@example.com") String email,
		@Schema(example = "2026-11-30T06:00:00Z") Instant createdAt,
		@Schema(example = "2026-12-03T09:30:00.123456Z", description = "When the user last changed, by any writer; "
				+ "the ETag is derived from it") Instant updatedAt) {

	static UserResponse of(User user) {
		return new UserResponse(user.getId(), user.getName(), user.getEmail(), user.getCreatedAt(),
				user.getUpdatedAt());
	}

}
