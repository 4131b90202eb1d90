package city.gridcity.platform;

import city.gridcity.identity.OperatorBootstrap;
import city.gridcity.platform.pack.TenantPack;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Demo mode: at start-up, every pack under {@code tenants/} becomes a city with its demo accounts
 * (packs already loaded are skipped), and the console prints where to sign in and with what.
 */
@ApplicationScoped
public class DemoCities {

    private static final Logger LOG = Logger.getLogger(DemoCities.class);

    private final PacksConfig config;
    private final PackLibrary library;
    private final TenantProvisioning provisioning;
    private final OperatorBootstrap operators;
    private final int port;

    DemoCities(PacksConfig config, PackLibrary library, TenantProvisioning provisioning, OperatorBootstrap operators,
               @ConfigProperty(name = "quarkus.http.port", defaultValue = "8080") int port) {
        this.config = config;
        this.library = library;
        this.provisioning = provisioning;
        this.operators = operators;
        this.port = port;
    }

    void onStart(@Observes @Priority(20) StartupEvent event) {
        if (!config.loadDemo()) {
            return;
        }
        List<TenantPack> packs = new ArrayList<>();
        List<String> administrators = new ArrayList<>();
        for (String name : library.names()) {
            TenantPack pack = library.read(name, true);
            provisioning.provisionIfAbsent(pack).ifPresent(p -> {
                LOG.infof("Demo city %s (%s) loaded", p.tenant().code(), p.tenant().nameZh());
                p.administrators().forEach(c -> administrators.add(p.tenant().code() + ": " + c.username() + " / "
                        + c.initialPassword()));
            });
            packs.add(pack);
        }
        printWelcome(packs, administrators);
    }

    private void printWelcome(List<TenantPack> packs, List<String> administrators) {
        StringBuilder sb = new StringBuilder("\n\n==== GridCity demo ====\n");
        sb.append("Console sign-in:  http://localhost:").append(port).append("/console/login\n");
        sb.append("API docs:         http://localhost:").append(port).append("/q/swagger-ui\n");
        operators.demoCredentials().ifPresent(c -> sb.append("Platform operator: ").append(c).append(" (leave city empty)\n"));
        for (TenantPack pack : packs) {
            sb.append("\n").append(pack.nameZh()).append(" / ").append(pack.nameEn()).append("  city code: ")
                    .append(pack.code()).append("\n  portal: http://localhost:").append(port).append("/c/")
                    .append(pack.code()).append("\n");
            for (TenantPack.DemoAccount a : pack.demoAccounts()) {
                sb.append(String.format("  %-12s %-14s %s%n", a.username(), a.password(),
                        a.roles().stream().map(r -> r.wireName()).toList()));
            }
        }
        if (!administrators.isEmpty()) {
            sb.append("\nThe packs' own city administrators got one-time passwords (shown this once):\n");
            administrators.forEach(a -> sb.append("  ").append(a).append("\n"));
        }
        sb.append("=======================\n");
        LOG.info(sb);
    }
}
