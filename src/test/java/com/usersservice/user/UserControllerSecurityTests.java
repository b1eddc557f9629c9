package com.usersservice.user;

import java.util.List;

import com.usersservice.config.SecurityConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.data.domain.Limit;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** A web slice with the service's security rules: the API needs no credentials and no CSRF token. */
@WebMvcTest(UserController.class)
@Import(SecurityConfiguration.class)
class UserControllerSecurityTests {

	@Autowired
	MockMvc mvc;

	@MockitoBean
	UserRepository users;

	@Test
	void theApiIsOpenWithoutCredentialsOrCsrfToken() throws Exception {
		given(this.users.findByIdGreaterThanOrderByIdAsc(anyLong(), any(Limit.class))).willReturn(List.of());
		this.mvc.perform(get("/users")).andExpect(status().isOk());
		// 400, not 401 or 403: the request reached validation (an empty name), past security.
		this.mvc
			.perform(post("/users").contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"\",\"email\":\"a@b.c\"}"))
			.andExpect(status().isBadRequest());
	}

}
