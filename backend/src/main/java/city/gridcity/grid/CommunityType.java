package city.gridcity.grid;

import java.util.Arrays;
import java.util.Optional;

/** Decides a community's daily report threshold in two-level supervision (10, or 6 in a development zone). */
public enum CommunityType {
    ORDINARY("ordinary"),
    DEVELOPMENT_ZONE("development_zone");

    private final String wireName;

    CommunityType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<CommunityType> fromWireName(String name) {
        return Arrays.stream(values()).filter(c -> c.wireName.equals(name)).findFirst();
    }
}
