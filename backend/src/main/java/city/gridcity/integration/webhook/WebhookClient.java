package city.gridcity.integration.webhook;

import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.WebClient;
import io.vertx.mutiny.ext.web.codec.BodyCodec;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.UUID;

/**
 * Posts signed deliveries with Vert.x Web Client, on the Vert.x instance Quarkus runs. Calls are
 * non-blocking, so one worker round sends a whole batch at once; the caller holds no database
 * transaction meanwhile.
 */
@ApplicationScoped
public class WebhookClient {

    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    public static final String EVENT = "X-GridCity-Event";
    public static final String TIMESTAMP = "X-GridCity-Timestamp";
    public static final String SIGNATURE = "X-GridCity-Signature";
    public static final String ATTEMPT = "X-GridCity-Attempt";

    private final WebClient client;
    private final WebhookConfig config;
    private final Clock clock;

    WebhookClient(Vertx vertx, WebhookConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        int timeoutMs = (int) config.timeout().toMillis();
        this.client = WebClient.create(vertx, new WebClientOptions()
                .setUserAgent("GridCity-Webhooks/1")
                .setConnectTimeout(timeoutMs)
                .setMaxPoolSize(config.maxConnectionsPerHost())
                // A redirect would send citizens' data where the administrator did not point it.
                .setFollowRedirects(false));
    }

    /**
     * One delivery attempt.
     *
     * @param body the JSON body, signed as sent
     */
    public record Delivery(String url, String secret, UUID idempotencyKey, String eventType, int attempt, byte[] body) {
    }

    /** The receiver's answer: its status line. */
    public record Answer(int status, String reason) {
        public boolean accepted() {
            return status >= 200 && status < 300;
        }
    }

    /**
     * Sends one delivery. Emits the receiver's answer, whatever its status; fails on a connection
     * error or when the receiver does not answer within {@code gridcity.webhooks.timeout}.
     */
    public Uni<Answer> send(Delivery d) {
        long timestamp = clock.instant().getEpochSecond();
        long timeoutMs = config.timeout().toMillis();
        return client.postAbs(d.url())
                .timeout(timeoutMs)
                .putHeader("Content-Type", "application/json")
                .putHeader(IDEMPOTENCY_KEY, d.idempotencyKey().toString())
                .putHeader(EVENT, d.eventType())
                .putHeader(TIMESTAMP, Long.toString(timestamp))
                .putHeader(SIGNATURE, WebhookSigner.signature(d.secret(), timestamp, d.body()))
                .putHeader(ATTEMPT, Integer.toString(d.attempt()))
                // The status is all we keep; a receiver's body, however large, is not read into memory.
                .as(BodyCodec.none())
                .sendBuffer(Buffer.buffer(d.body()))
                .map(r -> new Answer(r.statusCode(), r.statusMessage()))
                // Belt and braces: Vert.x's own timeout covers the exchange, this covers everything else.
                .ifNoItem().after(config.timeout().multipliedBy(2)).fail();
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
