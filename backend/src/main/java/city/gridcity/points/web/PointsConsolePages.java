package city.gridcity.points.web;

import city.gridcity.identity.CurrentPrincipal;
import city.gridcity.identity.Principal;
import city.gridcity.identity.Role;
import city.gridcity.points.PointRules;
import city.gridcity.points.PointRulesService;
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
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The console's point rules page for the city administrator: the rules in force in words, every version, the
 * audit trail, and a new version from a moment on as a form with one field per rule (prefilled with those in force).
 * The form is checked as the API checks rules; each problem is shown next to its field and nothing is stored, and a
 * stored version redirects to the page (post, redirect, get).
 */
@Path("/console/points/rules")
@Produces(MediaType.TEXT_HTML)
public class PointsConsolePages {

    @CheckedTemplate(basePath = "console/points")
    static class Templates {
        static native TemplateInstance rules(Messages.Msg msg, PointRules inForce, String inForceFrom, List<VersionLine> versions,
                                             List<AuditLine> audit, PointRulesForm.Draft draft,
                                             String csrf, String error, boolean saved);
    }

    public record VersionLine(long id, String from, String by, String createdAt, boolean inForce) {
    }

    /** A change as a person reads it: the city's time, who by name ("the tenant pack", not {@code pack}), what in words. */
    public record AuditLine(String at, String by, String what, String code) {
    }

    private static final java.util.regex.Pattern RULES_FROM = java.util.regex.Pattern.compile("rules from (\\S+)");
    private static final java.util.regex.Pattern REWARD = java.util.regex.Pattern.compile("reward (\\S+)( picture)?");

    /** Who made a change: the packs' loader by its name in the page's language, a person by username. */
    static String by(Messages.Msg msg, String by) {
        return "pack".equals(by) ? msg.t("actor.pack") : by;
    }

    /** The audit's subject ({@code rules from <instant>}, {@code reward <code>[ picture]}) in the page's words. */
    static AuditLine line(Messages.Msg msg, PointRulesService.AuditEntry a, ZoneId zone) {
        String what = a.subject();
        String code = null;
        java.util.regex.Matcher m = RULES_FROM.matcher(a.subject());
        if (m.matches()) {
            try {
                what = msg.f("pointRules.audit.rules", PointsPages.time(java.time.Instant.parse(m.group(1)), zone));
            } catch (DateTimeParseException e) {
                what = a.subject();
            }
        } else if ((m = REWARD.matcher(a.subject())).matches()) {
            what = msg.t(m.group(2) == null ? "pointRules.audit.reward" : "pointRules.audit.rewardPicture");
            code = m.group(1);
        }
        return new AuditLine(PointsPages.time(a.at(), zone), by(msg, a.by()), what, code);
    }

    private final CurrentPrincipal current;
    private final PointRulesService rules;
    private final Messages messages;

    PointsConsolePages(CurrentPrincipal current, PointRulesService rules, Messages messages) {
        this.current = current;
        this.rules = rules;
        this.messages = messages;
    }

    @GET
    public Response page(@QueryParam("saved") String saved, @QueryParam("lang") String lang,
                         @CookieParam(Csrf.COOKIE) String csrfCookie, @CookieParam(Flash.COOKIE) String flash,
                         @Context HttpHeaders headers) {
        Optional<Principal> user = admin();
        if (user.isEmpty()) {
            return Response.seeOther(URI.create("/console/login")).build();
        }
        Messages.Msg msg = messages.bundle("console", Language.choose(lang, headers, user.get().tenant().defaultLocale()));
        String csrf = Csrf.tokenOrNew(csrfCookie);
        Optional<Flash.Note> note = Flash.read(flash);
        ProblemException refusal = note.map(Flash.Note::refusal).orElse(null);
        if (refusal != null) {
            // A refused version came back by redirect with what was typed: the form as sent, each problem under its field.
            MultivaluedMap<String, String> sent = new jakarta.ws.rs.core.MultivaluedHashMap<>();
            if (note.get().values() != null) {
                note.get().values().forEach((k, v) -> sent.add(k, v));
            }
            Refused r = refused(msg, refusal);
            return PageSupport.page(render(msg, user.get(), csrf, PointRulesForm.sent(sent, r.errors()), r.top(), false),
                    refusal.status(), Csrf.cookie(csrf), Language.remember(lang), Flash.clear(flash, "/console/points/rules"));
        }
        PointRulesForm.Draft draft = PointRulesForm.draft(rules.inForceNow().map(PointRulesService.Version::rules).orElse(null),
                null, Map.of());
        return PageSupport.page(render(msg, user.get(), csrf, draft, null, saved != null), 200, Csrf.cookie(csrf),
                Language.remember(lang));
    }

