package city.gridcity.grid;

import java.util.Arrays;
import java.util.Optional;

/**
 * The five administrative levels of a city's grid, top down, plus key areas that lie across them.
 * Codes follow national practice: the 6-digit district administrative code, then 3 digits for the
 * street, 3 for the community, 2 for the management grid and 3 for the unit grid, each code
 * extending its parent's.
 */
public enum GridLevel {
    DISTRICT("district", "区", 6),
    STREET("street", "街道", 9),
    COMMUNITY("community", "社区", 12),
    MANAGEMENT("management", "管理网格", 14),
    UNIT("unit", "单元网格", 17),
    /** 重点区域: a named polygon with a patrol-frequency factor, outside the hierarchy. */
    KEY_AREA("key_area", "重点区域", 0);

    private final String wireName;
    private final String labelZh;
    private final int codeLength;

    GridLevel(String wireName, String labelZh, int codeLength) {
        this.wireName = wireName;
        this.labelZh = labelZh;
        this.codeLength = codeLength;
    }

    public String wireName() {
        return wireName;
    }

    public String labelZh() {
        return labelZh;
    }

    /** Total digits of a code at this level; 0 for key areas, whose codes are free text. */
    public int codeLength() {
        return codeLength;
    }

    public boolean hierarchical() {
        return this != KEY_AREA;
    }

    /** The level above, or empty for districts and key areas. */
    public Optional<GridLevel> parent() {
        return switch (this) {
            case STREET -> Optional.of(DISTRICT);
            case COMMUNITY -> Optional.of(STREET);
            case MANAGEMENT -> Optional.of(COMMUNITY);
            case UNIT -> Optional.of(MANAGEMENT);
            default -> Optional.empty();
        };
    }

    public Optional<GridLevel> child() {
        return Arrays.stream(values()).filter(l -> l.parent().orElse(null) == this).findFirst();
    }

    public static Optional<GridLevel> fromWireName(String name) {
        return Arrays.stream(values()).filter(l -> l.wireName.equals(name)).findFirst();
    }

    public static String wireNames() {
        return Arrays.stream(values()).map(GridLevel::wireName).toList().toString();
    }
}
