package com.usersservice.user;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The corpus of requests against /users: hostile ones, each expected to be refused with a 4xx, a few valid ones
 * hidden among them, and seeded random mutations of a valid body whose outcome is whatever the service decides (but
 * never a 5xx). The seed is fixed so that a failure reproduces.
 */
final class HostileRequests {

	static final String JSON = "application/json";

	static final long SEED = 20261130L;

	private final List<Request> requests = new ArrayList<>();

	private int unique;

	private HostileRequests() {
	}

	/** How a request must be answered. */
	enum Expect {

		/** 201: a valid create, whose row must be in the table. */
		CREATED,
		/** Any 4xx, as problem+json. */
		REFUSED,
		/** Anything but a 5xx; 4xx must be problem+json, 2xx creates are counted. */
		NO_SERVER_ERROR

	}

	/**
	 * A request: its Content-Type and body, and other header lines, sent as given: {@code Authorization} is added
	 * (with a token of both scopes) unless one is among them.
	 */
	record Request(String description, String method, String path, String contentType, byte[] body,
			List<byte[]> headers, Expect expect) {

		Request(String description, String method, String path, String contentType, byte[] body, Expect expect) {
			this(description, method, path, contentType, body, List.of(), expect);
		}

		boolean hasHeader(String name) {
			String prefix = name.toLowerCase() + ":";
			return this.headers.stream()
				.anyMatch((line) -> new String(line, StandardCharsets.ISO_8859_1).toLowerCase().startsWith(prefix));
		}

		@Override
		public String toString() {
			return this.method + " " + this.path + " (" + this.description + ")";
		}

	}

	static List<Request> corpus(long existingId) {
		HostileRequests corpus = new HostileRequests();
		corpus.malformedJson();
		corpus.wrongTypesAndNulls();
		corpus.sizes();
		corpus.characters();
		corpus.fields();
		corpus.contentTypesAndMethods(existingId);
		corpus.parameters();
		corpus.mutations(new Random(SEED), 80);
		corpus.headers(existingId);
		corpus.binaryHeaders(new Random(SEED));
		return corpus.requests;
	}

	/** Headers of text: odd media types and parameters, oversized values and header blocks, refused tokens. */
	private void headers(long existingId) {
		for (String type : List.of("application/json; charset=utf-8", "APPLICATION/JSON",
				"application/json ;charset=UTF-8")) {
			header("Content-Type " + type, "POST", "/users", type, user("Typed", email()), List.of(), Expect.CREATED);
		}
		for (String type : List.of("application/json; charset=utf-16", "application/json; charset=nonsense",
				"application/json; charset=", "application/json;;;", "application/json; a=\"unterminated", "/", "json",
				";", "application/json, text/plain", "application/json; charset=utf-8; charset=latin1",
				"application/json; x=" + "a".repeat(7000), "text/plain; charset=utf-8",
				"application/" + "x".repeat(3000))) {
			header("Content-Type " + abbreviate(type), "POST", "/users", type, user("Odd Type", email()), List.of(),
					Expect.NO_SERVER_ERROR);
		}
		for (String accept : List.of("application/xml", "text/html", "image/png")) {
			header("Accept " + accept, "GET", "/users", null, null, List.of("Accept: " + accept), Expect.REFUSED);
			header("Accept " + accept, "POST", "/users", JSON, user("Accept", email()), List.of("Accept: " + accept),
					Expect.REFUSED);
		}
		// Spring reads some of these as acceptable (application/json;q=0 as well, for a POST): any answer but a 5xx.
		for (String accept : List.of("nonsense", "*/*;q=abc", "application/*", "", "*", "application/json;q=2",
				"application/json;q=0",
				"text/*, application/json;q=0.1", String.join(", ", Collections.nCopies(300, "text/a")),
				"application/problem+json")) {
			header("Accept " + abbreviate(accept), "GET", "/users/" + existingId, null, null,
					List.of("Accept: " + accept), Expect.NO_SERVER_ERROR);
		}
		String large = "a".repeat(50 * 1024);
		header("50 KB custom header", "GET", "/users", null, null, List.of("X-Padding: " + large), Expect.REFUSED);
		header("50 KB Accept", "GET", "/users", null, null, List.of("Accept: application/json, " + large),
				Expect.REFUSED);
		header("50 KB Content-Type", "POST", "/users", "application/json; x=" + large, user("Large", email()),
				List.of(), Expect.REFUSED);
		header("50 KB Authorization", "GET", "/users", null, null, List.of("Authorization: Bearer " + large),
				Expect.REFUSED);
		List<String> many = new ArrayList<>();
		for (int i = 0; i < 150; i++) {
			many.add("X-Header-" + i + ": " + i);
		}
		header("150 headers", "GET", "/users", null, null, many, Expect.REFUSED);
		header("empty Authorization", "GET", "/users", null, null, List.of("Authorization:"), Expect.REFUSED);
		header("Authorization Basic", "GET", "/users", null, null, List.of("Authorization: Basic b3BzOm9wcw=="),
				Expect.REFUSED);
		header("Authorization Bearer garbage", "POST", "/users", JSON, user("Garbage", email()),
				List.of("Authorization: Bearer garbage"), Expect.REFUSED);
		header("two Authorization headers", "GET", "/users", null, null,
				List.of("Authorization: Bearer a", "Authorization: Bearer b"), Expect.REFUSED);
	}

