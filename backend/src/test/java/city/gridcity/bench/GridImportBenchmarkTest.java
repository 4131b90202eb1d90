package city.gridcity.bench;

import static city.gridcity.support.Api.as;

import city.gridcity.grid.GridGenerator;
import city.gridcity.support.Api;
import city.gridcity.support.PostgresResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The whole import of the 16,161-grid layout over HTTP: parse, validate, store. Prints, asserts no time. */
@Tag("benchmark")
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class GridImportBenchmarkTest {

    @Test
    void import_the_16161_grid_layout_over_http() {
        String layout = GridGenerator.generate(GridGenerator.LARGE).toString();
        for (int round = 1; round <= 3; round++) {
            Api.City city = Api.aCity();
            long start = System.nanoTime();
            as(city.adminToken()).body(layout).post("/api/v1/grid/layouts?effectiveFrom=2026-01-01").then().statusCode(201);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("BENCH import (HTTP, validate, store) of 16,161 unit grids, %,d KiB, round %d: %.2f s%n",
                    layout.length() / 1024, round, seconds);
        }
    }
}
