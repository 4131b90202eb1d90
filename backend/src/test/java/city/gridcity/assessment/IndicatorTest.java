package city.gridcity.assessment;

import static city.gridcity.assessment.Rows.D1;
import static city.gridcity.assessment.Rows.D2;
import static city.gridcity.assessment.Rows.NOVEMBER;
import static city.gridcity.assessment.Rows.aCase;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import city.gridcity.cases.CaseSource;
import city.gridcity.cases.CityCase;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** One worked example per indicator, with numbers a person can check by hand (November 2026: 30 days). */
class IndicatorTest {

    static final Target DISTRICT_1 = new Target(Target.Kind.DISTRICT, D1);

    static Measure measure(Indicator i, Target t, List<CaseRow> rows) {
        return measure(i, t, rows, List.of(), List.of(t), CityShape.empty(), Parameters.defaults());
    }

    static Measure measure(Indicator i, Target t, List<CaseRow> rows, List<CaseRow> before, List<Target> peers,
                           CityShape shape, Parameters params) {
        return i.compute(new IndicatorInput(NOVEMBER, t, rows, before, peers, shape, params));
    }

    static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    @Test
    void reports_count_the_targets_cases_reported_in_the_period_and_no_others() {
        List<CaseRow> rows = List.of(aCase("A").reportedOn(1).row(), aCase("B").reportedOn(30).row(),
                aCase("C").reportedOn(31).row(), aCase("D").reportedOn(0).row(), aCase("E").in(D2).reportedOn(5).row());
        Measure m = measure(Indicator.REPORTS, DISTRICT_1, rows);
        assertEquals(d("2"), m.value(), "A on the 1st and B on the 30th; C is December, D October, E another district");
        assertEquals(List.of("A", "B"), m.inputs());
    }

    @Test
    void filed_counts_cases_filed_in_the_period_whenever_reported() {
        List<CaseRow> rows = List.of(aCase("A").reportedOn(0).filedOn(1).row(), aCase("B").filedOn(31).row(),
                aCase("C").row());
        assertEquals(d("1"), measure(Indicator.FILED, DISTRICT_1, rows).value());
    }

    @Test
    void the_base_case_count_sums_the_weights_of_the_cases_filed_in_the_period() {
        List<CaseRow> rows = List.of(aCase("A").weight("1.00").filedOn(2).row(), aCase("B").weight("0.50").filedOn(3).row(),
                aCase("C").weight("2.00").filedOn(4).row(), aCase("D").weight("9.00").row());
        assertEquals(0, d("3.50").compareTo(measure(Indicator.BASE_CASE_COUNT, DISTRICT_1, rows).value()),
                "1 + 0.5 + 2; D was never filed");
    }

    @Test
    void the_filing_rate_is_filed_over_reports_less_merged_duplicates() {
        // 10 reported: 6 filed, 2 merged into other cases, 2 rejected → 6 / (10 − 2) = 0.75
        List<CaseRow> rows = IntStream.rangeClosed(1, 10).mapToObj(i -> {
            Rows.Builder b = aCase("R" + i).reportedOn(i);
            return (i <= 6 ? b.filedOn(i) : i <= 8 ? b.mergedOn(i) : b).row();
        }).toList();
        Measure m = measure(Indicator.FILING_RATE, DISTRICT_1, rows);
        assertEquals(d("0.7500"), m.value());
        assertEquals(d("6"), m.numerator());
        assertEquals(d("8"), m.denominator());
    }

    @Test
    void the_on_time_dispatch_rate_counts_dispatch_phases_ended_in_the_period() {
        // A: 2 ended, 1 on time; B: 1 ended on time; C ended in December → (1 + 1) / (2 + 1) = 0.6667
        List<CaseRow> rows = List.of(aCase("A").dispatchEnded(3, 2, 1).row(), aCase("B").dispatchEnded(4, 1, 1).row(),
                aCase("C").dispatchEnded(31, 5, 0).row());
        Measure m = measure(Indicator.DISPATCH_ON_TIME_RATE, DISTRICT_1, rows);
        assertEquals(d("0.6667"), m.value());
        assertEquals(List.of("A"), m.inputs(), "the case with a late dispatch");
    }