	/** Header values that are not text: control characters, bytes above 0x7F, invalid UTF-8, random bytes. */
	private void binaryHeaders(Random random) {
		byte[] noise = new byte[256];
		random.nextBytes(noise);
		for (int i = 0; i < noise.length; i++) {
			// CR and LF would end the header line rather than be in it.
			noise[i] = (noise[i] == '\r' || noise[i] == '\n') ? 0 : noise[i];
		}
		byte[][] values = { { 0 }, { 0x07, 0x08 }, { (byte) 0xff, (byte) 0xfe }, { (byte) 0xc3, 0x28 },
				{ (byte) 0xe2, (byte) 0x80, (byte) 0xa8 }, { 0x1b, '[', '3', '1', 'm' }, { 0x7f },
				"é漢".getBytes(StandardCharsets.UTF_8), noise };
		for (byte[] value : values) {
			String bytes = hex(Arrays.copyOf(value, Math.min(value.length, 8)));
			binary("Content-Type application/json+" + bytes, "POST", "/users", concat(JSON.getBytes(), value),
					user("Binary Type", email()));
			binary("Content-Type " + bytes, "POST", "/users", value, user("Binary Type", email()));
			binary("Accept " + bytes, "GET", "/users", null, null, "Accept: ", value);
			binary("Authorization Bearer " + bytes, "GET", "/users", null, null, "Authorization: Bearer ", value);
			binary("Authorization " + bytes, "GET", "/users", null, null, "Authorization: ", value);
			binary("X-Custom " + bytes, "GET", "/users", null, null, "X-Custom: ", value);
		}
	}

	private void header(String description, String method, String path, String type, String body, List<String> lines,
			Expect expect) {
		this.requests.add(new Request("header: " + description, method, path, type,
				(body != null) ? body.getBytes(StandardCharsets.UTF_8) : null,
				lines.stream().map((line) -> line.getBytes(StandardCharsets.ISO_8859_1)).toList(), expect));
	}

	private void binary(String description, String method, String path, byte[] contentType, String body) {
		this.requests.add(new Request("binary header: " + description, method, path, null,
				body.getBytes(StandardCharsets.UTF_8), List.of(concat("Content-Type: ".getBytes(), contentType)),
				Expect.NO_SERVER_ERROR));
	}

	private void binary(String description, String method, String path, String type, String body, String name,
			byte[] value) {
		this.requests.add(new Request("binary header: " + description, method, path, type,
				(body != null) ? body.getBytes(StandardCharsets.UTF_8) : null,
				List.of(concat(name.getBytes(StandardCharsets.ISO_8859_1), value)), Expect.NO_SERVER_ERROR));
	}

	private static String abbreviate(String text) {
		return (text.length() > 40) ? text.substring(0, 40) + "... (" + text.length() + " chars)" : text;
	}

	private void malformedJson() {
		String valid = "{\"name\":\"Trunc Ated\",\"email\":\"truncated@example.com\"}";
		for (int length = 0; length < valid.length(); length++) {
			post("truncated at " + length, valid.substring(0, length), Expect.REFUSED);
		}
		for (String body : List.of("{name:\"a\",email:\"a@example.com\"}", "{'name':'a','email':'a@example.com'}",
				"{\"name\":\"a\",\"email\":\"a@example.com\",}", "{\"name\":\"a\" \"email\":\"a@example.com\"}",
				"[", "]", "{{}}", "null", "true", "1", "\"a string\"", "[]", "[{\"name\":\"a\"}]", "{}",
				"{\"name\":\"a\",\"email\":\"a@example.com\"}{\"name\":\"b\"}", "{\"name\":\"a\"//comment\n}",
				"{\"name\":NaN,\"email\":\"a@example.com\"}", "\uFEFF{\"name\":", "<user><name>a</name></user>")) {
			post("malformed: " + body, body, Expect.REFUSED);
		}
	}

