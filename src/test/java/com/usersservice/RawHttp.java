package com.usersservice;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for requests that no HTTP client sends: header values with control characters or
 * bytes that are not text. The response is read until the server closes the connection.
 */
public final class RawHttp {

	private RawHttp() {
	}

	/** A response as received; header names in lower case. */
	public record Response(int status, Map<String, List<String>> headers, String body) {

		public String contentType() {
			return this.headers.getOrDefault("content-type", List.of("")).get(0).split(";")[0].trim();
		}

	}

	/** Sends {@code method target} with these header lines (raw bytes each, without the line end) and no body. */
	public static Response send(int port, String method, String target, List<byte[]> headerLines) {
		return send(port, method, target, headerLines, null);
	}

	/** Sends {@code method target} with these header lines and, unless null, this body and its Content-Length. */
	public static Response send(int port, String method, String target, List<byte[]> headerLines, byte[] body) {
		ByteArrayOutputStream request = new ByteArrayOutputStream();
		request.writeBytes((method + " " + target + " HTTP/1.1\r\nHost: localhost:" + port + "\r\n")
			.getBytes(StandardCharsets.US_ASCII));
		for (byte[] line : headerLines) {
			request.writeBytes(line);
			request.writeBytes(new byte[] { '\r', '\n' });
		}
		if (body != null) {
			request.writeBytes(("Content-Length: " + body.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
		}
		request.writeBytes("Connection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
		if (body != null) {
			request.writeBytes(body);
		}
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
			socket.setSoTimeout(60_000);
			OutputStream out = socket.getOutputStream();
			out.write(request.toByteArray());
			out.flush();
			return parse(socket.getInputStream().readAllBytes());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A header line of text followed by raw bytes, e.g. {@code Authorization: Bearer } and then binary. */
	public static byte[] header(String start, byte[] rest) {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		line.writeBytes(start.getBytes(StandardCharsets.ISO_8859_1));
		line.writeBytes(rest);
		return line.toByteArray();
	}

	private static Response parse(byte[] raw) throws IOException {
		String text = new String(raw, StandardCharsets.ISO_8859_1);
		int end = text.indexOf("\r\n\r\n");
		if (end < 0) {
			throw new IOException("No complete response head in " + raw.length + " bytes: " + text);
		}
		String[] lines = text.substring(0, end).split("\r\n");
		int status = Integer.parseInt(lines[0].split(" ")[1]);
		Map<String, List<String>> headers = new LinkedHashMap<>();
		for (int i = 1; i < lines.length; i++) {
			int colon = lines[i].indexOf(':');
			headers.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(), (name) -> new ArrayList<>())
				.add(lines[i].substring(colon + 1).trim());
		}
		byte[] body = Arrays.copyOfRange(raw, end + 4, raw.length);
		if (headers.getOrDefault("transfer-encoding", List.of()).contains("chunked")) {
			body = unchunk(new ByteArrayInputStream(body));
		}
		return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
	}

	private static byte[] unchunk(InputStream in) throws IOException {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		while (true) {
			int size = Integer.parseInt(line(in).split(";")[0].trim(), 16);
			if (size == 0) {
				return body.toByteArray();
			}
			body.writeBytes(in.readNBytes(size));
			line(in);
		}
	}

	private static String line(InputStream in) throws IOException {
		StringBuilder line = new StringBuilder();
		for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
			if (c != '\r') {
				line.append((char) c);
			}
		}
		return line.toString();
	}

}
