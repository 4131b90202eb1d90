package city.gridcity.platform;

import city.gridcity.audit.AdminAudit;
import city.gridcity.shared.problem.ProblemException;
import city.gridcity.tenancy.TenantDirectory;
import city.gridcity.tenancy.TenantRef;
import city.gridcity.tenancy.TenantRunner;
import city.gridcity.tenancy.TenantService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * The platform operator's actions on a city that its change log records: suspension and resumption (creation and
 * a restored administrator are recorded by {@link TenantProvisioning}). A city's status lives outside the city, in
 * the platform's directory, so the entry is written right after the change commits, with the city selected; a
 * refused change throws before and records nothing.
 */
@ApplicationScoped
public class PlatformActions {

    private final TenantService tenants;
    private final TenantDirectory directory;
    private final TenantRunner runner;
    private final AdminAudit audit;

    PlatformActions(TenantService tenants, TenantDirectory directory, TenantRunner runner, AdminAudit audit) {
        this.tenants = tenants;
        this.directory = directory;
        this.runner = runner;
        this.audit = audit;
    }

    /** Suspends the city and records why. @throws ProblemException as {@link TenantService#suspend} */
    public TenantRef suspend(String code, String reason) {
        TenantRef before = require(code);
        TenantRef after = tenants.suspend(code, reason);
        runner.run(after, () -> audit.byOperator(code, "suspended", describe(before), describe(after)));
        return after;
    }

    /** Resumes a suspended city. @throws ProblemException as {@link TenantService#resume} */
    public TenantRef resume(String code) {
        TenantRef before = require(code);
        TenantRef after = tenants.resume(code);
        runner.run(after, () -> audit.byOperator(code, "resumed", before.status(), after.status()));
        return after;
    }

    /** The newest platform actions on the city selected (the operator's page selects each city in turn). */
    public List<AdminAudit.Entry> recent(int size) {
        return audit.page(AdminAudit.Area.PLATFORM, 0, size).items();
    }

    private static String describe(TenantRef city) {
        return city.status() + (city.statusReason() == null ? "" : " · " + city.statusReason());
    }

    private TenantRef require(String code) {
        return directory.byCode(code).orElseThrow(() -> ProblemException.notFound("City '" + code + "'"));
    }
}
