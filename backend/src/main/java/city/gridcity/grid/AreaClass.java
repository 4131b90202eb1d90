package city.gridcity.grid;

import java.util.Arrays;
import java.util.Optional;

/** The class of a management grid, which sets its size and patrol intensity. */
public enum AreaClass {
    /** 一类 / 核心区, about 0.2 km². */
    CORE("core", "一类（核心区）"),
    /** 二类 / 繁华区, about 0.5 km². */
    BUSY("busy", "二类（繁华区）"),
    /** 三类, about 1 km². */
    GENERAL("general", "三类（一般区）");

    private final String wireName;
    private final String labelZh;

    AreaClass(String wireName, String labelZh) {
        this.wireName = wireName;
        this.labelZh = labelZh;
    }

    public String wireName() {
        return wireName;
    }

    public String labelZh() {
        return labelZh;
    }

    public static Optional<AreaClass> fromWireName(String name) {
        return Arrays.stream(values()).filter(c -> c.wireName.equals(name)).findFirst();
    }
}
