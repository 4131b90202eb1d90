package city.gridcity.cases;

import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import city.gridcity.support.PostgresResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The duplicate check answers from the in-memory index of open cases, and the rows confirm: what it
 * proposes is never more than the database would say, whatever changed behind its back.
 */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class OpenCaseIndexTest {

    @Test
    void a_report_is_a_possible_duplicate_for_the_very_next_report_at_the_same_spot() {
        Loop loop = Loop.aCity();
        String first = loop.reported(loop.districtSupervisor, 3);
        loop.report(loop.districtSupervisor, 3, Map.of()).statusCode(201)
                .body("possibleDuplicates.number", equalTo(List.of(first)));
    }

    @Test
    void a_case_that_ended_behind_the_index_back_is_not_offered_as_a_duplicate() throws Exception {
        // given an open case, then ended the way another replica would end it: only the row changes here
        Loop loop = Loop.aCity();
        String first = loop.reported(loop.districtSupervisor, 4);
        try (Connection c = PostgresResource.superuser();
             PreparedStatement ps = c.prepareStatement("UPDATE city_case SET state = 'REJECTED', is_open = false WHERE number = ?")) {
            ps.setString(1, first);
            ps.executeUpdate();
        }
        // when the same problem is reported at the same spot, then it is a new problem with no duplicate
        loop.report(loop.districtSupervisor, 4, Map.of()).statusCode(201).body("possibleDuplicates", empty());
    }

    @Test
    void a_case_rejected_here_is_no_duplicate_and_one_of_another_city_never_is() {
        Loop loop = Loop.aCity();
        String first = loop.reported(loop.districtSupervisor, 5);
        loop.did(loop.acceptor, first, "reject", Map.of("reason", "重复上报的测试"));
        loop.report(loop.districtSupervisor, 5, Map.of()).statusCode(201).body("possibleDuplicates", empty());
        // A second city on the same grid and spot: its open case is not the first city's duplicate.
        Loop other = Loop.aCity();
        other.reported(other.districtSupervisor, 6);
        loop.report(loop.districtSupervisor, 6, Map.of()).statusCode(201).body("possibleDuplicates", empty());
    }
}
