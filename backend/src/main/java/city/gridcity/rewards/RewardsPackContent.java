package city.gridcity.rewards;

import city.gridcity.platform.PackContent;
import city.gridcity.platform.pack.TenantPack;
import city.gridcity.shared.problem.Problem;
import city.gridcity.tenancy.TenantRef;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A pack's {@code rewards} section: the city's first rewards, with their stock. */
@ApplicationScoped
public class RewardsPackContent implements PackContent {

    private final RewardCatalog catalog;

    RewardsPackContent(RewardCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public List<Problem.FieldError> validate(TenantPack pack) {
        List<Problem.FieldError> errors = new ArrayList<>();
        Set<String> codes = new HashSet<>();
        JsonNode rewards = pack.section("rewards");
        for (int i = 0; i < rewards.size(); i++) {
            String code = rewards.get(i).path("code").asText();
            if (!codes.add(code)) {
                errors.add(new Problem.FieldError("tenant.yaml#/rewards/" + i + "/code", "the code " + code + " is used twice"));
            }
        }
        return errors;
    }

    @Override
    public void load(TenantPack pack, TenantRef city) {
        for (JsonNode r : pack.section("rewards")) {
            catalog.create(new RewardCatalog.Spec(r.path("code").asText(), text(r, "nameZh"), text(r, "nameEn"),
                    text(r, "descriptionZh"), text(r, "descriptionEn"), integer(r, "price"), integer(r, "stock"),
                    integer(r, "perResidentLimit"), integer(r, "minLevel"), moment(r, "availableFrom"),
                    moment(r, "availableUntil"), null), "pack");
        }
    }

    /** Every reward with its stock as it is now; retired rewards stay out (a pack's rewards start active). */
    @Override
    public void export(city.gridcity.platform.pack.PackExport out) {
        var list = out.list("rewards");
        catalog.list(true).stream().filter(RewardCatalog.RewardInfo::active)
                .sorted(java.util.Comparator.comparing(RewardCatalog.RewardInfo::code)).forEach(r -> {
                    var node = list.addObject().put("code", r.code()).put("nameZh", r.nameZh()).put("nameEn", r.nameEn());
                    if (r.descriptionZh() != null) {
                        node.put("descriptionZh", r.descriptionZh());
                    }
                    if (r.descriptionEn() != null) {
                        node.put("descriptionEn", r.descriptionEn());
                    }
                    node.put("price", r.price()).put("stock", r.stock());
                    if (r.perResidentLimit() != null) {
                        node.put("perResidentLimit", r.perResidentLimit());
                    }
                    if (r.minLevel() != 0) {
                        node.put("minLevel", r.minLevel());
                    }
                    if (r.availableFrom() != null) {
                        node.put("availableFrom", r.availableFrom().toString());
                    }
                    if (r.availableUntil() != null) {
                        node.put("availableUntil", r.availableUntil().toString());
                    }
                });
    }

    private static String text(JsonNode n, String field) {
        return n.hasNonNull(field) ? n.get(field).asText() : null;
    }

    private static Integer integer(JsonNode n, String field) {
        return n.hasNonNull(field) ? n.get(field).asInt() : null;
    }

    private static Instant moment(JsonNode n, String field) {
        return n.hasNonNull(field) ? Instant.parse(n.get(field).asText()) : null;
    }

    @Override
    public int order() {
        return 45;
    }
}
