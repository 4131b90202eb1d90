package city.gridcity.identity;

import city.gridcity.shared.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing without handing anyone a way to lock the real user out.
 *
 * <p>A lock on the account alone (refuse the right password from everywhere after a few failures)
 * lets anyone who knows a dispatcher's username shut them out for the whole window. So failures
 * are counted three ways, within a sliding window, and each count answers a different attack:
 * <ol>
 *   <li><b>account and address</b>: {@code account-failures} wrong passwords for one account from one
 *       address refuse that address for that account, even with the right password, until the
 *       oldest of them leaves the window. Guessing from one place stops there; everyone else is
 *       untouched.</li>
 *   <li><b>address</b>: {@code address-failures} wrong passwords from one address, whatever the
 *       accounts, refuse the address (one address spraying a common password over many accounts).</li>
 *   <li><b>account, from everywhere</b> (a guess spread over many addresses): once the account has
 *       {@code account-failures} failures in the window, counting every address, its password is
 *       checked at a paced rate instead of being refused: one attempt per {@code account-delay}, the
 *       delay doubling with each further failure up to {@code account-max-delay}. An attempt that
 *       comes too soon gets 429 with a {@code Retry-After} of a few seconds, never the window.
 *       Addresses that have not failed for this account (the real user, somewhere else) have their
 *       own pace, so the attacker's addresses do not use up theirs; an attacker who wants to compete
 *       with the real user needs a fresh address per guess, and still gets one guess per delay.</li>
 * </ol>
 * A successful sign-in forgets the failures of its own address for the account (they were the
 * user's typing), not those of other addresses. Kept in memory: a restart clears it, which costs an
 * attacker a restart per window, and several replicas each count alone.
 */
@ApplicationScoped
public class LoginThrottle {

    /** Attempts without an address (a password change by a signed-in user) share this one. */
    private static final String NO_ADDRESS = "";
    private static final int SWEEP_ABOVE = 100_000;

    private final Map<String, Deque<Instant>> byPair = new ConcurrentHashMap<>();
    private final Map<String, Deque<Instant>> byAddress = new ConcurrentHashMap<>();
    private final Map<String, AccountFailures> byAccount = new ConcurrentHashMap<>();
    private final AuthConfig.Throttle config;
    private final Clock clock;

    LoginThrottle(AuthConfig config, Clock clock) {
        this.config = config.throttle();
        this.clock = clock;
    }

    /**
     * Lets an attempt on {@code account} from {@code address} check its password, or refuses it.
     *
     * @param address the client's address; {@code null} when unknown (it then counts as one address)
     * @throws ProblemException 429 with {@code Retry-After}: locked for this address, or too soon for a
     *                          paced account
     */
    public void check(String account, String address) {
        Instant now = clock.instant();
        String from = Objects.requireNonNullElse(address, NO_ADDRESS);
        if (address != null) {
            refuseIfOver(byAddress.get(address), config.addressFailures(), now,
                    "Too many failed sign-ins from this address; try again later.");
        }
        refuseIfOver(byPair.get(pair(account, from)), config.accountFailures(), now,
                "Too many failed sign-ins for this account from this address; try again later.");
        AccountFailures failures = byAccount.get(account);
        if (failures != null) {
            failures.pace(from, now);
        }
    }

    public void recordFailure(String account, String address) {
        Instant now = clock.instant();
        String from = Objects.requireNonNullElse(address, NO_ADDRESS);
        add(byPair, pair(account, from), now);
        if (address != null) {
            add(byAddress, address, now);
        }
        AccountFailures failures = byAccount.computeIfAbsent(account, k -> new AccountFailures());
        failures.add(from, now);
        if (byAccount.size() > SWEEP_ABOVE) {
            byAccount.values().removeIf(f -> f.isEmpty(now));
        }
    }

    /** The right password from {@code address}: its own failures for the account were the user's. */
    public void recordSuccess(String account, String address) {
        String from = Objects.requireNonNullElse(address, NO_ADDRESS);
        byPair.remove(pair(account, from));
        AccountFailures failures = byAccount.get(account);
        if (failures != null) {
            failures.forget(from);
        }
    }

    private static String pair(String account, String address) {
        return account + '\n' + address;
    }

    private void refuseIfOver(Deque<Instant> failures, int limit, Instant now, String message) {
        if (failures == null) {
            return;
        }
        synchronized (failures) {
            prune(failures, now);
            if (failures.size() >= limit) {
                throw throttled(message, Duration.between(now, failures.peekFirst().plus(config.window())));
            }
        }
    }

    private static ProblemException throttled(String message, Duration wait) {
        long seconds = Math.max(1, wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0));
        return new ProblemException(429, "login-throttled", "Too many attempts", message
                + " Retry in " + seconds + " s.", null, Map.of("Retry-After", String.valueOf(seconds)));
    }

    private void add(Map<String, Deque<Instant>> map, String key, Instant now) {
        Deque<Instant> failures = map.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (failures) {
            prune(failures, now);
            failures.addLast(now);
        }
        if (map.size() > SWEEP_ABOVE) {
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

    private record Failure(Instant at, String address) {
    }

    /** One account's failures from every address, and when each pace lets the next attempt through. */
    private final class AccountFailures {
        private final Deque<Failure> failures = new ArrayDeque<>();
        private Instant nextFromClean = Instant.MIN;
        private Instant nextFromFailed = Instant.MIN;

        synchronized void add(String address, Instant now) {
            prune(now);
            failures.addLast(new Failure(now, address));
        }

        synchronized void forget(String address) {
            failures.removeIf(f -> f.address().equals(address));
        }

        synchronized boolean isEmpty(Instant now) {
            prune(now);
            return failures.isEmpty();
        }

        /** Under a spread guess, lets one attempt per delay through on each lane, refusing the others briefly. */
        synchronized void pace(String address, Instant now) {
            prune(now);
            int beyond = failures.size() - config.accountFailures();
            if (beyond < 0) {
                return;
            }
            boolean clean = failures.stream().noneMatch(f -> f.address().equals(address));
            Instant next = clean ? nextFromClean : nextFromFailed;
            if (now.isBefore(next)) {
                throw throttled("Many failed sign-ins for this account from several addresses; its password is "
                        + "checked at a slower pace for now.", Duration.between(now, next));
            }
            Instant following = now.plus(delay(beyond));
            if (clean) {
                nextFromClean = following;
            } else {
                nextFromFailed = following;
            }
        }

        private Duration delay(int beyond) {
            Duration max = config.accountMaxDelay();
            Duration delay = config.accountDelay().multipliedBy(1L << Math.min(beyond, 30));
            return delay.compareTo(max) > 0 ? max : delay;
        }

        private void prune(Instant now) {
            Instant horizon = now.minus(config.window());
            while (!failures.isEmpty() && failures.peekFirst().at().isBefore(horizon)) {
                failures.removeFirst();
            }
        }
    }
}
