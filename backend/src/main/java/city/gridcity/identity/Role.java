package city.gridcity.identity;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/** What a user may do. Stored, signed into tokens and checked by their wire names. */
public enum Role {
    PLATFORM_ADMIN(Names.PLATFORM_ADMIN, "平台管理员"),
    CITY_ADMIN(Names.CITY_ADMIN, "市级管理员"),
    ACCEPTOR(Names.ACCEPTOR, "受理员"),
    DISPATCHER(Names.DISPATCHER, "派遣员"),
    DEPARTMENT_HANDLER(Names.DEPARTMENT_HANDLER, "处置部门"),
    DISTRICT_SUPERVISOR(Names.DISTRICT_SUPERVISOR, "区级监督员"),
    CITY_SUPERVISOR(Names.CITY_SUPERVISOR, "市级监督员"),
    ASSESSOR(Names.ASSESSOR, "考评员"),
    VOLUNTEER(Names.VOLUNTEER, "志愿者"),
    /** The city hotline platform's (12345 / 12319) intake account: files complaints, receives call-backs. */
    HOTLINE(Names.HOTLINE, "热线平台"),
    RESIDENT(Names.RESIDENT, "市民");

    /** Constant names for {@code @RolesAllowed}. */
    public static final class Names {
        public static final String PLATFORM_ADMIN = "platform-admin";
        public static final String CITY_ADMIN = "city-admin";
        public static final String ACCEPTOR = "acceptor";
        public static final String DISPATCHER = "dispatcher";
        public static final String DEPARTMENT_HANDLER = "department-handler";
        public static final String DISTRICT_SUPERVISOR = "district-supervisor";
        public static final String CITY_SUPERVISOR = "city-supervisor";
        public static final String ASSESSOR = "assessor";
        public static final String VOLUNTEER = "volunteer";
        public static final String RESIDENT = "resident";
        public static final String HOTLINE = "hotline-platform";
        /** Derived, not assigned: every signed-in user of a city holds it (see {@link Tokens}). */
        public static final String CITY_USER = "city-user";
        /** Derived, not assigned: every city user with a role beyond resident (and the hotline account) holds it. */
        public static final String CITY_STAFF = "city-staff";

        private Names() {
        }
    }

    private final String wireName;
    private final String labelZh;

    Role(String wireName, String labelZh) {
        this.wireName = wireName;
        this.labelZh = labelZh;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    public String labelZh() {
        return labelZh;
    }

    public static Optional<Role> fromWireName(String name) {
        return Arrays.stream(values()).filter(r -> r.wireName.equals(name)).findFirst();
    }

    @JsonCreator
    static Role parse(String name) {
        return fromWireName(name).orElseThrow(() -> new IllegalArgumentException(
                "unknown role '" + name + "'; use one of " + Arrays.stream(values()).map(Role::wireName).toList()));
    }

    /** Roles that belong to a city; the platform role never does. */
    public boolean cityRole() {
        return this != PLATFORM_ADMIN;
    }
}
