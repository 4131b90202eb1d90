package city.gridcity.sampling;

import city.gridcity.platform.PackContent;
import city.gridcity.platform.pack.TenantPack;
import city.gridcity.shared.problem.Problem;
import city.gridcity.tenancy.TenantRef;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.util.List;

/**
 * The {@code sampling} section of tenant.yaml: {@code share} (of each day's district supervisor reports drawn,
 * 0..1) and {@code judgeWorkingDays} (the judging deadline). A pack without it keeps the defaults.
 */
@ApplicationScoped
public class SamplingPackContent implements PackContent {

    private final Sampling sampling;

    SamplingPackContent(Sampling sampling) {
        this.sampling = sampling;
    }

    @Override
    public List<Problem.FieldError> validate(TenantPack pack) {
        JsonNode section = pack.section("sampling");
        if (section.isMissingNode()) {
            return List.of();
        }
        return Sampling.check(share(section), days(section), "tenant.yaml#/sampling/share",
                "tenant.yaml#/sampling/judgeWorkingDays");
    }

    @Override
    public void load(TenantPack pack, TenantRef city) {
        JsonNode section = pack.section("sampling");
        if (section.isMissingNode()) {
            return;
        }
        sampling.updateSettings(share(section), days(section), "pack");
    }

    @Override
    public void export(city.gridcity.platform.pack.PackExport out) {
        Sampling.Settings s = sampling.settings();
        if (s.configured()) {
            out.section("sampling").put("share", s.share()).put("judgeWorkingDays", s.judgeWorkingDays());
        }
    }

    private static BigDecimal share(JsonNode section) {
        JsonNode s = section.path("share");
        return s.isNumber() ? s.decimalValue() : null;
    }

    private static Integer days(JsonNode section) {
        JsonNode d = section.path("judgeWorkingDays");
        return d.isMissingNode() ? Integer.valueOf(Sampling.DEFAULT_JUDGE_WORKING_DAYS) : d.canConvertToInt() && d.isIntegralNumber() ? d.intValue() : null;
    }
}
