package city.gridcity.assessment;

import static city.gridcity.assessment.Rows.D1;
import static city.gridcity.assessment.Rows.D2;
import static city.gridcity.assessment.Rows.NOVEMBER;
import static city.gridcity.assessment.Rows.aCase;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import city.gridcity.shared.problem.Problem;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Schemes, overlays and the run's arithmetic as plain rules, with totals a person can add up. */
class SchemeTest {

    static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    static Scheme.Item item(String code, String indicator, String points, String rule, Map<String, BigDecimal> params,
                            Scheme.NoData noData) {
        return new Scheme.Item(code, code, indicator, d(points), rule, params, noData, false);
    }

    /** 按期结案率 50 points (≥ 70 % full, −1 per point), 满意率 50 points proportional; one component. */
    static Scheme baseline() {
        return new Scheme("baseline", "基础考评", Target.Kind.DISTRICT, true, List.of(),
                List.of(new Scheme.Component("system", "系统数据", d("1"), List.of(
                        item("on-time", "on-time-closure-rate", "50", "threshold-linear",
                                Map.of("threshold", d("0.70"), "k", d("1")), Scheme.NoData.FULL),
                        item("satisfaction", "satisfaction-rate", "50", "proportional", Map.of(), Scheme.NoData.EXCLUDED)))),
                null);
    }

    /** 扬尘: an item added to the system component and a component of its own; system 0.8, dust 0.2. */
    static Scheme.Overlay dust() {
        return new Scheme.Overlay("dust", "扬尘治理", "baseline",
                List.of(new Scheme.AddedItem("system", item("rework", "rework-rate", "20", "proportional-inverse", Map.of(),
                        Scheme.NoData.ZERO))),
                List.of(new Scheme.Component("dust", "扬尘", d("0.5"), List.of(item("dust-reports", "reports", "10",
                        "deduction-per-count", Map.of("k", d("1")), Scheme.NoData.FULL)))),
                Map.of("system", d("0.8"), "dust", d("0.2")));
    }

    @Test
    void the_composite_is_the_baseline_with_the_overlays_items_and_components_and_its_weights() {
        Scheme composite = baseline().with(dust());
        assertEquals("baseline+dust", composite.code());
        assertEquals(List.of("system", "dust"), composite.components().stream().map(Scheme.Component::code).toList());
        assertEquals(List.of("on-time", "satisfaction", "rework"), composite.components().get(0).items().stream()
                .map(Scheme.Item::code).toList());
        assertEquals(d("0.8"), composite.components().get(0).weight());
        assertEquals(d("0.2"), composite.components().get(1).weight(), "the overlay's weights win over its component's own");
        assertEquals(2, baseline().components().get(0).items().size(), "the baseline itself is untouched");
    }

    @Test
    void a_change_to_the_baseline_shows_in_the_composite() {
        Scheme changed = new Scheme("baseline", "基础考评", Target.Kind.DISTRICT, true, List.of(),
                List.of(new Scheme.Component("system", "系统数据", d("1"), List.of(item("filing", "filing-rate", "100",
                        "proportional", Map.of(), Scheme.NoData.ZERO)))), null);
        assertEquals(List.of("filing", "rework"), changed.with(dust()).components().get(0).items().stream()
                .map(Scheme.Item::code).toList());
    }

    @Test
    void a_scheme_with_an_unknown_indicator_or_rule_or_weights_not_adding_up_names_each_field() {
        Scheme bad = new Scheme("baseline", "基础", Target.Kind.DISTRICT, true, List.of(), List.of(
                new Scheme.Component("system", "系统", d("0.6"), List.of(item("x", "happiness", "10", "proportional",
                        Map.of(), Scheme.NoData.ZERO), item("y", "filing-rate", "10", "threshold-linear",
                        Map.of("threshold", d("0.7")), Scheme.NoData.ZERO)))), null);
        List<String> fields = SchemeRules.problems(bad).stream().map(Problem.FieldError::field).toList();
        assertEquals(List.of("components[0].items[0].indicator", "components[0].items[1].params.k"), fields);

        Scheme unbalanced = new Scheme("baseline", "基础", Target.Kind.DISTRICT, true, List.of(), List.of(
                new Scheme.Component("system", "系统", d("0.6"), baseline().components().get(0).items())), null);
        List<Problem.FieldError> errors = SchemeRules.problems(unbalanced);
        assertEquals(1, errors.size());
        assertEquals("components", errors.get(0).field());
        assertTrue(errors.get(0).message().contains("0.6"), errors.get(0).message());
    }

