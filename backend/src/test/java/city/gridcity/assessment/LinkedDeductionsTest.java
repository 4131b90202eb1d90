package city.gridcity.assessment;

import static city.gridcity.assessment.Rows.D1;
import static city.gridcity.assessment.Rows.D2;
import static city.gridcity.assessment.Rows.NOVEMBER;
import static city.gridcity.assessment.Rows.aCase;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import city.gridcity.shared.problem.Problem;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Linked deductions (关联扣分, seed 003) worked by hand: a district's 按期结案率 deduction shared with the departments at
 * which its cases were overdue (同网同责), a lead department's 按期处置率 deduction shared with the departments it
 * called in by a whistle (同项同责).
 */
class LinkedDeductionsTest {

    static final String SANITATION = "sanitation";
    static final String GARDENS = "gardens";
    static final String WATER = "water";
    static final String POWER = "power";
    static final String ROADS = "roads";

    static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    /** The districts' item: 按期结案率, 50 points at or above 70 %, −1 point per percentage point below. */
    static final Scheme.Item ON_TIME_CLOSURE = new Scheme.Item("on-time-closure", "按期结案率", "on-time-closure-rate",
            d("50"), "threshold-linear", Map.of("threshold", d("0.70"), "k", d("1")), Scheme.NoData.FULL, false);

    /** The departments' item: 按期处置率, 40 points at or above 80 %, −1 point per percentage point below. */
    static final Scheme.Item ON_TIME_DISPOSAL = new Scheme.Item("on-time-disposal", "按期处置率", "on-time-closure-rate",
            d("40"), "threshold-linear", Map.of("threshold", d("0.80"), "k", d("1")), Scheme.NoData.FULL, false);

    /** A departments' item every department has full points on here (no ratings: no data, scored full). */
    static final Scheme.Item SATISFACTION = new Scheme.Item("satisfaction", "满意率", "satisfaction-rate", d("60"),
            "proportional", Map.of(), Scheme.NoData.FULL, false);

    static final Scheme.LinkedRule SAME_GRID = new Scheme.LinkedRule("same-grid", "同网同责", LinkedDeductions.Kind.SAME_GRID,
            "districts", "on-time-closure", d("0.5"));
    static final Scheme.LinkedRule SAME_ITEM = new Scheme.LinkedRule("same-item", "同项同责", LinkedDeductions.Kind.SAME_ITEM,
            null, "on-time-disposal", d("0.3"));

    static Scheme districts() {
        return new Scheme("districts", "城区", Target.Kind.DISTRICT, true, List.of(),
                List.of(new Scheme.Component("system", "系统数据", BigDecimal.ONE, List.of(ON_TIME_CLOSURE))), null);
    }

    static Scheme departments(List<Scheme.Item> items, List<Scheme.LinkedRule> linked) {
        return new Scheme("departments", "部门", Target.Kind.DEPARTMENT, true, List.of(),
                List.of(new Scheme.Component("system", "系统数据", BigDecimal.ONE, items)), null, null, linked);
    }

    /**
     * District 1's month: ten cases due on the 10th; five closed on time (A1-A5), five not (B1-B5). B1 and B2 were
     * overdue at sanitation, B3 at gardens; B4's disposal was on time but it was closed in December (its verification
     * ran late): no department was late; B5 was never dispatched. District 2 closed its one due case on time.
     */
    static List<CaseRow> districtMonth() {
        return List.of(
                aCase("A1").dueOn(10, true).closedOn(9).department(SANITATION).row(),
                aCase("A2").dueOn(10, true).closedOn(9).department(SANITATION).row(),
                aCase("A3").dueOn(10, true).closedOn(9).department(GARDENS).row(),
                aCase("A4").dueOn(10, true).closedOn(9).department(GARDENS).row(),
                aCase("A5").dueOn(10, true).closedOn(9).department(GARDENS).row(),
                aCase("B1").dueOn(10, false).closedOn(12).department(SANITATION).row(),
                aCase("B2").dueOn(10, false).closedOn(14).department(SANITATION).row(),
                aCase("B3").dueOn(10, false).department(GARDENS).row(),
                aCase("B4").dueOn(10, true).closedOn(33).department(GARDENS).row(),
                aCase("B5").dueOn(10, null).row(),
                aCase("C1").in(D2).dueOn(10, true).closedOn(9).department(SANITATION).row());
    }

