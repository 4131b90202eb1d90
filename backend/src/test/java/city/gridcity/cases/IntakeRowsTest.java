package city.gridcity.cases;

import static city.gridcity.support.Api.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import city.gridcity.catalog.CatalogClass;
import city.gridcity.identity.Role;
import city.gridcity.integration.OutboxFixtures;
import city.gridcity.support.PostgresResource;
import city.gridcity.tenancy.TenantRunner;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Intake's group commit writes a report's rows with plain JDBC batches ({@code BulkInserts}); a report written
 * inside a caller's transaction (the hotline's) is persisted by Hibernate. Both must leave the same rows.
 */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class IntakeRowsTest {

    /** Columns that differ between two reports for reasons of their own: keys, numbers, moments, places, texts. */
    private static final Set<String> OWN = Set.of("id", "number", "case_id", "case_number", "aggregate_ref",
            "idempotency_key", "summary", "payload", "data", "reported_at", "updated_at", "started_at", "at",
            "created_at", "next_attempt_at", "deadline", "phase_deadline", "reminder_at", "filing_deadline",
            "lon", "lat", "location", "unit_code", "management_code", "community_code", "street_code", "district_code",
            "description", "seq");

    @Inject
    CaseIntake intake;
    @Inject
    TenantRunner runner;
    @Inject
    OutboxFixtures fixtures;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void a_report_written_by_the_intakes_batch_has_the_same_rows_as_one_persisted_in_a_callers_transaction()
            throws Exception {
        Loop loop = Loop.aCity();
        OutboxFixtures.subscribe(loop.city, "http://127.0.0.1:9/hook", List.of("*"), null);
        // given one report through the API (the group commit) and one in a transaction of the caller's
        String batched = loop.reported(loop.resident, 0);
        long residentId = ((Number) as(loop.resident).get("/api/v1/auth/me").then().statusCode(200).extract()
                .path("id")).longValue();
        double[] far = loop.spots.get(loop.spots.size() - 1);
        String persisted = runner.call(fixtures.ref(loop.city), () -> intake.report(new ReportCommand(null,
                CatalogClass.Kind.COMPONENT, Loop.TOILET, far[0], far[1], null, null, "公共厕所门损坏，无法关闭", null,
                false, null), new Actor(residentId, "居民张三", Set.of(Role.RESIDENT), null)).theCase().number);
        assertNotEquals(batched, persisted);

        // then every table intake writes has a row of each, alike in everything but their own keys, moments and places
        for (String table : List.of("city_case", "case_phase", "case_event", "case_facts", "outbox_message")) {
            List<JsonNode> a = rows(table, loop.city.code(), batched);
            List<JsonNode> b = rows(table, loop.city.code(), persisted);
            assertFalse(a.isEmpty(), table + " has no row of the batched report");
            assertEquals(a.size(), b.size(), table + ": rows of each report");
            for (int i = 0; i < a.size(); i++) {
                for (Iterator<String> names = a.get(i).fieldNames(); names.hasNext(); ) {
                    String column = names.next();
                    JsonNode x = a.get(i).get(column);
                    JsonNode y = b.get(i).get(column);
                    assertEquals(x.isNull(), y.isNull(), table + "." + column + " is null in one report only: " + x + " / " + y);
                    if (!OWN.contains(column)) {
                        assertEquals(x, y, table + "." + column);
                    }
                }
            }
        }
    }

    private List<JsonNode> rows(String table, String city, String number) throws Exception {
        String key = switch (table) {
            case "city_case" -> "t.number = ?";
            case "outbox_message" -> "t.aggregate_ref = ?";
            default -> "t.case_id = (SELECT id FROM city_case WHERE tenant_id = t.tenant_id AND number = ?)";
        };
        String order = table.equals("outbox_message") ? "t.channel, t.subscription_id, t.resident_user_id" : "1";
        List<JsonNode> rows = new ArrayList<>();
        try (Connection c = PostgresResource.superuser();
             PreparedStatement st = c.prepareStatement("SELECT to_jsonb(t)::text FROM " + table + " t WHERE t.tenant_id = ? AND "
                     + key + " ORDER BY " + order)) {
            st.setString(1, city);
            st.setString(2, number);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    rows.add(json.readTree(rs.getString(1)));
                }
            }
        }
        return rows;
    }
}