    @Test
    void the_dispatch_accuracy_is_one_minus_returned_dispatches_over_dispatches() {
        // 4 dispatches, 1 returned: 1 − 1/4 = 0.75
        List<CaseRow> rows = List.of(aCase("A").dispatched(2, 2, 1).row(), aCase("B").dispatched(5, 1, 0).row(),
                aCase("C").dispatched(6, 1, 0).row());
        Measure m = measure(Indicator.DISPATCH_ACCURACY, DISTRICT_1, rows);
        assertEquals(d("0.7500"), m.value());
        assertEquals(List.of("A"), m.inputs());
    }

    @Test
    void due_cases_have_their_deadline_in_the_period_and_are_not_suspended_at_its_end() {
        List<CaseRow> rows = List.of(
                aCase("A").dueOn(10, true).closedOn(9).row(),
                aCase("B").dueOn(20, false).closedOn(25).row(),
                aCase("C").dueOn(28, null).row(),
                aCase("D").dueOn(29, null).suspended(15, null).row(),       // suspended at the end: not due
                aCase("E").dueOn(29, null).suspended(10, 20).row(),         // the suspension ended before: due
                aCase("F").dueOn(31, null).row());                          // December: not due
        Measure due = measure(Indicator.DUE, DISTRICT_1, rows);
        assertEquals(d("4"), due.value());
        assertEquals(List.of("A", "B", "C", "E"), due.inputs());
        // closed by the end: A and B → 2/4; closed with the disposal on time: A → 1/4
        assertEquals(d("0.5000"), measure(Indicator.CLOSURE_RATE, DISTRICT_1, rows).value());
        assertEquals(List.of("C", "E"), measure(Indicator.CLOSURE_RATE, DISTRICT_1, rows).inputs());
        assertEquals(d("0.2500"), measure(Indicator.ON_TIME_CLOSURE_RATE, DISTRICT_1, rows).value());
    }

    @Test
    void a_departments_on_time_disposal_counts_the_cases_it_answers_for() {
        Target water = new Target(Target.Kind.DEPARTMENT, "water");
        List<CaseRow> rows = List.of(aCase("A").department("water").dueOn(5, true).closedOn(4).row(),
                aCase("B").department("water").dueOn(6, false).closedOn(8).row(),
                aCase("C").department("roads").dueOn(6, true).closedOn(5).row());
        assertEquals(d("0.5000"), measure(Indicator.ON_TIME_CLOSURE_RATE, water, rows).value());
    }

    @Test
    void the_rework_rate_is_cases_that_failed_a_verification_over_cases_verified_in_the_period() {
        // 5 verified in November, 2 of them failed at least once (one failed twice: still one case) → 0.4
        List<CaseRow> rows = List.of(aCase("A").verified(3, 7, 2).row(), aCase("B").verified(4, 7, 1).row(),
                aCase("C").verified(5, 7, 0).row(), aCase("D").verified(6, 7, 0).row(), aCase("E").verified(7, 7, 0).row(),
                aCase("F").verified(31, 7, 3).row());
        Measure m = measure(Indicator.REWORK_RATE, DISTRICT_1, rows);
        assertEquals(d("0.4000"), m.value());
        assertEquals(List.of("A", "B"), m.inputs());
    }

    @Test
    void a_supervisors_on_time_verification_rate_counts_the_verifications_they_made() {
        Target supervisor = new Target(Target.Kind.POST, "7");
        // verified by 7: 3 done, 2 on time, and 1 done on time; verified by 8: ignored → 3/4
        List<CaseRow> rows = List.of(aCase("A").reporter(99).verified(3, 7, 0).verificationsEnded(3, 3, 2).row(),
                aCase("B").reporter(99).verified(4, 7, 0).verificationsEnded(4, 1, 1).row(),
                aCase("C").reporter(99).verified(4, 8, 0).verificationsEnded(4, 1, 0).row());
        assertEquals(d("0.7500"), measure(Indicator.VERIFICATION_ON_TIME_RATE, supervisor, rows).value());
    }

