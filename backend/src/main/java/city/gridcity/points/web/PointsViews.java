package city.gridcity.points.web;

import city.gridcity.points.Ledger;
import city.gridcity.points.PointRules;
import city.gridcity.points.PointsAccounts;
import java.time.Instant;
import java.util.UUID;

/** What the API and the pages show of points. */
public final class PointsViews {

    private PointsViews() {
    }

    public record LevelView(int index, String nameZh, String nameEn, int from) {
    }

    /**
     * A resident's standing.
     *
     * @param level          null when the city has no points programme
     * @param nextLevel      null at the top level or without a programme
     * @param suspendedUntil null unless earning is suspended (too many rejected or false reports)
     */
    public record PointsView(long balance, long lifetimePoints, LevelView level, LevelView nextLevel, long pointsToNextLevel,
                             Instant suspendedUntil) {

        static PointsView of(PointsAccounts.Standing s) {
            LevelView level = s.level().map(l -> PointsViews.level(s.levelIndex(), l)).orElse(null);
            LevelView next = s.next().map(l -> PointsViews.level(s.levelIndex() + 1, l)).orElse(null);
            return new PointsView(s.balance(), s.earned(), level, next, s.toNext(), s.suspendedUntil());
        }
    }

    static LevelView level(int index, PointRules.Level l) {
        return new LevelView(index, l.nameZh(), l.nameEn(), l.from());
    }

    /**
     * One movement of a resident's points: positive when points came in, negative when they went out.
     *
     * @param caseNumber   the case it is about, if any
     * @param redemptionId the redemption it is about, if any
     * @param corrects     the transfer this one corrects (a clawback names its award)
     */
    public record TransferView(UUID id, String kind, String kindZh, String kindEn, long points, String reason,
                               String caseNumber, Long redemptionId, UUID corrects, Instant at) {

        static TransferView of(Ledger.Transfer t, long accountId) {
            long signed = t.creditAccount() == accountId ? t.amount() : -t.amount();
            return new TransferView(t.id(), t.kind().name(), PointsViews.kindZh(t.kind()), PointsViews.kindEn(t.kind()), signed, t.reason(),
                    t.caseNumber(), t.redemptionId(), t.corrects(), t.at());
        }
    }

    static String kindZh(Ledger.Kind k) {
        return switch (k) {
            case REPORT_FILED -> "上报立案";
            case DUPLICATE_REPORT -> "重复上报";
            case ME_TOO -> "我也遇到";
            case RATING -> "满意度评价";
            case VOLUNTEER_WORK -> "志愿服务";
            case CLAWBACK -> "积分收回";
            case EXPIRY -> "积分过期";
            case HOLD -> "兑换冻结";
            case FULFIL -> "兑换领取";
            case RELEASE -> "兑换退回";
        };
    }

    static String kindEn(Ledger.Kind k) {
        return switch (k) {
            case REPORT_FILED -> "Report filed";
            case DUPLICATE_REPORT -> "Duplicate report";
            case ME_TOO -> "Me too";
            case RATING -> "Rating";
            case VOLUNTEER_WORK -> "Volunteer work";
            case CLAWBACK -> "Clawback";
            case EXPIRY -> "Expired";
            case HOLD -> "Held for a reward";
            case FULFIL -> "Reward picked up";
            case RELEASE -> "Hold returned";
        };
    }
}