	private void wrongTypesAndNulls() {
		for (String name : List.of("1", "1.5", "true", "[]", "[\"a\"]", "{}", "{\"first\":\"a\"}", "null")) {
			post("name " + name, "{\"name\":" + name + ",\"email\":\"" + email() + "\"}", Expect.REFUSED);
		}
		for (String email : List.of("1", "false", "[\"a@example.com\"]", "{}", "null")) {
			post("email " + email, "{\"name\":\"Typed\",\"email\":" + email + "}", Expect.REFUSED);
		}
		post("both null", "{\"name\":null,\"email\":null}", Expect.REFUSED);
		post("email missing", "{\"name\":\"Only Name\"}", Expect.REFUSED);
		post("name missing", "{\"email\":\"" + email() + "\"}", Expect.REFUSED);
		post("blank name", "{\"name\":\"   \",\"email\":\"" + email() + "\"}", Expect.REFUSED);
		for (String email : List.of("", "plain", "@example.com", "a@", "a@@example.com", "a b@example.com",
				"a@example..com")) {
			post("bad email " + email, "{\"name\":\"Mail\",\"email\":\"" + email + "\"}", Expect.REFUSED);
		}
	}

	private void sizes() {
		post("name of 100", user("n".repeat(100), email()), Expect.CREATED);
		post("name of 101", user("n".repeat(101), email()), Expect.REFUSED);
		post("name of 100k", user("n".repeat(100_000), email()), Expect.REFUSED);
		post("email of 321", user("Long Mail", "e".repeat(309) + "@example.com"), Expect.REFUSED);
		post("body of 3 MB string", user("x".repeat(3_000_000), email()), Expect.REFUSED);
		post("body of 2 MB whitespace", " ".repeat(2_000_000) + user("Spaces", email()), Expect.REFUSED);
		post("nesting 100k deep", "[".repeat(100_000), Expect.REFUSED);
		post("object with 50k fields", "{" + "\"f\":1,".repeat(50_000) + "\"name\":\"a\"}", Expect.REFUSED);
		post("number of 10k digits", "{\"name\":" + "9".repeat(10_000) + "}", Expect.REFUSED);
	}

	private void characters() {
		for (String name : List.of("\\u0000", "a\\u0000b", "\\u0007bell", "tab\\there", "line\\nbreak",
				"\\u001b[31mred", "\\ud800", "\\udfff", "del\\u007f")) {
			post("control or lone surrogate " + name, user(name, email()), Expect.REFUSED);
		}
		post("raw newline in string", "{\"name\":\"a\nb\",\"email\":\"" + email() + "\"}", Expect.REFUSED);
		post("raw NUL in string", "{\"name\":\"a\u0000b\",\"email\":\"" + email() + "\"}", Expect.REFUSED);
		byte[][] invalidUtf8 = { { (byte) 0xC3, 0x28 }, { (byte) 0xA0, (byte) 0xA1 }, { (byte) 0xE2, 0x28, (byte) 0xA1 },
				{ (byte) 0xF0, 0x28, (byte) 0x8C, 0x28 }, { (byte) 0xFF }, { (byte) 0xC0, (byte) 0x80 },
				{ (byte) 0xED, (byte) 0xA0, (byte) 0x80 } };
		for (byte[] bytes : invalidUtf8) {
			byte[] body = concat("{\"name\":\"bad".getBytes(StandardCharsets.UTF_8), bytes,
					("\",\"email\":\"" + email() + "\"}").getBytes(StandardCharsets.UTF_8));
			this.requests.add(new Request("invalid UTF-8 " + hex(bytes), "POST", "/users", JSON, body, Expect.REFUSED));
		}
		// SQL and markup metacharacters are just characters: these are valid users and must be stored as sent.
		for (String name : List.of("Robert'); DROP TABLE users;--", "\\\" OR 1=1 --", "100% _like_ \\\\",
				"<script>alert(1)</script>", "O'Brien", "Zoë Ünïcødé 漢字 🙂", "$1; SELECT pg_sleep(10)")) {
			post("metacharacters " + name, user(name, email()), Expect.CREATED);
		}
		post("quote in email", user("Quote Mail", "o'brien." + (this.unique++) + "@example.com"), Expect.CREATED);
	}

	private void fields() {
		for (String extra : List.of("\"id\":1", "\"id\":-1", "\"createdAt\":\"2000-01-01T00:00:00Z\"",
				"\"updatedAt\":\"2000-01-01T00:00:00Z\"",
				"\"admin\":true", "\"__proto__\":{}", "\"Name\":\"b\"", "\"name\":\"dup\"")) {
			post("extra field " + extra, "{\"name\":\"Extra\",\"email\":\"" + email() + "\"," + extra + "}",
					Expect.REFUSED);
		}
	}

