package city.gridcity.integration;

import static city.gridcity.support.Api.as;

import city.gridcity.integration.outbox.Enqueued;
import city.gridcity.integration.outbox.Notification;
import city.gridcity.integration.outbox.Outbox;
import city.gridcity.integration.outbox.Recipient;
import city.gridcity.support.Api;
import city.gridcity.tenancy.TenantDirectory;
import city.gridcity.tenancy.TenantRef;
import city.gridcity.tenancy.TenantRunner;
import io.restassured.path.json.JsonPath;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;

/** Fixtures that read as prose: a city's subscription, a case event enqueued as the case workflow will. */
@ApplicationScoped
public class OutboxFixtures {

    private final Outbox outbox;
    private final TenantRunner runner;
    private final TenantDirectory directory;

    OutboxFixtures(Outbox outbox, TenantRunner runner, TenantDirectory directory) {
        this.outbox = outbox;
        this.runner = runner;
        this.directory = directory;
    }

    /** A subscription created through the API; returns the answer, with {@code secret} and {@code subscription.id}. */
    public static JsonPath subscribe(Api.City city, String url, List<String> eventTypes, String departmentCode) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("name", "接收方 " + url.hashCode(), "url", url,
                "eventTypes", eventTypes));
        if (departmentCode != null) {
            body.put("departmentCode", departmentCode);
        }
        return as(city.adminToken()).body(body).post("/api/v1/webhooks").then().statusCode(201).extract().jsonPath();
    }

    /** A case event of the city, enqueued in its own committed transaction. */
    public List<Enqueued> enqueue(Api.City city, Notification n, Recipient... recipients) {
        return runner.call(ref(city), () -> outbox.enqueue(n, recipients));
    }

    public static Notification dispatched(String caseNumber) {
        return new Notification(EventTypes.CASE_DISPATCHED, caseNumber, "案件 " + caseNumber + " 已派遣至环卫处",
                Map.of("caseNumber", caseNumber, "department", "sanitation", "deadline", "2026-12-02T17:00:00+08:00"));
    }

    public TenantRef ref(Api.City city) {
        return directory.byCode(city.code()).orElseThrow();
    }

    /** The administrator's view of one outbox message. */
    public static JsonPath message(Api.City city, long id) {
        return as(city.adminToken()).get("/api/v1/outbox/" + id).then().statusCode(200).extract().jsonPath();
    }
}
