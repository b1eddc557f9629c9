package com.usersservice.user;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The body of POST and PUT: only these two fields are accepted, anything else is a 400. */
@JsonIgnoreProperties(ignoreUnknown = false)
record UserRequest(@NotBlank @Size(max = User.NAME_MAX) String name,
		@NotBlank @Email @Size(max = User.EMAIL_MAX) String email) {
}