    static Map<String, CaseRow> byNumber(List<CaseRow> rows) {
        Map<String, CaseRow> m = new HashMap<>();
        rows.forEach(r -> m.put(r.number(), r));
        return m;
    }

    static LinkedDeductions.Deduction districtDeduction(String district, List<CaseRow> rows) {
        Target t = new Target(Target.Kind.DISTRICT, district);
        IndicatorInput in = new IndicatorInput(NOVEMBER, t, rows, List.of(), List.of(t), CityShape.empty(),
                Parameters.defaults());
        return LinkedDeductions.Deduction.of(district, Scoring.item("system", ON_TIME_CLOSURE, in));
    }

    @Test
    void a_department_takes_half_of_what_the_district_lost_for_each_case_overdue_at_it() {
        // given: District 1 closed 5 of 10 due cases on time: 50 %, 20 points below 70 %, 50 − 20 = 30 of 50;
        // the 20 points lost fall on the 5 cases behind the deduction: 4 points each
        List<CaseRow> rows = districtMonth();
        LinkedDeductions.Deduction d1 = districtDeduction(D1, rows);
        assertEquals(0, d("20").compareTo(d1.lost()));
        assertEquals(List.of("B1", "B2", "B3", "B4", "B5"), d1.cases());

        // when: half of it is shared with the departments the cases were overdue at
        Map<String, List<LinkedDeductions.Line>> lines = LinkedDeductions.sameGrid(SAME_GRID,
                List.of(d1, districtDeduction(D2, rows)), byNumber(rows), NOVEMBER.end());

        // then: sanitation 2 × (4 × 0.5) = 4.00 for B1 and B2, gardens 2.00 for B3 (still open past its deadline);
        // B4 was not late at a department, B5 had none; District 2 lost nothing
        assertEquals(List.of(SANITATION, GARDENS), List.copyOf(lines.keySet()));
        List<LinkedDeductions.Line> sanitation = lines.get(SANITATION);
        assertEquals(List.of("B1", "B2"), sanitation.stream().map(LinkedDeductions.Line::caseNumber).toList());
        LinkedDeductions.Line b1 = sanitation.get(0);
        assertEquals(D1, b1.from(), "the line names the district the deduction came from");
        assertEquals("on-time-closure", b1.fromItem());
        assertEquals(0, d("4").compareTo(b1.fromDeduction()), "the district's deduction for the case");
        assertEquals(d("2.00"), b1.points());
        assertEquals(d("4.00"), LinkedDeductions.total(sanitation));
        assertEquals(List.of("B3"), lines.get(GARDENS).stream().map(LinkedDeductions.Line::caseNumber).toList());
        assertEquals(d("2.00"), LinkedDeductions.total(lines.get(GARDENS)));
    }

    @Test
    void the_linked_points_come_off_the_departments_total_and_reorder_the_ranking() {
        // given: both departments have 60 of 60 points of their own (100.00): sanitation owes 4.00, gardens 2.00
        List<CaseRow> rows = districtMonth();
        Scheme scheme = departments(List.of(SATISFACTION), List.of(SAME_GRID));
        List<Target> targets = List.of(new Target(Target.Kind.DEPARTMENT, GARDENS),
                new Target(Target.Kind.DEPARTMENT, "parks"), new Target(Target.Kind.DEPARTMENT, SANITATION));
        Scoring.Linker linker = LinkedDeductions.linker(scheme.linked(),
                Map.of("same-grid", List.of(districtDeduction(D1, rows), districtDeduction(D2, rows))), byNumber(rows),
                NOVEMBER.end(), (target, line) -> false);

        // when
        List<Scoring.TargetResult> results = Scoring.run(scheme, targets,
                t -> new IndicatorInput(NOVEMBER, t, rows, List.of(), targets, CityShape.empty(), Parameters.defaults()),
                Scoring.Adjustments.NONE, linker);

        // then: parks 100.00 first, gardens 98.00, sanitation 96.00
        assertEquals(List.of("parks", GARDENS, SANITATION), results.stream().map(r -> r.target().code()).toList());
        assertEquals(List.of(d("100.00"), d("98.00"), d("96.00")), results.stream().map(Scoring.TargetResult::total).toList());
        assertEquals(List.of(1, 2, 3), results.stream().map(Scoring.TargetResult::rank).toList());
        assertEquals(2, results.get(2).linked().size());
        assertTrue(results.get(0).linked().isEmpty());
    }

