package city.gridcity.identity;

import city.gridcity.shared.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing: too many failed logins on one account, or from one address, within a
 * sliding window refuse further attempts until the window has passed. Kept in memory: a restart
 * clears it, which costs an attacker a restart per window, and several replicas each count alone.
 */
@ApplicationScoped
public class LoginThrottle {

    private final Map<String, Deque<Instant>> byAccount = new ConcurrentHashMap<>();
    private final Map<String, Deque<Instant>> byAddress = new ConcurrentHashMap<>();
    private final AuthConfig.Throttle config;
    private final Clock clock;

    LoginThrottle(AuthConfig config, Clock clock) {
        this.config = config.throttle();
        this.clock = clock;
    }

    /** Refuses with 429 when the account or the address is locked out. */
    public void check(String account, String address) {
        Instant now = clock.instant();
        refuseIfOver(byAccount, account, config.accountFailures(), now,
                "Too many failed sign-ins for this account; try again later.");
        refuseIfOver(byAddress, address, config.addressFailures(), now,
                "Too many failed sign-ins from this address; try again later.");
    }

    public void recordFailure(String account, String address) {
        Instant now = clock.instant();
        add(byAccount, account, now);
        add(byAddress, address, now);
    }

    public void recordSuccess(String account) {
        byAccount.remove(account);
    }

    private void refuseIfOver(Map<String, Deque<Instant>> map, String key, int limit, Instant now, String message) {
        if (key == null) {
            return;
        }
        Deque<Instant> failures = map.get(key);
        if (failures == null) {
            return;
        }
        synchronized (failures) {
            prune(failures, now);
            if (failures.size() >= limit) {
                Duration wait = Duration.between(now, failures.peekFirst().plus(config.window()));
                long seconds = Math.max(1, wait.toSeconds());
                throw new ProblemException(429, "login-throttled", "Too many attempts", message
                        + " Retry in " + seconds + " s.", null, Map.of("Retry-After", String.valueOf(seconds)));
            }
        }
    }

    private void add(Map<String, Deque<Instant>> map, String key, Instant now) {
        if (key == null) {
            return;
        }
        Deque<Instant> failures = map.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (failures) {
            prune(failures, now);
            failures.addLast(now);
        }
        if (map.size() > 100_000) {
            map.entrySet().removeIf(e -> {
                synchronized (e.getValue()) {
                    prune(e.getValue(), now);
                    return e.getValue().isEmpty();
                }
            });
        }
    }

    private void prune(Deque<Instant> failures, Instant now) {
        Instant horizon = now.minus(config.window());
        while (!failures.isEmpty() && failures.peekFirst().isBefore(horizon)) {
            failures.removeFirst();
        }
    }
}
