package city.gridcity.grid;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LayoutValidationTest {

    /** A small city: 1 district, 2 streets, 3 communities, 6 management grids, 40 unit grids. */
    static final GridGenerator.Spec TINY = new GridGenerator.Spec("9801", 7L, 118.0, 32.0, 1, 2, 3, 6, 40, 200, 1, 1);

    @Test
    void a_generated_layout_is_valid_and_has_the_counts_asked_for() {
        JsonNode layout = GridGenerator.generate(GridGenerator.KCITY);
        LayoutReader.Result read = new LayoutReader().read(layout);
        assertEquals(List.of(), read.problems());
        assertEquals(List.of(), new LayoutValidator(1.0).validate(read.features()));
        assertEquals(4000, count(read, GridLevel.UNIT));
        assertEquals(300, count(read, GridLevel.MANAGEMENT));
        assertEquals(60, count(read, GridLevel.COMMUNITY));
        assertEquals(12, count(read, GridLevel.STREET));
        assertEquals(3, count(read, GridLevel.DISTRICT));
        assertEquals(3, read.features().stream().filter(f -> f.level() == GridLevel.MANAGEMENT)
                .map(GridFeature::areaClass).distinct().count());
        assertTrue(read.features().stream().anyMatch(f -> f.communityType() == CommunityType.DEVELOPMENT_ZONE));
    }

    @Test
    void the_generator_gives_the_same_layout_for_the_same_seed() {
        assertEquals(GridGenerator.generate(TINY), GridGenerator.generate(TINY));
    }

    @Test
    void every_problem_of_a_broken_layout_is_reported_by_feature() {
        ObjectNode layout = GridGenerator.generate(TINY);
        ArrayNode features = (ArrayNode) layout.get("features");
        List<Integer> units = indexesOf(features, "unit");

        // an unclosed ring
        ArrayNode ring0 = ring(features.get(units.get(0)));
        ring0.remove(ring0.size() - 1);
        // a self-intersecting "bow tie"
        ArrayNode ring1 = ring(features.get(units.get(1)));
        JsonNode a = ring1.get(1).deepCopy();
        ring1.set(1, ring1.get(2).deepCopy());
        ring1.set(2, a);
        // a duplicate code
        ((ObjectNode) features.get(units.get(3)).get("properties")).put("code", code(features.get(units.get(2))));
        // a code whose parent is missing, and a code of the wrong length
        ((ObjectNode) features.get(units.get(4)).get("properties")).put("code", "98019990101001001");
        ((ObjectNode) features.get(units.get(5)).get("properties")).put("code", "123");
        // a unit pushed far outside its management grid, leaving a gap there
        int shifted = units.get(units.size() - 1);
        shift(ring(features.get(shifted)), 0.02);
        // a unit drawn as large as its whole management grid, overlapping all its siblings
        String parentOf12 = code(features.get(units.get(12))).substring(0, 14);
        JsonNode parentGeometry = features.get(indexOfCode(features, parentOf12)).get("geometry").deepCopy();
        ((ObjectNode) features.get(units.get(12))).set("geometry", parentGeometry);

        // (the shifted unit and the oversized one sit in different management grids)
        assertTrue(!code(features.get(shifted)).startsWith(parentOf12));
        LayoutReader.Result read = new LayoutReader().read(layout);
        List<GridProblem> problems = new ArrayList<>(read.problems());
        problems.addAll(new LayoutValidator(1.0).validate(read.features()));
        List<String> kinds = problems.stream().map(p -> p.kind() + "@" + p.index()).toList();

        assertThat(kinds, hasItem("geometry@" + units.get(0)));
        assertThat(problems.stream().filter(p -> p.index() == units.get(0)).findFirst().orElseThrow().message(),
                containsString("not closed"));
        assertThat(kinds, hasItem("invalid-polygon@" + units.get(1)));
        assertThat(kinds, hasItem("code@" + units.get(5)));
        assertThat(kinds, hasItem("duplicate@" + units.get(3)));
        assertThat(kinds, hasItem("missing-parent@" + units.get(4)));
        assertThat(kinds, hasItem("outside-parent@" + shifted));
        assertTrue(problems.stream().anyMatch(p -> p.kind().equals("overlap")
                && (p.index() == units.get(12) || p.message().contains(code(features.get(units.get(12)))))), kinds.toString());
        assertThat(kinds, hasItem("gap@" + indexOfCode(features, code(features.get(shifted)).substring(0, 14))));
    }

    @Test
    void a_layout_without_a_level_and_a_parent_without_children_are_reported() {
        ObjectNode layout = GridGenerator.generate(TINY);
        ArrayNode features = (ArrayNode) layout.get("features");
        for (int i = features.size() - 1; i >= 0; i--) {
            if (features.get(i).get("properties").get("level").asText().equals("unit")) {
                features.remove(i);
            }
        }
        LayoutReader.Result read = new LayoutReader().read(layout);
        List<GridProblem> problems = new LayoutValidator(1.0).validate(read.features());
        assertTrue(problems.stream().anyMatch(p -> p.kind().equals("missing-level")));
        assertTrue(problems.stream().anyMatch(p -> p.kind().equals("no-children")));
    }

    @Test
    void a_body_that_is_not_a_feature_collection_is_refused() throws Exception {
        LayoutReader.Result read = new LayoutReader().read(new ObjectMapper().readTree("{\"type\":\"Feature\"}"));
        assertEquals("format", read.problems().get(0).kind());
    }

    static List<Integer> indexesOf(ArrayNode features, String level) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < features.size(); i++) {
            if (features.get(i).get("properties").get("level").asText().equals(level)) {
                out.add(i);
            }
        }
        return out;
    }

    static int indexOfCode(ArrayNode features, String code) {
        for (int i = 0; i < features.size(); i++) {
            if (features.get(i).get("properties").get("code").asText().equals(code)) {
                return i;
            }
        }
        throw new IllegalArgumentException(code);
    }

    static ArrayNode ring(JsonNode feature) {
        return (ArrayNode) feature.get("geometry").get("coordinates").get(0);
    }

    static void shift(ArrayNode ring, double dLon) {
        for (JsonNode p : ring) {
            ((ArrayNode) p).set(0, ((ArrayNode) p).numberNode(p.get(0).asDouble() + dLon));
        }
    }

    private static String code(JsonNode feature) {
        return feature.get("properties").get("code").asText();
    }

    private static long count(LayoutReader.Result read, GridLevel level) {
        return read.features().stream().filter(f -> f.level() == level).count();
    }

    @Test
    void overlapping_districts_are_reported_though_they_have_no_parent() {
        ObjectNode layout = GridGenerator.generate(new GridGenerator.Spec("9802", 8L, 118.0, 32.0, 2, 2, 4, 8, 60, 200, 0, 0));
        ArrayNode features = (ArrayNode) layout.get("features");
        // move the whole first district (with everything in it) 0.01° east, into the second
        for (JsonNode f : features) {
            if (f.get("properties").get("code").asText().startsWith("980201")) {
                shift(ring(f), 0.01);
            }
        }
        LayoutReader.Result read = new LayoutReader().read(layout);
        List<GridProblem> problems = new LayoutValidator(1.0).validate(read.features());
        assertTrue(problems.stream().anyMatch(p -> p.kind().equals("overlap") && p.code().startsWith("980202")
                && p.code().length() == 6), problems.toString());
    }
}
