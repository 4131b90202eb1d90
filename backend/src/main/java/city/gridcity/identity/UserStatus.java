package city.gridcity.identity;

/** A disabled account keeps its history but cannot sign in. */
public enum UserStatus {
    ACTIVE,
    DISABLED
}
