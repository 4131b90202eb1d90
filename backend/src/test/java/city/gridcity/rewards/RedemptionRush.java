package city.gridcity.rewards;

import static city.gridcity.support.Api.as;

import city.gridcity.identity.Role;
import city.gridcity.identity.UserService;
import city.gridcity.points.PointAwards;
import city.gridcity.points.PointsCity;
import city.gridcity.support.Api;
import city.gridcity.tenancy.TenantDirectory;
import city.gridcity.tenancy.TenantRef;
import city.gridcity.tenancy.TenantRunner;
import io.restassured.RestAssured;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Many residents with points rushing one reward at once, for the oversell test and the benchmark: residents are
 * created and signed in inside the service (the slow part, not measured), then every request is sent at once
 * over plain HTTP.
 */
@ApplicationScoped
public class RedemptionRush {

    private final UserService users;
    private final PointAwards awards;
    private final TenantRunner runner;
    private final TenantDirectory directory;

    RedemptionRush(UserService users, PointAwards awards, TenantRunner runner, TenantDirectory directory) {
        this.users = users;
        this.awards = awards;
        this.runner = runner;
        this.directory = directory;
    }

    /** A city (volunteer work earns 100 points), {@code residents} residents who did some, and their tokens. */
    public record Crowd(PointsCity city, List<String> tokens, List<Long> ids) {
    }

    public Crowd crowd(int residents) {
        PointsCity c = PointsCity.with(PointsCity.rulesWith("volunteerWork", 100));
        TenantRef city = directory.byCode(c.city.code()).orElseThrow();
        List<Long> ids = runner.call(city, () -> {
            List<Long> made = new ArrayList<>();
            for (int i = 0; i < residents; i++) {
                made.add(users.create(new UserService.NewUser("rush" + i, null, "居民" + i, Api.PASSWORD,
                        EnumSet.of(Role.RESIDENT), null)).id);
            }
            return made;
        });
        runner.run(city, () -> ids.forEach(id -> awards.awardVolunteerWork(id, "seed", "test", Instant.now())));
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < residents; i++) {
            tokens.add(Api.token(c.city.code(), "rush" + i, Api.PASSWORD));
        }
        return new Crowd(c, tokens, ids);
    }

    /** A reward of the crowd's city with the given stock; its id. */
    public long reward(Crowd crowd, int stock, int price) {
        Number id = as(crowd.city().admin()).body(Map.of("code", "rush" + System.nanoTime() % 100000, "nameZh", "演唱会门票",
                "nameEn", "Concert ticket", "price", price, "stock", stock)).post("/api/v1/rewards").then().statusCode(201)
                .extract().path("id");
        return id.longValue();
    }

    /** One answer: its status and body. */
    public record Answer(int status, String contentType, String body) {
    }

    /** Every resident asks for the reward at the same moment; the answers in the crowd's order. */
    public List<Answer> rush(Crowd crowd, long reward) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI uri = URI.create("http://localhost:" + RestAssured.port + "/api/v1/rewards/" + reward + "/redemptions");
        List<CompletableFuture<HttpResponse<String>>> pending = new ArrayList<>();
        for (String token : crowd.tokens()) {
            pending.add(client.sendAsync(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                    .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        return pending.stream().map(CompletableFuture::join).map(r -> new Answer(r.statusCode(),
                r.headers().firstValue("Content-Type").orElse(""), r.body())).toList();
    }
}
