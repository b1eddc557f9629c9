package com.usersservice;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.MessageResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.schema.SchemaValidator;
import com.atlassian.oai.validator.schema.SwaggerV20Library;
import com.github.fge.jackson.NodeType;
import com.github.fge.jsonschema.cfg.ValidationConfiguration;
import com.github.fge.jsonschema.core.exceptions.ProcessingException;
import com.github.fge.jsonschema.core.report.ListReportProvider;
import com.github.fge.jsonschema.core.report.LogLevel;
import com.github.fge.jsonschema.core.report.ProcessingReport;
import com.github.fge.jsonschema.format.AbstractFormatAttribute;
import com.github.fge.jsonschema.library.Library;
import com.github.fge.jsonschema.main.JsonSchemaFactory;
import com.github.fge.jsonschema.processors.data.FullData;
import com.github.fge.msgsimple.bundle.MessageBundle;
import com.github.fge.msgsimple.load.MessageBundles;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI description a running service serves at /v3/api-docs, as an independent validator (Atlassian's
 * swagger-request-validator) reads it: every response a test receives can be checked against it, so that a response
 * the description does not tell of fails the build. A request for a method or path the description lacks has no
 * operation to check against; its answer must then be a refusal whose body is the described problem document.
 */
public final class OpenApiContract {

	private static final Set<String> NO_OPERATION = Set.of("validation.request.path.missing",
			"validation.request.operation.notAllowed");

	private final OpenAPI api;

	private final OpenApiInteractionValidator validator;

	private final SchemaValidator schemas;

	private OpenApiContract(String document) {
		ParseOptions options = new ParseOptions();
		options.setResolve(true);
		SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(document, null, options);
		assertThat(parsed.getMessages()).as("the served OpenAPI description parses cleanly").isEmpty();
		this.api = parsed.getOpenAPI();
		this.validator = OpenApiInteractionValidator.createFor(this.api)
			.withSchemaFactorySupplier(OpenApiContract::schemaFactory)
			.build();
		this.schemas = new SchemaValidator(this.api, new MessageResolver(), OpenApiContract::schemaFactory);
	}

	/**
	 * The validator's own JSON Schema library, with {@code uri} held to RFC 3986 (absolute, as a strict gateway or a
	 * generated client reads it) and {@code uri-reference} checked too: both would otherwise pass any string.
	 */
	private static JsonSchemaFactory schemaFactory() {
		Library library = SwaggerV20Library.get()
			.thaw()
			.addFormatAttribute("uri", new UriFormat("uri", true))
			.addFormatAttribute("uri-reference", new UriFormat("uri-reference", false))
			.freeze();
		return JsonSchemaFactory.newBuilder()
			.setValidationConfiguration(ValidationConfiguration.newBuilder()
				.setDefaultLibrary(SwaggerV20Library.OAI_V2_METASCHEMA_URI, library)
				.setSyntaxMessages(MessageBundles.getBundle(SwaggerV20Library.SyntaxBundle.class))
				.setValidationMessages(MessageBundles.getBundle(SwaggerV20Library.ValidationBundle.class))
				.freeze())
			.setReportProvider(new ListReportProvider(LogLevel.ERROR, LogLevel.FATAL))
			.freeze();
	}

	/** The description in this JSON or YAML text. */
	public static OpenApiContract of(String document) {
		return new OpenApiContract(document);
	}

	/** The description served by the service at {@code baseUrl}. */
	public static OpenApiContract servedBy(String baseUrl) {
		HttpResponse<String> docs = Http.get(baseUrl + "/v3/api-docs");
		assertThat(docs.statusCode()).as("GET /v3/api-docs").isEqualTo(200);
		return new OpenApiContract(docs.body());
	}

	public OpenAPI api() {
		return this.api;
	}

	/** Fails unless the description tells of this response to this request. */
	public void check(String method, String target, HttpResponse<String> response) {
		List<String> problems = problems(method, target, response);
		assertThat(problems).as("%s %s -> %d %s", method, target, response.statusCode(), response.body()).isEmpty();
	}

	/** Why the description does not tell of this response, or nothing when it does. */
	public List<String> problems(String method, String target, HttpResponse<String> response) {
		return problems(method, target, response.statusCode(), response.headers().map(), response.body());
	}

	public List<String> problems(String method, String target, int status, Map<String, List<String>> headers,
			String body) {
		String path = URI.create("http://localhost" + target).getRawPath();
		SimpleResponse.Builder response = SimpleResponse.Builder.status(status);
		headers.forEach((name, values) -> response.withHeader(name, values));
		if (body != null && !body.isEmpty()) {
			response.withBody(body);
		}
		ValidationReport report = this.validator.validateResponse(path, Request.Method.valueOf(method),
				response.build());
		if (report.getMessages().stream().anyMatch((message) -> NO_OPERATION.contains(message.getKey()))) {
			return refusal(status, headers, body);
		}
		return errors(report);
	}

	/** An answer to a request the description has no operation for: a 4xx with the described problem body. */
	private List<String> refusal(int status, Map<String, List<String>> headers, String body) {
		List<String> problems = new ArrayList<>();
		if (status < 400 || status >= 500) {
			problems.add("a request the description has no operation for was answered " + status);
		}
		String type = headers.entrySet()
			.stream()
			.filter((header) -> header.getKey().equalsIgnoreCase("Content-Type"))
			.flatMap((header) -> header.getValue().stream())
			.findFirst()
			.orElse("");
		if (!type.startsWith("application/problem+json")) {
			problems.add("not a problem document: Content-Type " + type);
		}
		Schema<?> problem = this.api.getComponents().getSchemas().get("ProblemDetail");
		problems.addAll(errors(this.schemas.validate((body != null) ? body : "", problem, "response.body")));
		return problems;
	}

	/** A string that must parse as a URI reference, and with {@code absolute} as an absolute URI. */
	private static final class UriFormat extends AbstractFormatAttribute {

		private final String name;

		private final boolean absolute;

		UriFormat(String name, boolean absolute) {
			super(name, NodeType.STRING);
			this.name = name;
			this.absolute = absolute;
		}

		@Override
		public void validate(ProcessingReport report, MessageBundle bundle, FullData data) throws ProcessingException {
			String value = data.getInstance().getNode().textValue();
			try {
				if (!this.absolute || new URI(value).isAbsolute()) {
					new URI(value);
					return;
				}
			}
			catch (URISyntaxException ex) {
				// Reported below.
			}
			report.error(newMsg(data, bundle, "err.format.invalidURI").setMessage("string \"" + value
					+ "\" is not " + (this.absolute ? "an absolute URI" : "a URI reference") + " (format "
					+ this.name + ")"));
		}

	}

	private static List<String> errors(ValidationReport report) {
		return report.getMessages()
			.stream()
			.filter((message) -> message.getLevel() == ValidationReport.Level.ERROR)
			.map((message) -> message.getKey() + ": " + message.getMessage())
			.toList();
	}

}