    @Test
    void an_upheld_appeal_on_a_linked_case_takes_that_line_away_and_only_that_one() {
        List<CaseRow> rows = districtMonth();
        Scheme scheme = departments(List.of(SATISFACTION), List.of(SAME_GRID));
        List<Target> targets = List.of(new Target(Target.Kind.DEPARTMENT, SANITATION));
        Scoring.Linker linker = LinkedDeductions.linker(scheme.linked(), Map.of("same-grid", List.of(districtDeduction(D1, rows))),
                byNumber(rows), NOVEMBER.end(), (target, line) -> target.equals(SANITATION) && line.caseNumber().equals("B2"));

        Scoring.TargetResult r = Scoring.run(scheme, targets,
                t -> new IndicatorInput(NOVEMBER, t, rows, List.of(), targets, CityShape.empty(), Parameters.defaults()),
                Scoring.Adjustments.NONE, linker).get(0);

        assertEquals(List.of("B1"), r.linked().stream().map(LinkedDeductions.Line::caseNumber).toList());
        assertEquals(d("98.00"), r.total(), "100 − 2.00 for B1 alone");
    }

    @Test
    void departments_called_in_by_a_whistle_take_thirty_percent_of_the_leads_deduction_for_that_case() {
        // given: water leads 4 due cases: W1 and W2 on time, W3 late after a whistle calling in power and roads, W4 late
        // without one: 50 %, 30 points below 80 %, 40 − 30 = 10 of 40; 30 points lost over W3 and W4: 15 each
        List<CaseRow> rows = List.of(
                aCase("W1").dueOn(10, true).closedOn(9).department(WATER).row(),
                aCase("W2").dueOn(10, true).closedOn(9).department(WATER).row(),
                aCase("W3").dueOn(10, false).closedOn(12).whistle(WATER, WATER, POWER, ROADS).row(),
                aCase("W4").dueOn(10, false).closedOn(12).department(WATER).row());
        Scheme scheme = departments(List.of(ON_TIME_DISPOSAL), List.of(SAME_ITEM));
        List<Target> targets = List.of(new Target(Target.Kind.DEPARTMENT, POWER), new Target(Target.Kind.DEPARTMENT, ROADS),
                new Target(Target.Kind.DEPARTMENT, WATER));
        Scoring.Linker linker = LinkedDeductions.linker(scheme.linked(), Map.of(), byNumber(rows), NOVEMBER.end(),
                (target, line) -> false);

        // when
        Map<String, Scoring.TargetResult> byCode = new HashMap<>();
        Scoring.run(scheme, targets,
                t -> new IndicatorInput(NOVEMBER, t, rows, List.of(), targets, CityShape.empty(), Parameters.defaults()),
                Scoring.Adjustments.NONE, linker).forEach(r -> byCode.put(r.target().code(), r));

        // then: water 10/40 = 25.00 and no line of its own; power and roads each answer for W3 on their own item (0 of 40,
        // 0.00) and are charged 15 × 0.3 = 4.50 for it, which the floor at 0 keeps at 0.00
        Scoring.TargetResult water = byCode.get(WATER);
        assertEquals(d("25.00"), water.total());
        assertTrue(water.linked().isEmpty(), "the lead is not charged its own deduction again");
        LinkedDeductions.Line power = byCode.get(POWER).linked().get(0);
        assertEquals("W3", power.caseNumber());
        assertEquals(WATER, power.from(), "the line names the lead department it came from");
        assertEquals(0, d("15").compareTo(power.fromDeduction()));
        assertEquals(d("4.50"), power.points());
        assertEquals(d("0.00"), byCode.get(POWER).total());
        assertEquals(1, byCode.get(ROADS).linked().size());
    }