    private record Refused(String top, Map<String, String> errors) {
    }

    private static Refused refused(Messages.Msg msg, ProblemException e) {
        Map<String, String> errors = new LinkedHashMap<>();
        String top = null;
        if (e.errors().isEmpty()) {
            top = PageErrors.text(msg, e);
        }
        for (Problem.FieldError f : e.errors()) {
            // The API names rules' problems under rules/; the form's fields are named by the rest of the path.
            String field = f.field().startsWith("rules/") ? f.field().substring("rules/".length()) : f.field();
            errors.putIfAbsent(field, problemText(msg, field, f.message()));
        }
        return new Refused(top == null ? msg.t("pointRules.problems") : top, errors);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response add(MultivaluedMap<String, String> form, @CookieParam(Csrf.COOKIE) String csrfCookie,
                        @Context HttpHeaders headers) {
        Csrf.verify(form.getFirst(Csrf.FIELD), csrfCookie);
        Optional<Principal> user = admin();
        if (user.isEmpty()) {
            return Response.seeOther(URI.create("/console/login")).build();
        }
        ZoneId zone = ZoneId.of(user.get().tenant().timeZone());
        try {
            PointRulesForm.Read read = PointRulesForm.read(form);
            List<Problem.FieldError> problems = new ArrayList<>(read.problems());
            String from = form.getFirst("effectiveFrom");
            java.time.Instant at = null;
            try {
                at = from == null || from.isBlank() ? null : LocalDateTime.parse(from.trim()).atZone(zone).toInstant();
            } catch (DateTimeParseException e) {
                problems.add(new Problem.FieldError("effectiveFrom", "give a moment like 2027-01-01T00:00"));
            }
            if (!problems.isEmpty()) {
                throw ProblemException.invalid(problems);
            }
            rules.add(read.rules().orElseThrow(), at, user.get().username());
            return Response.seeOther(URI.create("/console/points/rules?saved=1")).build();
        } catch (ProblemException e) {
            Map<String, String> typed = new LinkedHashMap<>();
            form.forEach((k, v) -> {
                if (!k.equals(Csrf.FIELD) && v != null && !v.isEmpty()) {
                    typed.put(k, v.get(0));
                }
            });
            return Flash.refused("/console/points/rules", e, typed);
        }
    }

    /** A field's problem in the page's language: one sentence per kind of field, the API's own words otherwise. */
    static String problemText(Messages.Msg msg, String field, String apiMessage) {
        String key = "pointRules.problem." + field.replaceAll("/[0-9]+/", "/*/");
        String text = msg.t(key);
        return text.equals(key) ? apiMessage : text;
    }

    private TemplateInstance render(Messages.Msg msg, Principal user, String csrf, PointRulesForm.Draft draft, String error,
                                    boolean saved) {
        ZoneId zone = ZoneId.of(user.tenant().timeZone());
        Optional<PointRulesService.Version> now = rules.inForceNow();
        List<VersionLine> versions = rules.versions().stream().map(v -> new VersionLine(v.id(),
                PointsPages.time(v.effectiveFrom(), zone), by(msg, v.createdBy()), PointsPages.time(v.createdAt(), zone),
                now.isPresent() && now.get().id() == v.id())).toList();
        return Templates.rules(msg, now.map(PointRulesService.Version::rules).orElse(null),
                now.map(v -> PointsPages.time(v.effectiveFrom(), zone)).orElse(null), versions,
                rules.audit(0, 20).stream().map(a -> line(msg, a, zone)).toList(), draft,
                csrf, error, saved);
    }

    private Optional<Principal> admin() {
        Optional<Principal> user = current.get();
        if (user.isPresent() && (user.get().tenant() == null || !user.get().roles().contains(Role.CITY_ADMIN))) {
            throw ProblemException.forbidden("role-not-allowed", "The point rules are the city administrator's.");
        }
        return user;
    }
}
