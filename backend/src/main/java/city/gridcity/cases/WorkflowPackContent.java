package city.gridcity.cases;

import city.gridcity.platform.PackContent;
import city.gridcity.platform.pack.TenantPack;
import city.gridcity.shared.problem.Problem;
import city.gridcity.tenancy.TenantRef;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * A pack's {@code workflow} section: the case number prefix, phase limits, the rating window, and sources beyond the
 * national list (or changes to them, by code). Every new city gets the national sources first.
 */
@ApplicationScoped
public class WorkflowPackContent implements PackContent {

    private final WorkflowConfigService config;

    WorkflowPackContent(WorkflowConfigService config) {
        this.config = config;
    }

    @Override
    public List<Problem.FieldError> validate(TenantPack pack) {
        JsonNode w = pack.section("workflow");
        List<Problem.FieldError> errors = new ArrayList<>();
        if (w.isMissingNode()) {
            return errors;
        }
        WorkflowConfigService.check(settings(w)).forEach(e ->
                errors.add(new Problem.FieldError("tenant.yaml#/workflow/" + e.field(), e.message())));
        JsonNode sources = w.path("sources");
        for (int i = 0; i < sources.size(); i++) {
            JsonNode s = sources.get(i);
            boolean baseline = WorkflowConfigService.BASELINE_SOURCES.stream()
                    .anyMatch(b -> b.code().equals(s.path("code").asText()));
            if (!baseline && (!s.hasNonNull("nameZh") || !s.hasNonNull("nameEn") || !s.hasNonNull("channel"))) {
                errors.add(new Problem.FieldError("tenant.yaml#/workflow/sources/" + i,
                        "a source of the city's own needs nameZh, nameEn and channel"));
            }
        }
        return errors;
    }

    @Override
    public void load(TenantPack pack, TenantRef city) {
        config.createBaseline();
        JsonNode w = pack.section("workflow");
        if (w.isMissingNode()) {
            return;
        }
        config.update(settings(w));
        for (JsonNode s : w.path("sources")) {
            config.saveSource(new WorkflowConfigService.SourceSpec(s.path("code").asText(), text(s, "nameZh"),
                    text(s, "nameEn"), s.hasNonNull("channel") ? CaseSource.Channel.valueOf(s.get("channel").asText()) : null,
                    s.hasNonNull("active") ? s.get("active").asBoolean() : null));
        }
    }

    private static WorkflowConfigService.SettingsSpec settings(JsonNode w) {
        return new WorkflowConfigService.SettingsSpec(text(w, "numberPrefix"), integer(w, "filingMinutes"),
                integer(w, "dispatchMinutes"), integer(w, "verificationHours"), integer(w, "reminderSharePercent"),
                integer(w, "selfHandlingAuditPercent"), integer(w, "ratingWindowDays"),
                integer(w, "volunteerConfirmMinutes"), integer(w, "volunteerMergeMinutes"),
                integer(w, "volunteerInvalidMinutes"), integer(w, "volunteerFixMinutes"),
                w.hasNonNull("localLoop") ? w.get("localLoop").asBoolean() : null, integer(w, "localLoopHours"));
    }

    private static String text(JsonNode n, String field) {
        return n.hasNonNull(field) ? n.get(field).asText() : null;
    }

    private static Integer integer(JsonNode n, String field) {
        return n.hasNonNull(field) ? n.get(field).asInt() : null;
    }

    /** Every setting and every source, the national ones included (a city may rename or retire them). */
    @Override
    public void export(city.gridcity.platform.pack.PackExport out) {
        WorkflowSettings s = config.settings();
        var w = out.section("workflow");
        w.put("numberPrefix", s.numberPrefix).put("filingMinutes", s.filingMinutes).put("dispatchMinutes", s.dispatchMinutes)
                .put("verificationHours", s.verificationHours).put("reminderSharePercent", s.reminderSharePercent)
                .put("selfHandlingAuditPercent", s.selfHandlingAuditPercent).put("ratingWindowDays", s.ratingWindowDays)
                .put("volunteerConfirmMinutes", s.volunteerConfirmMinutes).put("volunteerMergeMinutes", s.volunteerMergeMinutes)
                .put("volunteerInvalidMinutes", s.volunteerInvalidMinutes).put("volunteerFixMinutes", s.volunteerFixMinutes)
                .put("localLoop", s.localLoop).put("localLoopHours", s.localLoopHours);
        var sources = w.putArray("sources");
        config.sources().stream().sorted(java.util.Comparator.comparing(src -> src.code)).forEach(src -> sources.addObject()
                .put("code", src.code).put("nameZh", src.nameZh).put("nameEn", src.nameEn).put("channel", src.channel.name())
                .put("active", src.active));
    }

    @Override
    public int order() {
        return 5;
    }
}
