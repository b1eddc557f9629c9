package com.usersservice.user;

import java.sql.SQLException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Turns the user domain's failures into RFC 9457 problems; everything else falls through to the global handler. */
@RestControllerAdvice(assignableTypes = UserController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class UserExceptionHandler {

	private static final Logger logger = LoggerFactory.getLogger(UserExceptionHandler.class);

	@ExceptionHandler
	ProblemDetail notFound(UserNotFoundException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail changed(UserChangedException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.PRECONDITION_FAILED, ex.getMessage());
		problem.setTitle("If-Match does not match the user");
		return problem;
	}

	/**
	 * The only integrity rule a valid request can break is the unique e-mail index; two racing requests both pass any
	 * pre-check, so the database decides and the loser gets a 409.
	 */
	@ExceptionHandler
	ProblemDetail conflict(DataIntegrityViolationException ex) {
		if (!isUniqueViolation(ex)) {
			logger.error("Unexpected integrity violation", ex);
			return ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error");
		}
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
				"A user with this email already exists (emails are compared case-insensitively)");
		problem.setTitle("Email already taken");
		return problem;
	}

	private static boolean isUniqueViolation(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLException sql) {
				// 23505: SQL standard unique_violation (PostgreSQL, H2); 1062: MySQL/MariaDB duplicate key.
				return "23505".equals(sql.getSQLState()) || sql.getErrorCode() == 1062;
			}
		}
		return false;
	}

}
