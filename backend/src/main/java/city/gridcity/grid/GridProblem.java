package city.gridcity.grid;

/**
 * One thing wrong with a layout, placed so a map editor can find it.
 *
 * @param index the feature's position in the FeatureCollection, or -1 for the layout as a whole
 * @param code  the feature's code when it has one
 * @param kind  a stable word for the kind of problem (e.g. {@code overlap}, {@code gap})
 */
public record GridProblem(int index, String code, String kind, String message) {

    /** Where the problem is, as the problem-details field: {@code features[12] (9101010010101)}. */
    public String where() {
        if (index < 0) {
            return "layout";
        }
        return "features[" + index + "]" + (code == null ? "" : " (" + code + ")");
    }
}
