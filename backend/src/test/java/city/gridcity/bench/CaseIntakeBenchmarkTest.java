package city.gridcity.bench;

import static city.gridcity.support.Api.as;

import city.gridcity.grid.GridGenerator;
import city.gridcity.integration.OutboxFixtures;
import city.gridcity.support.Api;
import city.gridcity.support.PostgresResource;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Case intake over HTTP: a district supervisor's report with a location and no photo, each one
 * located in the grid, checked for duplicates, stored with its event, phase and an outbox row, on a
 * PostgreSQL with fsync and synchronous commit on (as the service runs its own; the bench profile asks for it). Then pgbench runs a
 * transaction with the same inserts against the same server, and the ratio is printed. Prints,
 * asserts no time.
 */
@Tag("benchmark")
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class CaseIntakeBenchmarkTest {

    static final int CONCURRENCY = Integer.getInteger("bench.intake.concurrency", 32);
    static final int WARM_UP_SECONDS = Integer.getInteger("bench.intake.warmup", 15);
    static final int MEASURE_SECONDS = Integer.getInteger("bench.intake.seconds", 30);
    /** Event subclasses the reports spread over (暴露垃圾, 道路不洁, 非法小广告, 店外经营 and others). */
    static final List<String> EVENTS = List.of("0101", "0102", "0103", "0104", "0201", "0202", "0301", "0302", "0501",
            "0502", "0503", "0504");

    record Run(int ok, int failed, double seconds, long[] latenciesNanos) {
        double perSecond() {
            return ok / seconds;
        }

        double percentileMs(double p) {
            if (latenciesNanos.length == 0) {
                return Double.NaN;
            }
            int i = (int) Math.ceil(p / 100.0 * latenciesNanos.length) - 1;
            return latenciesNanos[Math.max(0, Math.min(i, latenciesNanos.length - 1))] / 1e6;
        }
    }

    @Test
    void report_intake_over_http_against_pgbench_doing_the_same_inserts() throws Exception {
        Api.City city = Api.aCity();
        ObjectNode layout = GridGenerator.generate(GridGenerator.KCITY);
        as(city.adminToken()).body(layout.toString()).post("/api/v1/grid/layouts?effectiveFrom=2026-01-01").then()
                .statusCode(201);
        // Every report then writes an outbox row too, as it would in a city with a receiver.
        OutboxFixtures.subscribe(city, "http://127.0.0.1:9/hook", List.of("case.reported"), null);
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            tokens.add(city.userWith("dsup" + i, "district-supervisor"));
        }
        List<double[]> points = new ArrayList<>();
        for (JsonNode f : layout.get("features")) {
            if ("unit".equals(f.get("properties").get("level").asText())) {
                points.add(centre(f));
            }
        }

        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(4)).connectTimeout(Duration.ofSeconds(5)).build();
        URI uri = URI.create("http://localhost:" + RestAssured.port + "/api/v1/cases");
        Run staticRun = load(client, URI.create("http://localhost:" + RestAssured.port + "/css/base.css"), tokens, points,
                10, 4L);
        System.out.printf("BENCH static file (no sign-in, no database), %d concurrent clients, 10 s: %,.0f requests/s, "
                + "p50 %.1f ms, p99 %.1f ms%n", CONCURRENCY, staticRun.perSecond(), staticRun.percentileMs(50),
                staticRun.percentileMs(99));
        Run floorRun = load(client, null, tokens, points, 10, 3L);
        System.out.printf("BENCH signed-in request floor (GET /api/v1/auth/me), %d concurrent clients, 10 s: %,.0f requests/s, "
                + "p50 %.1f ms, p99 %.1f ms%n", CONCURRENCY, floorRun.perSecond(), floorRun.percentileMs(50),
                floorRun.percentileMs(99));
        Run warm = load(client, uri, tokens, points, WARM_UP_SECONDS, 1L);
        // Statistics as autovacuum keeps them in a running city (its first pass comes only after a minute).
        try (Connection c = PostgresResource.database().superuserConnection(); java.sql.Statement s = c.createStatement()) {
            s.execute("ANALYZE city_case");
        }
        // The floor of any signed-in request (token check, session check, HTTP) against one report, one at a time.
        HttpRequest me = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + "/api/v1/auth/me"))
                .header("Authorization", "Bearer " + tokens.get(0)).GET().build();
        long[] floor = new long[300];
        for (int i = 0; i < floor.length; i++) {
            long t = System.nanoTime();
            client.send(me, HttpResponse.BodyHandlers.discarding());
            floor[i] = System.nanoTime() - t;
        }
        Arrays.sort(floor);
        System.out.printf("BENCH signed-in request floor (GET /api/v1/auth/me, one at a time): p50 %.1f ms, p99 %.1f ms%n",
                floor[149] / 1e6, floor[296] / 1e6);
        System.out.printf("BENCH intake warm-up: %,d reports in %.1f s (%,.0f/s), %d failed%n", warm.ok(), warm.seconds(),
                warm.perSecond(), warm.failed());
        Run run = load(client, uri, tokens, points, MEASURE_SECONDS, 2L);
        System.out.printf("BENCH intake over HTTP, %d concurrent clients, %d s: %,d reports, %,.0f reports/s, "
                        + "p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms, %d failed%n", CONCURRENCY, MEASURE_SECONDS,
                run.ok(), run.perSecond(), run.percentileMs(50), run.percentileMs(95), run.percentileMs(99),
                run.percentileMs(100), run.failed());

        wrkRuns(tokens, points);
        explainDuplicateLookup(city.code(), points.get(points.size() / 2));
        double tps = pgbench(city.code());
        System.out.printf("BENCH pgbench, same inserts (a block of 20 numbers every 20th; case, phase, event, outbox row), %d clients, %d s: "
                + "%,.0f tps; intake/pgbench ratio %.2f%n", CONCURRENCY, MEASURE_SECONDS, tps, run.perSecond() / tps);
    }

    /** Keeps {@link #CONCURRENCY} reports in flight for {@code seconds}; each latency from send to answer. */
    private Run load(HttpClient client, URI uri, List<String> tokens, List<double[]> points, int seconds, long seed)
            throws InterruptedException {
        Random random = new Random(seed);
        Semaphore slots = new Semaphore(CONCURRENCY);
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicInteger failed = new AtomicInteger();
        long start = System.nanoTime();
        long end = start + Duration.ofSeconds(seconds).toNanos();
        int sent = 0;
        while (System.nanoTime() < end) {
            slots.acquire();
            double[] p = points.get(random.nextInt(points.size()));
            String body = String.format("{\"kind\":\"event\",\"classCode\":\"%s\",\"lon\":%.7f,\"lat\":%.7f,"
                            + "\"description\":\"巡查发现问题 %d\"}", EVENTS.get(random.nextInt(EVENTS.size())),
                    p[0] + (random.nextDouble() - 0.5) * 0.0005, p[1] + (random.nextDouble() - 0.5) * 0.0005, sent);
            // No report URI: the floor, a signed-in GET that stores nothing; a GET URI: fetched as it is.
            boolean get = uri != null && !uri.getPath().endsWith("/cases");
            HttpRequest request = get ? HttpRequest.newBuilder(uri).GET().build() : uri == null
                    ? HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + "/api/v1/auth/me"))
                    .header("Authorization", "Bearer " + tokens.get(sent % tokens.size())).GET().build()
                    : HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + tokens.get(sent % tokens.size()))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
            long sentAt = System.nanoTime();
            sent++;
            client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
                long took = System.nanoTime() - sentAt;
                if (error == null && response.statusCode() == (uri == null || get ? 200 : 201)) {
                    latencies.add(took);
                } else {
                    failed.incrementAndGet();
                }
                slots.release();
            });
        }
        slots.acquire(CONCURRENCY);
        slots.release(CONCURRENCY);
        double took = (System.nanoTime() - start) / 1e9;
        long[] sorted = latencies.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        return new Run(sorted.length, failed.get(), took, sorted);
    }

    /**
     * The same loads from wrk (a load generator in C, outside the service's JVM), when it is installed
     * (Debian: {@code apt-get install wrk}): the in-JVM client shares the service's two cores and its
     * own cost shows in the figures above.
     */
    private static void wrkRuns(List<String> tokens, List<double[]> points) throws IOException, InterruptedException {
        if (!Files.isExecutable(Path.of("/usr/bin/wrk"))) {
            System.out.println("BENCH wrk not installed: skipped the external load generator");
            return;
        }
        String base = "http://localhost:" + RestAssured.port;
        System.out.println("BENCH wrk static file: " + wrk(base + "/css/base.css", null, 10));
        StringBuilder lua = new StringBuilder("local tokens = {");
        tokens.forEach(t -> lua.append('"').append(t).append("\","));
        lua.append("}\nlocal pts = {");
        for (int i = 0; i < points.size(); i += 4) {
            lua.append(String.format(java.util.Locale.ROOT, "{%.7f,%.7f},", points.get(i)[0], points.get(i)[1]));
        }
        lua.append("}\nlocal events = {");
        EVENTS.forEach(e -> lua.append('"').append(e).append("\","));
        lua.append("}\nlocal n = 0\n");
        String me = lua + "request = function()\n n = n + 1\n return wrk.format('GET', '/api/v1/auth/me', "
                + "{['Authorization'] = 'Bearer ' .. tokens[n % #tokens + 1]})\nend\n";
        System.out.println("BENCH wrk signed-in floor (GET /api/v1/auth/me): " + wrk(base + "/api/v1/auth/me", me, 10));
        String report = lua + "request = function()\n n = n + 1\n local p = pts[math.random(#pts)]\n"
                + " local body = string.format('{\"kind\":\"event\",\"classCode\":\"%s\",\"lon\":%.7f,\"lat\":%.7f,"
                + "\"description\":\"巡查发现问题 %d\"}', events[math.random(#events)], p[1] + (math.random() - 0.5) * 0.0005,"
                + " p[2] + (math.random() - 0.5) * 0.0005, n)\n"
                + " return wrk.format('POST', '/api/v1/cases', {['Authorization'] = 'Bearer ' .. tokens[n % #tokens + 1],"
                + " ['Content-Type'] = 'application/json'}, body)\nend\n";
        System.out.println("BENCH wrk intake (POST /api/v1/cases), " + MEASURE_SECONDS + " s: "
                + wrk(base + "/api/v1/cases", report, MEASURE_SECONDS));
    }

    private static String wrk(String url, String script, int seconds) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("wrk", "-t2", "-c" + CONCURRENCY, "-d" + seconds + "s", "--latency"));
        if (script != null) {
            Path file = Files.createTempFile("wrk", ".lua");
            Files.writeString(file, script);
            cmd.addAll(List.of("-s", file.toString()));
        }
        cmd.add(url);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out.lines().map(String::trim).filter(l -> l.startsWith("Requests/sec") || l.startsWith("50%")
                || l.startsWith("99%") || l.startsWith("Non-2xx") || l.contains("requests in")).toList().toString();
    }

    /** How PostgreSQL finds the open cases near a point, once thousands are open: printed with the figures. */
    private static void explainDuplicateLookup(String city, double[] p) throws SQLException {
        double dLat = 50 / 111_320.0;
        double dLon = 50 / (111_320.0 * Math.cos(Math.toRadians(p[1])));
        try (Connection c = PostgresResource.database().superuserConnection(); java.sql.Statement s = c.createStatement()) {
            s.execute("SET ROLE gridcity_app");
            s.execute("SELECT set_config('gridcity.tenant_id', '" + city + "', false)");
            String sql = String.format(java.util.Locale.ROOT, "EXPLAIN (ANALYZE, BUFFERS) SELECT id FROM city_case WHERE is_open "
                    + "AND location <@ box(point(%f, %f), point(%f, %f)) AND kind = 'EVENT' AND class_code = '0102' "
                    + "AND reported_at >= now() - interval '24 hours' AND reported_at <= now()",
                    p[0] - dLon, p[1] - dLat, p[0] + dLon, p[1] + dLat);
            StringBuilder plan = new StringBuilder();
            try (ResultSet r = s.executeQuery(sql)) {
                while (r.next()) {
                    plan.append("\n    ").append(r.getString(1));
                }
            }
            System.out.println("BENCH duplicate lookup plan:" + plan);
        }
    }

    /** pgbench, as the service's runtime role, through row-level security, with the intake's inserts. */
    private double pgbench(String cityCode) throws IOException, InterruptedException, SQLException {
        long ruleId;
        long subscriptionId;
        try (Connection c = PostgresResource.database().superuserConnection();
             PreparedStatement rule = c.prepareStatement("SELECT r.id FROM catalog_rule r JOIN catalog_class k "
                     + "ON k.id = r.class_id WHERE k.tenant_id = ? AND k.kind = 'EVENT' AND k.code = '0102'");
             PreparedStatement sub = c.prepareStatement("SELECT id FROM webhook_subscription WHERE tenant_id = ?")) {
            rule.setString(1, cityCode);
            sub.setString(1, cityCode);
            try (ResultSet r = rule.executeQuery(); ResultSet s = sub.executeQuery()) {
                r.next();
                s.next();
                ruleId = r.getLong(1);
                subscriptionId = s.getLong(1);
            }
        }
        String script = """
                \\set dx random(0, 200000)
                \\set dy random(0, 200000)
                \\set block random(1, 20)
                \\set n random(1, 1000000000)
                \\if :block = 1
                BEGIN;
                SELECT set_config('gridcity.tenant_id', :city, true);
                INSERT INTO case_counter (tenant_id, day, last_value) VALUES (:city, DATE '2030-01-01', 20)
                  ON CONFLICT (tenant_id, day) DO UPDATE SET last_value = case_counter.last_value + 20;
                COMMIT;
                \\endif
                BEGIN;
                SELECT set_config('gridcity.tenant_id', :city, true);
                INSERT INTO city_case (tenant_id, number, source_code, source_channel, kind, class_code, class_name, rule_id, key_class, minor, base_case_weight, problem_type, priority, lon, lat, address, layout_version, unit_code, management_code, community_code, street_code, district_code, description, reporter_id, reporter_name, state, is_open, phase, phase_deadline, reminder_at, reported_at, updated_at, version) VALUES (:city, 'PB-' || :client_id || '-' || :n, 'district-supervisor', 'DISTRICT_SUPERVISOR', 'EVENT', '0102', '暴露垃圾', :rule, false, true, 1.00, 'ORDINARY', 'NORMAL', 118.7 + :dx / 1000000.0, 32.0 + :dy / 1000000.0, NULL, 1, '91010100100101001', '91010100100101', '910101001001', '910101001', '910101', '巡查发现问题', NULL, 'pgbench', 'REPORTED', true, 'FILING', now() + interval '30 minutes', now() + interval '24 minutes', now(), now(), 1) RETURNING id AS case_id \\gset
                INSERT INTO case_phase (tenant_id, case_id, phase, attempt, started_at, deadline, natural_time) VALUES (:city, :case_id, 'FILING', 1, now(), now() + interval '30 minutes', false);
                INSERT INTO case_event (tenant_id, case_id, seq, action, from_state, to_state, actor_name, actor_role, at, data) VALUES (:city, :case_id, 1, 'report', NULL, 'REPORTED', 'pgbench', 'district-supervisor', now(), '{"unit": "91010100100101001", "layoutVersion": 1}');
                INSERT INTO outbox_message (tenant_id, idempotency_key, event_type, aggregate_ref, summary, payload, channel, subscription_id, status, attempts, next_attempt_at, created_at) VALUES (:city, gen_random_uuid(), 'case.reported', 'PB-' || :client_id || '-' || :n, 'case reported', '{"caseNumber": "x"}', 'WEBHOOK', :sub, 'PENDING', 0, now(), now());
                COMMIT;
                """;
        Path file = Files.createTempFile("intake", ".pgbench");
        Files.writeString(file, script);
        ProcessBuilder pb = new ProcessBuilder("pgbench", "-h", "localhost", "-p",
                String.valueOf(PostgresResource.database().port()), "-U", "gridcity_app", "-n",
                "-c", String.valueOf(CONCURRENCY), "-j", "2", "-T", String.valueOf(MEASURE_SECONDS),
                "-D", "city='" + cityCode + "'", "-D", "rule=" + ruleId, "-D", "sub=" + subscriptionId,
                "-f", file.toString(), "gridcity");
        pb.environment().put("PGPASSWORD", PostgresResource.appPassword());
        pb.redirectErrorStream(true);
        Process process = pb.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        Matcher tps = Pattern.compile("tps = ([0-9.]+)").matcher(out);
        Matcher failed = Pattern.compile("number of failed transactions: ([0-9]+)").matcher(out);
        if (!tps.find()) {
            throw new IllegalStateException("pgbench printed no tps:\n" + out);
        }
        System.out.println("BENCH pgbench output: " + out.lines().filter(l -> l.contains("tps") || l.contains("latency")
                || l.contains("failed") || l.contains("processed")).toList());
        if (failed.find() && !"0".equals(failed.group(1))) {
            throw new IllegalStateException("pgbench transactions failed:\n" + out);
        }
        return Double.parseDouble(tps.group(1));
    }

    static double[] centre(JsonNode feature) {
        ArrayNode ring = (ArrayNode) feature.get("geometry").get("coordinates").get(0);
        double x = 0;
        double y = 0;
        for (int i = 0; i < ring.size() - 1; i++) {
            x += ring.get(i).get(0).asDouble();
            y += ring.get(i).get(1).asDouble();
        }
        return new double[] {x / (ring.size() - 1), y / (ring.size() - 1)};
    }
}
