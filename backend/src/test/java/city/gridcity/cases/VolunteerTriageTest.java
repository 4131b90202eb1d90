package city.gridcity.cases;

import static city.gridcity.support.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import city.gridcity.points.PointsCity;
import city.gridcity.support.Api;
import city.gridcity.support.PostgresResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Volunteers triage residents' reports in their communities before the acceptor decides (志愿者核实,
 * 劝导处置): walk-throughs of confirm, merge, mark invalid and fix on the spot with its audit, the
 * service time and points each earns once, and the refusals across communities, cities and roles.
 */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class VolunteerTriageTest {

    /** 果皮箱: a minor component. */
    static final String LITTER_BIN = "0303";

    /** A city with points rules (5 per piece of volunteer work) and a volunteer serving the community of spot 0. */
    private static final class TriageCity {
        final Loop loop = Loop.aCity();
        final long volunteerId;
        final String volunteer;
        final String community;

        TriageCity() {
            as(loop.admin()).body(Map.of("rules", PointsCity.rules())).post("/api/v1/points/rules").then().statusCode(201);
            volunteerId = loop.city.createUser("vol1", "volunteer", "resident");
            volunteer = Api.token(loop.city.code(), "vol1", Api.PASSWORD);
            community = communityOf(0);
            appoint(volunteerId, community).statusCode(201).body("status", equalTo("ACTIVE"));
        }

        String communityOf(int spot) {
            String number = loop.reported(loop.districtSupervisor, spot);
            return loop.get(loop.admin(), number).statusCode(200).extract().path("grid.community");
        }

        io.restassured.response.ValidatableResponse appoint(long userId, String communityCode) {
            return as(loop.admin()).body(Map.of("userId", userId, "communityCode", communityCode))
                    .post("/api/v1/volunteers/memberships").then();
        }

        String residentReport(int spot, Map<String, Object> extra) {
            return loop.report(loop.resident, spot, extra).statusCode(201).extract().path("number");
        }

        List<String> triageQueue(String token) {
            return as(token).get("/api/v1/queues/triage").then().statusCode(200).extract().path("items.number");
        }

        long volunteerPoints() {
            return as(volunteer).get("/api/v1/me/points").then().statusCode(200).extract().jsonPath().getLong("balance");
        }

        io.restassured.path.json.JsonPath volunteering() {
            return as(volunteer).get("/api/v1/me/volunteering").then().statusCode(200).extract().jsonPath();
        }
    }

    @Test
    void a_report_confirmed_on_site_goes_to_the_acceptor_first_and_earns_the_volunteer_points_once_it_is_filed() {
        TriageCity t = new TriageCity();
        String earlier = t.residentReport(0, Map.of());
        String confirmed = t.residentReport(0, Map.of("description", "公共厕所水管爆裂"));
        assertEquals(List.of(confirmed, earlier), t.triageQueue(t.volunteer), "newest first");
        // the volunteer does not learn who reported it
        t.loop.get(t.volunteer, confirmed).statusCode(200).body("reporter", nullValue()).body("allowedActions",
                hasItem("confirm"));

        t.loop.act(t.volunteer, confirmed, "confirm", Map.of()).statusCode(400).body("errors[0].field", equalTo("photoIds"));
        long photo = CasePhotosTest.upload(t.volunteer, confirmed, "BEFORE", CasePhotosTest.jpeg()).statusCode(201)
                .extract().<Number>path("id").longValue();
        t.loop.did(t.volunteer, confirmed, "confirm", Map.of("photoIds", List.of(photo), "reason", "现场确认，水流满地"))
                .body("state", equalTo("REPORTED")).body("triage", equalTo("CONFIRMED"));

        List<String> acceptance = as(t.loop.acceptor).get("/api/v1/queues/acceptance").then().statusCode(200)
                .extract().path("items.number");
        assertEquals(confirmed, acceptance.get(0), "the confirmed report comes before the earlier one");
        assertEquals(0, t.volunteerPoints(), "nothing before the acceptor files it");
        t.loop.did(t.loop.acceptor, confirmed, "file", Map.of("conditionCode", "A"));
        assertEquals(5, t.volunteerPoints());
        io.restassured.path.json.JsonPath mine = t.volunteering();
        assertEquals(15, mine.getInt("totalMinutes"));
        assertEquals(List.of("CONFIRM"), mine.getList("latest.work"));
        assertEquals(List.of(t.community), mine.getList("memberships.communityCode"));
        assertEquals(List.of(earlier), t.triageQueue(t.volunteer), "a filed report leaves the triage queue");
    }

    @Test
    void a_volunteer_merges_a_repeat_into_the_open_case_nearby_and_the_first_reporter_keeps_the_points() {
        TriageCity t = new TriageCity();
        String first = t.residentReport(0, Map.of());
        String repeat = t.residentReport(0, Map.of("description", "厕所门坏了"));
        t.loop.get(t.volunteer, repeat).statusCode(200).body("possibleDuplicates.number", hasItem(first))
                .body("possibleDuplicates[0].description", nullValue());
        // not into a case far away
        String far = t.loop.reported(t.loop.districtSupervisor, 30);
        t.loop.act(t.volunteer, repeat, "merge", Map.of("duplicateOf", far)).statusCode(400)
                .body("errors[0].field", equalTo("duplicateOf"));
        t.loop.did(t.volunteer, repeat, "merge", Map.of("duplicateOf", first)).body("state", equalTo("MERGED"))
                .body("duplicateOf", equalTo(first));
        assertEquals(5, t.volunteering().getInt("totalMinutes"));
        assertEquals(0, t.volunteerPoints(), "merging earns service time, not points");
        // the repeat's reporter now follows the first case
        t.loop.get(t.loop.resident, first).statusCode(200);
    }

    @Test
    void a_volunteer_suggests_not_filing_with_a_reason_and_only_the_acceptor_rejects() {
        TriageCity t = new TriageCity();
        String number = t.residentReport(0, Map.of());
        t.loop.act(t.volunteer, number, "mark-invalid", Map.of()).statusCode(400).body("errors[0].field", equalTo("reason"));
        t.loop.did(t.volunteer, number, "mark-invalid", Map.of("reason", "已修好，现场无问题"))
                .body("state", equalTo("REPORTED")).body("triage", equalTo("INVALID_SUGGESTED"));
        t.loop.act(t.volunteer, number, "reject", Map.of("reason", "已修好")).statusCode(403)
                .body("allowedActions", hasItem("mark-invalid"));
        t.loop.get(t.loop.acceptor, number).body("triage", equalTo("INVALID_SUGGESTED"));
        io.restassured.RestAssured.given().cookie("gc_access", t.loop.acceptor).get("/console/cases/" + number).then()
                .statusCode(200).body(org.hamcrest.Matchers.containsString("志愿者建议不予立案"));
        t.loop.did(t.loop.acceptor, number, "reject", Map.of("reason", "志愿者核实已修好")).body("state", equalTo("REJECTED"));
        assertEquals(10, t.volunteering().getInt("totalMinutes"));
        assertEquals(0, t.volunteerPoints());
    }

    @Test
    void a_minor_problem_fixed_on_the_spot_closes_at_community_level_and_earns_points_when_its_audit_passes() {
        TriageCity t = new TriageCity();
        as(t.loop.admin()).body(Map.of("selfHandlingAuditPercent", 100)).put("/api/v1/workflow/settings").then()
                .statusCode(200);
        String toilet = t.residentReport(0, Map.of());
        t.loop.act(t.volunteer, toilet, "persuade-fix", Map.of()).statusCode(409).body("code", equalTo("not-minor"));

        String bin = t.residentReport(0, Map.of("classCode", LITTER_BIN, "description", "果皮箱倾倒"));
        t.loop.act(t.volunteer, bin, "persuade-fix", Map.of()).statusCode(400).body("errors[0].field", equalTo("photoIds"));
        long before = CasePhotosTest.upload(t.volunteer, bin, "BEFORE", CasePhotosTest.jpeg()).statusCode(201)
                .extract().<Number>path("id").longValue();
        long after = CasePhotosTest.upload(t.volunteer, bin, "AFTER", CasePhotosTest.png()).statusCode(201)
                .extract().<Number>path("id").longValue();
        t.loop.did(t.volunteer, bin, "persuade-fix", Map.of("photoIds", List.of(before, after), "reason", "扶正果皮箱"))
                .body("state", equalTo("CLOSED")).body("solvedLevel", equalTo("COMMUNITY")).body("auditSampled", equalTo(true));
        assertEquals(0, t.volunteerPoints(), "a fix drawn for the audit earns once it passes");
        t.loop.did(t.loop.assessor, bin, "audit-pass");
        assertEquals(5, t.volunteerPoints());
        assertEquals(30, t.volunteering().getInt("totalMinutes"));

        String bin2 = t.residentReport(0, Map.of("classCode", LITTER_BIN, "description", "果皮箱又倒了"));
        CasePhotosTest.upload(t.volunteer, bin2, "BEFORE", CasePhotosTest.jpeg()).statusCode(201);
        CasePhotosTest.upload(t.volunteer, bin2, "AFTER", CasePhotosTest.jpeg()).statusCode(201);
        t.loop.did(t.volunteer, bin2, "persuade-fix");
        t.loop.did(t.loop.assessor, bin2, "audit-fail", Map.of("reason", "照片与现场不符")).body("state", equalTo("REPORTED"))
                .body("solvedLevel", nullValue());
        assertEquals(5, t.volunteerPoints(), "a failed fix earns nothing");
        assertEquals(60, t.volunteering().getInt("totalMinutes"));
    }

    @Test
    void a_fix_not_drawn_for_the_audit_earns_at_once_and_only_once() {
        TriageCity t = new TriageCity();
        as(t.loop.admin()).body(Map.of("selfHandlingAuditPercent", 0)).put("/api/v1/workflow/settings").then()
                .statusCode(200);
        String bin = t.residentReport(0, Map.of("classCode", LITTER_BIN, "description", "果皮箱倾倒"));
        CasePhotosTest.upload(t.volunteer, bin, "BEFORE", CasePhotosTest.jpeg()).statusCode(201);
        CasePhotosTest.upload(t.volunteer, bin, "AFTER", CasePhotosTest.jpeg()).statusCode(201);
        t.loop.did(t.volunteer, bin, "persuade-fix").body("auditSampled", equalTo(false));
        assertEquals(5, t.volunteerPoints());
        t.loop.act(t.volunteer, bin, "persuade-fix", Map.of()).statusCode(409);
        assertEquals(5, t.volunteerPoints());
        List<String> kinds = as(t.volunteer).get("/api/v1/me/points/transfers?size=100").then().statusCode(200)
                .extract().path("items.kind");
        assertEquals(List.of("VOLUNTEER_WORK"), kinds);
    }

    @Test
    void a_volunteer_sees_and_acts_on_nothing_outside_their_communities_nor_on_their_own_or_staff_reports() {
        TriageCity t = new TriageCity();
        String otherCommunity = t.communityOf(30);
        String there = t.residentReport(30, Map.of());
        assertEquals(false, otherCommunity.equals(t.community), "the spots are in different communities");
        t.loop.get(t.volunteer, there).statusCode(404);
        t.loop.act(t.volunteer, there, "confirm", Map.of()).statusCode(404);
        assertEquals(List.of(), t.triageQueue(t.volunteer));

        String own = t.loop.report(t.volunteer, 0, Map.of("source", "volunteer")).statusCode(201).extract().path("number");
        t.loop.act(t.volunteer, own, "mark-invalid", Map.of("reason", "测试")).statusCode(403);
        String staff = t.loop.reported(t.loop.districtSupervisor, 0);
        t.loop.get(t.volunteer, staff).statusCode(404);
        assertEquals(List.of(), t.triageQueue(t.volunteer), "neither their own nor staff reports are theirs to triage");

        // a resident is not a volunteer: the answer names what they may do
        String mine = t.residentReport(0, Map.of());
        t.loop.act(t.loop.resident, mine, "confirm", Map.of()).statusCode(403).body("code", equalTo("role-not-allowed"));
        as(t.loop.resident).get("/api/v1/queues/triage").then().statusCode(403);

        // a volunteer of another city sees nothing of this one
        TriageCity other = new TriageCity();
        other.loop.get(other.volunteer, mine).statusCode(404);
        assertEquals(List.of(), other.triageQueue(other.volunteer).stream().filter(mine::equals).toList());
        as(other.loop.admin()).get("/api/v1/volunteers/memberships").then().statusCode(200)
                .body("userId", not(hasItem((int) t.volunteerId)));
    }

    @Test
    void a_resident_applies_the_administrator_decides_and_the_role_follows_the_membership() {
        TriageCity t = new TriageCity();
        long bea = t.loop.city.createUser("bea", "resident");
        String beaToken = Api.token(t.loop.city.code(), "bea", Api.PASSWORD);
        as(beaToken).body(Map.of("communityCode", "12345")).post("/api/v1/volunteers/applications").then()
                .statusCode(400).body("errors[0].field", equalTo("communityCode"));
        as(beaToken).body(Map.of("communityCode", "999999999999")).post("/api/v1/volunteers/applications").then()
                .statusCode(400).body("errors[0].field", equalTo("communityCode"));
        as(beaToken).body(Map.of("communityCode", t.community, "motivation", "长".repeat(501)))
                .post("/api/v1/volunteers/applications").then().statusCode(400).body("errors[0].field", equalTo("motivation"));
        as(beaToken).body("[1, 2]").post("/api/v1/volunteers/applications").then().statusCode(400);
        assertEquals(0, as(t.loop.admin()).get("/api/v1/volunteers/memberships?status=PENDING").then().statusCode(200)
                .extract().jsonPath().getList("id").size(), "refused applications store nothing");
        int id = as(beaToken).body(Map.of("communityCode", t.community, "motivation", "住在本社区，每天巡查"))
                .post("/api/v1/volunteers/applications").then().statusCode(201).body("status", equalTo("PENDING"))
                .body("communityName", not(nullValue())).extract().path("id");
        as(beaToken).body(Map.of("communityCode", t.community)).post("/api/v1/volunteers/applications").then()
                .statusCode(409);
        as(beaToken).get("/api/v1/volunteers/memberships").then().statusCode(403);
        as(t.loop.admin()).get("/api/v1/volunteers/memberships?status=PENDING").then().statusCode(200)
                .body("id", hasItem(id));

        // another city's administrator cannot decide it
        TriageCity other = new TriageCity();
        as(t.loop.admin()).body(Map.of("communityCode", t.community)).post("/api/v1/volunteers/memberships").then()
                .statusCode(400).body("errors[0].field", equalTo("userId"));
        as(t.loop.admin()).body(Map.of("userId", other.volunteerId, "communityCode", t.community))
                .post("/api/v1/volunteers/memberships").then().statusCode(400).body("errors[0].field", equalTo("userId"));
        as(other.volunteer).body(Map.of("userId", bea, "communityCode", t.community)).post("/api/v1/volunteers/memberships")
                .then().statusCode(403);
        as(other.loop.admin()).body(Map.of()).post("/api/v1/volunteers/memberships/" + id + "/approve").then()
                .statusCode(404);

        as(t.loop.admin()).body(Map.of()).post("/api/v1/volunteers/memberships/" + id + "/decline").then().statusCode(400)
                .body("errors[0].field", equalTo("note"));
        as(t.loop.admin()).body(Map.of("note", "欢迎")).post("/api/v1/volunteers/memberships/" + id + "/approve").then()
                .statusCode(200).body("status", equalTo("ACTIVE"));
        as(t.loop.admin()).body(Map.of()).post("/api/v1/volunteers/memberships/" + id + "/approve").then().statusCode(409);
        String asVolunteer = Api.token(t.loop.city.code(), "bea", Api.PASSWORD);
        String report = t.residentReport(0, Map.of());
        assertEquals(true, t.triageQueue(asVolunteer).contains(report));

        as(t.loop.admin()).body(Map.of("note", "搬离本社区")).post("/api/v1/volunteers/memberships/" + id + "/end").then()
                .statusCode(200).body("status", equalTo("ENDED"));
        String afterwards = Api.token(t.loop.city.code(), "bea", Api.PASSWORD);
        as(afterwards).get("/api/v1/queues/triage").then().statusCode(403);
        assertEquals(true, bea > 0);
    }
}