    @Test
    void a_case_alone_behind_the_leads_deduction_passes_thirty_percent_of_all_of_it_to_the_department_called_in() {
        // given: water's one due case W3 was late after a whistle calling in power: 0 of 40 for water, 40 lost on 1 case
        List<CaseRow> rows = List.of(aCase("W3").dueOn(10, false).closedOn(12).whistle(WATER, POWER).row());
        Scheme scheme = departments(List.of(ON_TIME_DISPOSAL), List.of(SAME_ITEM));
        List<Target> targets = List.of(new Target(Target.Kind.DEPARTMENT, WATER));
        Scoring.TargetResult water = Scoring.run(scheme, targets,
                t -> new IndicatorInput(NOVEMBER, t, rows, List.of(), targets, CityShape.empty(), Parameters.defaults()),
                Scoring.Adjustments.NONE, Scoring.Linker.NONE).get(0);
        Map<String, List<LinkedDeductions.Line>> lines = LinkedDeductions.sameItem(SAME_ITEM,
                List.of(LinkedDeductions.Deduction.of(WATER, water.items().get(0))), byNumber(rows));

        // then: 40 × 0.3 / 1 = 12.00 for power
        assertEquals(d("12.00"), LinkedDeductions.total(lines.get(POWER)));
    }

    @Test
    void a_linked_deduction_with_a_share_out_of_range_an_unknown_item_or_scheme_is_refused_naming_the_field() {
        Function<String, Optional<Scheme>> city = code -> code.equals("districts") ? Optional.of(districts()) : Optional.empty();
        Scheme bad = departments(List.of(ON_TIME_DISPOSAL), List.of(
                new Scheme.LinkedRule("same-grid", "同网同责", LinkedDeductions.Kind.SAME_GRID, "districts", "no-such", d("1.5")),
                new Scheme.LinkedRule("same-item", "同项同责", LinkedDeductions.Kind.SAME_ITEM, null, "on-time-disposal", d("-0.1")),
                new Scheme.LinkedRule("other", "其他", LinkedDeductions.Kind.SAME_GRID, "streets", "on-time-closure", d("0.2")),
                new Scheme.LinkedRule("nokind", "无类", null, null, "on-time-disposal", d("0.2"))));

        List<Problem.FieldError> problems = SchemeRules.problems(bad, city);

        assertEquals(List.of("linked[0].share", "linked[0].item", "linked[1].share", "linked[2].scheme", "linked[3].kind"),
                problems.stream().map(Problem.FieldError::field).toList(), problems.toString());
        assertTrue(problems.get(0).message().contains("from 0 to 1"), problems.get(0).message());
        assertTrue(problems.get(1).message().contains("unknown item 'no-such'"), problems.get(1).message());
    }

    @Test
    void a_linked_deduction_on_a_districts_scheme_or_on_an_item_without_cases_is_refused() {
        Scheme onDistricts = new Scheme("districts", "城区", Target.Kind.DISTRICT, true, List.of(),
                List.of(new Scheme.Component("system", "系统数据", BigDecimal.ONE, List.of(ON_TIME_CLOSURE))), null, null,
                List.of(SAME_GRID));
        assertEquals(List.of("linked"), SchemeRules.problems(onDistricts, c -> Optional.empty()).stream()
                .map(Problem.FieldError::field).toList());

        Scheme.Item change = new Scheme.Item("change", "变化率", "change-rate", d("20"), "proportional", Map.of(),
                Scheme.NoData.FULL, false);
        Scheme onChange = departments(List.of(change), List.of(new Scheme.LinkedRule("same-item", "同项同责",
                LinkedDeductions.Kind.SAME_ITEM, null, "change", d("0.3"))));
        List<Problem.FieldError> problems = SchemeRules.problems(onChange, c -> Optional.empty());
        assertEquals(List.of("linked[0].item"), problems.stream().map(Problem.FieldError::field).toList());
        assertTrue(problems.get(0).message().contains("lists no cases"), problems.get(0).message());
    }

    @Test
    void a_scheme_without_linked_deductions_writes_the_same_json_as_before() throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper().findAndRegisterModules();
        String text = json.writeValueAsString(districts());
        assertTrue(!text.contains("linked"), text);
        Scheme back = json.readValue(text, Scheme.class);
        assertEquals(List.of(), back.linked());
        Scheme withRules = departments(List.of(ON_TIME_DISPOSAL), List.of(SAME_ITEM));
        assertEquals(withRules, json.readValue(json.writeValueAsString(withRules), Scheme.class));
    }
}
