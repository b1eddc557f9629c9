package com.usersservice.user;

/** A PUT or DELETE whose If-Match does not match the user as stored now: nothing was written. */
class UserChangedException extends RuntimeException {

	UserChangedException(long id, IfMatch precondition) {
		super(precondition.tags().isEmpty()
				? "If-Match holds no entity tag (expected the quoted ETag of a GET, or *), so it cannot match user " + id
						+ "; nothing was changed"
				: "User " + id + " has changed since the ETag in If-Match was issued; nothing was changed. GET it "
						+ "again for the current ETag and retry");
	}

}
