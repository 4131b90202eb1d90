package city.gridcity.cases;

import static city.gridcity.support.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import city.gridcity.platform.PackLibrary;
import city.gridcity.platform.TenantProvisioning;
import city.gridcity.support.Api;
import city.gridcity.support.DemoCity;
import city.gridcity.support.PostgresResource;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The kcity demo runs local loops (二级闭环) as its README says: exposed rubbish in 人民社区 goes to its committee,
 * a dirty road in 朝阳街道 to the street office, exposed rubbish in a community without a committee to the centre.
 */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class KcityLocalLoopDemoTest {

    @Inject
    PackLibrary packs;

    @Inject
    TenantProvisioning provisioning;

    @Test
    void the_demo_committee_and_street_office_receive_their_local_classes_and_the_centre_the_rest() throws IOException {
        DemoCity demo = DemoCity.from("kcity", packs, provisioning);
        String resident = Api.token(demo.code(), "resident", demo.staffPassword());
        String committee = Api.token(demo.code(), "handler-committee-910101001001", demo.staffPassword());
        String streetOffice = Api.token(demo.code(), "handler-street-910101001", demo.staffPassword());
        String acceptor = Api.token(demo.code(), "acceptor", demo.staffPassword());

        String rubbish = report(resident, "0102", unitIn("910101001001"));
        String road = report(resident, "0104", unitIn("910101001002"));
        String elsewhere = report(resident, "0102", unitIn("910101001003"));

        as(acceptor).get("/api/v1/cases/" + rubbish).then().statusCode(200)
                .body("localUnit", equalTo("committee-910101001001")).body("localLoop", equalTo(true));
        as(acceptor).get("/api/v1/cases/" + road).then().statusCode(200).body("localUnit", equalTo("street-910101001"));
        as(acceptor).get("/api/v1/cases/" + elsewhere).then().statusCode(200).body("localUnit", nullValue());
        assertTrue(queue(committee).contains(rubbish));
        assertTrue(queue(streetOffice).contains(road));
        List<String> acceptance = as(acceptor).get("/api/v1/queues/acceptance?limit=200").then().statusCode(200)
                .extract().path("items.number");
        assertTrue(acceptance.contains(elsewhere) && !acceptance.contains(rubbish) && !acceptance.contains(road),
                acceptance::toString);
    }

    private static List<String> queue(String token) {
        return as(token).get("/api/v1/queues/local").then().statusCode(200).extract().path("items.number");
    }

    private static String report(String token, String classCode, double[] at) {
        return as(token).body(Map.of("kind", "event", "classCode", classCode, "lon", at[0], "lat", at[1],
                "description", "小区门口的问题")).post("/api/v1/cases").then().statusCode(201).extract().path("number");
    }

    /** The centre of the first unit grid of a community of the kcity pack's layout. */
    private static double[] unitIn(String community) throws IOException {
        JsonNode layout = new ObjectMapper().readTree(Path.of("..", "tenants", "kcity", "grid", "layout.geojson").toFile());
        for (JsonNode f : layout.get("features")) {
            if ("unit".equals(f.get("properties").get("level").asText())
                    && f.get("properties").get("code").asText().startsWith(community)) {
                return Loop.centre(f);
            }
        }
        throw new AssertionError("no unit grid in community " + community);
    }
}
