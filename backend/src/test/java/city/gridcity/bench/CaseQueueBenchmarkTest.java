package city.gridcity.bench;

import static city.gridcity.support.Api.as;

import city.gridcity.grid.GridGenerator;
import city.gridcity.support.Api;
import city.gridcity.support.PostgresResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The first page of a work queue when the city has 100,000 open cases (and 100,000 closed ones of
 * history), over HTTP with sign-in checks, for the acceptance queue (one state), the dispatch queue
 * (six states merged) and a department's disposal queue. Prints, asserts no time.
 */
@Tag("benchmark")
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class CaseQueueBenchmarkTest {

    static final int OPEN = 100_000;
    static final int CLOSED = 100_000;

    @Test
    void first_page_of_a_queue_of_100000_open_cases() throws Exception {
        Api.City city = Api.aCity();
        as(city.adminToken()).body(GridGenerator.generate(GridGenerator.KCITY).toString())
                .post("/api/v1/grid/layouts?effectiveFrom=2026-01-01").then().statusCode(201);
        String acceptor = city.userWith("acceptor", "acceptor");
        String dispatcher = city.userWith("dispatcher", "dispatcher");
        String handler = city.userWith("handler", "department-handler");
        long started = System.nanoTime();
        fill(city.code());
        System.out.printf("BENCH queue: %,d open and %,d closed cases stored in %.1f s%n", OPEN, CLOSED,
                (System.nanoTime() - started) / 1e9);

        // A plain HTTP client, so the figures are the service's and not a test library's.
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (String[] q : List.of(new String[] {"me", acceptor}, new String[] {"acceptance", acceptor},
                new String[] {"dispatch", dispatcher}, new String[] {"disposal", handler})) {
            // "me" (who am I) is the floor: sign-in checks and HTTP, no queue.
            String path = q[0].equals("me") ? "/api/v1/auth/me" : "/api/v1/queues/" + q[0] + "?limit=50";
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + path))
                    .header("Authorization", "Bearer " + q[1]).GET().build();
            for (int i = 0; i < 50; i++) {
                client.send(request, HttpResponse.BodyHandlers.ofString());
            }
            long[] nanos = new long[200];
            String body = "";
            for (int i = 0; i < nanos.length; i++) {
                long t = System.nanoTime();
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                nanos[i] = System.nanoTime() - t;
                if (response.statusCode() != 200) {
                    throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
                }
                body = response.body();
            }
            Arrays.sort(nanos);
            int items = q[0].equals("me") ? 0 : body.split("\"number\"", -1).length - 1;
            System.out.printf("BENCH queue %-10s first page (%d of %,d open cases) over HTTP: p50 %.1f ms, p99 %.1f ms, "
                            + "max %.1f ms%n", q[0], items, OPEN, nanos[99] / 1e6, nanos[197] / 1e6, nanos[199] / 1e6);
        }
        try (Connection c = PostgresResource.database().superuserConnection(); Statement s = c.createStatement()) {
            s.execute("SET ROLE gridcity_app");
            s.execute("SELECT set_config('gridcity.tenant_id', '" + city.code() + "', false)");
            // The acceptance queue's two ranges as CaseQueries reads them: the reports a volunteer confirmed, then the rest.
            String deadline = "coalesce(phase_deadline, 'infinity'::timestamptz)";
            try (ResultSet r = s.executeQuery("EXPLAIN (ANALYZE, BUFFERS) SELECT * FROM ((SELECT id, number, " + deadline
                    + " - interval '1000 years' AS k FROM city_case WHERE is_open AND state = 'REPORTED' AND triage = 'CONFIRMED' "
                    + "AND (" + deadline + ", id) > ('0001-01-01'::timestamptz + interval '1000 years', 0) ORDER BY " + deadline
                    + ", id LIMIT 51) UNION ALL (SELECT id, number, " + deadline + " AS k FROM city_case WHERE is_open "
                    + "AND state = 'REPORTED' AND triage IS DISTINCT FROM 'CONFIRMED' AND (" + deadline + ", id) > "
                    + "('0001-01-01'::timestamptz, 0) ORDER BY " + deadline + ", id LIMIT 51)) q ORDER BY k, id LIMIT 51")) {
                StringBuilder plan = new StringBuilder();
                while (r.next()) {
                    plan.append("\n    ").append(r.getString(1));
                }
                System.out.println("BENCH queue plan (acceptance):" + plan);
            }
        }
    }

    /** Stores the cases directly (as the superuser, past row-level security): 2 × 100,000 rows in one statement each. */
    private static void fill(String city) throws Exception {
        String insert = """
                INSERT INTO city_case (tenant_id, number, source_code, source_channel, kind, class_code, class_name, rule_id,
                  key_class, minor, base_case_weight, problem_type, priority, lon, lat, layout_version, unit_code,
                  management_code, community_code, street_code, district_code, description, reporter_name, state, is_open,
                  department_code, phase, phase_deadline, reported_at, updated_at, closed_at)
                SELECT ?, ? || '-' || g, 'district-supervisor', 'DISTRICT_SUPERVISOR', 'EVENT', '0102', '暴露垃圾',
                  (SELECT r.id FROM catalog_rule r JOIN catalog_class k ON k.id = r.class_id
                    WHERE k.tenant_id = ? AND k.kind = 'EVENT' AND k.code = '0102' LIMIT 1),
                  false, true, 1, 'ORDINARY', 'NORMAL', 118.7 + (g % 1000) / 5000.0, 32.0 + (g / 1000) / 5000.0, 1,
                  '91010100100101001', '91010100100101', '910101001001', '910101001', '910101', '生成的案件', 'bench',
                  s.state, s.state <> 'CLOSED',
                  CASE WHEN s.state IN ('IN_DISPOSAL', 'DISPATCHED') THEN (ARRAY['sanitation', 'greening', 'water', 'roads'])[1 + g % 4] END,
                  CASE s.state WHEN 'REPORTED' THEN 'FILING' WHEN 'CLOSED' THEN NULL WHEN 'IN_DISPOSAL' THEN 'DISPOSAL'
                    WHEN 'DISPATCHED' THEN 'DISPOSAL' ELSE 'DISPATCH' END,
                  CASE WHEN s.state = 'CLOSED' THEN NULL ELSE now() + (g % 5000) * interval '1 minute' END,
                  now() - interval '1 day', now(), CASE WHEN s.state = 'CLOSED' THEN now() END
                FROM generate_series(1, ?) g
                CROSS JOIN LATERAL (SELECT CASE WHEN ? THEN 'CLOSED' ELSE
                  (ARRAY['REPORTED', 'REPORTED', 'FILED', 'RETURNED', 'IN_DISPOSAL', 'DISPATCHED', 'REPORTED_BACK',
                         'IN_DISPOSAL', 'FILED', 'REPORTED'])[1 + g % 10] END AS state) s
                """;
        try (Connection c = PostgresResource.database().superuserConnection()) {
            for (boolean closed : new boolean[] {false, true}) {
                try (PreparedStatement p = c.prepareStatement(insert)) {
                    p.setString(1, city);
                    p.setString(2, closed ? "HIST" : "OPEN");
                    p.setString(3, city);
                    p.setInt(4, closed ? CLOSED : OPEN);
                    p.setBoolean(5, closed);
                    p.executeUpdate();
                }
            }
            try (Statement s = c.createStatement()) {
                s.execute("ANALYZE city_case");
            }
        }
    }
}
