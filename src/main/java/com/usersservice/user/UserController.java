package com.usersservice.user;

import java.net.URI;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The /users API. Plain CRUD, so the controller reads through the repository directly (and pages through
 * {@link UserPages}, the one hot path that skips JPA); PUT and DELETE, which compare If-Match with the stored user
 * before writing, go through {@link UserWrites}, their transaction. Uniqueness of e-mails is left to
 * the database's unique index (a pre-check would race), see {@link UserExceptionHandler}. The OpenAPI description
 * (/v3/api-docs) is generated from these annotations and the validation constraints; errors are RFC 9457 problems.
 */
@Tag(name = "users", description = "Create, read, update and delete users")
@RestController
@RequestMapping(path = "/users", produces = "application/json")
class UserController {

	static final int MAX_PAGE_SIZE = 100;

	private static final String PROBLEM = "application/problem+json";

	private static final String TOO_LARGE = "The body is larger than 64 KiB";

	private static final String NOT_JSON = "The body is not declared as application/json (Content-Type)";

	private static final String ETAG = "The user's entity tag (strong): send it back in If-Match to change or delete "
			+ "the user only as long as nobody else has";

	private static final String IF_MATCH = "Only if the user is still as when one of these ETags was read "
			+ "(strong comparison), or `*`: any current user. Without it the write is unconditional";

	private static final String CHANGED = "If-Match matches no current ETag of the user: it changed since (or If-Match "
			+ "holds no entity tag). Nothing was written";

	private final UserRepository users;

	private final UserPages pages;

	private final UserWrites writes;

	UserController(UserRepository users, UserPages pages, UserWrites writes) {
		this.users = users;
		this.pages = pages;
		this.writes = writes;
	}

	@Operation(summary = "List users, one keyset page at a time",
			description = "Users in ascending id order. Pass the page's `next` as `after` to get the following page; "
					+ "`next` is null on the last page.")
	@ApiResponse(responseCode = "200", description = "A page of users")
	@ApiResponse(responseCode = "400", description = "`size` outside 1-100, or a parameter that is not an integer",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	@GetMapping
	UserPage list(
			@Parameter(description = "How many users per page") @RequestParam(defaultValue = "20") @Min(1)
			@Max(MAX_PAGE_SIZE) int size,
			@Parameter(description = "The last id seen: the page starts after it (the previous page's `next`)")
			@RequestParam(defaultValue = "0") @Min(0) long after) {
		return this.pages.after(after, size);
	}

	@Operation(summary = "Get one user")
	@ApiResponse(responseCode = "200", description = "The user",
			headers = @Header(name = "ETag", description = ETAG, schema = @Schema(type = "string")))
	@ApiResponse(responseCode = "304", description = "If-None-Match holds the user's current ETag: unchanged",
			headers = @Header(name = "ETag", description = ETAG, schema = @Schema(type = "string")),
			content = @Content)
	@ApiResponse(responseCode = "400", description = "The id is not an integer",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "404", description = "No user with this id",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	@GetMapping("/{id}")
	ResponseEntity<UserResponse> get(@Parameter(description = "The user's id") @PathVariable long id) {
		// Spring answers 304 itself when If-None-Match holds this ETag.
		return withETag(ResponseEntity.ok(), find(id));
	}

	@Operation(summary = "Create a user")
	@ApiResponse(responseCode = "201", description = "Created",
			headers = { @Header(name = "Location", description = "/users/{id} of the new user",
					schema = @Schema(type = "string")),
					@Header(name = "ETag", description = ETAG, schema = @Schema(type = "string")) })
	@ApiResponse(responseCode = "400", description = "Invalid or unknown fields, or a body that is not JSON",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "409", description = "The email is taken (compared case-insensitively)",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "413", description = TOO_LARGE,
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "415", description = NOT_JSON,
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	@PostMapping(consumes = "application/json")
	ResponseEntity<UserResponse> create(@Valid @RequestBody UserRequest request) {
		User saved = this.users.saveAndFlush(new User(request.name(), request.email()));
		return withETag(ResponseEntity.created(URI.create("/users/" + saved.getId())), saved);
	}

	@Operation(summary = "Replace a user's name and email")
	@ApiResponse(responseCode = "200", description = "The updated user",
			headers = @Header(name = "ETag", description = ETAG, schema = @Schema(type = "string")))
	@ApiResponse(responseCode = "400", description = "Invalid or unknown fields, a body that is not JSON, or an id "
			+ "that is not an integer",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "404", description = "No user with this id",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "409", description = "The email belongs to another user",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "412", description = CHANGED,
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "413", description = TOO_LARGE,
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "415", description = NOT_JSON,
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	@PutMapping(path = "/{id}", consumes = "application/json")
	ResponseEntity<UserResponse> update(@Parameter(description = "The user's id") @PathVariable long id,
			@Parameter(name = "If-Match", in = ParameterIn.HEADER, description = IF_MATCH)
			@RequestHeader(name = "If-Match", required = false) String ifMatch,
			@Valid @RequestBody UserRequest request) {
		return withETag(ResponseEntity.ok(),
				this.writes.replace(id, IfMatch.of(ifMatch), request.name(), request.email()));
	}

	@Operation(summary = "Delete a user")
	@ApiResponse(responseCode = "204", description = "Deleted")
	@ApiResponse(responseCode = "400", description = "The id is not an integer",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "404", description = "No user with this id",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "412", description = CHANGED,
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	@DeleteMapping("/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void delete(@Parameter(description = "The user's id") @PathVariable long id,
			@Parameter(name = "If-Match", in = ParameterIn.HEADER, description = IF_MATCH)
			@RequestHeader(name = "If-Match", required = false) String ifMatch) {
		this.writes.delete(id, IfMatch.of(ifMatch));
	}

	private static ResponseEntity<UserResponse> withETag(ResponseEntity.BodyBuilder response, User user) {
		return response.eTag(UserETag.of(user).formattedTag()).body(UserResponse.of(user));
	}

	private User find(long id) {
		return this.users.findById(id).orElseThrow(() -> new UserNotFoundException(id));
	}

}
