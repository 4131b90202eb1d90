package city.gridcity.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The packaged service ({@code java -jar backend/target/quarkus-app/quarkus-run.jar}) run as a child
 * process on a data directory of its own, in demo mode, with its embedded PostgreSQL: what an operator
 * runs, so a test can kill it as a crash would. For tests run by failsafe after {@code package}.
 */
public final class PackagedService implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);

    private final Path jar;
    private final Path tenants;
    private final Path dataDir;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Process process;
    private int starts;

    private PackagedService(Path jar, Path tenants, Path dataDir, int port) {
        this.jar = jar;
        this.tenants = tenants;
        this.dataDir = dataDir;
        this.port = port;
    }

    /** A service on a new data directory under {@code target/}; the jar and packs come from failsafe's properties. */
    public static PackagedService onFreshData(String name) throws IOException {
        Path jar = Path.of(System.getProperty("gridcity.it.jar", "target/quarkus-app/quarkus-run.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar.toAbsolutePath() + " is missing: package first (./mvnw -Pdurability verify)");
        }
        Path tenants = Path.of(System.getProperty("gridcity.it.tenants", "../tenants"));
        Path dir = Files.createTempDirectory(Path.of("target"), name + "-");
        return new PackagedService(jar, tenants, dir.toAbsolutePath(), freePort());
    }

    /** Starts the service and waits until it answers HTTP (after its start-up, demo cities included). */
    public void start() throws IOException, InterruptedException {
        starts++;
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + port,
                "-Dgridcity.data-dir=" + dataDir.resolve("data"),
                "-Dgridcity.tenants.dir=" + tenants.toAbsolutePath(), "-Dgridcity.tenants.load-demo=true",
                "-Dgridcity.bootstrap.operator.username=operator", "-Dgridcity.bootstrap.operator.password=Operator2026",
                "-Dgridcity.webhooks.plain-http-hosts=127.0.0.1", "-Dgridcity.auth.access-token-ttl=PT1H",
                "-jar", jar.toAbsolutePath().toString()));
        process = new ProcessBuilder(cmd).directory(dataDir.toFile()).redirectErrorStream(true)
                .redirectOutput(log().toFile()).start();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The service stopped during start-up; see " + log());
            }
            try {
                if (http.send(HttpRequest.newBuilder(uri("/css/base.css")).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("The service did not answer within " + START_TIMEOUT + "; see " + log());
    }

    /** The log of the latest start. */
    public Path log() {
        return dataDir.resolve("service-" + starts + ".log");
    }

    public String logText() throws IOException {
        return Files.readString(log());
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** kill -9 of the service's JVM: no shutdown hook runs, its embedded PostgreSQL keeps running. */
    public void killService() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("The service survived SIGKILL");
        }
    }

    /** The embedded PostgreSQL's postmaster, while it runs. */
    public Optional<ProcessHandle> postgres() {
        Path pid = dataDir.resolve("data/pgdata/postmaster.pid");
        try {
            if (!Files.isRegularFile(pid)) {
                return Optional.empty();
            }
            return ProcessHandle.of(Long.parseLong(Files.readAllLines(pid).get(0).trim()))
                    .filter(p -> p.isAlive() && p.info().command().map(c -> c.endsWith("postgres")).orElse(false));
        } catch (IOException | NumberFormatException | IndexOutOfBoundsException e) {
            return Optional.empty();
        }
    }

    /** A superuser connection to the service's database, past row-level security: to look at every row. */
    public Connection superuser() throws IOException, SQLException {
        List<String> pid = Files.readAllLines(dataDir.resolve("data/pgdata/postmaster.pid"));
        Properties credentials = new Properties();
        try (InputStream in = Files.newInputStream(dataDir.resolve("data/pgdata-db-credentials.properties"))) {
            credentials.load(in);
        }
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pid.get(3).trim() + "/gridcity", "postgres",
                credentials.getProperty("postgres"));
    }

    /** Signs in a demo account of a city: its access token. */
    public String signIn(String city, String username, String password) throws IOException, InterruptedException {
        HttpResponse<String> answer = post("/api/v1/auth/login", null,
                JSON.createObjectNode().put("city", city).put("username", username).put("password", password).toString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("Sign-in of " + username + " answered " + answer.statusCode() + ": " + answer.body());
        }
        return JSON.readTree(answer.body()).get("accessToken").asText();
    }

    public HttpResponse<String> post(String path, String token, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    public static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the service as an operator would (its shutdown stops the embedded server), then any orphaned server. */
    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
        Optional<ProcessHandle> orphan = postgres();
        if (orphan.isPresent()) {
            orphan.get().destroy();
            orphan.get().onExit().orTimeout(60, TimeUnit.SECONDS).join();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
