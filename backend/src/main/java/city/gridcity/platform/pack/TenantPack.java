package city.gridcity.platform.pack;

import city.gridcity.identity.Role;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;

/**
 * A city as described by its pack under {@code tenants/}: identity and first administrators now;
 * grids, catalog, schemes, point rules and rewards join as those capabilities arrive.
 *
 * @param demoAccounts accounts with known passwords, loaded only in demo mode; empty otherwise
 * @param files        every file of the pack, for the parts that features load; null for a city
 *                     created without a pack
 * @param settings     the whole of tenant.yaml, whose sections features read; null without a pack
 */
public record TenantPack(String code, String nameZh, String nameEn, String timeZone, String defaultLocale,
                         List<Administrator> administrators, List<DemoAccount> demoAccounts, PackFiles files,
                         JsonNode settings) {

    /** A section of tenant.yaml that a feature reads (e.g. {@code grid}); a missing node when absent. */
    public JsonNode section(String name) {
        return settings == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : settings.path(name);
    }


    /** A city administrator created with the city. Their first password is generated and shown once. */
    public record Administrator(String username, String displayName, String phone) {
    }

    /** A demo account: for trying the product, never loaded in production. */
    public record DemoAccount(String username, String displayName, String password, Set<Role> roles,
                              String departmentCode) {
    }
}
