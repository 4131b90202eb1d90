package city.gridcity.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;

/**
 * A real HTTP receiver on a free local port, as a department's system would run one: it answers with
 * the statuses a test scripts, and honours the idempotency key (a key it has processed is answered
 * 200 again without being processed twice). Each receiver listens on its own random path, so a
 * leftover message of another test that reaches the same port is answered 404 and not counted.
 */
public final class WebhookReceiver implements AutoCloseable {

    /** One request as it arrived: headers by lower-case name, the raw body, and what it was answered. */
    public record Received(Map<String, String> headers, byte[] body, int status) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final String path = "/hooks/" + UUID.randomUUID();
    private final Deque<Integer> script = new ArrayDeque<>();
    private final List<Received> received = new ArrayList<>();
    private final Set<String> processed = new LinkedHashSet<>();
    private volatile int otherwise = 200;
    private volatile Duration delay = Duration.ZERO;

    private WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public static WebhookReceiver start() {
        try {
            return new WebhookReceiver();
        } catch (IOException e) {
            throw new IllegalStateException("Could not start a local receiver", e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Answers the next requests with these statuses, in order, then 200 (or what {@link #alwaysAnswering} set). */
    public synchronized WebhookReceiver answering(int... statuses) {
        for (int s : statuses) {
            script.add(s);
        }
        return this;
    }

    public WebhookReceiver alwaysAnswering(int status) {
        this.otherwise = status;
        return this;
    }

    /** Waits this long before answering. */
    public WebhookReceiver delaying(Duration delay) {
        this.delay = delay;
        return this;
    }

    public synchronized List<Received> received() {
        return List.copyOf(received);
    }

    /** The idempotency keys processed, each once, in order. */
    public synchronized List<String> processedKeys() {
        return List.copyOf(processed);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            if (!exchange.getRequestURI().getPath().equals(path) || !"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            if (!delay.isZero()) {
                Thread.sleep(delay.toMillis());
            }
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
            int status;
            synchronized (this) {
                Integer scripted = script.poll();
                status = scripted == null ? otherwise : scripted;
                String key = headers.get("idempotency-key");
                if (status >= 200 && status < 300 && key != null) {
                    // A key seen before is acknowledged again but not processed again.
                    processed.add(key);
                }
                received.add(new Received(headers, body, status));
            }
            exchange.sendResponseHeaders(status, -1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
