package com.usersservice.user;

import java.util.List;

/** A keyset page: {@code next} is the id to pass as {@code after} for the following page, null on the last one. */
record UserPage(List<UserResponse> items, String next) {
}
