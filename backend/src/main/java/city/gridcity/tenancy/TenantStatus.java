package city.gridcity.tenancy;

/** Whether a city's users and portal are served. */
public enum TenantStatus {
    /** Being created: not yet served to anyone; becomes ACTIVE when its pack is loaded, or is removed. */
    PROVISIONING,
    ACTIVE,
    /** Kept with all its data, but its users are refused and its portal says the service is suspended. */
    SUSPENDED
}
