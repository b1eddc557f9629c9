package com.usersservice.user;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import com.usersservice.TestDatabaseConfiguration;

/** The whole API on PostgreSQL, the database the service is built for. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(TestDatabaseConfiguration.class)
class UsersApiOnPostgresTests extends UsersApiContract {

}
