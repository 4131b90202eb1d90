package city.gridcity.assessment;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * The value of an indicator for a target and a period, with what it was computed from: a count or sum
 * ({@code denominator} null), or a rate numerator / denominator in [0, 1] to four decimals, null when the
 * denominator is 0 ("no data", which the scheme's item scores). {@code inputs} are what the
 * numerator counted, in order: case numbers (the cases behind a deduction), or community codes for the
 * low-case community rate.
 */
public record Measure(BigDecimal value, BigDecimal numerator, BigDecimal denominator, List<String> inputs) {

    public static final int SCALE = 4;

    public static Measure count(long n, List<String> inputs) {
        return new Measure(BigDecimal.valueOf(n), BigDecimal.valueOf(n), null, List.copyOf(inputs));
    }

    public static Measure sum(BigDecimal total, List<String> inputs) {
        return new Measure(total, total, null, List.copyOf(inputs));
    }

    public static Measure rate(long part, long whole, List<String> inputs) {
        return rate(BigDecimal.valueOf(part), BigDecimal.valueOf(whole), inputs);
    }

    public static Measure rate(BigDecimal part, BigDecimal whole, List<String> inputs) {
        BigDecimal value = whole.signum() == 0 ? null : part.divide(whole, SCALE, RoundingMode.HALF_UP);
        return new Measure(value, part, whole, List.copyOf(inputs));
    }

    /** A value computed some other way (a mean of daily rates, a change rate), null for no data. */
    public static Measure of(BigDecimal value, List<String> inputs) {
        return new Measure(value == null ? null : value.setScale(SCALE, RoundingMode.HALF_UP), null, null,
                List.copyOf(inputs));
    }

    public boolean noData() {
        return value == null;
    }
}
