package city.gridcity.citizen.web;

import city.gridcity.cases.Actor;
import city.gridcity.cases.web.Actors;
import city.gridcity.identity.CurrentPrincipal;
import city.gridcity.identity.Principal;
import city.gridcity.identity.Role;
import city.gridcity.shared.i18n.Messages;
import city.gridcity.shared.problem.Problem;
import city.gridcity.shared.problem.ProblemException;
import city.gridcity.shared.web.Language;
import city.gridcity.tenancy.TenantDirectory;
import city.gridcity.tenancy.TenantRef;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.core.HttpHeaders;
import java.net.URI;
import java.time.Clock;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import jakarta.ws.rs.core.Response;

/**
 * What every portal page of a city needs from its request: the city (404 when there is none), the page's
 * messages and formats, and the signed-in resident, if any.
 */
@RequestScoped
public class PortalRequest {

    private final TenantDirectory tenants;
    private final CurrentPrincipal current;
    private final Actors actors;
    private final Messages messages;
    private final Clock clock;
    private final city.gridcity.catalog.CatalogNames classNames;

    PortalRequest(TenantDirectory tenants, CurrentPrincipal current, Actors actors, Messages messages, Clock clock,
                  city.gridcity.catalog.CatalogNames classNames) {
        this.classNames = classNames;
        this.tenants = tenants;
        this.current = current;
        this.actors = actors;
        this.messages = messages;
        this.clock = clock;
    }

    /** A page of a city in the visitor's language. */
    public record Page(TenantRef city, Messages.Msg msg, PortalFormat fmt) {
    }

    public Page page(String code, String lang, HttpHeaders headers) {
        TenantRef city = tenants.byCode(code).orElseThrow(() -> ProblemException.notFound("City '" + code + "'"));
        Messages.Msg msg = messages.bundle("portal", Language.choose(lang, headers, city.defaultLocale()));
        return new Page(city, msg, new PortalFormat(ZoneId.of(city.timeZone()), msg, clock.instant(),
                classNames.in(msg.english())));
    }

    /** The signed-in user of this city, as the workflow sees them; empty for a visitor. */
    public Optional<Actor> user() {
        return current.get().filter(p -> p.tenant() != null).map(p -> actors.current());
    }

    /** The signed-in resident; empty for a visitor. Another signed-in user (staff) is refused: the portal is for residents. */
    public Optional<Actor> resident() {
        Optional<Principal> p = current.get().filter(x -> x.tenant() != null);
        if (p.isPresent() && !p.get().roles().contains(Role.RESIDENT)) {
            throw ProblemException.forbidden("residents-only", "These pages are for residents; staff work in the console.");
        }
        return p.map(x -> actors.current());
    }

    /** To the sign-in page, coming back to {@code next} afterwards. */
    public static Response toSignIn(String city, String next) {
        return Response.seeOther(URI.create("/c/" + city + "/login?next=" + java.net.URLEncoder.encode(next,
                java.nio.charset.StandardCharsets.UTF_8))).build();
    }

    /**
     * A refusal as texts next to the form's fields: each field the problem names, in the page's language
     * ({@code error.<code>.<field>} in the bundle, else the problem's own words), under the form's field name.
     */
    public static Map<String, String> fieldErrors(Messages.Msg msg, ProblemException e, Map<String, String> formFields) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (Problem.FieldError err : e.errors()) {
            String field = formFields.getOrDefault(err.field(), err.field());
            String key = "error." + e.code() + "." + field;
            String text = msg.t(key);
            errors.putIfAbsent(field, text.equals(key) ? err.message() : text);
        }
        if (errors.isEmpty()) {
            String key = "error." + e.code();
            String text = msg.t(key);
            errors.put(formFields.getOrDefault(e.code(), "form"), text.equals(key) ? e.getMessage() : text);
        }
        return errors;
    }
}
