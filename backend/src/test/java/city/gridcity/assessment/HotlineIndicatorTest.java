package city.gridcity.assessment;

import static city.gridcity.assessment.Rows.D1;
import static city.gridcity.assessment.Rows.D2;
import static city.gridcity.assessment.Rows.NOVEMBER;
import static city.gridcity.assessment.Rows.aCase;
import static city.gridcity.assessment.Rows.day;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import city.gridcity.cases.CaseSource;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * 发现率 and 未诉先办率 worked by hand over case rows whose hotline facts the daily matching recorded (November 2026;
 * District 1 unless said).
 */
class HotlineIndicatorTest {

    static final Target DISTRICT_1 = new Target(Target.Kind.DISTRICT, D1);

    static Measure measure(Indicator i, List<CaseRow> rows) {
        return i.compute(new IndicatorInput(NOVEMBER, DISTRICT_1, rows, List.of(), List.of(DISTRICT_1), CityShape.empty(),
                Parameters.defaults()));
    }

    @Test
    void the_discovery_rate_is_the_share_of_the_complaints_looked_at_that_met_a_grid_finding() {
        // given: five complaints called in during November: H1, H2, H3 met findings, H4 met none, H5 not looked at yet;
        // H6 was called in October (looked at in November), H7 is another district's; G1 is a finding, not a complaint
        List<CaseRow> rows = List.of(
                aCase("H1").reportedOn(2).complaintMatched(3, "G1").row(),
                aCase("H2").reportedOn(5).complaintMatched(6, "G2").row(),
                aCase("H3").reportedOn(9).complaintMatched(10, "G3").row(),
                aCase("H4").reportedOn(12).complaintMatched(13, null).row(),
                aCase("H5").reportedOn(30).by(CaseSource.Channel.HOTLINE).row(),
                aCase("H6").reportedOn(0).complaintMatched(1, null).row(),
                aCase("H7").in(D2).reportedOn(4).complaintMatched(5, null).row(),
                aCase("G1").reportedOn(1).row());

        Measure m = measure(Indicator.DISCOVERY_RATE, rows);

        // then: 3 found of 4 looked at = 0.75; the one the grid missed is behind the deduction
        assertEquals(new BigDecimal("0.7500"), m.value());
        assertEquals(0, BigDecimal.valueOf(3).compareTo(m.numerator()));
        assertEquals(0, BigDecimal.valueOf(4).compareTo(m.denominator()));
        assertEquals(List.of("H4"), m.inputs());
    }

    @Test
    void the_solved_before_complained_rate_is_the_share_of_grid_findings_closed_that_no_call_came_before_their_closing() {
        // given: four findings closed in November: G1 met no call, G2 a call the day after it closed, G3 a call while it
        // was open, G4 (a volunteer's) no call; G5 closed in December; H1 is a complaint (not a finding), closed too
        List<CaseRow> rows = List.of(
                aCase("G1").reportedOn(1).closedOn(3).row(),
                aCase("G2").reportedOn(2).closedOn(4).complainedAt(day(5)).row(),
                aCase("G3").reportedOn(3).closedOn(8).complainedAt(day(6)).row(),
                aCase("G4").by(CaseSource.Channel.VOLUNTEER).reportedOn(4).closedOn(6).row(),
                aCase("G5").reportedOn(20).closedOn(31).row(),
                aCase("H1").reportedOn(6).closedOn(9).complaintMatched(7, "G3").row());

        Measure m = measure(Indicator.SOLVED_BEFORE_COMPLAINT_RATE, rows);

        // then: G1, G2, G4 solved before any call, of 4 = 0.75; G3, called about first, is behind the deduction
        assertEquals(new BigDecimal("0.7500"), m.value());
        assertEquals(List.of("G3"), m.inputs());
    }

    @Test
    void a_call_at_the_very_moment_of_closing_does_not_count_as_before_it_and_no_findings_is_no_data() {
        List<CaseRow> rows = List.of(aCase("G1").reportedOn(1).closedOn(3).complainedAt(day(3)).row(),
                aCase("G2").reportedOn(1).closedOn(3).complainedAt(day(3).minus(Duration.ofSeconds(1))).row());
        assertEquals(List.of("G2"), measure(Indicator.SOLVED_BEFORE_COMPLAINT_RATE, rows).inputs());
        assertNull(measure(Indicator.SOLVED_BEFORE_COMPLAINT_RATE, List.of()).value(), "0 / 0 is no data");
        assertNull(measure(Indicator.DISCOVERY_RATE, List.of(aCase("H").reportedOn(2).by(CaseSource.Channel.HOTLINE)
                .row())).value(), "a complaint not looked at is no data yet");
    }
}
