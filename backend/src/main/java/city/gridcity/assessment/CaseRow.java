package city.gridcity.assessment;

import city.gridcity.cases.CaseSource;
import city.gridcity.cases.CityCase;
import city.gridcity.cases.facts.CaseFactsQueries;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * What assessment reads of one case: a narrow view of its facts row ({@link CaseFactsQueries.Fact}), so the
 * indicators are pure functions over rows a test can write by hand. Moments are null when the case has not
 * reached them. The hotline matching's facts: on a complaint, when the matching looked at it and the grid finding it
 * met; on a grid finding, the earliest complaint that met it. They are left out of a row's JSON when null, so the
 * input digest of a run computed before they existed is the same.
 */
public record CaseRow(String number, CaseSource.Channel channel, Long reporterId, boolean keyClass,
                      BigDecimal baseCaseWeight, String district, String street, String community, String management,
                      Instant reportedAt, Instant filedAt, Instant dispatchedAt, Instant closedAt, Instant mergedAt,
                      String responsibleDepartment, List<String> participants, Instant disposalDeadline,
                      Boolean disposalOnTime, int dispatches, int returns, Instant dispatchEndedAt, int dispatchesEnded,
                      int dispatchesEndedOnTime, Instant verificationEndedAt, int verificationsEnded,
                      int verificationsEndedOnTime, int verificationsFailed, Instant lastVerifiedAt, Long verifierId,
                      Instant lastSuspensionFrom, Instant lastSuspensionUntil, boolean missedReport,
                      CityCase.Level solvedLevel, int ratings, int satisfied, int basicallySatisfied,
                      @JsonInclude(JsonInclude.Include.NON_NULL) Instant hotlineCheckedAt,
                      @JsonInclude(JsonInclude.Include.NON_NULL) String hotlineFinding,
                      @JsonInclude(JsonInclude.Include.NON_NULL) Instant firstComplaintAt) {

    /** A row without hotline matching facts (not a complaint, or not looked at; no complaint met it). */
    public CaseRow(String number, CaseSource.Channel channel, Long reporterId, boolean keyClass,
                   BigDecimal baseCaseWeight, String district, String street, String community, String management,
                   Instant reportedAt, Instant filedAt, Instant dispatchedAt, Instant closedAt, Instant mergedAt,
                   String responsibleDepartment, List<String> participants, Instant disposalDeadline,
                   Boolean disposalOnTime, int dispatches, int returns, Instant dispatchEndedAt, int dispatchesEnded,
                   int dispatchesEndedOnTime, Instant verificationEndedAt, int verificationsEnded,
                   int verificationsEndedOnTime, int verificationsFailed, Instant lastVerifiedAt, Long verifierId,
                   Instant lastSuspensionFrom, Instant lastSuspensionUntil, boolean missedReport,
                   CityCase.Level solvedLevel, int ratings, int satisfied, int basicallySatisfied) {
        this(number, channel, reporterId, keyClass, baseCaseWeight, district, street, community, management,
                reportedAt, filedAt, dispatchedAt, closedAt, mergedAt, responsibleDepartment, participants,
                disposalDeadline, disposalOnTime, dispatches, returns, dispatchEndedAt, dispatchesEnded,
                dispatchesEndedOnTime, verificationEndedAt, verificationsEnded, verificationsEndedOnTime,
                verificationsFailed, lastVerifiedAt, verifierId, lastSuspensionFrom, lastSuspensionUntil, missedReport,
                solvedLevel, ratings, satisfied, basicallySatisfied, null, null, null);
    }

    public static CaseRow of(CaseFactsQueries.Fact f) {
        CaseFactsQueries.Work w = f.work();
        return new CaseRow(f.number(), f.channel(), f.reporterId(), f.keyClass(), f.baseCaseWeight(),
                f.grid().district(), f.grid().street(), f.grid().community(), f.grid().management(), f.reportedAt(),
                f.filedAt(), f.dispatchedAt(), f.closedAt(), f.mergedAt(), f.responsibleDepartment(), f.participants(),
                f.disposal().deadline(), f.disposal().onTime(), w.dispatches(), f.returns(), f.dispatch().endedAt(),
                w.dispatchesEnded(), w.dispatchesEndedOnTime(), f.verification().endedAt(), w.verificationsEnded(),
                w.verificationsEndedOnTime(), w.verificationsFailed(), w.lastVerifiedAt(), w.verifierId(),
                w.lastSuspensionFrom(), w.lastSuspensionUntil(), f.missedReport(), f.solvedLevel(),
                f.ratings().count(), f.ratings().satisfied(), f.ratings().basicallySatisfied(),
                f.hotline().checkedAt(), f.hotline().finding(), f.hotline().firstComplaintAt());
    }

    /** The same row from the narrow read of the facts ({@link CaseFactsQueries#counted}): the same values as {@link #of(CaseFactsQueries.Fact)}. */
    public static CaseRow of(CaseFactsQueries.Counted c) {
        return new CaseRow(c.number(), c.channel(), c.reporterId(), c.keyClass(), c.baseCaseWeight(), c.district(),
                c.street(), c.community(), c.management(), c.reportedAt(), c.filedAt(), c.dispatchedAt(), c.closedAt(),
                c.mergedAt(), c.responsibleDepartment(), c.participants(), c.disposalDeadline(), c.disposalOnTime(),
                c.dispatches(), c.returns(), c.dispatchEndedAt(), c.dispatchesEnded(), c.dispatchesEndedOnTime(),
                c.verificationEndedAt(), c.verificationsEnded(), c.verificationsEndedOnTime(), c.verificationsFailed(),
                c.lastVerifiedAt(), c.verifierId(), c.lastSuspensionFrom(), c.lastSuspensionUntil(), c.missedReport(),
                c.solvedLevel(), c.ratings(), c.satisfied(), c.basicallySatisfied(), c.hotlineCheckedAt(),
                c.hotlineFinding(), c.firstComplaintAt());
    }

    /** Whether an approved suspension (挂账/缓办) covered the moment: begun at or before it and not ended by then. */
    public boolean suspendedAt(Instant moment) {
        return lastSuspensionFrom != null && !lastSuspensionFrom.isAfter(moment)
                && (lastSuspensionUntil == null || lastSuspensionUntil.isAfter(moment));
    }

    /** Whether the department answers for the case or was called in to it. */
    public boolean concerns(String department) {
        return department.equals(responsibleDepartment) || participants.contains(department);
    }
}
