package com.usersservice.user;

import java.util.List;

import org.springframework.http.ETag;

/**
 * The If-Match precondition of PUT and DELETE (RFC 9110, 13.1.1): {@code *} or a list of entity tags, compared
 * strongly with the user's current ETag. Spring's {@link ETag#parse} reads the list and skips what is not an entity
 * tag, so a malformed header lists none and matches nothing: the write is refused (412), never let through.
 */
record IfMatch(boolean present, List<ETag> tags) {

	/** No If-Match header: the write is unconditional, as before ETags. */
	static final IfMatch ABSENT = new IfMatch(false, List.of());

	/** The header as received (several If-Match lines joined by commas), or null when there is none. */
	static IfMatch of(String header) {
		return (header != null) ? new IfMatch(true, ETag.parse(header)) : ABSENT;
	}

	boolean matches(ETag current) {
		return !this.present || this.tags.stream().anyMatch((tag) -> tag.isWildcard() || tag.compare(current, true));
	}

}
