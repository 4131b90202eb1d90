package city.gridcity.cases;

import java.time.Instant;

/**
 * Fired inside the transaction of every accepted action, once per case event: notifiers observe it
 * and write their outbox rows in the same transaction, so a notification exists exactly when the
 * change does. {@code actorRole} and {@code data} are what the event row records (data as its JSON,
 * or {@code null}), so observers need not read the row back. {@code actorId} is the acting user's
 * (null for the system and for actors who are not users).
 */
public record CaseChanged(long caseId, String number, CaseAction action, CaseState from, CaseState to,
                          String departmentCode, Long reporterId, CaseSource.Channel sourceChannel, String hotlineTicket,
                          Instant at, String actorRole, String data, Long actorId) {
}
