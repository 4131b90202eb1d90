package city.gridcity.cases.web;

import city.gridcity.cases.Actor;
import city.gridcity.department.DepartmentService;
import city.gridcity.identity.CurrentPrincipal;
import city.gridcity.identity.Principal;
import city.gridcity.shared.i18n.Messages;
import city.gridcity.shared.problem.Problem;
import city.gridcity.shared.problem.ProblemException;
import city.gridcity.shared.web.Language;
import city.gridcity.shared.web.PageErrors;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.core.HttpHeaders;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Who is looking at a case page, in which language and on whose clock. */
@RequestScoped
public class Viewers {

    /** The signed-in city user of a page, their workflow identity, the page's messages and formats. */
    public record Viewer(Principal user, Actor actor, Messages.Msg msg, PageFormat fmt) {
    }

    private final CurrentPrincipal current;
    private final Actors actors;
    private final DepartmentService departments;
    private final Messages messages;
    private final city.gridcity.catalog.CatalogNames classNames;

    Viewers(CurrentPrincipal current, Actors actors, DepartmentService departments, Messages messages,
            city.gridcity.catalog.CatalogNames classNames) {
        this.classNames = classNames;
        this.current = current;
        this.actors = actors;
        this.departments = departments;
        this.messages = messages;
    }

    /** The signed-in city user, or empty for a visitor (sent to sign in); platform operators have no cases. */
    Optional<Viewer> viewer(String lang, HttpHeaders headers) {
        Optional<Principal> p = current.get();
        if (p.isEmpty()) {
            return Optional.empty();
        }
        Principal user = p.get();
        if (user.tenant() == null) {
            throw ProblemException.forbidden("no-city", "Cases belong to a city; sign in as a user of a city.");
        }
        Messages.Msg msg = messages.bundle("console", Language.choose(lang, headers, user.tenant().defaultLocale()));
        Map<String, String> names = departments.refs().stream()
                .collect(Collectors.toMap(DepartmentService.DepartmentRef::code, DepartmentService.DepartmentRef::name));
        return Optional.of(new Viewer(user, actors.current(), msg,
                new PageFormat(ZoneId.of(user.tenant().timeZone()), msg, names,
                        classNames.in(msg.english()))));
    }

    /** The actor behind a photo request, which carries no language. */
    Actor signedInActor() {
        Principal user = current.get().orElseThrow(() -> ProblemException.unauthorized("unauthenticated",
                "Sign in to the console first."));
        if (user.tenant() == null) {
            throw ProblemException.forbidden("no-city", "Cases belong to a city; sign in as a user of a city.");
        }
        return actors.current();
    }

    /** Each refusal in the page's language: per field where the bundle has it, else the problem's own text. */
    static List<String> errorTexts(Messages.Msg msg, ProblemException e) {
        if (e.errors().size() <= 1) {
            return List.of(PageErrors.text(msg, e));
        }
        List<String> texts = new ArrayList<>();
        for (Problem.FieldError err : e.errors()) {
            String key = "error." + e.code() + "." + err.field();
            String text = msg.t(key);
            texts.add(text.equals(key) ? err.field() + ": " + err.message() : text);
        }
        return texts;
    }
}
