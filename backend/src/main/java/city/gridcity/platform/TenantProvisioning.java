package city.gridcity.platform;

import city.gridcity.identity.Role;
import city.gridcity.identity.UserService;
import city.gridcity.platform.pack.TenantPack;
import city.gridcity.shared.problem.ProblemException;
import city.gridcity.tenancy.Tenant;
import city.gridcity.tenancy.TenantDirectory;
import city.gridcity.tenancy.TenantRef;
import city.gridcity.tenancy.TenantRunner;
import city.gridcity.tenancy.TenantService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/**
 * Creates a city from a validated pack: the city itself, then its administrators (and, in demo
 * mode, its demo accounts) inside the new city. If the second step fails the city is removed
 * again, so a failed provisioning leaves nothing behind.
 */
@ApplicationScoped
public class TenantProvisioning {

    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private final TenantService tenants;
    private final TenantDirectory directory;
    private final TenantRunner runner;
    private final UserService users;
    private final SecureRandom random = new SecureRandom();

    TenantProvisioning(TenantService tenants, TenantDirectory directory, TenantRunner runner, UserService users) {
        this.tenants = tenants;
        this.directory = directory;
        this.runner = runner;
        this.users = users;
    }

    /** An administrator's first password, shown once to the platform operator who hands it over. */
    public record Credential(String username, String initialPassword) {
    }

    public record Provisioned(TenantRef tenant, List<Credential> administrators) {
    }

    /**
     * Creates the city described by {@code pack}.
     *
     * @throws ProblemException 409 when a city with the pack's code exists, 400 for invalid content
     */
    public Provisioned provision(TenantPack pack) {
        TenantRef tenant = tenants.create(new TenantService.NewTenant(pack.code(), pack.nameZh(), pack.nameEn(),
                pack.timeZone(), pack.defaultLocale()));
        try {
            List<Credential> credentials = runner.call(tenant, () -> {
                List<Credential> created = new ArrayList<>();
                for (TenantPack.Administrator admin : pack.administrators()) {
                    String password = generatePassword();
                    users.create(new UserService.NewUser(admin.username(), admin.phone(),
                            admin.displayName() == null ? admin.username() : admin.displayName(), password,
                            EnumSet.of(Role.CITY_ADMIN), null));
                    created.add(new Credential(admin.username(), password));
                }
                for (TenantPack.DemoAccount demo : pack.demoAccounts()) {
                    users.create(new UserService.NewUser(demo.username(), null, demo.displayName(), demo.password(),
                            demo.roles(), demo.departmentCode()));
                }
                return created;
            });
            return new Provisioned(tenant, credentials);
        } catch (RuntimeException e) {
            QuarkusTransaction.requiringNew().run(() -> Tenant.delete("id", tenant.id()));
            throw e;
        }
    }

    /** Provisions the pack unless its city exists already: loading a pack twice changes nothing. */
    public Optional<Provisioned> provisionIfAbsent(TenantPack pack) {
        if (directory.byCode(pack.code()).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(provision(pack));
    }

    String generatePassword() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 14; i++) {
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        // Guarantee both classes the password rules ask for.
        sb.append(ALPHABET.charAt(random.nextInt(24))).append(random.nextInt(8) + 2);
        return sb.toString();
    }
}
