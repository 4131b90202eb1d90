package city.gridcity.cases;

import static city.gridcity.support.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import city.gridcity.cases.CasePagesTest.Browser;
import city.gridcity.grid.GridGenerator;
import city.gridcity.support.Api;
import city.gridcity.support.PostgresResource;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A queue filtered by a grid picked by name (the page's select, the API's {@code grid}): the city's own grids only,
 * a code the city does not have refused as a 400 on the field {@code grid}, shown next to the field on the page.
 */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class QueueGridFilterTest {

    /** Another layout than {@link Loop#GRID}'s, so its codes are not this city's. */
    private static final GridGenerator.Spec OTHER_GRID = new GridGenerator.Spec("9702", 8L, 113.30, 23.12, 2, 2, 4, 8, 40,
            200, 0, 0);

    @Test
    void a_queue_filtered_by_a_district_picked_by_its_name_keeps_that_districts_cases_and_drops_the_others() {
        Loop loop = Loop.aCity();
        String here = loop.reported(loop.districtSupervisor, 0);
        String district = loop.get(loop.acceptor, here).extract().path("grid.district");
        int elsewhere = spotOutside(loop, district);
        String there = loop.reported(loop.districtSupervisor, elsewhere);
        String name = as(loop.acceptor).queryParam("lon", loop.spots.get(0)[0]).queryParam("lat", loop.spots.get(0)[1])
                .get("/api/v1/grid/locate").then().statusCode(200).extract().path("district.name");

        Browser acceptor = Browser.signIn(loop.city.code(), "acceptor");
        acceptor.get("/console/queues/acceptance?grid=" + district).then().statusCode(200)
                // the choice reads by the city's own name, the code second, and stays chosen
                .body(containsString("<option value=\"" + district + "\" selected>" + name + " · " + district + "</option>"))
                .body(containsString("/console/cases/" + here)).body(not(containsString("/console/cases/" + there)))
                // the map that picks a grid by clicking, at the chosen grid's level
                .body(containsString("id=\"queue-map\"")).body(containsString("<option value=\"district\" selected>"))
                .body(not(containsString("id=\"error-grid\"")));
        acceptor.get("/console/queues/acceptance").then().statusCode(200)
                .body(containsString("/console/cases/" + here)).body(containsString("/console/cases/" + there));
        as(loop.acceptor).queryParam("grid", district).get("/api/v1/queues/acceptance").then().statusCode(200)
                .body("items.number", equalTo(List.of(here)));
    }

    @Test
    void a_grid_code_the_city_does_not_have_is_named_next_to_the_grid_field_and_refused_by_the_api() {
        Loop loop = Loop.aCity();
        loop.reported(loop.districtSupervisor, 0);
        Browser acceptor = Browser.signIn(loop.city.code(), "acceptor");
        acceptor.get("/console/queues/acceptance?grid=999999").then().statusCode(400)
                .body(containsString("aria-describedby=\"error-grid\""))
                .body(containsString("<span class=\"field-error\" id=\"error-grid\">本市没有编码为 999999 的网格"));
        acceptor.get("/console/queues/acceptance?grid=999999&lang=en").then().statusCode(400)
                .body(containsString("id=\"error-grid\">No grid of this city has the code 999999"));
        acceptor.get("/console/queues/acceptance?grid=abc").then().statusCode(400)
                .body(containsString("<span class=\"field-error\" id=\"error-grid\">"));
        acceptor.get("/console/queues/acceptance?classCode=12").then().statusCode(400)
                .body(containsString("<span class=\"field-error\" id=\"error-classCode\">"));
        as(loop.acceptor).queryParam("grid", "999999").get("/api/v1/queues/acceptance").then().statusCode(400)
                .contentType(containsString("application/problem+json")).body("code", equalTo("unknown-grid"))
                .body("errors[0].field", equalTo("grid")).body("errors[0].message", containsString("999999"));
        as(loop.acceptor).queryParam("grid", "abc").get("/api/v1/queues/acceptance").then().statusCode(400)
                .body("errors[0].field", equalTo("grid"));
    }

    @Test
    void another_citys_grid_code_is_refused_in_this_citys_queue_and_a_wrong_role_is_refused_the_queue() {
        Loop loop = Loop.aCity();
        String number = loop.reported(loop.districtSupervisor, 0);
        String ours = loop.get(loop.acceptor, number).extract().path("grid.district");
        Api.City other = Api.aCity();
        ObjectNode layout = GridGenerator.generate(OTHER_GRID);
        as(other.adminToken()).body(layout.toString()).post("/api/v1/grid/layouts?effectiveFrom=2026-01-01").then()
                .statusCode(201);
        String theirs = districtOf(layout);
        String theirAcceptor = other.userWith("acceptor", "acceptor");
        assertNotEquals(ours, theirs);

        // in its own city the code filters; in ours it is no grid at all
        as(theirAcceptor).queryParam("grid", theirs).get("/api/v1/queues/acceptance").then().statusCode(200);
        as(loop.acceptor).queryParam("grid", theirs).get("/api/v1/queues/acceptance").then().statusCode(400)
                .body("code", equalTo("unknown-grid")).body("errors[0].field", equalTo("grid"));
        Browser acceptor = Browser.signIn(loop.city.code(), "acceptor");
        acceptor.get("/console/queues/acceptance?grid=" + theirs).then().statusCode(400)
                .body(containsString("id=\"error-grid\"")).body(not(containsString("value=\"" + theirs + "\"")));
        // and the other city's staff neither know our grid nor see our cases through it
        as(theirAcceptor).queryParam("grid", ours).get("/api/v1/queues/acceptance").then().statusCode(400)
                .body("errors[0].field", equalTo("grid"));
        Browser stranger = Browser.signIn(other.code(), "acceptor");
        stranger.get("/console/queues/acceptance").then().statusCode(200).body(not(containsString(number)));

        // a role without the queue is refused it, with or without a grid
        as(loop.handler).queryParam("grid", ours).get("/api/v1/queues/acceptance").then().statusCode(403);
        as(loop.resident).queryParam("grid", ours).get("/api/v1/queues/acceptance").then().statusCode(403);
        Browser handler = Browser.signIn(loop.city.code(), "handler");
        handler.get("/console/queues/acceptance?grid=" + ours).then().statusCode(403);
        as(loop.acceptor).get("/api/v1/grid/units?level=district").then().statusCode(200)
                .body("items.code", hasItem(ours));
    }

    /** A spot of the loop's grid in another district than the one given. */
    private static int spotOutside(Loop loop, String district) {
        for (int i = loop.spots.size() - 1; i > 0; i--) {
            String at = as(loop.acceptor).queryParam("lon", loop.spots.get(i)[0]).queryParam("lat", loop.spots.get(i)[1])
                    .get("/api/v1/grid/locate").then().statusCode(200).extract().path("district.code");
            if (!at.equals(district)) {
                return i;
            }
        }
        throw new AssertionError("the loop's grid has one district only");
    }

    private static String districtOf(ObjectNode layout) {
        for (JsonNode f : layout.get("features")) {
            if ("district".equals(f.get("properties").get("level").asText())) {
                return f.get("properties").get("code").asText();
            }
        }
        throw new AssertionError("no district in the layout");
    }
}
