package city.gridcity.catalog;

/**
 * One filing condition (立案条件) of a subclass: what qualifies, how long disposal may take
 * (处置时限), and when the case may close (结案条件).
 */
public record FilingCondition(String code, String text, TimeLimit limit, String closing) {

    /** A disposal time limit: an amount of working hours, working days, or natural hours (emergencies). */
    public record TimeLimit(int amount, Unit unit) {
    }

    /** How a limit is counted. */
    public enum Unit {
        WORKING_HOURS, WORKING_DAYS, NATURAL_HOURS
    }
}