    @Test
    void the_missed_report_rate_is_the_mean_of_the_daily_rates_over_every_day_of_the_period_key_and_routine_apart() {
        // Key classes. Day 1: 3 district reports, 1 missed → 1/4. Day 2: 0 reports, 1 missed → 1/1.
        // Other 28 days: nothing → 0/0 = 0. Mean = (0.25 + 1) / 30 = 0.041667
        List<CaseRow> rows = List.of(
                aCase("K1").key().reportedOn(1).row(), aCase("K2").key().reportedOn(1).row(),
                aCase("K3").key().reportedOn(1).row(), aCase("M1").key().missed().reportedOn(1).row(),
                aCase("M2").key().missed().reportedOn(2).row(),
                // routine: day 5, 1 report and 1 missed → 1/2; mean 0.5 / 30 = 0.016667
                aCase("R1").reportedOn(5).row(), aCase("M3").missed().reportedOn(5).row(),
                // a city supervisor's report that repeats a district one is not missed
                aCase("C1").by(CaseSource.Channel.CITY_SUPERVISOR).key().reportedOn(3).row());
        Measure key = measure(Indicator.MISSED_REPORT_RATE_KEY, DISTRICT_1, rows);
        assertEquals(d("0.0417"), key.value());
        assertEquals(List.of("M1", "M2"), key.inputs());
        assertEquals(d("0.0167"), measure(Indicator.MISSED_REPORT_RATE_ROUTINE, DISTRICT_1, rows).value());
    }

    @Test
    void a_community_is_low_case_if_on_any_counted_day_it_had_fewer_reports_than_its_threshold() {
        // Two communities: A ordinary (10 a day), B a development zone (6 a day); 30 days of November.
        // A gets 10 reports every day but 9 on day 7 → low-case. B gets 6 every day → not low-case. Rate 1/2.
        String a = D1 + "001001";
        String b = D1 + "001002";
        List<CaseRow> rows = new java.util.ArrayList<>();
        for (int day = 1; day <= 30; day++) {
            for (int i = 0; i < (day == 7 ? 9 : 10); i++) {
                rows.add(aCase("A" + day + "-" + i).community(a).reportedOn(day).row());
            }
            for (int i = 0; i < 6; i++) {
                rows.add(aCase("B" + day + "-" + i).community(b).reportedOn(day).row());
            }
        }
        CityShape shape = new CityShape(List.of(new CityShape.Community(a, D1, null),
                new CityShape.Community(b, D1, "development_zone")), List.of());
        Measure m = measure(Indicator.LOW_CASE_COMMUNITY_RATE, DISTRICT_1, rows, List.of(), List.of(), shape,
                Parameters.defaults());
        assertEquals(d("0.5000"), m.value());
        assertEquals(List.of(a), m.inputs());

        // Counting working days only, and the 7th (a Saturday) is not one: A is not low-case any more.
        Set<LocalDate> workingDays = NOVEMBER.days().stream().filter(x -> x.getDayOfWeek().getValue() < 6)
                .collect(Collectors.toSet());
        Parameters working = new Parameters(Map.of("development_zone", 6), workingDays,
                Parameters.defaults().areaClassWeights(), Parameters.ChangeBase.PREVIOUS_PERIOD);
        assertEquals(d("0.0000"), measure(Indicator.LOW_CASE_COMMUNITY_RATE, DISTRICT_1, rows, List.of(), List.of(),
                shape, working).value());
    }

    @Test
    void the_satisfaction_rate_counts_satisfied_and_basically_satisfied_ratings_of_cases_closed_in_the_period() {
        // A: 2 satisfied, 1 dissatisfied; B: 1 basically satisfied; C closed in October → (2 + 1) / 4 = 0.75
        List<CaseRow> rows = List.of(aCase("A").closedOn(3).rated(2, 0, 1).row(), aCase("B").closedOn(4).rated(0, 1, 0).row(),
                aCase("C").closedOn(0).rated(0, 0, 5).row(), aCase("D").closedOn(5).row());
        Measure m = measure(Indicator.SATISFACTION_RATE, DISTRICT_1, rows);
        assertEquals(d("0.7500"), m.value());
        assertEquals(List.of("A"), m.inputs());
    }

