package com.usersservice.user;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.springframework.http.ETag;

/**
 * A user's entity tag: its updated_at in microseconds since the epoch, strong. The database moves updated_at on
 * every write to the row, whoever writes it, so the tag changes exactly when the stored user does.
 */
final class UserETag {

	private UserETag() {
	}

	static ETag of(User user) {
		return new ETag(String.valueOf(ChronoUnit.MICROS.between(Instant.EPOCH, user.getUpdatedAt())), false);
	}

}
