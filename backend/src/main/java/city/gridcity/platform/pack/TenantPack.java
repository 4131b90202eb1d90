package city.gridcity.platform.pack;

import city.gridcity.identity.Role;
import java.util.List;
import java.util.Set;

/**
 * A city as described by its pack under {@code tenants/}: identity and first administrators now;
 * grids, catalog, schemes, point rules and rewards join as those capabilities arrive.
 *
 * @param demoAccounts accounts with known passwords, loaded only in demo mode; empty otherwise
 * @param files        every file of the pack, for the parts that features load; null for a city
 *                     created without a pack
 */
public record TenantPack(String code, String nameZh, String nameEn, String timeZone, String defaultLocale,
                         List<Administrator> administrators, List<DemoAccount> demoAccounts, PackFiles files) {

    /** A city administrator created with the city. Their first password is generated and shown once. */
    public record Administrator(String username, String displayName, String phone) {
    }

    /** A demo account: for trying the product, never loaded in production. */
    public record DemoAccount(String username, String displayName, String password, Set<Role> roles,
                              String departmentCode) {
    }
}
