package city.gridcity.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import city.gridcity.support.Api;
import city.gridcity.support.PostgresResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class BodyTooLargeTest {

    /** quarkus.http.limits.max-body-size, plus a little. */
    private static final long OVER_THE_LIMIT = 64L * 1024 * 1024 + 1024 * 1024;

    @TestHTTPResource("/api/v1/grid/layouts")
    URL layouts;

    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureLog() {
        capture.setLevel(Level.ALL);
        Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void releaseLog() {
        Logger.getLogger("").removeHandler(capture);
    }

    @Test
    void a_chunked_body_over_the_limit_is_answered_413_and_logged_as_the_clients_mistake_not_as_an_error()
            throws Exception {
        // given an administrator who sends a grid layout far larger than the limit, without a length,
        // asking first whether to go on (as curl does): the path that logged two errors
        Api.City city = Api.aCity();
        HttpRequest request = HttpRequest.newBuilder(URI.create(layouts + "?dryRun=true")).expectContinue(true)
                .header("Authorization", "Bearer " + city.adminToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new PaddedLayout(OVER_THE_LIMIT)))
                .build();

        // when it is sent chunked (a body of unknown length)
        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build().send(request, HttpResponse.BodyHandlers.ofString());

        // then the client learns its body is too large
        assertEquals(413, response.statusCode());
        // and the log has one line about it, without a stack trace, and no error at all
        awaitQuietLog();
        List<LogRecord> errors = records.stream().filter(r -> r.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
        assertEquals(List.of(), errors.stream().map(r -> r.getLoggerName() + ": " + r.getMessage()).toList());
        List<LogRecord> refusals = records.stream()
                .filter(r -> r.getMessage() != null && r.getMessage().contains("while its body was read")).toList();
        assertEquals(1, refusals.size(), "one line about the refused body");
        assertEquals(Level.INFO, refusals.get(0).getLevel());
        assertEquals(null, refusals.get(0).getThrown());
    }

    @Test
    void a_body_within_the_limit_still_reaches_the_service() throws Exception {
        Api.City city = Api.aCity();
        HttpRequest request = HttpRequest.newBuilder(URI.create(layouts + "?dryRun=true"))
                .header("Authorization", "Bearer " + city.adminToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new PaddedLayout(1024 * 1024)))
                .build();
        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString());
        // an empty FeatureCollection: read to its end and judged, not refused for its size
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().contains("the FeatureCollection has no features"), response.body());
    }

    /** Errors of the request are logged on the worker thread shortly after the answer: give them a moment. */
    private void awaitQuietLog() throws InterruptedException {
        int seen = -1;
        for (int i = 0; i < 20 && seen != records.size(); i++) {
            seen = records.size();
            Thread.sleep(250);
        }
    }

    /** An empty FeatureCollection padded with whitespace to {@code size} bytes: valid JSON, cheap to make. */
    static final class PaddedLayout extends InputStream {
        private static final byte[] HEAD = "{\"type\":\"FeatureCollection\",\"features\":[".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] TAIL = "]}".getBytes(StandardCharsets.US_ASCII);
        private final long size;
        private long position;

        PaddedLayout(long size) {
            this.size = size;
        }

        @Override
        public int read() {
            if (position >= size) {
                return -1;
            }
            long p = position++;
            if (p < HEAD.length) {
                return HEAD[(int) p];
            }
            long fromEnd = size - p;
            return fromEnd <= TAIL.length ? TAIL[(int) (TAIL.length - fromEnd)] : ' ';
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (position >= size) {
                return -1;
            }
            int n = (int) Math.min(len, size - position);
            for (int i = 0; i < n; i++) {
                b[off + i] = (byte) read();
            }
            return n;
        }
    }
}