    @Test
    void an_overlay_is_checked_with_the_composite_it_makes() {
        assertEquals(List.of(), SchemeRules.problems(dust(), baseline()));
        Scheme.Overlay heavy = new Scheme.Overlay("dust", "扬尘", "baseline", List.of(), dust().components(),
                Map.of("dust", d("0.5")));
        assertEquals(List.of("weights"), SchemeRules.problems(heavy, baseline()).stream().map(Problem.FieldError::field)
                .toList(), "1 + 0.5 is not 1");
        Scheme.Overlay lost = new Scheme.Overlay("dust", "扬尘", "baseline", List.of(new Scheme.AddedItem("quality",
                item("z", "reports", "5", "proportional", Map.of(), Scheme.NoData.ZERO))), List.of(), Map.of());
        assertEquals(List.of("items[0].component"), SchemeRules.problems(lost, baseline()).stream()
                .map(Problem.FieldError::field).toList());
    }

    @Test
    void a_run_scores_items_components_and_totals_out_of_100_and_ranks_within_groups() {
        // District 1: 4 due, 2 closed on time → 50 % → 50 − 20 = 30; satisfaction 3/4 → 37.5; total (67.5 / 100) × 100.
        // District 2: nothing due → no data → full 50; nothing rated → excluded → 50 / 50 → 100.
        List<CaseRow> rows = List.of(
                aCase("A").dueOn(5, true).closedOn(4).rated(3, 0, 1).row(),
                aCase("B").dueOn(6, true).closedOn(5).row(),
                aCase("C").dueOn(7, false).closedOn(9).row(),
                aCase("D").dueOn(8, null).row());
        Target t1 = new Target(Target.Kind.DISTRICT, D1);
        Target t2 = new Target(Target.Kind.DISTRICT, D2);
        List<Scoring.TargetResult> results = Scoring.run(baseline(), List.of(t1, t2),
                t -> new IndicatorInput(NOVEMBER, t, rows, List.of(), List.of(t1, t2), CityShape.empty(),
                        Parameters.defaults()));
        Scoring.TargetResult first = results.get(0);
        Scoring.TargetResult second = results.get(1);
        assertEquals(D2, first.target().code());
        assertEquals(d("100.00"), first.total());
        assertEquals(1, first.rank());
        assertEquals(d("30.00"), second.items().get(0).score());
        assertEquals(d("37.50"), second.items().get(1).score());
        assertEquals(d("67.50"), second.total());
        assertEquals(2, second.rank());
        assertTrue(first.items().get(1).noData());
        assertEquals(null, first.items().get(1).score(), "excluded: neither earned nor possible");
        assertEquals(List.of("C", "D"), second.items().get(0).measure().inputs(), "the cases behind the deduction");
    }

    @Test
    void the_composites_total_weighs_each_component_and_equal_totals_share_a_rank() {
        // Composite on nothing at all: on-time no data → 50/50; satisfaction excluded; rework no data → 0 of 20;
        // system = 50 / 70 × 0.8 × 100 = 57.14; dust reports 0 → 10 − 0 = 10 of 10 → 0.2 × 100 = 20; total 77.14
        Target t1 = new Target(Target.Kind.DISTRICT, D1);
        Target t2 = new Target(Target.Kind.DISTRICT, D2);
        List<Scoring.TargetResult> results = Scoring.run(baseline().with(dust()), List.of(t2, t1),
                t -> new IndicatorInput(NOVEMBER, t, List.of(), List.of(), List.of(), CityShape.empty(),
                        Parameters.defaults()));
        assertEquals(d("57.14"), results.get(0).components().get(0).weighted());
        assertEquals(d("20.00"), results.get(0).components().get(1).weighted());
        assertEquals(d("77.14"), results.get(0).total());
        assertEquals(List.of(1, 1), results.stream().map(Scoring.TargetResult::rank).toList());
        assertEquals(List.of(D1, D2), results.stream().map(r -> r.target().code()).toList(), "ties listed by code");
    }

    @Test
    void groups_rank_their_members_apart() {
        Scheme grouped = new Scheme("baseline", "基础", Target.Kind.DISTRICT, true,
                List.of(new Scheme.Group("core", "主城区", List.of(D1)), new Scheme.Group("new", "新区", List.of(D2))),
                baseline().components(), null);
        List<Scoring.TargetResult> results = Scoring.run(grouped, List.of(new Target(Target.Kind.DISTRICT, D1),
                        new Target(Target.Kind.DISTRICT, D2)),
                t -> new IndicatorInput(NOVEMBER, t, List.of(), List.of(), List.of(), CityShape.empty(), Parameters.defaults()));
        assertEquals(List.of("core", "new"), results.stream().map(Scoring.TargetResult::group).toList());
        assertEquals(List.of(1, 1), results.stream().map(Scoring.TargetResult::rank).toList());
    }
}
