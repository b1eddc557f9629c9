package com.usersservice.config.security;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.SecurityProperties;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.JwkSetUriJwtDecoderBuilderCustomizer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.context.support.WebApplicationContextUtils;

/**
 * Who may call what. With {@code API_AUTH=jwt} (prod's default) every /users request needs a bearer token with the
 * scope of its method ({@link ApiScopes}); with {@code API_AUTH=none} (dev and test) the API's chain lets every request
 * through and keeps only the security headers. Actuator is open in dev and test; with
 * {@code users.actuator.authentication-required} (prod) everything on it but health needs HTTP Basic as
 * {@code spring.security.user} ({@code ACTUATOR_USERNAME}/{@code ACTUATOR_PASSWORD}), on a chain of its own, so bearer
 * tokens play no part there. Public so that web slice tests of other packages can import it and see the same rules
 * as the running service.
 */
@Configuration(proxyBeanMethods = false)
// Not in a run without a web server (migrate-only, tests): there is nothing to protect and no HttpSecurity.
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(ApiSecurityProperties.class)
public class SecurityConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(SecurityConfiguration.class);

	private final boolean actuatorAuthenticationRequired;

	private final String actuatorBasePath;

	SecurityConfiguration(@Value("${users.actuator.authentication-required:false}") boolean required,
			@Value("${management.endpoints.web.base-path:/actuator}") String actuatorBasePath) {
		this.actuatorAuthenticationRequired = required;
		this.actuatorBasePath = actuatorBasePath;
	}

	@Bean
	ProblemSecurityResponses problemSecurityResponses(JsonMapper json) {
		return new ProblemSecurityResponses(json);
	}

	@Bean
	@Order(1)
	SecurityFilterChain actuatorSecurity(HttpSecurity http, ProblemSecurityResponses problems, Environment environment)
			throws Exception {
		// Also every other path under the base path: an endpoint that is added later, or not exposed yet, is denied
		// (401) rather than falling through to the open API chain.
		http.securityMatcher(new OrRequestMatcher(EndpointRequest.toAnyEndpoint(), underBasePath(environment)));
		statelessJson(http, problems);
		if (this.actuatorAuthenticationRequired) {
			// Any endpoint added later (and /actuator itself) is protected by default; only the probes are open.
			http.authorizeHttpRequests((requests) -> requests.requestMatchers(EndpointRequest.to("health"))
				.permitAll()
				.anyRequest()
				.authenticated());
			http.httpBasic((basic) -> basic.authenticationEntryPoint(problems).realmName(ProblemSecurityResponses.REALM));
		}
		else {
			http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll());
		}
		return http.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain apiSecurity(HttpSecurity http, ApiSecurityProperties api, JsonMapper json,
			@Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri:}") String issuer) throws Exception {
		if (api.auth() == ApiSecurityProperties.Authentication.NONE) {
			if (api.warnWhenOpen()) {
				logger.warn("API_AUTH=none: /users answers every caller without a token; only run it so behind a "
						+ "gateway that checks tokens itself");
			}
			return openApi(http);
		}
		BearerTokenApi.configure(http, json, issuer);
		return http.build();
	}

	/**
	 * A request that Spring Security's firewall refuses (a control character in a header value, say) is a 400
	 * problem, written here: the default sends Tomcat's error page, which the firewall refuses again for the same
	 * headers, and the 400 goes out empty.
	 */
	@Bean
	RequestRejectedHandler problemForRejectedRequests(JsonMapper json) {
		return (request, response, ex) -> SecurityProblems.write(json, request, response, HttpStatus.BAD_REQUEST,
				HttpStatus.BAD_REQUEST.getReasonPhrase(), "The request was rejected: Bad Request");
	}

	/**
	 * Fetches the issuer's JWK set with bounded waits: a slow or unreachable issuer costs a request a few seconds and
	 * a 401, not a thread for half a minute (Spring Security's default). Nothing is fetched at start-up.
	 */
	@Bean
	JwkSetUriJwtDecoderBuilderCustomizer boundedJwkSetFetch(ApiSecurityProperties api) {
		SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
		requests.setConnectTimeout(api.jwkSetConnectTimeout());
		requests.setReadTimeout(api.jwkSetReadTimeout());
		RestTemplate rest = new RestTemplate(requests);
		return (builder) -> builder.restOperations(rest);
	}

	private static SecurityFilterChain openApi(HttpSecurity http) throws Exception {
		// Every API request is public, so this chain holds no authentication, authorization, security context or
		// session filter, only the response headers (nosniff, no-store, DENY framing): each filter costs on every
		// request, and together they cost more than the page query (docs/benchmarks.md).
		http.csrf(AbstractHttpConfigurer::disable)
			.sessionManagement(AbstractHttpConfigurer::disable)
			.securityContext(AbstractHttpConfigurer::disable)
			.requestCache(AbstractHttpConfigurer::disable)
			.anonymous(AbstractHttpConfigurer::disable)
			.servletApi(AbstractHttpConfigurer::disable)
			.exceptionHandling(AbstractHttpConfigurer::disable)
			.formLogin(AbstractHttpConfigurer::disable)
			.logout(AbstractHttpConfigurer::disable)
			.headers(Customizer.withDefaults());
		return http.build();
	}

	/**
	 * The actuator account from {@code spring.security.user}; none where actuator is open, so dev and test neither
	 * need nor log a generated password.
	 */
	@Bean
	InMemoryUserDetailsManager actuatorUsers(SecurityProperties properties) {
		if (!this.actuatorAuthenticationRequired) {
			return new InMemoryUserDetailsManager();
		}
		SecurityProperties.User user = properties.getUser();
		String password = user.getPassword();
		// Plain text from the environment unless it names its encoding, e.g. {bcrypt}$2a$...
		String encoded = password.matches("^\\{[^}]+}.*") ? password : "{noop}" + password;
		return new InMemoryUserDetailsManager(
				User.withUsername(user.getName()).password(encoded).roles(user.getRoles().toArray(String[]::new)).build());
	}

	/** Paths under the actuator base path, on the server that serves actuator (the management port in prod). */
	private RequestMatcher underBasePath(Environment environment) {
		RequestMatcher path = PathPatternRequestMatcher.withDefaults().matcher(this.actuatorBasePath + "/**");
		if (ManagementPortType.get(environment) != ManagementPortType.DIFFERENT) {
			return path;
		}
		return new AndRequestMatcher(path, SecurityConfiguration::onManagementServer);
	}

	private static boolean onManagementServer(HttpServletRequest request) {
		WebApplicationContext context = WebApplicationContextUtils
			.getWebApplicationContext(request.getServletContext());
		return context instanceof WebServerApplicationContext server
				&& WebServerApplicationContext.hasServerNamespace(server, "management");
	}

	private static void statelessJson(HttpSecurity http, ProblemSecurityResponses problems) throws Exception {
		http.csrf(AbstractHttpConfigurer::disable)
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache((cache) -> cache.disable())
			.formLogin(AbstractHttpConfigurer::disable)
			.logout(AbstractHttpConfigurer::disable)
			.anonymous(Customizer.withDefaults())
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(problems)
				.accessDeniedHandler(problems));
	}

}
