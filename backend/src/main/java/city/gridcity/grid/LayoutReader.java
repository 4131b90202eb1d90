package city.gridcity.grid;

import city.gridcity.grid.geo.GeoJsonGeometry;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a GeoJSON FeatureCollection whose features carry {@code level} and {@code code}
 * properties (and {@code name}, {@code areaClass}, {@code communityType}, {@code patrolFactor}).
 * Every feature is read; the problems of all of them are returned together.
 */
public final class LayoutReader {

    /**
     * The features that could be read, what was wrong with the others, and the codes of those others
     * (so the layout checks do not report their absence as gaps or missing parents as well).
     */
    public record Result(List<GridFeature> features, List<GridProblem> problems, java.util.Set<String> unreadableCodes) {
    }

    public Result read(JsonNode collection) {
        List<GridFeature> features = new ArrayList<>();
        List<GridProblem> problems = new ArrayList<>();
        java.util.Set<String> unreadable = new java.util.HashSet<>();
        if (collection == null || !"FeatureCollection".equals(collection.path("type").asText())
                || !collection.path("features").isArray()) {
            problems.add(new GridProblem(-1, null, "format", "the body must be a GeoJSON FeatureCollection "
                    + "with a features array"));
            return new Result(features, problems, unreadable);
        }
        JsonNode list = collection.get("features");
        for (int i = 0; i < list.size(); i++) {
            int before = problems.size();
            read(i, list.get(i), features, problems);
            if (problems.size() > before && problems.get(before).code() != null) {
                unreadable.add(problems.get(before).code());
            }
        }
        if (list.isEmpty()) {
            problems.add(new GridProblem(-1, null, "empty", "the FeatureCollection has no features"));
        }
        return new Result(features, problems, unreadable);
    }

    private void read(int i, JsonNode feature, List<GridFeature> features, List<GridProblem> problems) {
        JsonNode props = feature.path("properties");
        String code = text(props, "code");
        int before = problems.size();
        GridLevel level = GridLevel.fromWireName(text(props, "level")).orElse(null);
        if (level == null) {
            problems.add(new GridProblem(i, code, "level", "property 'level' must be one of " + GridLevel.wireNames()));
        }
        if (code == null) {
            problems.add(new GridProblem(i, null, "code", "property 'code' is required"));
        } else if (level != null && level.hierarchical()
                && (code.length() != level.codeLength() || !code.chars().allMatch(Character::isDigit))) {
            problems.add(new GridProblem(i, code, "code", "a " + level.wireName() + " code has " + level.codeLength()
                    + " digits (6 district + 3 street + 3 community + 2 management grid + 3 unit grid)"));
        } else if (code.length() > 32) {
            problems.add(new GridProblem(i, code, "code", "a code has at most 32 characters"));
        }
        String name = text(props, "name");
        if (name == null) {
            problems.add(new GridProblem(i, code, "name", "property 'name' is required"));
        } else if (name.length() > 100) {
            problems.add(new GridProblem(i, code, "name", "the name has more than 100 characters"));
        }
        AreaClass areaClass = null;
        CommunityType communityType = null;
        Double patrolFactor = null;
        if (level == GridLevel.MANAGEMENT) {
            areaClass = AreaClass.fromWireName(text(props, "areaClass")).orElse(null);
            if (areaClass == null) {
                problems.add(new GridProblem(i, code, "areaClass", "a management grid needs 'areaClass': core, busy or general"));
            }
        }
        if (level == GridLevel.COMMUNITY) {
            String type = text(props, "communityType");
            communityType = type == null ? CommunityType.ORDINARY : CommunityType.fromWireName(type).orElse(null);
            if (communityType == null) {
                problems.add(new GridProblem(i, code, "communityType", "'communityType' must be ordinary or development_zone"));
            }
        }
        if (level == GridLevel.KEY_AREA) {
            JsonNode factor = props.path("patrolFactor");
            if (!factor.isNumber() || factor.asDouble() < 1 || factor.asDouble() > 10) {
                problems.add(new GridProblem(i, code, "patrolFactor", "a key area needs 'patrolFactor', a number from 1 to 10"));
            } else {
                patrolFactor = factor.asDouble();
            }
        }
        GeoJsonGeometry.Parsed geometry = GeoJsonGeometry.read(feature.get("geometry"));
        for (String p : geometry.problems()) {
            problems.add(new GridProblem(i, code, "geometry", p));
        }
        if (problems.size() == before) {
            features.add(new GridFeature(i, level, code, name, areaClass, communityType, patrolFactor, geometry.geometry()));
        }
    }

    private static String text(JsonNode props, String key) {
        JsonNode node = props.get(key);
        if (node == null || node.isNull() || !node.isValueNode() || node.asText().isBlank()) {
            return null;
        }
        return node.asText().trim();
    }
}
