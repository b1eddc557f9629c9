package com.usersservice.user;

import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.usersservice.OpenApiContract;
import com.usersservice.config.ApiDocsSlice;
import com.usersservice.config.security.SecurityConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The web layer alone: request parsing, validation and the problem+json mapping, with the data access mocked. With
 * the service's security rules, which leave the API open in the test profile (without them Boot's default would
 * demand a login), and every response checked against the OpenAPI description.
 */
@WebMvcTest(UserController.class)
@Import({ SecurityConfiguration.class, ApiDocsSlice.class, UserWrites.class })
class UserControllerTests {

	/** The stored user's updated_at, and the ETag derived from it (microseconds since the epoch). */
	private static final Instant STORED = Instant.parse("2026-12-03T09:30:00.123456Z");

	private static final String STORED_ETAG = "\"1796290200123456\"";

	private static final String BODY = "{\"name\":\"Ada\",\"email\":\"ada@example.com\"}";

	@Autowired
	private MockMvc mvc;

	private OpenApiContract contract;

	@MockitoBean
	private UserRepository users;

	@MockitoBean
	private UserPages pages;

	@Test
	void pageIsReadAfterTheGivenIdWithTheRequestedSize() throws Exception {
		given(this.pages.after(10L, 2)).willReturn(new UserPage(
				List.of(response(11, "a@example.com"), response(12, "b@example.com")), "12"));
		perform(get("/users").param("size", "2").param("after", "10"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.items.length()").value(2))
			.andExpect(jsonPath("$.items[0].id").value(11))
			.andExpect(jsonPath("$.items[1].email").value("b@example.com"))
			.andExpect(jsonPath("$.next").value("12"));
	}

	@Test
	void defaultPageIsTwentyFromTheStartAndALastPageHasANullNext() throws Exception {
		given(this.pages.after(0L, 20)).willReturn(new UserPage(List.of(response(1, "a@example.com")), null));
		perform(get("/users"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.items.length()").value(1))
			.andExpect(jsonPath("$.next").value(nullValue()));
	}

	@ParameterizedTest
	@ValueSource(strings = { "0", "101", "-1" })
	void sizeOutOfRangeIsABadRequestNamingTheParameter(String size) throws Exception {
		problem(perform(get("/users").param("size", size)), 400).andExpect(jsonPath("$.errors[0].field").value("size"));
		verify(this.pages, never()).after(anyLong(), anyInt());
	}

	@ParameterizedTest
	@ValueSource(strings = { "abc", "1.5", "99999999999999999999" })
	void nonNumericSizeOrAfterIsABadRequest(String value) throws Exception {
		problem(perform(get("/users").param("size", value)), 400).andExpect(jsonPath("$.detail").value("'size' must be a valid integer"));
		problem(perform(get("/users").param("after", value)), 400).andExpect(jsonPath("$.detail").value("'after' must be a valid integer"));
	}

	@Test
	void nonNumericIdIsABadRequest() throws Exception {
		problem(perform(get("/users/abc")), 400).andExpect(jsonPath("$.detail").value("'id' must be a valid integer"));
		problem(perform(delete("/users/1x")), 400);
	}

	@Test
	void unknownIdIsNotFound() throws Exception {
		given(this.users.findById(42L)).willReturn(Optional.empty());
		problem(perform(get("/users/42")), 404).andExpect(jsonPath("$.detail").value("No user with id 42"));
		problem(perform(delete("/users/42")), 404);
		problem(perform(put("/users/42").contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"Ada\",\"email\":\"ada@example.com\"}")), 404);
	}

	@Test
	void validationErrorsListEveryField() throws Exception {
		problem(create("{\"name\":\"\",\"email\":\"not-an-email\"}"), 400)
			.andExpect(jsonPath("$.errors[*].field", hasItem("name")))
			.andExpect(jsonPath("$.errors[*].field", hasItem("email")))
			.andExpect(jsonPath("$.detail", containsString("email")));
		problem(create("{\"name\":null,\"email\":null}"), 400).andExpect(jsonPath("$.errors.length()").value(2));
		problem(create("{\"name\":\"" + "x".repeat(101) + "\",\"email\":\"ada@example.com\"}"), 400)
			.andExpect(jsonPath("$.errors[0].field").value("name"));
		verify(this.users, never()).saveAndFlush(any());
	}

	@ParameterizedTest
	@ValueSource(strings = { "id", "createdAt", "admin" })
	void unknownFieldsAreRejectedNotIgnored(String field) throws Exception {
		problem(create("{\"name\":\"Ada\",\"email\":\"ada@example.com\",\"" + field + "\":1}"), 400)
			.andExpect(jsonPath("$.detail", containsString("Unknown field '" + field + "'")));
		verify(this.users, never()).saveAndFlush(any());
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"name\":\"Ada\",", "not json", "{\"name\":\"Ada\" \"email\":\"a@b.c\"}", "" })
	void malformedJsonIsABadRequest(String body) throws Exception {
		problem(create(body), 400);
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"name\":[\"Ada\"],\"email\":\"ada@example.com\"}",
			"{\"name\":{\"first\":\"Ada\"},\"email\":\"ada@example.com\"}", "[]", "\"Ada\"", "42" })
	void wrongTypesAreABadRequest(String body) throws Exception {
		problem(create(body), 400);
	}

	@Test
	void wrongContentTypeIsUnsupported() throws Exception {
		problem(perform(post("/users").contentType(MediaType.TEXT_PLAIN).content("name=Ada")), 415);
	}

	@Test
	void duplicateEmailFromTheUniqueIndexIsAConflict() throws Exception {
		given(this.users.saveAndFlush(any())).willThrow(new DataIntegrityViolationException("duplicate",
				new SQLException("duplicate key value violates unique constraint", "23505")));
		problem(create("{\"name\":\"Ada\",\"email\":\"ADA@example.com\"}"), 409)
			.andExpect(jsonPath("$.title").value("Email already taken"));
	}

	@Test
	void otherIntegrityViolationsAreNotReportedAsConflicts() throws Exception {
		given(this.users.saveAndFlush(any())).willThrow(new DataIntegrityViolationException("not null",
				new SQLException("null value in column", "23502")));
		problem(create("{\"name\":\"Ada\",\"email\":\"ada@example.com\"}"), 500)
			.andExpect(jsonPath("$.detail").value("Internal error"));
	}

	@Test
	void createReturnsLocationAndBody() throws Exception {
		given(this.users.saveAndFlush(any())).willReturn(user(7, "ada@example.com"));
		create("{\"name\":\"Ada\",\"email\":\"ada@example.com\"}").andExpect(status().isCreated())
			.andExpect(header().string("Location", "/users/7"))
			.andExpect(header().string("ETag", STORED_ETAG))
			.andExpect(jsonPath("$.updatedAt").value("2026-12-03T09:30:00.123456Z"))
			.andExpect(jsonPath("$.id").value(7))
			.andExpect(jsonPath("$.email").value("ada@example.com"));
	}

	@Test
	void aUserIsSentWithAStrongETagFromItsUpdatedAt() throws Exception {
		given(this.users.findById(7L)).willReturn(Optional.of(user(7, "ada@example.com")));
		perform(get("/users/7")).andExpect(status().isOk())
			.andExpect(header().string("ETag", STORED_ETAG))
			.andExpect(jsonPath("$.updatedAt").value("2026-12-03T09:30:00.123456Z"));
	}

	@Test
	void aGetWithTheCurrentETagInIfNoneMatchIsNotModified() throws Exception {
		given(this.users.findById(7L)).willReturn(Optional.of(user(7, "ada@example.com")));
		perform(get("/users/7").header("If-None-Match", STORED_ETAG)).andExpect(status().isNotModified())
			.andExpect(content().string(""));
	}

	@ParameterizedTest
	@ValueSource(strings = { STORED_ETAG, "*", "\"1\", " + STORED_ETAG })
	void aPutOrDeleteWhoseIfMatchMatchesIsCarriedOut(String ifMatch) throws Exception {
		User stored = user(7, "ada@example.com");
		given(this.users.findLockedById(7L)).willReturn(Optional.of(stored));
		given(this.users.saveAndFlush(stored)).willReturn(stored);
		perform(put("/users/7").header("If-Match", ifMatch).contentType(MediaType.APPLICATION_JSON).content(BODY))
			.andExpect(status().isOk())
			.andExpect(header().string("ETag", STORED_ETAG));
		verify(this.users).saveAndFlush(stored);
		perform(delete("/users/7").header("If-Match", ifMatch)).andExpect(status().isNoContent());
		verify(this.users).delete(stored);
	}

	/** Stale, weak (If-Match compares strongly), and malformed If-Match values: none matches, nothing is written. */
	@ParameterizedTest
	@ValueSource(strings = { "\"1796290200123455\"", "W/" + STORED_ETAG, "1796290200123456", "\"", "" })
	void aPutOrDeleteWhoseIfMatchDoesNotMatchIsAPreconditionFailureAndWritesNothing(String ifMatch)
			throws Exception {
		given(this.users.findLockedById(7L)).willReturn(Optional.of(user(7, "ada@example.com")));
		problem(perform(put("/users/7").header("If-Match", ifMatch).contentType(MediaType.APPLICATION_JSON)
			.content(BODY)), 412).andExpect(jsonPath("$.detail", containsString("nothing was changed")));
		problem(perform(delete("/users/7").header("If-Match", ifMatch)), 412);
		verify(this.users, never()).saveAndFlush(any());
		verify(this.users, never()).delete(any());
	}

	@Test
	void withoutIfMatchAPutOrDeleteIsUnconditional() throws Exception {
		User stored = user(7, "ada@example.com");
		given(this.users.findLockedById(7L)).willReturn(Optional.of(stored));
		given(this.users.saveAndFlush(stored)).willReturn(stored);
		perform(put("/users/7").contentType(MediaType.APPLICATION_JSON).content(BODY)).andExpect(status().isOk());
		perform(delete("/users/7")).andExpect(status().isNoContent());
		verify(this.users).delete(stored);
	}

	@Test
	void anIfMatchForAMissingUserIsStillNotFound() throws Exception {
		given(this.users.findLockedById(42L)).willReturn(Optional.empty());
		problem(perform(delete("/users/42").header("If-Match", STORED_ETAG)), 404);
	}

	@BeforeEach
	void readTheApiDescription() throws Exception {
		this.contract = OpenApiContract
			.of(this.mvc.perform(get("/v3/api-docs")).andReturn().getResponse().getContentAsString());
	}

	/** Performs the request and checks that the OpenAPI description tells of the response. */
	private ResultActions perform(MockHttpServletRequestBuilder request) throws Exception {
		ResultActions result = this.mvc.perform(request);
		MockHttpServletRequest sent = result.andReturn().getRequest();
		MockHttpServletResponse received = result.andReturn().getResponse();
		Map<String, List<String>> headers = new HashMap<>();
		received.getHeaderNames().forEach((name) -> headers.put(name, received.getHeaders(name)));
		String target = sent.getRequestURI() + ((sent.getQueryString() != null) ? "?" + sent.getQueryString() : "");
		assertThat(this.contract.problems(sent.getMethod(), target, received.getStatus(), headers,
				received.getContentAsString()))
			.as("%s %s -> %d %s", sent.getMethod(), target, received.getStatus(), received.getContentAsString())
			.isEmpty();
		return result;
	}

	private ResultActions create(String body) throws Exception {
		return perform(post("/users").contentType(MediaType.APPLICATION_JSON).content(body));
	}

	private static ResultActions problem(ResultActions result, int status) throws Exception {
		return result.andExpect(status().is(status))
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(status))
			.andExpect(jsonPath("$.title").exists());
	}

	private static UserResponse response(long id, String email) {
		return new UserResponse(id, "User " + id, email, Instant.parse("2026-11-30T06:00:00Z"),
				Instant.parse("2026-12-03T09:30:00.123456Z"));
	}

	private static User user(long id, String email) {
		User user = new User("User " + id, email);
		ReflectionTestUtils.setField(user, "id", id);
		// Set by the database in a real insert.
		ReflectionTestUtils.setField(user, "createdAt", Instant.parse("2026-11-30T06:00:00Z"));
		ReflectionTestUtils.setField(user, "updatedAt", STORED);
		return user;
	}

}
