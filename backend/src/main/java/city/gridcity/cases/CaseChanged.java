package city.gridcity.cases;

import java.time.Instant;

/**
 * Fired inside the transaction of every accepted action, once per case event: notifiers observe it
 * and write their outbox rows in the same transaction, so a notification exists exactly when the
 * change does. {@code actorRole} and {@code data} are what the event row records (data as its JSON,
 * or {@code null}), so observers need not read the row back. {@code actorId} is the user who acted
 * ({@code null} for the system); {@code triage} and {@code triagedBy} the volunteer's word on the case, if any.
 */
public record CaseChanged(long caseId, String number, CaseAction action, CaseState from, CaseState to,
                          String departmentCode, Long reporterId, CaseSource.Channel sourceChannel, String hotlineTicket,
                          Instant at, String actorRole, String data, Long actorId, CityCase.Triage triage,
                          Long triagedBy) {
}
