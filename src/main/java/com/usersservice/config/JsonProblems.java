package com.usersservice.config;

import java.util.stream.Collectors;

import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.converter.HttpMessageNotReadableException;

/** Says, in a client's words, why a request body could not be read; never echoes parser internals. */
final class JsonProblems {

	private JsonProblems() {
	}

	/** 413 for a body over the size limit (see {@link JsonLimits}), else the status Spring chose. */
	static HttpStatusCode status(HttpMessageNotReadableException ex, HttpStatusCode status) {
		return isTooLarge(ex.getMostSpecificCause()) ? HttpStatus.CONTENT_TOO_LARGE : status;
	}

	static String describe(HttpMessageNotReadableException ex) {
		Throwable cause = ex.getMostSpecificCause();
		if (isTooLarge(cause)) {
			return "The request body is larger than " + JsonLimits.MAX_DOCUMENT_BYTES + " bytes";
		}
		if (cause instanceof StreamReadException && String.valueOf(cause.getMessage()).startsWith("Duplicate")) {
			return "A field appears more than once in the request body";
		}
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

	private static boolean isTooLarge(Throwable cause) {
		return cause instanceof StreamConstraintsException
				&& String.valueOf(cause.getMessage()).startsWith("Document length");
	}

	private static String path(JacksonException ex) {
		return ex.getPath()
			.stream()
			.map((ref) -> (ref.getPropertyName() != null) ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
			.collect(Collectors.joining("."));
	}

}
