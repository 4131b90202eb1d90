package city.gridcity.assessment;

import city.gridcity.cases.CaseSource;
import city.gridcity.cases.CityCase;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

/** Case rows that read as prose: {@code aCase("A1").in(D1).reportedOn(3).filedOn(3)}; days of November 2026 in Kunming's zone. */
final class Rows {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final Period NOVEMBER = new Period(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 12, 1), ZONE);
    static final String D1 = "530102";
    static final String D2 = "530103";

    private Rows() {
    }

    /** Noon of a day of November 2026 (day 31 is the 1st of December, day 0 the 31st of October). */
    static Instant day(int d) {
        return LocalDate.of(2026, 11, 1).plusDays(d - 1).atTime(LocalTime.NOON).atZone(ZONE).toInstant();
    }

    static Builder aCase(String number) {
        return new Builder(number);
    }

    static final class Builder {
        String number;
        CaseSource.Channel channel = CaseSource.Channel.DISTRICT_SUPERVISOR;
        Long reporterId = 1L;
        boolean keyClass;
        BigDecimal weight = BigDecimal.ONE;
        String district = D1;
        String street = D1 + "001";
        String community = D1 + "001001";
        String management = D1 + "00100101";
        Instant reportedAt = day(1);
        Instant filedAt;
        Instant dispatchedAt;
        Instant closedAt;
        Instant mergedAt;
        String department;
        List<String> participants = List.of();
        Instant disposalDeadline;
        Boolean disposalOnTime;
        int dispatches;
        int returns;
        Instant dispatchEndedAt;
        int dispatchesEnded;
        int dispatchesOnTime;
        Instant verificationEndedAt;
        int verificationsEnded;
        int verificationsOnTime;
        int verificationsFailed;
        Instant lastVerifiedAt;
        Long verifierId;
        Instant suspendedFrom;
        Instant suspendedUntil;
        boolean missed;
        CityCase.Level level;
        int ratings;
        int satisfied;
        int basically;
        Instant hotlineCheckedAt;
        String hotlineFinding;
        Instant firstComplaintAt;

        Builder(String number) {
            this.number = number;
        }

        Builder in(String d) { district = d; street = d + "001"; community = d + "001001"; management = d + "00100101"; return this; }
        Builder community(String c) { community = c; return this; }
        Builder grid(String g) { management = g; return this; }
        Builder by(CaseSource.Channel c) { channel = c; return this; }
        Builder reporter(long id) { reporterId = id; return this; }
        Builder key() { keyClass = true; return this; }
        Builder weight(String w) { weight = new BigDecimal(w); return this; }
        Builder reportedOn(int d) { reportedAt = day(d); return this; }
        Builder filedOn(int d) { filedAt = day(d); return this; }
        Builder mergedOn(int d) { mergedAt = day(d); return this; }
        Builder closedOn(int d) { closedAt = day(d); return this; }
        Builder department(String code) { department = code; return this; }
        /** A whistle round led by {@code lead} (the responsible department) with the departments called in. */
        Builder whistle(String lead, String... called) { department = lead; participants = List.of(called); return this; }
        Builder dueOn(int d, Boolean onTime) { disposalDeadline = day(d); disposalOnTime = onTime; return this; }
        Builder dispatched(int d, int times, int returned) { dispatchedAt = day(d); dispatches = times; returns = returned; return this; }
        Builder dispatchEnded(int d, int ended, int onTime) { dispatchEndedAt = day(d); dispatchesEnded = ended; dispatchesOnTime = onTime; return this; }
        Builder verificationsEnded(int d, int ended, int onTime) { verificationEndedAt = day(d); verificationsEnded = ended; verificationsOnTime = onTime; return this; }
        Builder verified(int d, long by, int failed) { lastVerifiedAt = day(d); verifierId = by; verificationsFailed = failed; return this; }
        Builder suspended(int from, Integer until) { suspendedFrom = day(from); suspendedUntil = until == null ? null : day(until); return this; }
        Builder missed() { channel = CaseSource.Channel.CITY_SUPERVISOR; missed = true; return this; }
        Builder solvedAt(CityCase.Level l) { level = l; return this; }
        /** A hotline complaint the matching looked at on the day, meeting the grid finding (null: none). */
        Builder complaintMatched(int d, String finding) {
            channel = CaseSource.Channel.HOTLINE; hotlineCheckedAt = day(d); hotlineFinding = finding; return this;
        }
        /** A grid finding a hotline complaint met, the earliest call at the moment given. */
        Builder complainedAt(Instant call) { firstComplaintAt = call; return this; }
        Builder rated(int satisfied, int basically, int dissatisfied) {
            this.satisfied = satisfied; this.basically = basically; ratings = satisfied + basically + dissatisfied; return this;
        }

        CaseRow row() {
            return new CaseRow(number, channel, reporterId, keyClass, weight, district, street, community, management,
                    reportedAt, filedAt, dispatchedAt, closedAt, mergedAt, department, participants, disposalDeadline,
                    disposalOnTime, dispatches, returns, dispatchEndedAt, dispatchesEnded, dispatchesOnTime,
                    verificationEndedAt, verificationsEnded, verificationsOnTime, verificationsFailed, lastVerifiedAt,
                    verifierId, suspendedFrom, suspendedUntil, missed, level, ratings, satisfied, basically,
                    hotlineCheckedAt, hotlineFinding, firstComplaintAt);
        }
    }
}
