package city.gridcity.cases;

import java.time.Instant;

/** A phase deadline that is near (a reminder) or has passed (overdue); notifiers observe it. */
public record CaseDeadline(Kind kind, long caseId, String number, CaseState.Phase phase, String departmentCode,
                           Instant deadline) {

    public enum Kind {
        REMINDER, OVERDUE
    }
}
