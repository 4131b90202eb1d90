package city.gridcity.identity;

import city.gridcity.shared.db.ChangeNotifications;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What this replica last read about each session, so a signed-in request needs no database round trip
 * to know its session is still open.
 *
 * <p>Revocation stays immediate in effect: every place that ends sessions publishes it through
 * {@link ChangeNotifications} in its own transaction, and every replica drops the entries on commit. An
 * entry is used only while the listener vouches for it (up, and listening since before the entry was
 * read), and not when a revocation of its session or owner was heard after it was read (a read racing a
 * revocation keeps nothing stale). The time to live is a last safety net; while the listener is down
 * every request reads the database.
 */
@ApplicationScoped
public class SessionStates {

    static final String SESSION = "session";
    static final String USER = "user";
    static final String OPERATOR = "operator";
    /** More sessions than this are not worth keeping in memory; the next request reads them again. */
    static final int MAX_ENTRIES = 50_000;

    /** A session as stored: {@code owner} is the user's or operator's id; {@code tenant} null for operators. */
    public record Row(boolean revoked, Instant expiresAt, Long owner, String tenant) {
        static final Row GONE = new Row(true, Instant.EPOCH, null, null);
    }

    private record Entry(Principal.Kind kind, Row row, long readAt) {

        /** The key under which revocations of every session of this entry's owner are heard. */
        String ownerKey() {
            return kind == Principal.Kind.OPERATOR ? OPERATOR + ":" + row.owner() : USER + ":" + row.tenant() + ":" + row.owner();
        }
    }

    private final ChangeNotifications changes;
    private final long ttlNanos;
    private final Map<UUID, Entry> entries = new ConcurrentHashMap<>();
    /** When a revocation of a session or owner (by key) was last heard: entries read before it are stale. */
    private final Map<String, Long> revokedAt = new ConcurrentHashMap<>();

    SessionStates(ChangeNotifications changes,
                  @ConfigProperty(name = "gridcity.auth.session-cache-ttl", defaultValue = "PT30S") Duration ttl) {
        this.changes = changes;
        this.ttlNanos = ttl.toNanos();
        changes.subscribe(SESSION, key -> revoked(SESSION + ":" + key, UUID.fromString(key)));
        changes.subscribe(USER, key -> revoked(USER + ":" + key, null));
        changes.subscribe(OPERATOR, key -> revoked(OPERATOR + ":" + key, null));
        changes.onResync(entries::clear);
    }

    /**
     * Whether the session is open at {@code now}, from memory when it may be trusted, otherwise by
     * {@code load} (which runs in the session's city and returns {@link Row#GONE} for a missing row).
     */
    public boolean open(Principal.Kind kind, UUID sessionId, Instant now, Supplier<Row> load) {
        Entry e = entries.get(sessionId);
        if (e == null || !usable(kind, sessionId, e)) {
            long readAt = System.nanoTime();
            e = new Entry(kind, load.get(), readAt);
            if (ttlNanos > 0 && changes.trusts(readAt)) {
                if (entries.size() >= MAX_ENTRIES) {
                    entries.clear();
                }
                entries.put(sessionId, e);
            }
        }
        return !e.row().revoked() && now.isBefore(e.row().expiresAt());
    }

    /** Publishes, with the current transaction, that the session ended. */
    void publishSessionEnded(UUID sessionId) {
        changes.publish(SESSION, sessionId.toString());
    }

    /** Publishes, with the current transaction, that every session of a city's user ended. */
    void publishUserSessionsEnded(String tenantCode, long userId) {
        changes.publish(USER, tenantCode + ":" + userId);
    }

    /** Publishes, with the current transaction, that every session of a platform operator ended. */
    void publishOperatorSessionsEnded(long operatorId) {
        changes.publish(OPERATOR, String.valueOf(operatorId));
    }

    private boolean usable(Principal.Kind kind, UUID sessionId, Entry e) {
        return e.kind() == kind && System.nanoTime() - e.readAt() < ttlNanos && changes.trusts(e.readAt())
                && notRevokedSince(SESSION + ":" + sessionId, e)
                && (e.row().owner() == null || notRevokedSince(e.ownerKey(), e));
    }

    /** True unless a revocation under {@code key} was heard after the entry was read. */
    private boolean notRevokedSince(String key, Entry e) {
        Long at = revokedAt.get(key);
        return at == null || at - e.readAt() < 0;
    }

    private void revoked(String key, UUID sessionId) {
        long now = System.nanoTime();
        revokedAt.put(key, now);
        // Entries read before the oldest live one cannot exist: forget revocations older than the time to live.
        revokedAt.values().removeIf(at -> now - at > ttlNanos + 1_000_000_000L);
        if (sessionId != null) {
            entries.remove(sessionId);
        } else {
            entries.values().removeIf(e -> e.row().owner() != null && key.equals(e.ownerKey()));
        }
    }
}
