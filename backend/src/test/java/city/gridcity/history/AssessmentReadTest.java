package city.gridcity.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import city.gridcity.assessment.CaseRow;
import city.gridcity.cases.facts.CaseFactsQueries;
import city.gridcity.support.PostgresResource;
import city.gridcity.support.TestClock;
import city.gridcity.tenancy.TenantDirectory;
import city.gridcity.tenancy.TenantRef;
import city.gridcity.tenancy.TenantRunner;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A run reads only the 36 columns it counts ({@link CaseFactsQueries#counted}, plain JDBC): for a month brought in
 * through the history import (closed, rejected, merged, reworked, rated, missed cases) those rows are exactly the
 * rows made from the whole facts entities, value for value (a decimal's scale, a moment's microseconds, a null).
 */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class AssessmentReadTest {

    @Inject
    TestClock clock;

    @Inject
    CaseFactsQueries facts;

    @Inject
    TenantRunner runner;

    @Inject
    TenantDirectory directory;

    /** HistoryImportTest's city: its grid and the toilets' rule since October. */
    final HistoryImportTest world = new HistoryImportTest();

    @BeforeEach
    void aCityWithItsGridAndTheToiletsRuleSinceOctober() {
        world.clock = clock;
        world.aCityWithItsGridAndTheToiletsRuleSinceOctober();
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void the_narrow_read_of_an_imported_month_gives_the_very_rows_of_the_whole_facts_entities() {
        HistoryImportTest.lines(world.city.adminToken(), world.month(10)).post("/api/v1/history/imports").then().statusCode(201);
        TenantRef ref = directory.byCode(world.city.code()).orElseThrow();
        LocalDate from = LocalDate.of(2026, 11, 1);
        LocalDate to = LocalDate.of(2026, 12, 1);

        // the narrow read comes in no order: both by number, as a run sorts them (a number is the city's once)
        List<CaseRow> whole = runner.call(ref, () -> facts.forAssessment(from, to, CaseRow::of)).stream()
                .sorted(Comparator.comparing(CaseRow::number)).toList();
        List<CaseRow> narrow = runner.call(ref, () -> facts.counted(from, to, CaseRow::of)).stream()
                .sorted(Comparator.comparing(CaseRow::number)).toList();

        assertEquals(300, whole.size());
        assertEquals(whole, narrow);
        assertTrue(narrow.stream().anyMatch(r -> r.closedAt() == null) && narrow.stream().anyMatch(r -> r.ratings() > 0)
                && narrow.stream().anyMatch(r -> r.mergedAt() != null)
                && narrow.stream().anyMatch(r -> r.verificationsFailed() > 0), "the month has every kind of row");
        // another period's rows are not read
        assertEquals(List.of(), runner.call(ref, () -> facts.counted(to, to.plusMonths(1), CaseRow::of)));
    }
}
