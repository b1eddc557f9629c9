# syntax=docker/dockerfile:1
# users-service image: built with the Maven wrapper, run from Boot's layered extraction on a JRE, as a non-root user.
#   docker build -t registry.example.com/users-service:0.3.0 .
#   docker run --rm -p 8080:8080 -p 8081:8081 --env-file .env registry.example.com/users-service:0.3.0
# One image reference everywhere (compose, deploy/k8s/): <registry>/users-service:<release version>; replace
# registry.example.com with your registry.

FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
# Dependencies first: this layer is rebuilt only when the POM changes.
COPY mvnw pom.xml ./
COPY .mvn/ .mvn/
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q dependency:go-offline
COPY src/ src/
COPY application-dev.yml application-test.yml application-prod.yml ./
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q -DskipTests package \
 && java -Djarmode=tools -jar target/app.jar extract --layers --destination /layers

# The runtime is Java 25 (the jar is Java 17 bytecode): its AOT cache halves the CPU a start-up needs.
FROM eclipse-temurin:25-jre
RUN groupadd --system --gid 10001 app && useradd --system --uid 10001 --gid app --home-dir /app app
WORKDIR /app
# Least-changing layers first, so a code change ships only the small application layer.
COPY --from=build /layers/dependencies/ ./
COPY --from=build /layers/spring-boot-loader/ ./
COPY --from=build /layers/snapshot-dependencies/ ./
COPY --from=build /layers/application/ ./
# The profile files are inside app.jar too; these copies sit where Boot looks first (./config/), so an operator can
# read them in the image and mount replacements over them.
COPY application-dev.yml application-test.yml application-prod.yml ./config/
# Heap as a share of the container's memory limit; JVM warnings on stderr, so that stdout holds only JSON log lines.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:InitialRAMPercentage=25 -XX:+ExitOnOutOfMemoryError -Xss512k -Xlog:all=warning:stderr"
# Java 25's AOT cache (JEP 483, 514, 515): one training run at build time loads and links the classes a start-up
# needs and records their profiles; every start then maps them from app.aot (docs/benchmarks.md). The run refreshes
# the prod application context and exits without a database: Liquibase is off, Hibernate is told its dialect and
# only warns that it cannot read the database's metadata. The JWK set URL is never fetched (tokens are checked only
# when a request comes).
RUN java -XX:AOTCacheOutput=app.aot -Dspring.context.exit=onRefresh -Dspring.profiles.active=prod \
      -Dspring.liquibase.enabled=false -Dspring.jpa.hibernate.ddl-auto=none \
      -Dspring.jpa.database-platform=org.hibernate.dialect.PostgreSQLDialect \
      -DPROD_DATABASE_URL=jdbc:postgresql://127.0.0.1:1/none -DPROD_DATABASE_USERNAME=none \
      -DPROD_DATABASE_PASSWORD=none -DACTUATOR_USERNAME=none -DACTUATOR_PASSWORD=none \
      -DJWT_JWK_SET_URI=http://127.0.0.1:1/none -DSERVER_PORT=0 -DMANAGEMENT_PORT=0 -jar app.jar
USER 10001:10001
# API_AUTH=jwt (prod's default) needs JWT_JWK_SET_URI at run time (docker run -e, compose, the Kubernetes Secret).
ENV SPRING_PROFILES_ACTIVE=prod \
    API_AUTH=jwt \
    SERVER_PORT=8080 \
    MANAGEMENT_PORT=8081 \
    MIGRATION_MODE=apply \
    JAVA_TOOL_OPTIONS="${JAVA_TOOL_OPTIONS} -XX:AOTCache=app.aot"
EXPOSE 8080 8081
# The JRE image has no curl; bash's /dev/tcp reads readiness's status line. Kubernetes uses its own probes instead.
HEALTHCHECK --interval=10s --timeout=3s --start-period=180s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${MANAGEMENT_PORT} && printf 'GET /actuator/health/readiness HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["java", "-jar", "app.jar"]
