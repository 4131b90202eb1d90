package city.gridcity.citizen;

import city.gridcity.platform.PackContent;
import city.gridcity.platform.pack.TenantPack;
import city.gridcity.shared.problem.Problem;
import city.gridcity.tenancy.TenantRef;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** A pack's {@code portal} section: {@code tileUrl} and {@code tileAttribution} of the map's base layer. */
@ApplicationScoped
public class PortalPackContent implements PackContent {

    private final PortalConfig config;

    PortalPackContent(PortalConfig config) {
        this.config = config;
    }

    @Override
    public List<Problem.FieldError> validate(TenantPack pack) {
        JsonNode p = pack.section("portal");
        if (p.isMissingNode()) {
            return List.of();
        }
        return PortalConfig.check(text(p, "tileUrl"), text(p, "tileAttribution")).stream()
                .map(e -> new Problem.FieldError("tenant.yaml#/portal/" + e.field(), e.message())).toList();
    }

    @Override
    public void load(TenantPack pack, TenantRef city) {
        JsonNode p = pack.section("portal");
        if (!p.isMissingNode() && p.hasNonNull("tileUrl")) {
            config.setTiles(text(p, "tileUrl"), text(p, "tileAttribution"));
        }
    }

    @Override
    public void export(city.gridcity.platform.pack.PackExport out) {
        config.tiles().ifPresent(t -> {
            var p = out.section("portal").put("tileUrl", t.url());
            if (t.attribution() != null) {
                p.put("tileAttribution", t.attribution());
            }
        });
    }

    private static String text(JsonNode n, String field) {
        return n.hasNonNull(field) ? n.get(field).asText() : null;
    }
}
