package com.usersservice.user;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.AdditionalPropertiesValue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The body of POST and PUT: only these two fields are accepted, anything else is a 400. Control characters and
 * unpaired surrogates are refused: PostgreSQL cannot store NUL in text, and the others only corrupt what clients
 * display.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
@Schema(name = "UserRequest", additionalProperties = AdditionalPropertiesValue.FALSE)
record UserRequest(
		@Schema(example = "Ada Lovelace") @NotBlank @Size(max = User.NAME_MAX) @Pattern(regexp = PRINTABLE,
				message = NOT_PRINTABLE) String name,
		@Schema(example = "ada@example.com", description = "Unique, compared case-insensitively") @NotBlank @Email
		@Size(max = User.EMAIL_MAX) @Pattern(regexp = PRINTABLE, message = NOT_PRINTABLE) String email) {

	static final String PRINTABLE = "[^\\p{Cc}\\p{Cs}]*";

	static final String NOT_PRINTABLE = "must not contain control characters or unpaired surrogates";

}
