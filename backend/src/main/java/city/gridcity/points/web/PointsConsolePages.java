package city.gridcity.points.web;

import city.gridcity.identity.CurrentPrincipal;
import city.gridcity.identity.Principal;
import city.gridcity.identity.Role;
import city.gridcity.points.PointRules;
import city.gridcity.points.PointRulesService;
import city.gridcity.shared.i18n.Messages;
import city.gridcity.shared.problem.ProblemException;
import city.gridcity.shared.web.Csrf;
import city.gridcity.shared.web.Language;
import city.gridcity.shared.web.PageErrors;
import city.gridcity.shared.web.PageSupport;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * The console's point rules page for the city administrator: the rules in force in words, every version, the
 * audit trail, and a new version from a moment on (the rules as JSON, prefilled with those in force).
 */
@Path("/console/points/rules")
@Produces(MediaType.TEXT_HTML)
public class PointsConsolePages {

    @CheckedTemplate(basePath = "console/points")
    static class Templates {
        static native TemplateInstance rules(Messages.Msg msg, PointRules inForce, String inForceFrom, List<VersionLine> versions,
                                             List<PointRulesService.AuditEntry> audit, String draft, String from, String csrf,
                                             String error);
    }

    public record VersionLine(long id, String from, String by, String createdAt, boolean inForce) {
    }

    private final CurrentPrincipal current;
    private final PointRulesService rules;
    private final Messages messages;
    private final ObjectMapper json;

    PointsConsolePages(CurrentPrincipal current, PointRulesService rules, Messages messages, ObjectMapper json) {
        this.current = current;
        this.rules = rules;
        this.messages = messages;
        this.json = json.copy().enable(SerializationFeature.INDENT_OUTPUT);
    }

    @GET
    public Response page(@QueryParam("lang") String lang, @CookieParam(Csrf.COOKIE) String csrfCookie,
                         @Context HttpHeaders headers) {
        Optional<Principal> user = admin();
        if (user.isEmpty()) {
            return Response.seeOther(URI.create("/console/login")).build();
        }
        Messages.Msg msg = messages.bundle("console", Language.choose(lang, headers, user.get().tenant().defaultLocale()));
        String csrf = Csrf.tokenOrNew(csrfCookie);
        return PageSupport.page(render(msg, user.get(), csrf, null, null, null), 200, Csrf.cookie(csrf), Language.remember(lang));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response add(@FormParam("rules") String draft, @FormParam("effectiveFrom") String from,
                        @FormParam(Csrf.FIELD) String csrfField, @CookieParam(Csrf.COOKIE) String csrfCookie,
                        @Context HttpHeaders headers) {
        Csrf.verify(csrfField, csrfCookie);
        Optional<Principal> user = admin();
        if (user.isEmpty()) {
            return Response.seeOther(URI.create("/console/login")).build();
        }
        Messages.Msg msg = messages.bundle("console", Language.choose(null, headers, user.get().tenant().defaultLocale()));
        ZoneId zone = ZoneId.of(user.get().tenant().timeZone());
        try {
            PointRules parsed;
            try {
                parsed = json.readValue(draft == null ? "" : draft, PointRules.class);
            } catch (JsonProcessingException e) {
                throw ProblemException.invalid("rules", "not rules in JSON: " + e.getOriginalMessage());
            }
            java.time.Instant at;
            try {
                at = from == null || from.isBlank() ? null : LocalDateTime.parse(from.trim()).atZone(zone).toInstant();
            } catch (DateTimeParseException e) {
                throw ProblemException.invalid("effectiveFrom", "give a moment like 2027-01-01T00:00");
            }
            rules.add(parsed, at, user.get().username());
            return Response.seeOther(URI.create("/console/points/rules")).build();
        } catch (ProblemException e) {
            String text = e.errors().size() > 1 ? String.join("; ", e.errors().stream().map(x -> x.field() + ": " + x.message())
                    .toList()) : PageErrors.text(msg, e);
            return PageSupport.page(render(msg, user.get(), csrfCookie, draft, from, text), e.status());
        }
    }

    private TemplateInstance render(Messages.Msg msg, Principal user, String csrf, String draft, String from, String error) {
        ZoneId zone = ZoneId.of(user.tenant().timeZone());
        Optional<PointRulesService.Version> now = rules.inForceNow();
        List<VersionLine> versions = rules.versions().stream().map(v -> new VersionLine(v.id(),
                PointsPages.time(v.effectiveFrom(), zone), v.createdBy(), PointsPages.time(v.createdAt(), zone),
                now.isPresent() && now.get().id() == v.id())).toList();
        String text = draft;
        if (text == null) {
            try {
                text = now.isPresent() ? json.writeValueAsString(now.get().rules()) : "";
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        return Templates.rules(msg, now.map(PointRulesService.Version::rules).orElse(null),
                now.map(v -> PointsPages.time(v.effectiveFrom(), zone)).orElse(null), versions, rules.audit(0, 20), text,
                from, csrf, error);
    }

    private Optional<Principal> admin() {
        Optional<Principal> user = current.get();
        if (user.isPresent() && (user.get().tenant() == null || !user.get().roles().contains(Role.CITY_ADMIN))) {
            throw ProblemException.forbidden("role-not-allowed", "The point rules are the city administrator's.");
        }
        return user;
    }
}
