package city.gridcity.support;

import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;
import io.restassured.filter.FilterContext;
import io.restassured.filter.OrderedFilter;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import java.net.URI;

/**
 * Checks every answer of the API that a test receives through RestAssured against the service's own
 * OpenAPI document ({@link ApiContract}), so the document stays true as endpoints are added. Installed
 * before each {@code @QuarkusTest} method (registered in META-INF/services), in the test's class
 * loader, where RestAssured's global filters live. Only answers are checked: tests send broken
 * requests on purpose. A mismatch fails the call, and so the test that made it, naming the operation,
 * the status and the field.
 */
public class ContractCheck implements OrderedFilter, QuarkusTestBeforeEachCallback {

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        if (RestAssured.filters().stream().noneMatch(ContractCheck.class::isInstance)) {
            RestAssured.filters(new ContractCheck());
        }
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification responseSpec,
                           FilterContext context) {
        Response response = context.next(request, responseSpec);
        URI uri = URI.create(request.getURI());
        String path = uri.getRawPath();
        if (path == null || !path.startsWith("/api/")) {
            return response;
        }
        ApiContract.of(uri).mismatch(request.getMethod(), path, response.statusCode(), response.contentType(),
                response.asByteArray()).ifPresent(problem -> {
                    throw new AssertionError("The answer does not match the OpenAPI document: " + problem);
                });
        return response;
    }

    /** First in the chain, so it wraps the other filters and sees the answer the test sees. */
    @Override
    public int getOrder() {
        return OrderedFilter.HIGHEST_PRECEDENCE;
    }
}
