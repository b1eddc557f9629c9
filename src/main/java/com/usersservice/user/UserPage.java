package com.usersservice.user;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/** A keyset page: {@code next} is the id to pass as {@code after} for the following page, null on the last one. */
@Schema(name = "UserPage", requiredProperties = { "items", "next" })
record UserPage(List<UserResponse> items, @Schema(description = "The id to pass as `after` for the next page; null "
		+ "on the last page", nullable = true, example = "20") String next) {
}