    @Test
    void grid_and_community_solved_rates_are_shares_of_the_cases_closed_in_the_period() {
        // 5 closed: 3 at grid level, 1 at community, 1 at district → 0.6 and 0.2
        List<CaseRow> rows = List.of(aCase("A").closedOn(2).solvedAt(CityCase.Level.GRID).row(),
                aCase("B").closedOn(2).solvedAt(CityCase.Level.GRID).row(),
                aCase("C").closedOn(3).solvedAt(CityCase.Level.GRID).row(),
                aCase("D").closedOn(3).solvedAt(CityCase.Level.COMMUNITY).row(),
                aCase("E").closedOn(4).solvedAt(CityCase.Level.DISTRICT).row());
        assertEquals(d("0.6000"), measure(Indicator.GRID_SOLVED_RATE, DISTRICT_1, rows).value());
        assertEquals(d("0.2000"), measure(Indicator.COMMUNITY_SOLVED_RATE, DISTRICT_1, rows).value());
    }

    @Test
    void change_and_contribution_rates_compare_each_department_with_the_previous_period() {
        // October → November: water 10 → 6 (reduction 4), roads 5 → 4 (1), parks 2 → 3 (−1, counts 0 in the sum)
        Target water = new Target(Target.Kind.DEPARTMENT, "water");
        Target roads = new Target(Target.Kind.DEPARTMENT, "roads");
        Target parks = new Target(Target.Kind.DEPARTMENT, "parks");
        List<CaseRow> october = new java.util.ArrayList<>();
        List<CaseRow> november = new java.util.ArrayList<>();
        add(october, "water", 10, -5);
        add(october, "roads", 5, -5);
        add(october, "parks", 2, -5);
        add(november, "water", 6, 3);
        add(november, "roads", 4, 3);
        add(november, "parks", 3, 3);
        List<Target> peers = List.of(water, roads, parks);
        assertEquals(d("0.4000"), measure(Indicator.CHANGE_RATE, water, november, october, peers, CityShape.empty(),
                Parameters.defaults()).value(), "(10 − 6) / 10");
        assertEquals(d("-0.5000"), measure(Indicator.CHANGE_RATE, parks, november, october, peers, CityShape.empty(),
                Parameters.defaults()).value(), "(2 − 3) / 2");
        assertEquals(d("0.8000"), measure(Indicator.CONTRIBUTION_RATE, water, november, october, peers, CityShape.empty(),
                Parameters.defaults()).value(), "4 / (4 + 1 + 0)");
        assertEquals(d("0.2000"), measure(Indicator.CONTRIBUTION_RATE, roads, november, october, peers, CityShape.empty(),
                Parameters.defaults()).value());
    }

