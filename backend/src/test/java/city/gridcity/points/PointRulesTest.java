package city.gridcity.points;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import city.gridcity.shared.problem.Problem;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The arithmetic of point rules, with numbers a person can check, without the container. */
class PointRulesTest {

    static final List<PointRules.Level> LEVELS = List.of(new PointRules.Level(0, "新手市民", "Newcomer"),
            new PointRules.Level(20, "热心市民", "Active resident"), new PointRules.Level(100, "城市合伙人", "City partner"));

    static PointRules rules(PointRules.Report report, PointRules.Caps caps) {
        return new PointRules(report, 2, 3, 5, caps, LEVELS, new PointRules.Expiry(1), null, 48);
    }

    @Test
    void a_subclass_of_its_own_comes_before_the_base_case_weight_which_comes_before_the_flat_amount() {
        PointRules r = rules(new PointRules.Report(10, true, Map.of("event/0102", 25), 1), null);
        assertEquals(25, r.forFiledReport("EVENT", "0102", new BigDecimal("3.00")));
        assertEquals(15, r.forFiledReport("COMPONENT", "0102", new BigDecimal("1.50")), "10 × 1.5");
        assertEquals(3, r.forFiledReport("COMPONENT", "0301", new BigDecimal("0.25")), "10 × 0.25 = 2.5, rounded half up");
        PointRules flat = rules(new PointRules.Report(10, false, null, 1), null);
        assertEquals(10, flat.forFiledReport("COMPONENT", "0301", new BigDecimal("4.00")));
    }

    @Test
    void caps_leave_what_is_left_of_the_day_and_of_the_month_never_less_than_nothing() {
        PointRules r = rules(new PointRules.Report(10, false, null, 1), new PointRules.Caps(15, 25));
        assertEquals(10, r.capped(10, 0, 0));
        assertEquals(5, r.capped(10, 10, 10), "5 left today");
        assertEquals(3, r.capped(10, 0, 22), "3 left this month");
        assertEquals(0, r.capped(10, 20, 20), "over the day already");
        PointRules none = rules(new PointRules.Report(10, false, null, 1), null);
        assertEquals(10, none.capped(10, 1000, 1000));
    }

    @Test
    void the_level_is_the_highest_whose_threshold_the_lifetime_points_reach() {
        PointRules r = rules(new PointRules.Report(10, false, null, 1), null);
        assertEquals("新手市民", r.level(19).nameZh());
        assertEquals("热心市民", r.level(20).nameZh());
        assertEquals("城市合伙人", r.level(1000).nameZh());
        assertEquals("Active resident", r.nextLevel(0).orElseThrow().nameEn());
        assertTrue(r.nextLevel(100).isEmpty());
    }

    @Test
    void wrong_rules_are_named_field_by_field() {
        PointRules bad = new PointRules(new PointRules.Report(-1, false, Map.of("0102", 3), 0), 0, 0, 0,
                new PointRules.Caps(20, 10), List.of(new PointRules.Level(5, "", "x"), new PointRules.Level(5, "二", "Two")),
                new PointRules.Expiry(11), new PointRules.Abuse(0, 30, 30), 0);
        List<String> fields = bad.problems().stream().map(Problem.FieldError::field).toList();
        assertEquals(List.of("report/filed", "report/byClass/0102", "caps/perMonth", "levels/0/from", "levels/0/nameZh",
                "levels/1/from", "expiry/afterYears", "abuse/strikes", "holdHours"), fields);
        assertTrue(rules(new PointRules.Report(10, false, null, 1), null).problems().isEmpty());
    }

    @Test
    void a_transfer_id_is_a_function_of_its_business_key() {
        assertEquals(Ledger.transferId("kcity", "REPORT_FILED", "case:1", 7), Ledger.transferId("kcity", "REPORT_FILED", "case:1", 7));
        assertTrue(!Ledger.transferId("kcity", "REPORT_FILED", "case:1", 7)
                .equals(Ledger.transferId("bcity", "REPORT_FILED", "case:1", 7)), "another city, another transfer");
        assertTrue(!Ledger.transferId("kcity", "REPORT_FILED", "case:1", 7)
                .equals(Ledger.transferId("kcity", "ME_TOO", "case:1", 7)), "another rule, another transfer");
    }
}
