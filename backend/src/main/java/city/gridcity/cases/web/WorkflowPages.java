package city.gridcity.cases.web;

import city.gridcity.cases.CaseSource;
import city.gridcity.cases.WorkflowConfigService;
import city.gridcity.cases.WorkflowSettings;
import city.gridcity.identity.CurrentPrincipal;
import city.gridcity.identity.Principal;
import city.gridcity.shared.i18n.Messages;
import city.gridcity.shared.problem.Problem;
import city.gridcity.shared.problem.ProblemException;
import city.gridcity.shared.web.Csrf;
import city.gridcity.shared.web.Flash;
import city.gridcity.shared.web.Language;
import city.gridcity.shared.web.PageErrors;
import city.gridcity.shared.web.PageSupport;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The city administrator's workflow page (流程设置): the phase limits, reminder and audit shares, number prefix,
 * rating window, volunteers' service minutes and the local loop, as one form; and the case sources (案件来源) with
 * the channel each reports through, each its own form, plus one to add a source. Checked by
 * {@link WorkflowConfigService} as the API is; each problem next to its field; post, redirect, get.
 */
@Path("/console/admin/workflow")
@Produces(MediaType.TEXT_HTML)
public class WorkflowPages {

    static final String PAGE = "/console/admin/workflow";
    /** The settings form's number fields, in the order the page shows them. */
    static final List<String> NUMBERS = List.of("filingMinutes", "dispatchMinutes", "verificationHours",
            "reminderSharePercent", "selfHandlingAuditPercent", "ratingWindowDays", "volunteerConfirmMinutes",
            "volunteerMergeMinutes", "volunteerInvalidMinutes", "volunteerFixMinutes", "localLoopHours");

    @CheckedTemplate(basePath = "console/admin")
    static class Templates {
        static native TemplateInstance workflow(Messages.Msg msg, View view);
    }

    public record View(String csrf, Map<String, String> settings, List<Field> numbers, String form, String editing,
                       Map<String, String> typed, Map<String, String> errors, List<Source> sources, List<Choice> channels,
                       String done, String error) {
        public String v(String field) {
            return typed.getOrDefault(field, "");
        }

        public String s(String field) {
            return settings.getOrDefault(field, "");
        }

        public String error(String formName, String field) {
            return formName.equals(form) ? errors.get(field) : null;
        }
    }

    public record Source(String code, String nameZh, String nameEn, String channel, String channelLabel, boolean active,
                         boolean open) {
    }

    public record Choice(String value, String label) {
    }

    /** A number field of the settings form with its label and hint in the reader's language. */
    public record Field(String name, String label, String hint) {
    }

    private final CurrentPrincipal current;
    private final WorkflowConfigService config;
    private final Messages messages;

    WorkflowPages(CurrentPrincipal current, WorkflowConfigService config, Messages messages) {
        this.current = current;
        this.config = config;
        this.messages = messages;
    }

    @GET
    public Response page(@QueryParam("lang") String lang, @CookieParam(Csrf.COOKIE) String csrfCookie,
                         @CookieParam(Flash.COOKIE) String flash, @Context HttpHeaders headers) {
        Optional<Principal> user = current.cityAdministrator("The workflow page");
        if (user.isEmpty()) {
            return Response.seeOther(URI.create("/console/login?next=" + PAGE)).build();
        }
        Messages.Msg msg = messages.bundle("console", Language.choose(lang, headers, user.get().tenant().defaultLocale()));
        String csrf = Csrf.tokenOrNew(csrfCookie);
        Optional<Flash.Note> note = Flash.read(flash);
        ProblemException refusal = note.map(Flash.Note::refusal).orElse(null);
        Map<String, String> typed = note.map(Flash.Note::values).orElse(Map.of());
        String form = typed.getOrDefault("form", "");
        Map<String, String> settings = "settings".equals(form) ? typed : stored(config.settings());
        String editing = "source".equals(form) ? typed.get("code") : null;
        List<Source> sources = config.sources().stream().map(s -> s.code.equals(editing)
                ? new Source(s.code, typed.getOrDefault("nameZh", ""), typed.getOrDefault("nameEn", ""),
                typed.getOrDefault("channel", ""), msg.t("workflow.channel." + s.channel.name()),
                "true".equals(typed.get("active")), true)
                : new Source(s.code, s.nameZh, s.nameEn, s.channel.name(), msg.t("workflow.channel." + s.channel.name()),
                s.active, false)).toList();
        List<Choice> channels = Arrays.stream(CaseSource.Channel.values())
                .map(c -> new Choice(c.name(), msg.t("workflow.channel." + c.name()))).toList();
        List<Field> numbers = NUMBERS.stream().map(f -> new Field(f, msg.t("workflow.field." + f), msg.t("workflow.hint." + f)))
                .toList();
        View view = new View(csrf, settings, numbers, form, editing, typed,
                refusal == null ? Map.of() : PageErrors.byField(msg, refusal, "workflow"), sources, channels,
                note.map(Flash.Note::done).map(msg::t).orElse(null),
                refusal == null ? null : refusal.errors().isEmpty() ? PageErrors.text(msg, refusal) : msg.t("workflow.problems"));
        return PageSupport.page(Templates.workflow(msg, view), refusal == null ? 200 : refusal.status(), Csrf.cookie(csrf),
                Language.remember(lang), Flash.clear(flash, PAGE));
    }

