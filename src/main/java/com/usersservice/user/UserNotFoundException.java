package com.usersservice.user;

class UserNotFoundException extends RuntimeException {

	UserNotFoundException(long id) {
		super("No user with id " + id);
	}

}
