package city.gridcity.platform;

import city.gridcity.platform.pack.TenantPack;
import city.gridcity.shared.problem.Problem;
import city.gridcity.tenancy.TenantRef;
import java.util.List;

/**
 * A part of a pack beyond the city's identity and accounts (its grid, later its catalog, schemes
 * and rewards), loaded into the new city inside provisioning's transaction. Each feature that a
 * pack feeds implements one.
 */
public interface PackContent {

    /**
     * Checks this part of {@code pack} before anything is created; each problem names the file and
     * the path inside it (as {@code grid/layout.geojson#features[3] (9101...)}).
     */
    List<Problem.FieldError> validate(TenantPack pack);

    /** Loads this part of {@code pack} into {@code city}; the city is selected and a transaction open. */
    void load(TenantPack pack, TenantRef city);

    /**
     * Writes this part of the current city's configuration into {@code out}, in the form {@link #load} reads, so that a
     * city provisioned from the export has the same configuration. The city is selected and a transaction open.
     */
    default void export(city.gridcity.platform.pack.PackExport out) {
    }

    /** Loading order among parts: lower first. */
    default int order() {
        return 100;
    }
}
