package city.gridcity.points;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What a resident sees of their points: balance, level and the next one, history. Works on the current city. */
@ApplicationScoped
public class PointsAccounts {

    private final Ledger ledger;
    private final PointRulesService rules;
    private final Clock clock;

    PointsAccounts(Ledger ledger, PointRulesService rules, Clock clock) {
        this.ledger = ledger;
        this.rules = rules;
        this.clock = clock;
    }

    /**
     * A resident's standing.
     *
     * @param level          their level under the rules in force, empty when the city has no rules
     * @param levelIndex     the level's place, 0 for the first
     * @param next           the next level up, empty at the top
     * @param toNext         lifetime points still missing for the next level (0 at the top)
     * @param suspendedUntil while set and ahead, the resident earns nothing (too many rejected or false reports)
     */
    public record Standing(long balance, long earned, Optional<PointRules.Level> level, int levelIndex,
                           Optional<PointRules.Level> next, long toNext, Instant suspendedUntil) {
    }

    @Transactional
    public Standing standing(long userId) {
        Optional<Ledger.Account> account = ledger.resident(userId);
        long balance = account.map(Ledger.Account::balance).orElse(0L);
        long earned = account.map(Ledger.Account::earned).orElse(0L);
        Instant now = clock.instant();
        Instant suspended = account.map(Ledger.Account::suspendedUntil).filter(now::isBefore).orElse(null);
        return rules.inForceAt(now).map(v -> {
            PointRules r = v.rules();
            Optional<PointRules.Level> next = r.nextLevel(earned);
            return new Standing(balance, earned, Optional.of(r.level(earned)), r.levelIndex(earned), next,
                    next.map(n -> n.from() - earned).orElse(0L), suspended);
        }).orElse(new Standing(balance, earned, Optional.empty(), 0, Optional.empty(), 0, suspended));
    }

    /** A page of a resident's transfers, newest first, with how many there are. */
    public record History(List<Ledger.Transfer> items, long total) {
    }

    @Transactional
    public History history(long userId, int page, int size) {
        return new History(ledger.ofResident(userId, page, size), ledger.countOfResident(userId));
    }

    /** The account that a transfer moved the resident's points to or from, for the history's sign. */
    @Transactional
    public Optional<Long> accountOf(long userId) {
        return ledger.resident(userId).map(Ledger.Account::id);
    }
}
