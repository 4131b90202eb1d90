package city.gridcity.platform;

import city.gridcity.platform.pack.TenantPack;
import city.gridcity.tenancy.TenantRef;

/**
 * A part of a pack beyond the city's identity and accounts (its grid, later its catalog, schemes
 * and rewards), loaded into the new city inside provisioning's transaction. Each feature that a
 * pack feeds implements one.
 */
public interface PackContent {

    /** Loads this part of {@code pack} into {@code city}; the city is selected and a transaction open. */
    void load(TenantPack pack, TenantRef city);

    /** Loading order among parts: lower first. */
    default int order() {
        return 100;
    }
}
