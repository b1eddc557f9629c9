package com.usersservice.migration.classify;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Only type changes that keep every value pass as widening; anything else counts as destructive. */
class TypeWideningTest {

	@ParameterizedTest(name = "{0} -> {1}: widens = {2}")
	@CsvSource(delimiter = '|', textBlock = """
			varchar(100)          | varchar(200)         | true
			VARCHAR(100)          | character varying    | true
			varchar(100)          | text                 | true
			char(3)               | varchar(3)           | true
			int                   | bigint               | true
			int4                  | int8                 | true
			numeric(10,2)         | numeric(12,2)        | true
			numeric(10,2)         | numeric(12,4)        | true
			real                  | double precision     | true
			varchar(100)          | varchar(100)         | true
			varchar(200)          | varchar(100)         | false
			text                  | varchar(100)         | false
			bigint                | int                  | false
			numeric(10,2)         | numeric(10,4)        | false
			numeric(10,2)         | integer              | false
			varchar(100)          | int                  | false
			timestamp             | date                 | false
			                      | varchar(100)         | false
			numeric               | numeric(12,2)        | false
			numeric(10)           | numeric(12,2)        | true
			numeric(10,2)         | numeric(12)          | false
			numeric(10,2)         | numeric(11,3)        | true
			numeric(10,2)         | numeric(10,3)        | false
			numeric(10,)          | numeric(12)          | true
			int                   | text                 | false
			int                   | varchar(20)          | false
			""")
	void widens(String from, String to, boolean widens) {
		assertThat(TypeWidening.widens(from, to)).isEqualTo(widens);
	}

	@ParameterizedTest(name = "{0} -> {1}: keeps storage = {2}")
	@CsvSource(delimiter = '|', textBlock = """
			varchar(100)          | varchar(200)         | true
			varchar(100)          | character varying    | true
			varchar(100)          | text                 | true
			numeric(10,2)         | numeric(12,2)        | true
			int                   | integer              | true
			int                   | bigint               | false
			numeric(10,2)         | numeric(12,4)        | false
			char(3)               | varchar(3)           | false
			varchar(200)          | varchar(100)         | false
			                      | text                 | false
			numeric               | numeric(12,2)        | false
			numeric(10)           | numeric(12)          | true
			numeric(10)           | numeric               | true
			char(3)               | text                 | false
			text                  | text                 | true
			numeric(,12)          | numeric(12)          | true
			""")
	void keepsStorage(String from, String to, boolean keeps) {
		// A widening that changes the stored form (int to bigint) still rewrites the table on PostgreSQL.
		assertThat(TypeWidening.keepsStorage(from, to)).isEqualTo(keeps);
	}

}