	private void contentTypesAndMethods(long existingId) {
		String body = user("Typed", email());
		for (String type : List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
				"multipart/form-data; boundary=x", "application/json-patch+json", "*/*", "nonsense")) {
			add("content type " + type, "POST", "/users", type, body, Expect.REFUSED);
		}
		add("no content type", "POST", "/users", null, body, Expect.REFUSED);
		add("no body", "POST", "/users", JSON, null, Expect.REFUSED);
		add("PATCH collection", "PATCH", "/users", JSON, body, Expect.REFUSED);
		add("PUT collection", "PUT", "/users", JSON, body, Expect.REFUSED);
		add("DELETE collection", "DELETE", "/users", null, null, Expect.REFUSED);
		add("POST item", "POST", "/users/" + existingId, JSON, body, Expect.REFUSED);
		add("PATCH item", "PATCH", "/users/" + existingId, JSON, body, Expect.REFUSED);
		add("PUT without body", "PUT", "/users/" + existingId, JSON, null, Expect.REFUSED);
		add("PUT with id field", "PUT", "/users/" + existingId, JSON,
				"{\"id\":999,\"name\":\"a\",\"email\":\"" + email() + "\"}", Expect.REFUSED);
		add("PUT truncated", "PUT", "/users/" + existingId, JSON, "{\"name\":\"a\",\"ema", Expect.REFUSED);
		add("PUT text/plain", "PUT", "/users/" + existingId, "text/plain", body, Expect.REFUSED);
		add("PUT invalid email", "PUT", "/users/" + existingId, JSON, user("a", "not-an-email"), Expect.REFUSED);
	}

	private void parameters() {
		for (String size : List.of("0", "-1", "101", "99999999999", "abc", "1.5", "1e2", "%00",
				"1;DROP%20TABLE%20users", "%27%20OR%201=1")) {
			add("size=" + size, "GET", "/users?size=" + size, null, null, Expect.REFUSED);
		}
		for (String after : List.of("-1", "abc", "9223372036854775808", "1.0", "%27", "NaN")) {
			add("after=" + after, "GET", "/users?after=" + after, null, null, Expect.REFUSED);
		}
		// Spring reads an empty parameter as absent (the default applies) and 0x10 as hexadecimal 16: both are
		// fine answers, as long as they are not server errors.
		add("size= (empty)", "GET", "/users?size=", null, null, Expect.NO_SERVER_ERROR);
		add("after= (empty)", "GET", "/users?after=", null, null, Expect.NO_SERVER_ERROR);
		add("size=0x10", "GET", "/users?size=0x10", null, null, Expect.NO_SERVER_ERROR);
		for (String id : List.of("abc", "-1", "0", "99999999999999999999", "1.0", "%00", "%27%20OR%201=1",
				"1;2", "9".repeat(2000), "%F0%28%8C%28", "9223372036854775807")) {
			add("GET id " + id, "GET", "/users/" + id, null, null, Expect.REFUSED);
			add("DELETE id " + id, "DELETE", "/users/" + id, null, null, Expect.REFUSED);
			add("PUT id " + id, "PUT", "/users/" + id, JSON, user("Put", email()), Expect.REFUSED);
		}
	}

	/** Random byte-level edits of a valid body: deletions, insertions, replacements, duplications. */
	private void mutations(Random random, int count) {
		for (int i = 0; i < count; i++) {
			byte[] body = user("Mutant " + i, "mutant" + i + "@example.com").getBytes(StandardCharsets.UTF_8);
			int edits = 1 + random.nextInt(3);
			for (int e = 0; e < edits; e++) {
				int at = random.nextInt(body.length);
				byte[] insert = { (byte) random.nextInt(256) };
				body = switch (random.nextInt(3)) {
					case 0 -> concat(slice(body, 0, at), slice(body, at + 1, body.length));
					case 1 -> concat(slice(body, 0, at), insert, slice(body, at, body.length));
					default -> concat(slice(body, 0, at), insert, slice(body, at + 1, body.length));
				};
			}
			this.requests.add(new Request("mutation " + i + " of seed " + SEED, "POST", "/users", JSON, body,
					Expect.NO_SERVER_ERROR));
		}
	}

	private void post(String description, String body, Expect expect) {
		add(description, "POST", "/users", JSON, body, expect);
	}

	private void add(String description, String method, String path, String type, String body, Expect expect) {
		this.requests.add(new Request(description, method, path, type,
				(body != null) ? body.getBytes(StandardCharsets.UTF_8) : null, expect));
	}

	private String email() {
		return "hostile" + (this.unique++) + "@example.com";
	}

	private static String user(String name, String email) {
		return "{\"name\":\"" + name + "\",\"email\":\"" + email + "\"}";
	}

	private static byte[] slice(byte[] bytes, int from, int to) {
		return Arrays.copyOfRange(bytes, from, Math.max(from, to));
	}

	private static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}

	private static String hex(byte[] bytes) {
		StringBuilder text = new StringBuilder();
		for (byte b : bytes) {
			text.append(String.format("%02X", b));
		}
		return text.toString();
	}

}
