package com.usersservice.user;

import java.net.URI;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.data.domain.Limit;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The /users API. Plain CRUD, so the controller talks to the repository directly; uniqueness of e-mails is left to
 * the database's unique index (a pre-check would race), see {@link UserExceptionHandler}.
 */
@RestController
@RequestMapping(path = "/users", produces = "application/json")
class UserController {

	static final int MAX_PAGE_SIZE = 100;

	private final UserRepository users;

	UserController(UserRepository users) {
		this.users = users;
	}

	@GetMapping
	UserPage list(@RequestParam(defaultValue = "20") @Min(1) @Max(MAX_PAGE_SIZE) int size,
			@RequestParam(defaultValue = "0") @Min(0) long after) {
		List<User> found = this.users.findByIdGreaterThanOrderByIdAsc(after, Limit.of(size + 1));
		boolean more = found.size() > size;
		List<UserResponse> items = found.stream().limit(size).map(UserResponse::of).toList();
		String next = more ? String.valueOf(items.get(items.size() - 1).id()) : null;
		return new UserPage(items, next);
	}

	@GetMapping("/{id}")
	UserResponse get(@PathVariable long id) {
		return UserResponse.of(find(id));
	}

	@PostMapping(consumes = "application/json")
	ResponseEntity<UserResponse> create(@Valid @RequestBody UserRequest request) {
		User saved = this.users.saveAndFlush(new User(request.name(), request.email()));
		return ResponseEntity.created(URI.create("/users/" + saved.getId())).body(UserResponse.of(saved));
	}

	@PutMapping(path = "/{id}", consumes = "application/json")
	UserResponse update(@PathVariable long id, @Valid @RequestBody UserRequest request) {
		User user = find(id);
		user.rename(request.name(), request.email());
		return UserResponse.of(this.users.saveAndFlush(user));
	}

	@DeleteMapping("/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void delete(@PathVariable long id) {
		this.users.delete(find(id));
	}

	private User find(long id) {
		return this.users.findById(id).orElseThrow(() -> new UserNotFoundException(id));
	}

}
