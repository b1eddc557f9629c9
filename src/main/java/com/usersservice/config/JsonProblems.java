package com.usersservice.config;

import java.util.stream.Collectors;

import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import org.springframework.http.converter.HttpMessageNotReadableException;

/** Says, in a client's words, why a request body could not be read; never echoes parser internals. */
final class JsonProblems {

	private JsonProblems() {
	}

	static String describe(HttpMessageNotReadableException ex) {
		Throwable cause = ex.getMostSpecificCause();
		if (cause instanceof UnrecognizedPropertyException unknown) {
			return "Unknown field '" + unknown.getPropertyName() + "': only " + unknown.getKnownPropertyIds()
				.stream()
				.map(String::valueOf)
				.sorted()
				.collect(Collectors.joining(", ")) + " are accepted";
		}
		if (cause instanceof MismatchedInputException mismatch) {
			String field = path(mismatch);
			return field.isEmpty() ? "The request body must be a JSON object"
					: "Field '" + field + "' has the wrong type";
		}
		if (cause instanceof StreamReadException) {
			return "The request body is not well-formed JSON";
		}
		if (cause == ex) {
			return "The request body is missing or unreadable";
		}
		return "The request body is not valid JSON";
	}

	private static String path(JacksonException ex) {
		return ex.getPath()
			.stream()
			.map((ref) -> (ref.getPropertyName() != null) ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
			.collect(Collectors.joining("."));
	}

}
