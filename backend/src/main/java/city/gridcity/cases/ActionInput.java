package city.gridcity.cases;

/**
 * What a user gives with an action besides the action itself. The table row says which inputs an
 * action takes, so the console's forms and the published table ({@code GET /api/v1/workflow/transitions})
 * follow one list; the row's handler reads them. A reason that must be given is the
 * {@link CaseGuard#REASON_GIVEN} guard, not an input.
 */
public enum ActionInput {
    /** An optional note for the next person (shown as "reason" when the guard requires it). */
    NOTE,
    /** The filing condition (立案条件) that applies, which fixes the disposal limit. */
    CONDITION,
    /** Ordinary or emergency, at filing. */
    PROBLEM_TYPE,
    /** The department the case goes to (dispatch, decision) or leads the coordination. */
    DEPARTMENT,
    /** The departments called in by a whistle. */
    DEPARTMENTS,
    /** The number of the case a report repeats. */
    DUPLICATE_OF,
    /** How much longer, and in which unit. */
    EXTENSION,
    /** The day a suspension ends: required when asked for. */
    RESUME_ON,
    /** The day a suspension ends, when it may differ from the one asked for. */
    RESUME_ON_OPTIONAL,
    /** A resident's rating of a closed case: solved or not, the satisfaction word, a comment, a photo. */
    RATING
}
