package city.gridcity.cases.web;

import city.gridcity.cases.CaseSource;
import city.gridcity.cases.TransitionTable;
import city.gridcity.cases.WorkflowConfigService;
import city.gridcity.cases.WorkflowSettings;
import city.gridcity.identity.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The city's workflow configuration: case sources, phase limits, and the transition table itself. */
@Path("/api/v1/workflow")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Workflow", description = "案件来源与时限 · Case sources, phase limits, transitions")
public class WorkflowResource {

    private final WorkflowConfigService config;

    WorkflowResource(WorkflowConfigService config) {
        this.config = config;
    }

    public record SettingsView(String numberPrefix, int filingMinutes, int dispatchMinutes, int verificationHours,
                               int reminderSharePercent, int selfHandlingAuditPercent, int ratingWindowDays,
                               int volunteerConfirmMinutes, int volunteerMergeMinutes, int volunteerInvalidMinutes,
                               int volunteerFixMinutes, Instant updatedAt, boolean localLoop, int localLoopHours) {
        static SettingsView of(WorkflowSettings s) {
            return new SettingsView(s.numberPrefix, s.filingMinutes, s.dispatchMinutes, s.verificationHours,
                    s.reminderSharePercent, s.selfHandlingAuditPercent, s.ratingWindowDays,
                    s.volunteerConfirmMinutes, s.volunteerMergeMinutes, s.volunteerInvalidMinutes, s.volunteerFixMinutes,
                    s.updatedAt, s.localLoop, s.localLoopHours);
        }
    }

    public record SourceView(String code, String nameZh, String nameEn, String channel, List<String> reporters,
                             boolean active) {
        static SourceView of(CaseSource s) {
            return new SourceView(s.code, s.nameZh, s.nameEn, s.channel.name(),
                    s.channel.reporters().stream().map(Role::wireName).sorted().toList(), s.active);
        }
    }

    public record SourceBody(String nameZh, String nameEn, CaseSource.Channel channel, Boolean active) {
    }

    /** A row of the table: who may take it, under which guards, with which inputs, by which handler. */
    public record TransitionView(String from, String action, String actionZh, String to, List<String> roles,
                                 List<String> guards, boolean system, List<String> inputs, boolean reasonRequired,
                                 String handler, boolean aside) {
    }

    @GET
    @Path("/settings")
    @RolesAllowed(Role.Names.CITY_STAFF)
    @Operation(summary = "Phase limits (filing, dispatch, verification), reminder share, audit share, number prefix, "
            + "rating window (days after closing in which residents rate a case)")
    public SettingsView settings() {
        return SettingsView.of(config.settings());
    }

    @PUT
    @Path("/settings")
    @RolesAllowed(Role.Names.CITY_ADMIN)
    @Operation(summary = "Change the phase limits; running phases keep their deadlines")
    public SettingsView update(@NotNull WorkflowConfigService.SettingsSpec body) {
        return SettingsView.of(config.update(body));
    }

    @GET
    @Path("/sources")
    @RolesAllowed(Role.Names.CITY_USER)
    @Operation(summary = "The city's case sources (案件来源) and who reports through each")
    public List<SourceView> sources() {
        return config.sources().stream().map(SourceView::of).toList();
    }

    @PUT
    @Path("/sources/{code}")
    @RolesAllowed(Role.Names.CITY_ADMIN)
    @Operation(summary = "Add a source or change one (names, channel, active)")
    public SourceView saveSource(@PathParam("code") String code, @NotNull SourceBody body) {
        return SourceView.of(config.saveSource(new WorkflowConfigService.SourceSpec(code, body.nameZh(), body.nameEn(),
                body.channel(), body.active())));
    }

    @GET
    @Path("/transitions")
    @RolesAllowed(Role.Names.CITY_USER)
    @Operation(summary = "The transition table: state × action → state, with the roles, guards, inputs and handler of each row")
    public List<TransitionView> transitions() {
        return TransitionTable.WORKFLOW.rows().stream().map(t -> new TransitionView(t.from().name(), t.action().wireName(),
                t.action().labelZh(), t.to() == null ? "(previous state)" : t.to().name(),
                t.roles().stream().map(Role::wireName).sorted().toList(),
                t.guards().stream().map(Enum::name).toList(), t.system(),
                t.inputs().stream().sorted().map(Enum::name).toList(), t.reasonRequired(), t.handler().getSimpleName(),
                t.aside())).toList();
    }
}
