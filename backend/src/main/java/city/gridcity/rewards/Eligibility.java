package city.gridcity.rewards;

import city.gridcity.points.PointRules;
import city.gridcity.shared.problem.ProblemException;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether a resident may hold a reward now and, when not, why: one rule for the hold, which refuses with a
 * problem detail, and for the rewards page, which offers 兑换 only where the hold would succeed and otherwise
 * says why. Checked in the hold's order: the programme, the reward's window, level, the per-resident limit,
 * points, stock. Pure: tested without the container.
 */
public final class Eligibility {

    /** Why a reward cannot be held. */
    public enum Reason {
        NO_PROGRAMME("no-point-rules"), NOT_YET_AVAILABLE("reward-unavailable"), NO_LONGER_AVAILABLE("reward-unavailable"),
        LEVEL_TOO_LOW("level-too-low"), LIMIT_REACHED("limit-reached"), NOT_ENOUGH_POINTS("not-enough-points"),
        OUT_OF_STOCK("out-of-stock");

        private final String code;

        Reason(String code) {
            this.code = code;
        }

        /** The problem detail's code. */
        public String code() {
            return code;
        }
    }

    /** What of a reward decides: price, stock left, limit (null: none), lowest level, active, window (null ends: open). */
    public record Terms(String nameZh, String nameEn, int price, int stock, Integer perResidentLimit, int minLevel,
                        boolean active, Instant availableFrom, Instant availableUntil) {
    }

    /** The resident's side: balance, lifetime points, and how many of this reward they hold or have picked up. */
    public record Holder(long balance, long earned, long redeemed) {
    }

    /**
     * A refusal with what the resident needs to know: when the window opens or closed, the level needed (null when
     * the reward names a level the city does not have), the limit, how many points are missing.
     */
    public record Refusal(Reason reason, Instant availableFrom, Instant availableUntil, PointRules.Level levelNeeded,
                          int minLevel, PointRules.Level levelHeld, int limit, long balance, int price) {

        public long pointsShort() {
            return Math.max(0, price - balance);
        }

        /** The refusal as the API gives it: 409 with the reason's code and a sentence naming the numbers. */
        public ProblemException problem(String rewardName) {
            String detail = switch (reason) {
                case NO_PROGRAMME -> "This city has no points programme yet.";
                case NOT_YET_AVAILABLE -> "Reward " + rewardName + " can be redeemed from " + availableFrom + ".";
                case NO_LONGER_AVAILABLE -> availableUntil == null ? "Reward " + rewardName + " has been withdrawn."
                        : "Reward " + rewardName + " could be redeemed until " + availableUntil + "; it has ended.";
                case LEVEL_TOO_LOW -> "This reward is for residents of level " + (levelNeeded == null ? String.valueOf(minLevel)
                        : levelNeeded.nameZh() + " · " + levelNeeded.nameEn()) + " and above; yours is "
                        + (levelHeld == null ? "none" : levelHeld.nameZh() + " · " + levelHeld.nameEn()) + ".";
                case LIMIT_REACHED -> "You may redeem this reward " + limit + " time(s) and have done so " + limit + " time(s).";
                case NOT_ENOUGH_POINTS -> "This reward costs " + price + " points; you have " + balance + ", "
                        + pointsShort() + " more are needed.";
                case OUT_OF_STOCK -> "Reward " + rewardName + " is out of stock.";
            };
            return ProblemException.conflict(reason.code(), detail);
        }
    }

    private Eligibility() {
    }

    /**
     * Why {@code holder} may not hold the reward at {@code now} under {@code rules} (empty: no programme), or
     * empty when they may. The stock read here is a plain read: the hold's conditional update still decides.
     */
    public static Optional<Refusal> check(Terms terms, Holder holder, Optional<PointRules> rules, Instant now) {
        Reason reason = null;
        PointRules.Level needed = null;
        PointRules.Level held = null;
        if (rules.isEmpty()) {
            reason = Reason.NO_PROGRAMME;
        } else if (!terms.active() || terms.availableUntil() != null && !now.isBefore(terms.availableUntil())) {
            reason = Reason.NO_LONGER_AVAILABLE;
        } else if (terms.availableFrom() != null && now.isBefore(terms.availableFrom())) {
            reason = Reason.NOT_YET_AVAILABLE;
        } else {
            PointRules r = rules.get();
            held = r.level(holder.earned());
            if (r.levelIndex(holder.earned()) < terms.minLevel()) {
                reason = Reason.LEVEL_TOO_LOW;
                needed = terms.minLevel() < r.levels().size() ? r.levels().get(terms.minLevel()) : null;
            } else if (terms.perResidentLimit() != null && holder.redeemed() >= terms.perResidentLimit()) {
                reason = Reason.LIMIT_REACHED;
            } else if (holder.balance() < terms.price()) {
                reason = Reason.NOT_ENOUGH_POINTS;
            } else if (terms.stock() <= 0) {
                reason = Reason.OUT_OF_STOCK;
            }
        }
        if (reason == null) {
            return Optional.empty();
        }
        return Optional.of(new Refusal(reason, terms.availableFrom(), terms.availableUntil(), needed, terms.minLevel(), held,
                terms.perResidentLimit() == null ? 0 : terms.perResidentLimit(), holder.balance(), terms.price()));
    }
}
