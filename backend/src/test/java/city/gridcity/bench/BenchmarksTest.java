package city.gridcity.bench;

import city.gridcity.grid.GridGenerator;
import city.gridcity.grid.LayoutReader;
import city.gridcity.grid.LayoutValidator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the benchmarks and prints their figures: {@code ./mvnw -Pbench test}. Nothing here asserts a
 * time; the figures are read and recorded in src/site/markdown/benchmarks.md.
 */
@Tag("benchmark")
class BenchmarksTest {

    @Test
    void locate_throughput_on_one_core() throws Exception {
        Options options = new OptionsBuilder()
                .include(LocateBenchmark.class.getSimpleName())
                .threads(1)
                .forks(1)
                .warmupIterations(3).warmupTime(TimeValue.seconds(2))
                .measurementIterations(5).measurementTime(TimeValue.seconds(2))
                .build();
        Collection<RunResult> results = new Runner(options).run();
        double ours = 0;
        double bare = 0;
        for (RunResult r : results) {
            double score = r.getPrimaryResult().getScore();
            if (r.getParams().getBenchmark().endsWith("gridIndexLocate")) {
                ours = score;
            } else {
                bare = score;
            }
        }
        System.out.printf("%nBENCH locate on 16,161 unit grids, 1 thread: GridIndex %,.0f lookups/s; bare JTS STRtree "
                + "%,.0f lookups/s; ratio bare/ours %.2f%n", ours, bare, bare / ours);
    }

    @Test
    void read_and_validate_the_16161_grid_layout() throws Exception {
        String json = new ObjectMapper().writeValueAsString(GridGenerator.generate(GridGenerator.LARGE));
        for (int round = 1; round <= 3; round++) {
            long start = System.nanoTime();
            ObjectNode tree = (ObjectNode) new ObjectMapper().readTree(json);
            LayoutReader.Result read = new LayoutReader().read(tree);
            int problems = read.problems().size() + new LayoutValidator(1.0).validate(read.features()).size();
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("BENCH parse+validate %,d features (%,d KiB GeoJSON), round %d: %.2f s, %d problems%n",
                    read.features().size(), json.length() / 1024, round, seconds, problems);
        }
    }
}
