package city.gridcity.grid;

import city.gridcity.grid.geo.LocalArea;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.operation.union.UnaryUnionOp;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;

/**
 * Checks a layout as a whole: valid polygons, unique codes that extend their parents', every
 * parent present, each child inside its parent, siblings not overlapping and together covering
 * their parent. Every problem is collected; none stops the others from being found.
 */
public final class LayoutValidator {

    private final double toleranceM2;

    /** @param toleranceM2 overlaps, gaps and overhangs up to this many square metres are accepted */
    public LayoutValidator(double toleranceM2) {
        this.toleranceM2 = toleranceM2;
    }

    public List<GridProblem> validate(List<GridFeature> features) {
        return validate(features, java.util.Set.of());
    }

    /**
     * Validates the features that could be read. {@code unreadable} holds the codes of features that
     * could not be: their absence is already reported, so it does not count as a gap, a missing
     * parent or a parent without children.
     */
    public List<GridProblem> validate(List<GridFeature> features, java.util.Set<String> unreadable) {
        List<GridProblem> problems = new ArrayList<>();
        Map<String, GridFeature> byCode = new HashMap<>();
        Map<GridLevel, List<GridFeature>> byLevel = new EnumMap<>(GridLevel.class);
        Map<String, Boolean> validGeometry = new HashMap<>();
        for (GridFeature f : features) {
            GridFeature earlier = byCode.putIfAbsent(f.code(), f);
            if (earlier != null) {
                problems.add(new GridProblem(f.index(), f.code(), "duplicate", "the code is used already by features["
                        + earlier.index() + "]; every code appears once"));
                continue;
            }
            byLevel.computeIfAbsent(f.level(), l -> new ArrayList<>()).add(f);
            IsValidOp valid = new IsValidOp(f.geometry());
            TopologyValidationError error = valid.getValidationError();
            validGeometry.put(f.code(), error == null);
            if (error != null) {
                problems.add(new GridProblem(f.index(), f.code(), "invalid-polygon", "the polygon is invalid: "
                        + error.getMessage() + " at " + format(error.getCoordinate().x, error.getCoordinate().y)));
            }
        }
        for (GridLevel level : GridLevel.values()) {
            if (level.hierarchical() && byLevel.getOrDefault(level, List.of()).isEmpty()) {
                problems.add(new GridProblem(-1, null, "missing-level", "the layout has no " + level.wireName()
                        + " (" + level.labelZh() + "); a layout has all five levels"));
            }
        }
        Map<String, List<GridFeature>> children = new LinkedHashMap<>();
        for (GridFeature f : features) {
            if (!f.level().hierarchical() || f.level().parent().isEmpty() || byCode.get(f.code()) != f) {
                continue;
            }
            GridFeature parent = byCode.get(f.parentCode());
            if (parent == null && unreadable.contains(f.parentCode())) {
                continue;
            }
            if (parent == null || parent.level() != f.level().parent().get()) {
                problems.add(new GridProblem(f.index(), f.code(), "missing-parent", "its " + f.level().parent().get()
                        .wireName() + " " + f.parentCode() + " (the first " + f.parentCode().length()
                        + " digits of its code) is not in the layout"));
                continue;
            }
            children.computeIfAbsent(parent.code(), k -> new ArrayList<>()).add(f);
        }
        for (GridFeature parent : features) {
            if (parent.level().hierarchical() && parent.level() != GridLevel.UNIT && byCode.get(parent.code()) == parent
                    && !children.containsKey(parent.code()) && !hasUnreadableChild(parent, unreadable)) {
                problems.add(new GridProblem(parent.index(), parent.code(), "no-children", "it has no "
                        + parent.level().child().map(GridLevel::wireName).orElse("children") + "; every "
                        + parent.level().wireName() + " is divided down to unit grids"));
            }
        }
        children.forEach((parentCode, kids) -> {
            GridFeature parent = byCode.get(parentCode);
            if (Boolean.TRUE.equals(validGeometry.get(parentCode))) {
                List<GridFeature> validKids = kids.stream().filter(k -> Boolean.TRUE.equals(validGeometry.get(k.code())))
                        .toList();
                checkFamily(parent, validKids, validKids.size() == kids.size() && !hasUnreadableChild(parent, unreadable),
                        problems);
            }
        });
        // Districts have no parent in the layout: check them against each other as one family.
        List<GridFeature> districts = byLevel.getOrDefault(GridLevel.DISTRICT, List.of()).stream()
                .filter(d -> Boolean.TRUE.equals(validGeometry.get(d.code())) && byCode.get(d.code()) == d).toList();
        if (!districts.isEmpty()) {
            checkOverlaps(districts, districts.get(0).geometry().getEnvelopeInternal().centre().y, problems);
        }
        checkKeyAreas(byLevel, validGeometry, problems);
        problems.sort(java.util.Comparator.comparingInt(GridProblem::index));
        return problems;
    }

