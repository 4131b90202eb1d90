package city.gridcity.cases;

import city.gridcity.support.Api;
import io.restassured.response.ValidatableResponse;
import java.util.Map;

/** {@link Loop} for tests of other packages: a city ready for the closed loop and a few of its steps. */
public final class LoopAccess {

    private final Loop loop;

    private LoopAccess(Loop loop) {
        this.loop = loop;
    }

    public static LoopAccess aCity() {
        return new LoopAccess(Loop.aCity());
    }

    public Api.City city() {
        return loop.city;
    }

    public String admin() {
        return loop.admin();
    }

    public String acceptor() {
        return loop.acceptor;
    }

    public String resident() {
        return loop.resident;
    }

    public double[] spot(int i) {
        return loop.spots.get(i);
    }

    public String unitAt(int spot) {
        return loop.report(loop.districtSupervisor, spot, Map.of()).statusCode(201).extract().path("grid.unit");
    }

    public String reportBySupervisor(int spot) {
        return loop.reported(loop.districtSupervisor, spot);
    }

    public ValidatableResponse get(String token, String number) {
        return loop.get(token, number);
    }

    /** File, dispatch, accept, report back and verify: the case closes. */
    public void closeThroughTheLoop(String number) {
        loop.did(loop.acceptor, number, "file", Map.of("conditionCode", "A"));
        loop.did(loop.dispatcher, number, "dispatch");
        loop.did(loop.handler, number, "accept");
        loop.did(loop.handler, number, "report-back");
        loop.did(loop.districtSupervisor, number, "verify-pass");
    }
}
