package city.gridcity.shared.db;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Tells every replica what one of them changed (a session ended, a city suspended), so each may cache
 * what it reads on every request and still act on a change within a second.
 *
 * <p>A change is published in the transaction that makes it: PostgreSQL delivers a {@code NOTIFY} on
 * commit and never for a rollback. Each replica receives them on one dedicated connection (not from the
 * pool, which hands connections to transactions) that {@code LISTEN}s, round-trips every
 * {@value #POLL_MILLIS} ms to prove it is alive, and reconnects when dropped. A notification sent while
 * the listener was away is lost, so a cache may trust an entry only while {@link #trusts} says so: the
 * listener answered within the last {@value #HEALTHY_MILLIS} ms and was already listening when the entry
 * was read. The publishing replica also hands the change to its own subscribers right after commit.
 */
@ApplicationScoped
public class ChangeNotifications {

    static final String CHANNEL = "gridcity_changes";
    /** The listener's name in {@code pg_stat_activity}. */
    public static final String APPLICATION_NAME = "gridcity-change-listener";
    static final int POLL_MILLIS = 200;
    static final long HEALTHY_MILLIS = 700;
    private static final long RECONNECT_MILLIS = 250;
    private static final Logger LOG = Logger.getLogger(ChangeNotifications.class);

    private final AgroalDataSource dataSource;
    private final TransactionSynchronizationRegistry transactions;
    private final String url;
    private final Optional<String> username;
    private final Optional<String> password;
    private final Map<String, List<Consumer<String>>> subscribers = new ConcurrentHashMap<>();
    private final List<Runnable> resyncs = new CopyOnWriteArrayList<>();

    private volatile boolean listening;
    private volatile long listeningSince;
    private volatile long answeredAt;
    private volatile boolean stopping;
    private volatile Thread thread;

    ChangeNotifications(AgroalDataSource dataSource, TransactionSynchronizationRegistry transactions,
                        @ConfigProperty(name = "quarkus.datasource.jdbc.url") String url,
                        @ConfigProperty(name = "quarkus.datasource.username") Optional<String> username,
                        @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.dataSource = dataSource;
        this.transactions = transactions;
        this.url = url;
        this.username = username;
        this.password = password;
    }

    /**
     * Publishes a change of {@code topic} (e.g. {@code session}) about {@code key} with the current
     * transaction: every replica, this one too, hears of it when it commits, and none if it rolls back.
     *
     * @throws IllegalStateException outside a transaction
     */
    public void publish(String topic, String key) {
        int status = transactions.getTransactionStatus();
        if (status == Status.STATUS_MARKED_ROLLBACK) {
            return; // nothing of it will commit
        }
        if (status != Status.STATUS_ACTIVE) {
            throw new IllegalStateException("A change is published with the transaction that makes it; none is active");
        }
        String payload = topic + ":" + key;
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT pg_notify(?, ?)")) {
            ps.setString(1, CHANNEL);
            ps.setString(2, payload);
            ps.execute();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not publish the change " + payload, e);
        }
        AfterCompletion.onCommit(transactions, () -> deliver(payload));
    }

    /** Calls {@code subscriber} with the key of every change of {@code topic}, from any replica. */
    public void subscribe(String topic, Consumer<String> subscriber) {
        subscribers.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>()).add(subscriber);
    }

    /** Calls {@code resync} whenever the listener (re)starts listening: changes may have been missed. */
    public void onResync(Runnable resync) {
        resyncs.add(resync);
    }

    /**
     * Whether a cache may still trust what it read at {@code readAtNanos} ({@link System#nanoTime()},
     * taken before the read): the listener has been listening since before then and answered lately.
     */
    public boolean trusts(long readAtNanos) {
        return listening && readAtNanos - listeningSince > 0
                && System.nanoTime() - answeredAt < HEALTHY_MILLIS * 1_000_000;
    }

    /** Whether entries read now could be trusted: the listener is up. */
    public boolean listening() {
        return trusts(System.nanoTime());
    }

    void start(@Observes @Priority(20) StartupEvent event) {
        stopping = false;
        Thread t = new Thread(this::listen, "gridcity-change-listener");
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
        listening = false;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }

    private void listen() {
        boolean warned = false;
        while (!stopping) {
            try (Connection c = connect()) {
                try (Statement st = c.createStatement()) {
                    st.execute("LISTEN " + CHANNEL);
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                long since = System.nanoTime();
                listeningSince = since;
                answeredAt = since;
                listening = true;
                // Whatever was published while nobody listened is lost: caches start afresh.
                resyncs.forEach(ChangeNotifications::quietly);
                if (warned) {
                    LOG.info("Listening for changes of other replicas again");
                    warned = false;
                }
                try (PreparedStatement ping = c.prepareStatement("SELECT 1")) {
                    while (!stopping) {
                        ping.executeQuery().close();
                        answeredAt = System.nanoTime();
                        handle(pg.getNotifications(POLL_MILLIS));
                    }
                }
            } catch (SQLException | RuntimeException e) {
                listening = false;
                if (!stopping && !warned) {
                    LOG.warnf("Lost the connection that listens for other replicas' changes (%s); caches are bypassed "
                            + "until it is back", e.getMessage());
                    warned = true;
                }
                pause();
            } finally {
                listening = false;
            }
        }
    }

    private Connection connect() throws SQLException {
        Properties props = new Properties();
        username.ifPresent(u -> props.setProperty("user", u));
        password.ifPresent(p -> props.setProperty("password", p));
        props.setProperty("ApplicationName", APPLICATION_NAME);
        // A silent network loss must not hang the listener: a round trip that takes this long fails.
        props.setProperty("socketTimeout", "5");
        props.setProperty("connectTimeout", "5");
        props.setProperty("tcpKeepAlive", "true");
        Connection c = new org.postgresql.Driver().connect(url, props);
        if (c == null) {
            throw new SQLException("Not a PostgreSQL JDBC URL: " + url);
        }
        return c;
    }

    private void handle(PGNotification[] notifications) {
        if (notifications == null) {
            return;
        }
        for (PGNotification n : notifications) {
            if (CHANNEL.equals(n.getName())) {
                deliver(n.getParameter());
            }
        }
    }

    private void deliver(String payload) {
        int colon = payload.indexOf(':');
        if (colon < 0) {
            return;
        }
        String key = payload.substring(colon + 1);
        for (Consumer<String> s : subscribers.getOrDefault(payload.substring(0, colon), List.of())) {
            quietly(() -> s.accept(key));
        }
    }

    private static void quietly(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.error("A subscriber to changes failed", e);
        }
    }

    private void pause() {
        try {
            Thread.sleep(RECONNECT_MILLIS);
        } catch (InterruptedException e) {
            // Only stop() interrupts, and it has set the flag the loop reads.
        }
    }
}