    private static boolean hasUnreadableChild(GridFeature parent, java.util.Set<String> unreadable) {
        int childLength = parent.level().child().map(GridLevel::codeLength).orElse(-1);
        return unreadable.stream().anyMatch(code -> code.length() == childLength && code.startsWith(parent.code()));
    }

    private void checkFamily(GridFeature parent, List<GridFeature> kids, boolean allValid, List<GridProblem> problems) {
        double perSquareDegree = LocalArea.squareMetresPerSquareDegree(parent.geometry().getEnvelopeInternal().centre().y);
        double tolerance = toleranceM2 / perSquareDegree;
        PreparedGeometry preparedParent = PreparedGeometryFactory.prepare(parent.geometry());
        for (GridFeature kid : kids) {
            if (!preparedParent.covers(kid.geometry())) {
                Geometry outside = kid.geometry().difference(parent.geometry());
                if (outside.getArea() > tolerance) {
                    problems.add(new GridProblem(kid.index(), kid.code(), "outside-parent", String.format(
                            "%.0f m² of it lie outside its %s %s, around %s", outside.getArea() * perSquareDegree,
                            parent.level().wireName(), parent.code(), centre(outside))));
                }
            }
        }
        checkOverlaps(kids, parent.geometry().getEnvelopeInternal().centre().y, problems);
        if (allValid && !kids.isEmpty()) {
            Geometry covered = UnaryUnionOp.union(geometries(kids));
            Geometry gap = parent.geometry().difference(covered);
            if (gap.getArea() > tolerance) {
                problems.add(new GridProblem(parent.index(), parent.code(), "gap", String.format(
                        "%.0f m² of it are not covered by any of its %d %s, around %s", gap.getArea() * perSquareDegree,
                        kids.size(), kids.get(0).level().wireName() + (kids.size() == 1 ? "" : "s"), centre(gap))));
            }
        }
    }

    /** Siblings must not overlap beyond the tolerance. */
    private void checkOverlaps(List<GridFeature> kids, double latitude, List<GridProblem> problems) {
        double perSquareDegree = LocalArea.squareMetresPerSquareDegree(latitude);
        double tolerance = toleranceM2 / perSquareDegree;
        for (int i = 0; i < kids.size(); i++) {
            Geometry a = kids.get(i).geometry();
            Envelope ea = a.getEnvelopeInternal();
            for (int j = i + 1; j < kids.size(); j++) {
                Geometry b = kids.get(j).geometry();
                Envelope common = ea.intersection(b.getEnvelopeInternal());
                if (common.isNull() || common.getArea() <= tolerance) {
                    continue;
                }
                Geometry overlap = a.intersection(b);
                if (overlap.getArea() > tolerance) {
                    problems.add(new GridProblem(kids.get(j).index(), kids.get(j).code(), "overlap", String.format(
                            "it overlaps %s (%s) by %.0f m², around %s", kids.get(i).code(), "features["
                                    + kids.get(i).index() + "]", overlap.getArea() * perSquareDegree, centre(overlap))));
                }
            }
        }
    }

    private void checkKeyAreas(Map<GridLevel, List<GridFeature>> byLevel, Map<String, Boolean> valid,
                               List<GridProblem> problems) {
        List<GridFeature> keyAreas = byLevel.getOrDefault(GridLevel.KEY_AREA, List.of());
        List<GridFeature> districts = byLevel.getOrDefault(GridLevel.DISTRICT, List.of());
        if (keyAreas.isEmpty() || districts.isEmpty()) {
            return;
        }
        Geometry city = UnaryUnionOp.union(geometries(districts.stream().filter(d -> valid.get(d.code())).toList()));
        for (GridFeature area : keyAreas) {
            if (valid.get(area.code()) && city != null && !city.intersects(area.geometry())) {
                problems.add(new GridProblem(area.index(), area.code(), "outside-city", "the key area lies outside "
                        + "every district of the layout"));
            }
        }
    }

    private static Collection<Geometry> geometries(List<GridFeature> features) {
        return features.stream().map(GridFeature::geometry).toList();
    }

    private static String centre(Geometry g) {
        var c = g.getEnvelopeInternal().centre();
        return format(c.x, c.y);
    }

    private static String format(double lon, double lat) {
        return String.format("[%.6f, %.6f]", lon, lat);
    }
}
