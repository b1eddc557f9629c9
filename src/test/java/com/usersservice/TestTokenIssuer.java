package com.usersservice;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;

/**
 * A token issuer for tests: an RSA and an EC signing key, their public JWK set served over HTTP on loopback (the JDK's
 * own server), and signed JWTs. The JWK set can be taken offline, slowed down, and given new keys, as a real issuer's
 * is during an outage or a key rotation.
 */
public final class TestTokenIssuer implements AutoCloseable {

	public static final String ISSUER = "https://issuer.users-service.test/";

	public static final String AUDIENCE = "users-service";

	private final int port;

	private final RSAKey rsa = rsaKey("rsa-1");

	private final ECKey ec = ecKey("ec-1");

	private final List<JWK> published = new CopyOnWriteArrayList<>(List.of(this.rsa, this.ec));

	private final AtomicInteger fetches = new AtomicInteger();

	private volatile Duration delay = Duration.ZERO;

	private HttpServer server;

	private TestTokenIssuer(int port) {
		this.port = port;
	}

	/** An issuer whose JWK set is served from now on. */
	public static TestTokenIssuer start() {
		TestTokenIssuer issuer = notServing();
		issuer.serve();
		return issuer;
	}

	/** An issuer whose JWK set URL has a port of its own but nothing listening on it until {@link #serve()}. */
	public static TestTokenIssuer notServing() {
		return new TestTokenIssuer(ProdEnvironment.freePort());
	}

	public String jwkSetUri() {
		return "http://127.0.0.1:" + this.port + "/jwks.json";
	}

	/** The variables that point the service at this issuer, iss and aud checks included. */
	public Map<String, String> variables() {
		return Map.of("JWT_JWK_SET_URI", jwkSetUri(), "JWT_ISSUER", ISSUER, "JWT_AUDIENCE", AUDIENCE);
	}

	public synchronized void serve() {
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), this.port), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.createContext("/jwks.json", (exchange) -> {
			this.fetches.incrementAndGet();
			AppProcess.pause(this.delay);
			byte[] body = new JWKSet(new ArrayList<>(this.published)).toPublicJWKSet()
				.toString()
				.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/jwk-set+json");
			exchange.sendResponseHeaders(200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		});
		// Threads of its own, so that a slowed-down answer does not hold up the next request.
		this.server.setExecutor(Executors.newCachedThreadPool((task) -> {
			Thread thread = new Thread(task, "jwk-set");
			thread.setDaemon(true);
			return thread;
		}));
		this.server.start();
	}

	/** Closes the port: fetching the JWK set now fails to connect. */
	public synchronized void stopServing() {
		if (this.server != null) {
			this.server.stop(0);
			this.server = null;
		}
	}

	/** Answers each fetch of the JWK set only after this long (a connection that hangs). */
	public void delayResponses(Duration delay) {
		this.delay = delay;
	}

	/** How many times the JWK set was fetched. */
	public int fetches() {
		return this.fetches.get();
	}

	/** A new RSA key, published in the JWK set from now on (a key rotation). */
	public RSAKey rotate(String kid) {
		RSAKey key = rsaKey(kid);
		this.published.add(key);
		return key;
	}

	public RSAKey rsa() {
		return this.rsa;
	}

	public ECKey ec() {
		return this.ec;
	}

	/** A valid token, RS256-signed, for this issuer and audience, with this {@code scope} claim. */
	public String token(String scope) {
		return claims().scope(scope).signedWith(this.rsa);
	}

	/** The claims of a valid token (issuer, audience, 5 minutes of life), to change before signing. */
	public Token claims() {
		return new Token();
	}

	public static RSAKey rsaKey(String kid) {
		try {
			return new RSAKeyGenerator(2048).keyID(kid).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public static ECKey ecKey(String kid) {
		try {
			return new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		stopServing();
	}

	/** A token's claims, and the ways to sign them, properly or not. */
	public static final class Token {

		private final JWTClaimsSet.Builder claims;

		private Token() {
			Instant now = Instant.now();
			this.claims = new JWTClaimsSet.Builder().issuer(ISSUER)
				.audience(AUDIENCE)
				.subject("client-" + UUID.randomUUID())
				.issueTime(Date.from(now))
				.expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
				.jwtID(UUID.randomUUID().toString());
		}

		/** The space-separated {@code scope} claim. */
		public Token scope(String scope) {
			return claim("scope", scope);
		}

		public Token claim(String name, Object value) {
			this.claims.claim(name, value);
			return this;
		}

		public Token expiresAt(Instant instant) {
			this.claims.expirationTime(Date.from(instant));
			return this;
		}

		public Token notBefore(Instant instant) {
			this.claims.notBeforeTime(Date.from(instant));
			return this;
		}

		/** RS256 with an RSA key, ES256 with an EC key; the header names the key's kid. */
		public String signedWith(JWK key) {
			try {
				if (key instanceof RSAKey rsa) {
					return sign(JWSAlgorithm.RS256, key.getKeyID(), new RSASSASigner(rsa));
				}
				return sign(JWSAlgorithm.ES256, key.getKeyID(), new ECDSASigner((ECKey) key));
			}
			catch (JOSEException ex) {
				throw new IllegalStateException(ex);
			}
		}

		/** {@code alg: none}: no signature at all. */
		public String unsigned() {
			return new PlainJWT(this.claims.build()).serialize();
		}

		/**
		 * HS256 with the RSA key's public key as the shared secret, under the RSA key's kid: the algorithm confusion
		 * attack on verifiers that take the algorithm from the token.
		 */
		public String hs256WithPublicKeyOf(RSAKey key) {
			try {
				return sign(JWSAlgorithm.HS256, key.getKeyID(), new MACSigner(key.toRSAPublicKey().getEncoded()));
			}
			catch (JOSEException ex) {
				throw new IllegalStateException(ex);
			}
		}

		private String sign(JWSAlgorithm algorithm, String kid, JWSSigner signer) throws JOSEException {
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(kid).build(), this.claims.build());
			jwt.sign(signer);
			return jwt.serialize();
		}

	}

}
