package city.gridcity.tenancy;

/** Whether a city's users and portal are served. */
public enum TenantStatus {
    ACTIVE,
    /** Kept with all its data, but its users are refused and its portal says the service is suspended. */
    SUSPENDED
}