    @POST
    @Path("/settings")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response settings(MultivaluedMap<String, String> form, @CookieParam(Csrf.COOKIE) String csrfCookie) {
        Csrf.verify(form.getFirst(Csrf.FIELD), csrfCookie);
        if (current.cityAdministrator("The workflow page").isEmpty()) {
            return Response.seeOther(URI.create("/console/login")).build();
        }
        Map<String, String> typed = new LinkedHashMap<>();
        typed.put("form", "settings");
        typed.put("numberPrefix", orEmpty(form.getFirst("numberPrefix")));
        typed.put("localLoop", "true".equals(form.getFirst("localLoop")) ? "true" : "false");
        NUMBERS.forEach(f -> typed.put(f, orEmpty(form.getFirst(f))));
        try {
            List<Problem.FieldError> problems = new ArrayList<>();
            Map<String, Integer> n = new LinkedHashMap<>();
            for (String f : NUMBERS) {
                try {
                    n.put(f, Integer.valueOf(typed.get(f).trim()));
                } catch (NumberFormatException e) {
                    problems.add(new Problem.FieldError(f, "give a whole number"));
                }
            }
            if (!problems.isEmpty()) {
                throw ProblemException.invalid(problems);
            }
            config.update(new WorkflowConfigService.SettingsSpec(typed.get("numberPrefix").trim(), n.get("filingMinutes"),
                    n.get("dispatchMinutes"), n.get("verificationHours"), n.get("reminderSharePercent"),
                    n.get("selfHandlingAuditPercent"), n.get("ratingWindowDays"), n.get("volunteerConfirmMinutes"),
                    n.get("volunteerMergeMinutes"), n.get("volunteerInvalidMinutes"), n.get("volunteerFixMinutes"),
                    "true".equals(typed.get("localLoop")), n.get("localLoopHours")));
            return Flash.done(PAGE, "workflow.done.settings");
        } catch (ProblemException e) {
            return Flash.refused(PAGE, e, typed);
        }
    }

    @POST
    @Path("/sources")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response addSource(MultivaluedMap<String, String> form, @CookieParam(Csrf.COOKIE) String csrfCookie) {
        return saveSource(form, csrfCookie, "add", form.getFirst("code") == null ? "" : form.getFirst("code").trim());
    }

    @POST
    @Path("/sources/{code}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response changeSource(@PathParam("code") String code, MultivaluedMap<String, String> form,
                                 @CookieParam(Csrf.COOKIE) String csrfCookie) {
        return saveSource(form, csrfCookie, "source", code);
    }

    private Response saveSource(MultivaluedMap<String, String> form, String csrfCookie, String formName, String code) {
        Csrf.verify(form.getFirst(Csrf.FIELD), csrfCookie);
        if (current.cityAdministrator("The workflow page").isEmpty()) {
            return Response.seeOther(URI.create("/console/login")).build();
        }
        boolean adding = "add".equals(formName);
        Map<String, String> typed = new LinkedHashMap<>();
        typed.put("form", formName);
        typed.put("code", code);
        typed.put("nameZh", orEmpty(form.getFirst("nameZh")));
        typed.put("nameEn", orEmpty(form.getFirst("nameEn")));
        typed.put("channel", orEmpty(form.getFirst("channel")));
        typed.put("active", adding || "true".equals(form.getFirst("active")) ? "true" : "false");
        try {
            if (adding && config.source(code).isPresent()) {
                throw ProblemException.conflict("source-exists", "code", "A source '" + code + "' exists already; change it in its own form.");
            }
            if (!adding && config.source(code).isEmpty()) {
                throw ProblemException.notFound("Source '" + code + "'");
            }
            CaseSource.Channel channel;
            try {
                channel = CaseSource.Channel.valueOf(typed.get("channel"));
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalid("channel", "choose the channel the source reports through");
            }
            config.saveSource(new WorkflowConfigService.SourceSpec(code, blankAsEmpty(typed.get("nameZh")),
                    blankAsEmpty(typed.get("nameEn")), channel, "true".equals(typed.get("active"))));
            return Flash.done(PAGE, adding ? "workflow.done.sourceAdded" : "workflow.done.source");
        } catch (ProblemException e) {
            if (e.status() == 404) {
                throw e;
            }
            return Flash.refused(PAGE, e, typed);
        }
    }

    private static Map<String, String> stored(WorkflowSettings s) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("numberPrefix", s.numberPrefix);
        v.put("filingMinutes", String.valueOf(s.filingMinutes));
        v.put("dispatchMinutes", String.valueOf(s.dispatchMinutes));
        v.put("verificationHours", String.valueOf(s.verificationHours));
        v.put("reminderSharePercent", String.valueOf(s.reminderSharePercent));
        v.put("selfHandlingAuditPercent", String.valueOf(s.selfHandlingAuditPercent));
        v.put("ratingWindowDays", String.valueOf(s.ratingWindowDays));
        v.put("volunteerConfirmMinutes", String.valueOf(s.volunteerConfirmMinutes));
        v.put("volunteerMergeMinutes", String.valueOf(s.volunteerMergeMinutes));
        v.put("volunteerInvalidMinutes", String.valueOf(s.volunteerInvalidMinutes));
        v.put("volunteerFixMinutes", String.valueOf(s.volunteerFixMinutes));
        v.put("localLoop", String.valueOf(s.localLoop));
        v.put("localLoopHours", String.valueOf(s.localLoopHours));
        return v;
    }

    /** A blank name is sent as blank, so the service names it (null would mean "keep it"). */
    private static String blankAsEmpty(String s) {
        return s == null ? "" : s.trim();
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
