package city.gridcity.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import city.gridcity.support.PackagedService;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Nothing acknowledged is lost (issue #8): reports are sent to the packaged service from several threads,
 * the process is killed with SIGKILL in the middle of that load, and after a restart on the same data
 * every report that was answered 201 is there, whole: its case row, its first event, its running filing
 * phase and its outbox row; and no case in the database lacks any of them, acknowledged or not.
 * Run after packaging, never in {@code ./mvnw test}: {@code ./mvnw -B -Pdurability verify -pl backend -am}.
 */
class IntakeSurvivesKillNineIT {

    static final String CITY = "kcity";
    static final int THREADS = Integer.getInteger("durability.threads", 8);
    static final Duration LOAD = Duration.ofSeconds(Long.getLong("durability.seconds", 8));
    /** The load runs at least {@link #LOAD} and until this many reports are acknowledged (a busy machine is slow). */
    static final int REPORTS = Integer.getInteger("durability.reports", 200);
    static final List<String> EVENTS = List.of("0101", "0102", "0103", "0104", "0201", "0202", "0301", "0302");

    @Test
    void every_report_answered_201_is_whole_after_kill_9_of_the_service_under_load() throws Exception {
        try (PackagedService service = PackagedService.onFreshData("kill-service")) {
            // given the service taking reports from several threads, each report also queued for a webhook
            Load load = reportsUnderWay(service);

            // when its JVM is killed in the middle of the load, and the service started again on the same data
            int inFlight = load.inFlight.get();
            service.killService();
            load.stop();
            service.start();

            // then the orphaned PostgreSQL was stopped and every acknowledged report is there, whole
            assertTrue(service.logText().contains("Stopping an orphaned embedded PostgreSQL"),
                    "the restart stops the server the killed JVM left running");
            assertEveryAcknowledgedReportIsWhole(service, load, inFlight, "kill -9 of the service's JVM");
        }
    }

    @Test
    void every_report_answered_201_is_whole_after_kill_9_of_postgresql_under_load() throws Exception {
        try (PackagedService service = PackagedService.onFreshData("kill-postgres")) {
            // given the service taking reports from several threads
            Load load = reportsUnderWay(service);

            // when its PostgreSQL is killed in the middle of the load, then the service too, and it is started again
            int inFlight = load.inFlight.get();
            ProcessHandle postmaster = service.postgres().orElseThrow();
            List<ProcessHandle> backends = postmaster.children().toList();
            postmaster.destroyForcibly();
            postmaster.onExit().get(30, TimeUnit.SECONDS);
            Thread.sleep(1000);
            service.killService();
            load.stop();
            // Server processes notice their postmaster's death and end; a new server needs them gone.
            for (ProcessHandle backend : backends) {
                backend.onExit().get(60, TimeUnit.SECONDS);
            }
            service.start();

            // then the database recovered from its log, and every acknowledged report is there, whole
            assertTrue(service.logText().contains("automatic recovery in progress"), "PostgreSQL replayed its log");
            assertEveryAcknowledgedReportIsWhole(service, load, inFlight, "kill -9 of PostgreSQL");
        }
    }

    /**
     * Starts the service and its load: kcity's district supervisor reporting from {@link #THREADS} threads; a
     * city-wide subscription makes every report write an outbox row. Returns with the reports still under way.
     */
    private static Load reportsUnderWay(PackagedService service) throws IOException, InterruptedException {
        service.start();
        String admin = service.signIn(CITY, "admin", "DemoKc2026");
        HttpResponse<String> subscribed = service.post("/api/v1/webhooks", admin,
                "{\"name\":\"durability receiver\",\"url\":\"http://127.0.0.1:9/hook\",\"eventTypes\":[\"case.reported\"],"
                        + "\"active\":true}");
        assertEquals(201, subscribed.statusCode(), subscribed.body());
        Load load = new Load(service, service.signIn(CITY, "dsup", "DemoKc2026"));
        load.runFor(LOAD);
        return load;
    }

    private static void assertEveryAcknowledgedReportIsWhole(PackagedService service, Load load, int inFlight,
                                                             String crash) throws Exception {
        List<String> acknowledged = new ArrayList<>(load.acknowledged);
        assertTrue(acknowledged.size() >= REPORTS, "the load was acknowledged " + acknowledged.size() + " times before the kill");
        assertTrue(inFlight > 0, "reports were in flight when the process was killed");
        try (Connection db = service.superuser()) {
            Map<String, Integer> whole = wholeness(db, acknowledged);
            assertEquals(Set.copyOf(acknowledged), whole.keySet(), "every acknowledged number is a case");
            Map<String, Integer> partial = whole.entrySet().stream().filter(e -> e.getValue() != 3)
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
            assertEquals(Map.of(), partial, "acknowledged cases missing their event, phase or outbox row (parts found)");

            long cases = count(db, "SELECT count(*) FROM city_case WHERE tenant_id = 'kcity'");
            long noEvent = count(db, "SELECT count(*) FROM city_case c WHERE c.tenant_id = 'kcity' AND NOT EXISTS "
                    + "(SELECT 1 FROM case_event e WHERE e.tenant_id = c.tenant_id AND e.case_id = c.id AND e.seq = 1 "
                    + "AND e.action = 'report' AND e.to_state = 'REPORTED')");
            long noPhase = count(db, "SELECT count(*) FROM city_case c WHERE c.tenant_id = 'kcity' AND c.is_open "
                    + "AND c.state = 'REPORTED' AND NOT EXISTS (SELECT 1 FROM case_phase p WHERE p.tenant_id = c.tenant_id "
                    + "AND p.case_id = c.id AND p.phase = 'FILING' AND p.ended_at IS NULL)");
            long noOutbox = count(db, "SELECT count(*) FROM city_case c WHERE c.tenant_id = 'kcity' AND NOT EXISTS "
                    + "(SELECT 1 FROM outbox_message o WHERE o.tenant_id = c.tenant_id AND o.aggregate_ref = c.number "
                    + "AND o.event_type = 'case.reported')");
            long noFacts = count(db, "SELECT count(*) FROM city_case c WHERE c.tenant_id = 'kcity' AND NOT EXISTS "
                    + "(SELECT 1 FROM case_facts f WHERE f.tenant_id = c.tenant_id AND f.case_id = c.id)");
            long orphanEvents = count(db, "SELECT count(*) FROM case_event e WHERE e.tenant_id = 'kcity' AND NOT EXISTS "
                    + "(SELECT 1 FROM city_case c WHERE c.tenant_id = e.tenant_id AND c.id = e.case_id)");
            System.out.printf(Locale.ROOT, "DURABILITY %s after %.0f s of %d threads: %,d reports answered 201, %d in flight "
                            + "at the kill, %,d failed or cut off after it; after the restart %,d cases in the city, "
                            + "every acknowledged one whole; half-written: %d without their report event, %d reported "
                            + "without a running filing phase, %d without their outbox row, %d without their case facts%n",
                    crash, load.seconds, THREADS, acknowledged.size(), inFlight, load.failed.get(), cases, noEvent,
                    noPhase, noOutbox, noFacts);
            assertEquals(0, noEvent + noPhase + noOutbox + noFacts + orphanEvents, "no case is half-written");
            assertTrue(cases >= acknowledged.size());
        }
        // The restarted service serves them and takes new reports, numbered after the ones it lost track of.
        String last = acknowledged.get(acknowledged.size() - 1);
        HttpResponse<String> read = service.get("/api/v1/cases/" + last, load.token);
        assertEquals(200, read.statusCode(), read.body());
        HttpResponse<String> next = service.post("/api/v1/cases", load.token, Load.report(new Random(7), 0));
        assertEquals(201, next.statusCode(), next.body());
    }

    /** For each acknowledged number that is a case: how many of its event, running phase and outbox row exist. */
    private static Map<String, Integer> wholeness(Connection db, List<String> numbers) throws SQLException {
        Map<String, Integer> parts = new HashMap<>();
        try (PreparedStatement q = db.prepareStatement("""
                SELECT c.number,
                       (SELECT count(*) FROM case_event e WHERE e.tenant_id = c.tenant_id AND e.case_id = c.id AND e.seq = 1
                          AND e.action = 'report' AND e.to_state = 'REPORTED')
                     + (SELECT count(*) FROM case_phase p WHERE p.tenant_id = c.tenant_id AND p.case_id = c.id
                          AND p.phase = 'FILING' AND p.attempt = 1 AND p.ended_at IS NULL)
                     + (SELECT count(*) FROM outbox_message o WHERE o.tenant_id = c.tenant_id AND o.aggregate_ref = c.number
                          AND o.event_type = 'case.reported')
                FROM city_case c WHERE c.tenant_id = ? AND c.number = ANY (?)""")) {
            Array array = db.createArrayOf("varchar", numbers.toArray());
            q.setString(1, CITY);
            q.setArray(2, array);
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    parts.put(r.getString(1), r.getInt(2));
                }
            }
        }
        return parts;
    }

    private static long count(Connection db, String sql) throws SQLException {
        try (Statement s = db.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    /** Threads that report one case after another until stopped, keeping the number of every 201. */
    static final class Load {
        final ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        double seconds;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        final String token;
        private final PackagedService service;

        Load(PackagedService service, String token) {
            this.service = service;
            this.token = token;
        }

        /**
         * Starts the threads and returns, with the threads still reporting, after {@code duration} once
         * {@link #REPORTS} were acknowledged (at most three minutes).
         */
        void runFor(Duration duration) throws InterruptedException {
            long started = System.nanoTime();
            for (int t = 0; t < THREADS; t++) {
                Random random = new Random(t);
                threads.submit(() -> {
                    int n = 0;
                    while (running.get()) {
                        inFlight.incrementAndGet();
                        try {
                            HttpResponse<String> answer = service.post("/api/v1/cases", token, report(random, n++));
                            if (answer.statusCode() == 201) {
                                acknowledged.add(PackagedService.json(answer.body()).get("number").asText());
                            } else {
                                failed.incrementAndGet();
                            }
                        } catch (IOException e) {
                            failed.incrementAndGet();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        } finally {
                            inFlight.decrementAndGet();
                        }
                    }
                });
            }
            Thread.sleep(duration.toMillis());
            while (acknowledged.size() < REPORTS && System.nanoTime() - started < Duration.ofMinutes(3).toNanos()) {
                Thread.sleep(100);
            }
            seconds = (System.nanoTime() - started) / 1e9;
        }

        /** Stops the threads once the requests cut off by the kill have failed. */
        void stop() throws InterruptedException {
            running.set(false);
            threads.shutdown();
            assertTrue(threads.awaitTermination(60, TimeUnit.SECONDS), "the load threads ended");
        }

        /** A district supervisor's event report at a point inside kcity's grid (lon 118.73-118.87, lat 32.00-32.10). */
        static String report(Random random, int n) {
            return String.format(Locale.ROOT, "{\"kind\":\"event\",\"classCode\":\"%s\",\"lon\":%.7f,\"lat\":%.7f,"
                            + "\"description\":\"巡查发现问题 %d\"}", EVENTS.get(random.nextInt(EVENTS.size())),
                    118.73 + random.nextDouble() * 0.14, 32.00 + random.nextDouble() * 0.10, n);
        }
    }
}
