package com.usersservice.user;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.usersservice.TestDatabaseConfiguration;
import com.usersservice.TestTokenIssuer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Swagger UI in a real headless Chromium (Debian's chromium and chromium-driver; nothing is downloaded), with bearer
 * tokens on (API_AUTH=jwt, as in prod): the page renders and lists the /users operations; "Try it out" on GET /users
 * gets a 401 until a token is entered under "Authorize", then a 200 with users. Leaves a screenshot in
 * target/swagger-ui.png.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@Import(TestDatabaseConfiguration.class)
@ActiveProfiles("test")
class SwaggerUiBrowserTests {

	private static final TestTokenIssuer issuer = TestTokenIssuer.start();

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private static final Path SCREENSHOT = Path.of("target", "swagger-ui.png");

	// Generous: it bounds waiting for the page on a loaded machine, it is not a performance assertion.
	private static final Duration WAIT = Duration.ofSeconds(90);

	@LocalServerPort
	private int port;

	private WebDriver browser;

	@DynamicPropertySource
	static void bearerTokens(DynamicPropertyRegistry registry) {
		registry.add("users.api.auth", () -> "jwt");
		registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", issuer::jwkSetUri);
	}

	@AfterAll
	static void stopIssuer() {
		issuer.close();
	}

	@BeforeAll
	static void browserInstalled() {
		assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
				"Chromium is not installed: the Swagger UI browser test needs /usr/bin/chromium and "
						+ "/usr/bin/chromedriver (apt-get install chromium chromium-driver; .ci/run installs them)");
	}

	@BeforeEach
	void openBrowser(@TempDir Path profile) {
		// The system chromedriver, given explicitly: Selenium Manager must not try to download one.
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--disable-dev-shm-usage", "--window-size=1280,1600", "--user-data-dir=" + profile);
		this.browser = new ChromeDriver(service, options);
	}

	@AfterEach
	void closeBrowser() {
		if (this.browser != null) {
			this.browser.quit();
		}
	}

	@Test
	void listsTheUsersOperationsAndTryItOutOnGetUsersShowsA200WithUsersOnceAuthorized() throws Exception {
		createUser();
		this.browser.get("http://localhost:" + this.port + "/swagger-ui.html");
		WebDriverWait wait = new WebDriverWait(this.browser, WAIT);

		wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".swagger-ui .info .title")));
		assertThat(this.browser.findElement(By.cssSelector(".swagger-ui .info .title")).getText())
			.contains("users-service");
		List<String> operations = wait
			.until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector(".opblock-summary"), 4))
			.stream()
			.map((summary) -> summary.findElement(By.cssSelector(".opblock-summary-method")).getText() + " "
					+ summary.findElement(By.cssSelector(".opblock-summary-path")).getAttribute("data-path"))
			.toList();
		assertThat(operations).containsExactlyInAnyOrder("GET /users", "POST /users", "GET /users/{id}",
				"PUT /users/{id}", "DELETE /users/{id}");

		WebElement list = this.browser.findElement(By.id("operations-users-list"));
		list.findElement(By.cssSelector(".opblock-summary-control")).click();
		// By locator, not by element: the buttons exist only once Swagger UI has rendered the expanded operation.
		wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#operations-users-list .try-out__btn")))
			.click();
		wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#operations-users-list button.execute")))
			.click();
		By status = By.cssSelector("#operations-users-list .live-responses-table .response .response-col_status");
		wait.until(ExpectedConditions.visibilityOfElementLocated(status));
		assertThat(this.browser.findElement(status).getText().trim()).as("without a token").isEqualTo("401");

		authorize(wait, issuer.token("users:read"));
		wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#operations-users-list button.execute")))
			.click();
		wait.until(ExpectedConditions.textToBe(status, "200"));
		String body = list.findElement(By.cssSelector(".live-responses-table .response-col_description pre"))
			.getText();
		assertThat(body).as("response body shown by Swagger UI").containsPattern("\"items\":\\s*\\[\\s*\\{")
			.contains("\"email\"");

		((JavascriptExecutor) this.browser).executeScript("arguments[0].scrollIntoView(true)", list);
		byte[] png = ((ChromeDriver) this.browser).getScreenshotAs(OutputType.BYTES);
		Files.createDirectories(SCREENSHOT.getParent());
		Files.write(SCREENSHOT, png);
		assertThat(distinctColours(png)).as("a rendered page, not a blank one (%s)", SCREENSHOT.toAbsolutePath())
			.isGreaterThan(16);
	}

	/** "Authorize": the bearer scheme's dialog, as a user fills it in with a token. */
	private void authorize(WebDriverWait wait, String token) {
		wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".scheme-container button.authorize")))
			.click();
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".modal-ux .auth-container input")))
			.sendKeys(token);
		this.browser.findElement(By.cssSelector(".modal-ux .auth-btn-wrapper button.authorize")).click();
		wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".modal-ux button.btn-done"))).click();
		wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".modal-ux")));
	}

	private void createUser() throws Exception {
		String body = "{\"name\":\"Grace\",\"email\":\"grace-" + UUID.randomUUID() + "@example.com\"}";
		HttpResponse<String> created = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/users"))
				.header("Content-Type", "application/json")
				.header("Authorization", "Bearer " + issuer.token("users:write"))
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(created.statusCode()).isEqualTo(201);
	}

	private static int distinctColours(byte[] png) throws Exception {
		BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
		Set<Integer> colours = new HashSet<>();
		for (int y = 0; y < image.getHeight(); y += 4) {
			for (int x = 0; x < image.getWidth(); x += 4) {
				colours.add(image.getRGB(x, y));
			}
		}
		return colours.size();
	}

}
