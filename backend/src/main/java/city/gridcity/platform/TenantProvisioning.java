package city.gridcity.platform;

import city.gridcity.identity.Role;
import city.gridcity.identity.UserService;
import city.gridcity.platform.pack.TenantPack;
import city.gridcity.shared.problem.ProblemException;
import city.gridcity.tenancy.TenantDirectory;
import city.gridcity.tenancy.TenantRef;
import city.gridcity.tenancy.TenantRunner;
import city.gridcity.tenancy.TenantService;
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
    private final List<PackContent> content;
    private final city.gridcity.audit.AdminAudit audit;
    private final SecureRandom random = new SecureRandom();

    TenantProvisioning(TenantService tenants, TenantDirectory directory, TenantRunner runner, UserService users,
                       jakarta.enterprise.inject.Instance<PackContent> content, city.gridcity.audit.AdminAudit audit) {
        this.audit = audit;
        this.tenants = tenants;
        this.directory = directory;
        this.runner = runner;
        this.users = users;
        this.content = content.stream().sorted(java.util.Comparator.comparingInt(PackContent::order)).toList();
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
        List<city.gridcity.shared.problem.Problem.FieldError> problems = new ArrayList<>();
        content.forEach(part -> problems.addAll(part.validate(pack)));
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems);
        }
        TenantRef tenant = tenants.create(new TenantService.NewTenant(pack.code(), pack.nameZh(), pack.nameEn(),
                pack.timeZone(), pack.defaultLocale()));
        try {
            // One transaction inside the new city: its accounts and content appear together or not at all.
            List<Credential> credentials = runner.call(tenant, () -> {
                audit.byOperator(pack.code(), "cityCreated", null, pack.files() == null ? "form"
                        : "pack " + pack.files().name());
                // Content first: accounts may refer to it (a department handler to a department).
                content.forEach(step -> step.load(pack, tenant));
                List<Credential> created = new ArrayList<>();
                for (int i = 0; i < pack.administrators().size(); i++) {
                    TenantPack.Administrator admin = pack.administrators().get(i);
                    String password = generatePassword();
                    withField("administrators[" + i + "].", () -> users.create(new UserService.NewUser(admin.username(),
                            admin.phone(), admin.displayName() == null ? admin.username() : admin.displayName(), password,
                            EnumSet.of(Role.CITY_ADMIN), null)));
                    users.requirePasswordChange(admin.username());
                    created.add(new Credential(admin.username(), password));
                }
                for (int i = 0; i < pack.demoAccounts().size(); i++) {
                    TenantPack.DemoAccount demo = pack.demoAccounts().get(i);
                    withField("demoAccounts[" + i + "].", () -> users.create(new UserService.NewUser(demo.username(),
                            null, demo.displayName(), demo.password(), demo.roles(), demo.departmentCode())));
                }
                return created;
            });
            return new Provisioned(tenants.activate(tenant.code()), credentials);
        } catch (RuntimeException e) {
            // Nobody could use the city while it was being created, so nothing else refers to it.
            tenants.discard(tenant.code());
            throw e;
        }
    }

    /** Names a refused field by where it sits in the pack, e.g. {@code administrators[1].phone}. */
    private static void withField(String prefix, Runnable work) {
        try {
            work.run();
        } catch (ProblemException e) {
            if (e.errors().isEmpty()) {
                throw e;
            }
            var errors = e.errors().stream().map(err -> new city.gridcity.shared.problem.Problem.FieldError(
                    prefix + err.field(), err.message())).toList();
            throw new ProblemException(e.status(), e.code(), e.title(), prefix + e.getMessage(), errors, e.headers());
        }
    }

    /**
     * Gives a city an administrator with a fresh one-time password: creates the account, or
     * re-enables and resets it. For when a city has lost access to its console.
     */
    public Credential grantAdministrator(String code, String username, String displayName) {
        TenantRef tenant = directory.byCode(code).orElseThrow(() -> ProblemException.notFound("City '" + code + "'"));
        String password = generatePassword();
        runner.run(tenant, () -> {
            users.ensureAdministrator(username, displayName, password);
            audit.byOperator(username, "administratorRestored", null, "one-time password");
        });
        return new Credential(username, password);
    }

    /** Provisions the pack unless its city exists already: loading a pack twice changes nothing. */
    public Optional<Provisioned> provisionIfAbsent(TenantPack pack) {
        if (directory.byCode(pack.code()).filter(t -> t.status() != city.gridcity.tenancy.TenantStatus.PROVISIONING)
                .isPresent()) {
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
