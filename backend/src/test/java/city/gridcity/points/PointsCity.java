package city.gridcity.points;

import static city.gridcity.support.Api.as;

import city.gridcity.cases.LoopAccess;
import city.gridcity.support.Api;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A city ready for the points programme, as prose: the closed loop's city (grid, staff), residents who
 * report broken public toilets through the portal's source, and the city's point rules set through the API.
 */
public final class PointsCity {

    /** 公共厕所, a component: limits A 3 working days. */
    public static final String TOILET = "0301";

    public final LoopAccess loop;
    public final Api.City city;

    private PointsCity(LoopAccess loop) {
        this.loop = loop;
        this.city = loop.city();
    }

    /** A new city with the given rules in force from now (see {@link #rules()}). */
    public static PointsCity with(Map<String, Object> rules) {
        PointsCity c = new PointsCity(LoopAccess.aCity());
        c.setRules(rules).statusCode(201);
        return c;
    }

    /**
     * The rules most tests start from: 10 points for a filed report, 1 for a duplicate, 2 for a confirmed
     * "me too", 3 for a rating, 5 for volunteer work; three levels (0, 20, 100); no caps, expiry or abuse rule.
     */
    public static Map<String, Object> rules() {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("report", new LinkedHashMap<>(Map.of("filed", 10, "byWeight", false, "duplicate", 1)));
        r.put("meToo", 2);
        r.put("rating", 3);
        r.put("volunteerWork", 5);
        r.put("levels", List.of(Map.of("from", 0, "nameZh", "新手市民", "nameEn", "Newcomer"),
                Map.of("from", 20, "nameZh", "热心市民", "nameEn", "Active resident"),
                Map.of("from", 100, "nameZh", "城市合伙人", "nameEn", "City partner")));
        r.put("holdHours", 48);
        return r;
    }

    /** The default rules with some entries replaced. */
    public static Map<String, Object> rulesWith(Object... keyValues) {
        Map<String, Object> r = rules();
        for (int i = 0; i < keyValues.length; i += 2) {
            r.put((String) keyValues[i], keyValues[i + 1]);
        }
        return r;
    }

    public ValidatableResponse setRules(Map<String, Object> rules) {
        return as(admin()).body(Map.of("rules", rules)).post("/api/v1/points/rules").then();
    }

    public String admin() {
        return city.adminToken();
    }

    public String acceptor() {
        return loop.acceptor();
    }

    /** A new resident of the city: their token and id. */
    public Resident resident(String name) {
        long id = city.createUser(name, "resident");
        return new Resident(name, id, Api.token(city.code(), name, Api.PASSWORD));
    }

    public record Resident(String name, long id, String token) {
    }

    /** A resident's report of a broken toilet at spot {@code i}, through the portal's source; returns its number. */
    public String report(String token, int spot) {
        Map<String, Object> body = new HashMap<>(Map.of("kind", "component", "classCode", TOILET, "source", "resident-portal",
                "lon", loop.spot(spot)[0], "lat", loop.spot(spot)[1], "description", "公共厕所门损坏，无法关闭"));
        return as(token).body(body).post("/api/v1/cases").then().statusCode(201).extract().path("number");
    }

    public ValidatableResponse act(String token, String number, String action, Map<String, Object> fields) {
        Map<String, Object> body = new HashMap<>(fields);
        body.put("action", action);
        return as(token).body(body).post("/api/v1/cases/" + number + "/actions").then();
    }

    public void file(String number) {
        act(acceptor(), number, "file", Map.of("conditionCode", "A")).statusCode(200);
    }

    public void reject(String number) {
        act(acceptor(), number, "reject", Map.of("reason", "不属于城市管理范围")).statusCode(200);
    }

    public void meToo(String token, String number, int spot) {
        as(token).body(Map.of("lon", loop.spot(spot)[0], "lat", loop.spot(spot)[1]))
                .post("/api/v1/cases/" + number + "/me-too").then().statusCode(200);
    }

    public JsonPath points(String token) {
        return as(token).get("/api/v1/me/points").then().statusCode(200).extract().jsonPath();
    }

    public long balance(String token) {
        return points(token).getLong("balance");
    }

    public JsonPath transfers(String token) {
        return as(token).get("/api/v1/me/points/transfers?size=100").then().statusCode(200).extract().jsonPath();
    }

    public JsonPath ledgerAudit() {
        return as(admin()).get("/api/v1/points/ledger-audit").then().statusCode(200).extract().jsonPath();
    }

    /** Kinds of a resident's transfers, newest first. */
    public List<String> kinds(String token) {
        return new ArrayList<>(transfers(token).getList("items.kind"));
    }
}
