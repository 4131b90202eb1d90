package city.gridcity.shared;

import static city.gridcity.support.Api.as;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import city.gridcity.support.Api;
import city.gridcity.support.PostgresResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class PagingTest {

    /** Values a client may send by mistake or on purpose; none of them may reach the database. */
    private static final List<String> BAD = List.of("2147483647", "99999999999", "-1", "-2147483648", "abc", "1.5", "0x10");

    /** A paged endpoint, who may call it, and the largest size it allows. */
    record Paged(String path, String token, String pageParam, String sizeParam, int maxSize) {
    }

    @Test
    void every_paged_endpoint_answers_400_naming_the_field_and_its_range_for_a_bad_page_or_size() {
        // given every paged list of the API, each with a role that may read it
        Api.City city = Api.aCity();
        String resident = city.userWith("pagingresident", "resident");
        String dispatcher = city.userWith("pagingdispatcher", "dispatcher");
        List<Paged> endpoints = List.of(
                new Paged("/api/v1/users", city.adminToken(), "page", "size", 200),
                new Paged("/api/v1/outbox", city.adminToken(), "page", "size", 200),
                new Paged("/api/v1/me/messages", resident, "page", "size", 100),
                new Paged("/api/v1/grid/units", city.adminToken(), "page", "size", 1000),
                new Paged("/api/v1/queues/dispatch", dispatcher, null, "limit", 200));

        for (Paged e : endpoints) {
            for (String bad : BAD) {
                if (e.pageParam() != null) {
                    // when the page number is wrong, then the answer names it and the range
                    as(e.token()).queryParam(e.pageParam(), bad).get(e.path()).then()
                            .statusCode(400).contentType(startsWith("application/problem+json"))
                            .body("code", equalTo("invalid-parameter"))
                            .body("errors.field", contains(e.pageParam()))
                            .body("errors[0].message", equalTo("must be a whole number from 0 to 100000"));
                }
                as(e.token()).queryParam(e.sizeParam(), bad).get(e.path()).then()
                        .statusCode(400).contentType(startsWith("application/problem+json"))
                        .body("code", equalTo("invalid-parameter"))
                        .body("errors.field", contains(e.sizeParam()))
                        .body("errors[0].message", equalTo("must be a whole number from 1 to " + e.maxSize()));
            }
            // a size of zero and one above the largest are refused too
            as(e.token()).queryParam(e.sizeParam(), 0).get(e.path()).then().statusCode(400)
                    .body("errors.field", contains(e.sizeParam()));
            as(e.token()).queryParam(e.sizeParam(), e.maxSize() + 1).get(e.path()).then().statusCode(400)
                    .body("errors.field", contains(e.sizeParam()));
        }
    }

    @Test
    void a_wrong_page_and_a_wrong_size_are_both_named_in_one_answer() {
        Api.City city = Api.aCity();
        as(city.adminToken()).queryParam("page", "-5").queryParam("size", "huge").get("/api/v1/users").then()
                .statusCode(400).body("errors.field", contains("page", "size"));
    }

    @Test
    void normal_paging_still_works_at_the_edges_of_the_ranges() {
        // given a city with its administrator and three more users
        Api.City city = Api.aCity();
        for (String name : List.of("pageda", "pagedb", "pagedc")) {
            city.createUser(name, "acceptor");
        }
        String resident = city.userWith("pagingreader", "resident");

        // then pages of two hold two, two, then one user of the five
        as(city.adminToken()).get("/api/v1/users?page=0&size=2").then().statusCode(200)
                .body("items", hasSize(2)).body("total", equalTo(5)).body("page", equalTo(0)).body("size", equalTo(2));
        as(city.adminToken()).get("/api/v1/users?page=2&size=2").then().statusCode(200).body("items", hasSize(1));
        // and the largest page number and size are accepted: an empty page, not an error
        as(city.adminToken()).get("/api/v1/users?page=100000&size=200").then().statusCode(200)
                .body("items", hasSize(0)).body("total", equalTo(5));
        as(city.adminToken()).get("/api/v1/outbox?page=100000&size=200").then().statusCode(200).body("items", hasSize(0));
        as(resident).get("/api/v1/me/messages?page=100000&size=100").then().statusCode(200).body("items", hasSize(0));
        // and defaults apply when the parameters are left out
        as(city.adminToken()).get("/api/v1/users").then().statusCode(200).body("page", equalTo(0)).body("size", equalTo(50));
        as(resident).get("/api/v1/me/messages").then().statusCode(200).body("size", equalTo(20));
        as(city.userWith("pagingdispatcher2", "dispatcher")).queryParams(Map.of("limit", 200))
                .get("/api/v1/queues/dispatch").then().statusCode(200).body("items", hasSize(0));
    }
}
