package city.gridcity.cases.facts.web;

import city.gridcity.shared.i18n.Messages;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * The period filter of the case-facts pages: two dates of the city's days (the last inclusive), this month
 * by default, with quick links (this month, last month, this year) and each field's problem in the reader's
 * language. {@code first} and {@code last} are meaningful only when {@link #valid()}.
 */
record PeriodForm(LocalDate first, LocalDate last, String shownFrom, String shownTo, String fromError, String toError,
                  List<Preset> presets) {

    /** A quick period link. */
    record Preset(String label, String url, boolean on) {
    }

    static PeriodForm parse(String from, String to, LocalDate today, Messages.Msg msg, String path) {
        LocalDate monthStart = today.withDayOfMonth(1);
        String fromError = null;
        String toError = null;
        LocalDate first = monthStart;
        LocalDate last = today;
        try {
            first = from == null || from.isBlank() ? monthStart : LocalDate.parse(from.trim());
        } catch (DateTimeParseException e) {
            fromError = msg.t("satisfaction.badDate");
        }
        try {
            last = to == null || to.isBlank() ? today : LocalDate.parse(to.trim());
        } catch (DateTimeParseException e) {
            toError = msg.t("satisfaction.badDate");
        }
        if (fromError == null && toError == null && last.isBefore(first)) {
            toError = msg.t("satisfaction.toBeforeFrom");
        }
        List<Preset> presets = List.of(
                preset(msg.t("satisfaction.thisMonth"), monthStart, today, first, last, path),
                preset(msg.t("satisfaction.lastMonth"), monthStart.minusMonths(1), monthStart.minusDays(1), first, last, path),
                preset(msg.t("satisfaction.thisYear"), today.withDayOfYear(1), today, first, last, path));
        return new PeriodForm(first, last, fromError == null ? first.toString() : from, toError == null ? last.toString() : to,
                fromError, toError, presets);
    }

    boolean valid() {
        return fromError == null && toError == null;
    }

    private static Preset preset(String label, LocalDate from, LocalDate to, LocalDate first, LocalDate last, String path) {
        return new Preset(label, path + "?from=" + from + "&to=" + to, from.equals(first) && to.equals(last));
    }
}