    @Test
    void the_max_density_change_rate_compares_the_densest_grid_per_square_kilometre() {
        // Bikes: October 8 cases in G1 (2 km², 4/km²) and 3 in G2 (0.5 km², 6/km²) → max 6.
        // November 4 in G1 (2/km²) and 2 in G2 (4/km²) → max 4. Change (6 − 4) / 6 = 0.3333
        Target bikes = new Target(Target.Kind.DEPARTMENT, "bikes");
        String g1 = D1 + "00100101";
        String g2 = D1 + "00100102";
        List<CaseRow> october = new java.util.ArrayList<>();
        List<CaseRow> november = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) october.add(aCase("o1-" + i).department("bikes").grid(g1).reportedOn(-3).row());
        for (int i = 0; i < 3; i++) october.add(aCase("o2-" + i).department("bikes").grid(g2).reportedOn(-3).row());
        for (int i = 0; i < 4; i++) november.add(aCase("n1-" + i).department("bikes").grid(g1).reportedOn(3).row());
        for (int i = 0; i < 2; i++) november.add(aCase("n2-" + i).department("bikes").grid(g2).reportedOn(3).row());
        CityShape shape = new CityShape(List.of(), List.of(new CityShape.ManagementGrid(g1, D1, "general", d("2")),
                new CityShape.ManagementGrid(g2, D1, "core", d("0.5"))));
        assertEquals(d("0.3333"), measure(Indicator.MAX_DENSITY_CHANGE_RATE, bikes, november, october, List.of(bikes),
                shape, Parameters.defaults()).value());
    }

    @Test
    void the_grid_coefficient_weighs_each_management_grids_area_by_its_class() {
        // core 1.5 × 0.2 + busy 1.2 × 0.5 + general 1 × 1.0 = 0.3 + 0.6 + 1.0 = 1.9; another district's grid ignored
        CityShape shape = new CityShape(List.of(), List.of(new CityShape.ManagementGrid("g1", D1, "core", d("0.2")),
                new CityShape.ManagementGrid("g2", D1, "busy", d("0.5")),
                new CityShape.ManagementGrid("g3", D1, "general", d("1.0")),
                new CityShape.ManagementGrid("g4", D2, "core", d("9"))));
        assertEquals(0, d("1.9").compareTo(Indicator.gridCoefficient(D1, shape, Parameters.defaults())));
    }

    @Test
    void a_rate_with_nothing_to_count_has_no_data() {
        Measure m = measure(Indicator.CLOSURE_RATE, DISTRICT_1, List.of());
        assertTrue(m.noData());
        assertNull(m.value());
        assertEquals(BigDecimal.ZERO, m.denominator());
    }

    @Test
    void every_indicator_has_a_unique_wire_name() {
        assertEquals(Indicator.values().length, java.util.Arrays.stream(Indicator.values()).map(Indicator::wireName)
                .distinct().count());
        assertEquals(Indicator.FILING_RATE, Indicator.fromWireName("filing-rate").orElseThrow());
    }

    private static void add(List<CaseRow> rows, String department, int n, int day) {
        for (int i = 0; i < n; i++) {
            rows.add(aCase(department + day + "-" + i).department(department).reportedOn(day).row());
        }
    }

    @Test
    void the_duplicate_and_false_rates_are_the_judged_samples_of_the_period_found_duplicate_or_false() {
        // District 1: five samples judged in November (A valid, B and C duplicates, D false, E valid) and one judged
        // on 1 December (F, duplicate: not November). District 2: G judged false. Case H of district 1 is sampled but
        // its judgement is not in the list (unjudged): it counts nowhere.
        List<CaseRow> rows = List.of(aCase("A").reportedOn(2).row(), aCase("B").reportedOn(2).row(),
                aCase("C").reportedOn(9).row(), aCase("D").reportedOn(15).row(), aCase("E").reportedOn(30).row(),
                aCase("F").reportedOn(31).row(), aCase("G").in(D2).reportedOn(3).row(), aCase("H").reportedOn(4).row());
        List<IndicatorInput.Judgement> judged = List.of(j("A", 2, "VALID"), j("B", 2, "DUPLICATE"), j("C", 9, "DUPLICATE"),
                j("D", 15, "FALSE"), j("E", 30, "VALID"), j("F", 31, "DUPLICATE"), j("G", 3, "FALSE"));
        Measure duplicates = Indicator.DUPLICATE_RATE.compute(new IndicatorInput(NOVEMBER, DISTRICT_1, rows, List.of(),
                List.of(DISTRICT_1), CityShape.empty(), Parameters.defaults(), judged));
        assertEquals(d("0.4000"), duplicates.value(), "2 duplicates (B, C) of 5 judged (A–E)");
        assertEquals(d("5"), duplicates.denominator());
        assertEquals(List.of("B", "C"), duplicates.inputs());
        Measure falses = Indicator.FALSE_RATE.compute(new IndicatorInput(NOVEMBER, DISTRICT_1, rows, List.of(),
                List.of(DISTRICT_1), CityShape.empty(), Parameters.defaults(), judged));
        assertEquals(d("0.2000"), falses.value(), "1 false (D) of 5 judged");
        assertEquals(List.of("D"), falses.inputs());
        Target d2 = new Target(Target.Kind.DISTRICT, D2);
        assertEquals(d("1.0000"), Indicator.FALSE_RATE.compute(new IndicatorInput(NOVEMBER, d2, rows, List.of(),
                List.of(d2), CityShape.empty(), Parameters.defaults(), judged)).value(), "G: 1 false of 1 judged");
        assertNull(Indicator.DUPLICATE_RATE.compute(new IndicatorInput(NOVEMBER, DISTRICT_1, rows, List.of(),
                List.of(DISTRICT_1), CityShape.empty(), Parameters.defaults(), List.of())).value(),
                "nothing judged: no data, which the scheme's item scores");
    }

    private static IndicatorInput.Judgement j(String number, int day, String verdict) {
        return new IndicatorInput.Judgement(number, LocalDate.of(2026, 11, 1).plusDays(day - 1), verdict);
    }
}
