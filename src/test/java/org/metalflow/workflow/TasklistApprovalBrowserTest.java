package org.metalflow.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.metalflow.IntegrationTest;
import org.metalflow.LabMachines;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

/**
 * The four-eyes release in a real browser: Debian's Chromium, driven through its chromedriver, opens Tasklist.
 * The requester (admin) finds the approval in the "Approvals" filter and is refused when claiming it; an
 * approver logs in, claims it, chooses "approve" in the Camunda Form and completes it, and the machine is
 * released to {@code available}. Without Chromium the test is skipped, except with {@code CI=true}, where it
 * first installs the Debian packages and fails if they are still missing. A failure leaves a screenshot and
 * the page source under {@code target/}.
 */
class TasklistApprovalBrowserTest extends IntegrationTest {

    /** Lab BMCs 167-169 belong to this test. */
    private static final int LAB_INDEX = 167;
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String APPROVER = "tina";
    private static final String APPROVER_PASSWORD = "tina-approves-in-tasklist";
    private static final Duration PAGE = Duration.ofSeconds(30);

    @Autowired
    private IdentityService identity;

    @BeforeAll
    static void chromiumIsInstalled() throws Exception {
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        if (ci && !(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))) {
            Process install = new ProcessBuilder("bash", "src/test/browser/ensure-chromium.sh").inheritIO().start();
            install.waitFor(10, TimeUnit.MINUTES);
        }
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (ci) {
            assertThat(installed).as("CI=true but %s or %s is missing (apt-get install chromium chromium-driver)",
                    CHROMIUM, CHROMEDRIVER).isTrue();
        }
        Assumptions.assumeTrue(installed, CHROMIUM + " and " + CHROMEDRIVER
                + " are not installed (apt-get install chromium chromium-driver): Tasklist browser test skipped");
    }

    @Test
    void anApproverApprovesAReleaseInTasklistAndTheRequesterCannot() throws Exception {
        approverExists();
        UUID machine = new LabMachines(api()).active(LAB_INDEX, "tasklist-167");
        int released = api().post().uri("/api/v1/machines/{id}/actions/release", machine)
                .contentType(MediaType.APPLICATION_JSON).body(Map.of()).retrieve().toBodilessEntity()
                .getStatusCode().value();
        assertThat(released).isEqualTo(202);
        awaitApproval(machine);

        String tasklist = "http://127.0.0.1:" + port + "/camunda/app/tasklist/default/";
        // two people, two browsers: nothing of the requester's session can carry over to the approver's
        try (Browser browser = Browser.start(Path.of("target"))) {
            try {
                browser.login(tasklist, "admin", ADMIN_PASSWORD);
                browser.openApproval(machine.toString());
                assertThat(browser.claimRefused("four eyes")).as("what Tasklist tells the requester")
                        .contains("admin requested this change");
            } catch (Throwable failure) {
                browser.saveEvidence("tasklist-requester-failure");
                throw failure;
            }
        }
        try (Browser browser = Browser.start(Path.of("target"))) {
            try {
                browser.login(tasklist, APPROVER, APPROVER_PASSWORD);
                browser.openApproval(machine.toString());
                browser.claim();
                browser.choose("decision", "approve");
                browser.complete(machine.toString());
            } catch (Throwable failure) {
                browser.saveEvidence("tasklist-approver-failure");
                throw failure;
            }
        }
        Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                assertThat(machine(machine).get("state").asText()).as("%s", machine(machine)).isEqualTo("available"));
        assertThat(api().get().uri("/api/v1/machines/{id}/history?size=200", machine).retrieve()
                .body(JsonNode.class).get("items").findValuesAsText("actor")).contains("admin via release");
    }

    /** Chromium driven through chromedriver; closing quits both and makes sure no process of theirs is left. */
    private static final class Browser implements AutoCloseable {

        private final ChromeDriver driver;
        private final ChromeDriverService service;
        private final Path profile;
        private final Path evidence;
        private final List<ProcessHandle> processes;

        private Browser(ChromeDriver driver, ChromeDriverService service, Path profile, Path evidence) {
            this.driver = driver;
            this.service = service;
            this.profile = profile;
            this.evidence = evidence;
            // chromedriver is our child and Chromium its child: these are the processes to see gone at the end
            this.processes = ProcessHandle.current().descendants()
                    .filter(p -> p.info().command().map(c -> c.contains("chrom")).orElse(false)).toList();
        }

        static Browser start(Path evidence) throws IOException {
            Path profile = Files.createTempDirectory("metalflow-chromium-");
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort()
                    .withLogFile(evidence.resolve("chromedriver.log").toFile()).build();
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            // the machine has no network beyond the platform: without these Chromium waits on connections
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--window-size=1400,1000", "--user-data-dir=" + profile);
            return new Browser(new ChromeDriver(service, options), service, profile, evidence);
        }

        void login(String tasklist, String user, String password) {
            driver.get(tasklist);
            // the login form is usable once AngularJS has compiled it (it then carries its ng-* state classes)
            By form = By.cssSelector("form[name='signinForm'].ng-pristine, form[name='signinForm'].ng-dirty");
            for (int attempt = 1; ; attempt++) {
                try {
                    await().until(ExpectedConditions.visibilityOfElementLocated(form));
                } catch (org.openqa.selenium.TimeoutException notShown) {
                    if (attempt == 3) {
                        throw notShown;
                    }
                    saveEvidence("tasklist-login-form-attempt-" + attempt);
                    driver.get(tasklist);
                    continue;
                }
                // the login view may be rendered again after it first shows, dropping what was typed: type until
                // the inputs on the page hold the values, then submit with Enter (a welcome box may cover the button)
                By name = By.cssSelector("form[name='signinForm'] input[ng-model='username']");
                By secret = By.cssSelector("form[name='signinForm'] input[ng-model='password']");
                await().ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> {
                    type(name, user);
                    type(secret, password);
                    return user.equals(d.findElement(name).getDomProperty("value"))
                            && password.equals(d.findElement(secret).getDomProperty("value"));
                });
                ((JavascriptExecutor) driver).executeScript("arguments[0].click()",
                        driver.findElement(By.cssSelector("form[name='signinForm'] button[type='submit']")));
                try {
                    new WebDriverWait(driver, Duration.ofSeconds(15)).until(
                            ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".task-filters")));
                    return;
                } catch (org.openqa.selenium.TimeoutException notYet) {
                    if (attempt == 3) {
                        throw notYet;
                    }
                    saveEvidence("tasklist-login-attempt-" + attempt);
                }
            }
        }

        /** Sets an input's value as typing would, with the input event AngularJS listens to. */
        private void type(By input, String value) {
            WebElement element = driver.findElement(input);
            if (!value.equals(element.getDomProperty("value"))) {
                ((JavascriptExecutor) driver).executeScript("arguments[0].focus(); arguments[0].value = arguments[1];"
                        + "arguments[0].dispatchEvent(new Event('input', {bubbles: true}));"
                        + "arguments[0].dispatchEvent(new Event('change', {bubbles: true}));", element, value);
            }
        }

        /** Selects the "Approvals" filter and opens the task that shows this machine. */
        void openApproval(String machineId) {
            By filter = By.xpath("//*[contains(@class,'task-filters')]//a[contains(normalize-space(.),'Approvals')]");
            By selected = By.xpath("//*[contains(@class,'task-filters')]//*[contains(@class,'active')]"
                    + "[contains(normalize-space(.),'Approvals')]");
            // the filter list is re-rendered while Tasklist loads: click until the filter shows as selected
            await().ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> {
                if (!d.findElements(selected).isEmpty()) {
                    return true;
                }
                d.findElements(filter).stream().findFirst().ifPresent(link ->
                        ((JavascriptExecutor) d).executeScript("arguments[0].click()", link));
                return false;
            });
            By task = By.xpath("//*[contains(@class,'tasks-list')]//li[contains(normalize-space(.),'" + machineId
                    + "')]//h4//a");
            By opened = By.cssSelector("button.claim, button.unclaim, [ng-click='unclaim()']");
            // the list refreshes itself while loading: click the task until its details are open
            await().ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> {
                if (d.findElements(opened).stream().anyMatch(WebElement::isDisplayed)) {
                    return true;
                }
                d.findElements(task).stream().findFirst().ifPresent(link ->
                        ((JavascriptExecutor) d).executeScript("arguments[0].click()", link));
                return false;
            });
        }

        /**
         * Chooses an option of the form field keyed or labelled {@code field}: a radio group or a select, picked
         * by the option's value or by a label that starts with it ("approve" matches "Approve the release").
         */
        void choose(String field, String option) {
            String lower = "translate(normalize-space(%s),'ABCDEFGHIJKLMNOPQRSTUVWXYZ','abcdefghijklmnopqrstuvwxyz')";
            By container = By.xpath("//*[contains(@class,'fjs-form-field ') or contains(@class,'fjs-form-field-')]"
                    + "[.//label[starts-with(" + lower.formatted(".") + ",'" + field + "')]"
                    + " or .//*[contains(" + lower.formatted("@id") + ",'" + field + "')]"
                    + " or .//*[@name='" + field + "']]");
            WebElement group = await().until(ExpectedConditions.visibilityOfElementLocated(container));
            List<WebElement> radios = group.findElements(By.xpath(".//input[@type='radio']"));
            if (!radios.isEmpty()) {
                List<WebElement> byLabel = group.findElements(By.xpath(".//label[starts-with("
                        + lower.formatted(".") + ",'" + option + "')]"));
                WebElement radio = byLabel.isEmpty()
                        ? group.findElement(By.xpath(".//input[@type='radio' and @value='" + option + "']"))
                        : radioOf(group, byLabel.get(0));
                await().until(d -> {
                    if (!radio.isSelected()) {
                        ((JavascriptExecutor) d).executeScript("arguments[0].click()", radio);
                    }
                    return radio.isSelected();
                });
                return;
            }
            List<WebElement> selects = group.findElements(By.tagName("select"));
            if (!selects.isEmpty()) {
                new org.openqa.selenium.support.ui.Select(selects.get(0)).getOptions().stream()
                        .filter(o -> option.equals(o.getAttribute("value"))
                                || o.getText().strip().toLowerCase().startsWith(option))
                        .findFirst().orElseThrow(() -> new AssertionError("no option " + option + " in " + field))
                        .click();
                return;
            }
            // form-js's searchable select: open the list, then pick the entry
            group.findElement(By.xpath(".//*[contains(@class,'fjs-select-display') or contains(@class,'fjs-input')]"))
                    .click();
            click(By.xpath("//*[contains(@class,'fjs-dropdownlist-item')][starts-with(" + lower.formatted(".")
                    + ",'" + option + "')]"));
        }

        /** The radio input a label belongs to: named by its {@code for}, or inside it, or just before it. */
        private WebElement radioOf(WebElement group, WebElement label) {
            String target = label.getDomAttribute("for");
            if (target != null && !target.isBlank()) {
                return driver.findElement(By.id(target));
            }
            List<WebElement> inside = label.findElements(By.xpath(".//input[@type='radio']"));
            return !inside.isEmpty() ? inside.get(0)
                    : label.findElement(By.xpath("preceding-sibling::input[@type='radio'][1]"));
        }

        void click(By element) {
            WebElement target = await().until(ExpectedConditions.elementToBeClickable(element));
            ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block:'center'})", target);
            try {
                target.click();
            } catch (org.openqa.selenium.ElementClickInterceptedException covered) {
                // e.g. Tasklist's first-visit box over the page: the click goes to the element itself
                ((JavascriptExecutor) driver).executeScript("arguments[0].click()", target);
            }
        }

        /** Claims the open task: clicks Claim until Tasklist shows an assignee instead of the button. */
        void claim() {
            By claim = By.cssSelector("button.claim");
            await().ignoring(org.openqa.selenium.StaleElementReferenceException.class).pollingEvery(Duration.ofSeconds(1))
                    .until(d -> {
                        List<WebElement> buttons = d.findElements(claim);
                        if (buttons.isEmpty()) {
                            return true;
                        }
                        ((JavascriptExecutor) d).executeScript("arguments[0].click()", buttons.get(0));
                        return false;
                    });
        }

        /** Clicks Claim until Tasklist shows a notification with the text; returns the notification's text. */
        String claimRefused(String text) {
            By claim = By.cssSelector("button.claim");
            By notice = By.xpath("//body//*[contains(normalize-space(.),'" + text + "') and not(*[contains("
                    + "normalize-space(.),'" + text + "')])]");
            // the notification may be short-lived: look often, click again only now and then
            long[] lastClick = {0};
            return await().ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                    .pollingEvery(Duration.ofMillis(200)).until(d -> {
                        List<WebElement> shown = d.findElements(notice);
                        if (!shown.isEmpty()) {
                            return shown.get(0).getText();
                        }
                        if (System.currentTimeMillis() - lastClick[0] > 3000) {
                            d.findElements(claim).stream().findFirst().ifPresent(button ->
                                    ((JavascriptExecutor) d).executeScript("arguments[0].click()", button));
                            lastClick[0] = System.currentTimeMillis();
                        }
                        return null;
                    });
        }

        /** Clicks Complete until the task list no longer shows the task that shows this text. */
        void complete(String text) {
            By complete = By.xpath("//button[@ng-click='complete()']");
            By listed = By.xpath("//*[contains(@class,'tasks-list')]//li[contains(normalize-space(.),'" + text + "')]");
            long[] lastClick = {0};
            await().ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> {
                if (d.findElements(listed).isEmpty()) {
                    return true;
                }
                if (System.currentTimeMillis() - lastClick[0] > 3000) {
                    d.findElements(complete).stream().filter(WebElement::isEnabled).findFirst().ifPresent(button ->
                            ((JavascriptExecutor) d).executeScript("arguments[0].click()", button));
                    lastClick[0] = System.currentTimeMillis();
                }
                return false;
            });
        }

        void saveEvidence(String name) {
            try {
                Files.createDirectories(evidence);
                File shot = driver.getScreenshotAs(OutputType.FILE);
                Files.copy(shot.toPath(), evidence.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
                Files.writeString(evidence.resolve(name + ".html"), driver.getPageSource());
            } catch (RuntimeException | IOException e) {
                System.err.println("could not save the browser's screenshot: " + e);
            }
        }

        private WebDriverWait await() {
            return new WebDriverWait(driver, PAGE);
        }

        @Override
        public void close() {
            try {
                driver.quit();
            } finally {
                service.stop();
                for (ProcessHandle process : processes) {
                    try {
                        process.onExit().get(10, TimeUnit.SECONDS);
                    } catch (Exception stillRunning) {
                        process.destroyForcibly();
                    }
                }
                deleteQuietly(profile);
            }
            assertThat(processes.stream().filter(ProcessHandle::isAlive).map(ProcessHandle::pid).toList())
                    .as("chromedriver and Chromium processes left running").isEmpty();
        }

        private static void deleteQuietly(Path dir) {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temp directory: the OS cleans what is left
            }
        }
    }

    private void approverExists() {
        if (identity.createUserQuery().userId(APPROVER).count() == 0) {
            User user = identity.newUser(APPROVER);
            user.setFirstName("Tina");
            user.setLastName("Approver");
            user.setPassword(APPROVER_PASSWORD);
            identity.saveUser(user);
            identity.createMembership(APPROVER, "change-approvers");
        }
    }

    private void awaitApproval(UUID machine) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> api().get().uri("/api/v1/approvals").retrieve()
                .body(JsonNode.class).findValuesAsText("machineId").contains(machine.toString()));
    }

    private JsonNode machine(UUID id) {
        return api().get().uri("/api/v1/machines/{id}", id).retrieve().body(JsonNode.class);
    }
}
