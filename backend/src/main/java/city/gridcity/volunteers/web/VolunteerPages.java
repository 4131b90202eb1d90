package city.gridcity.volunteers.web;

import city.gridcity.cases.Actor;
import city.gridcity.cases.CaseAction;
import city.gridcity.cases.CasePhoto;
import city.gridcity.cases.CaseQueries;
import city.gridcity.cases.CaseQueue;
import city.gridcity.cases.DuplicateFinder;
import city.gridcity.cases.TriageDesk;
import city.gridcity.citizen.web.PortalFormat;
import city.gridcity.citizen.web.PortalRequest;
import city.gridcity.grid.GridLevel;
import city.gridcity.grid.GridQueries;
import city.gridcity.identity.Role;
import city.gridcity.shared.i18n.Messages;
import city.gridcity.shared.problem.ProblemException;
import city.gridcity.shared.web.Csrf;
import city.gridcity.shared.web.Flash;
import city.gridcity.shared.web.Language;
import city.gridcity.shared.web.PageErrors;
import city.gridcity.shared.web.PageSupport;
import city.gridcity.tenancy.TenantRef;
import city.gridcity.volunteers.Memberships;
import city.gridcity.volunteers.VolunteerMembership;
import city.gridcity.volunteers.VolunteerRecords;
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
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * The volunteer's phone pages on the portal (志愿者): their communities and service time, the reports
 * waiting for them (待核实, newest first), and one page per report with the four things they can do
 * there: confirm with a photo, suggest not filing, merge into the open case nearby, or persuade and fix
 * a minor problem with before and after photos. A resident who does not volunteer yet applies here.
 */
@Path("/c/{city}/volunteer")
@Produces(MediaType.TEXT_HTML)
public class VolunteerPages {

    @CheckedTemplate(basePath = "portal")
    static class Templates {
        static native TemplateInstance volunteer(Messages.Msg msg, PortalFormat fmt, String city, String csrf, Home home);

        static native TemplateInstance triage(Messages.Msg msg, PortalFormat fmt, String city, String csrf,
                                              TriageDesk.Report report, Map<String, String> errors, String error,
                                              Map<String, String> typed);
    }

    /** One community to apply for. */
    public record Community(String code, String name, boolean chosen) {
    }

    /** A membership as the volunteer reads it. */
    public record Membership(String communityName, String status, String note) {
    }

    /** The volunteer's page. */
    public record Home(boolean volunteer, List<Membership> memberships, long totalMinutes, long monthMinutes,
                       List<city.gridcity.volunteers.ServiceRecord> latest, List<CaseQueries.Line> queue, List<Community> communities, String motivation,
                       Map<String, String> errors, String done, boolean applied) {
    }

    private final PortalRequest request;
    private final Memberships memberships;
    private final VolunteerRecords records;
    private final CaseQueries queries;
    private final TriageDesk desk;
    private final GridQueries grid;
    private final Clock clock;

    VolunteerPages(PortalRequest request, Memberships memberships, VolunteerRecords records, CaseQueries queries,
                   TriageDesk desk, GridQueries grid, Clock clock) {
        this.request = request;
        this.memberships = memberships;
        this.records = records;
        this.queries = queries;
        this.desk = desk;
        this.grid = grid;
        this.clock = clock;
    }

    @GET
    public Response home(@PathParam("city") String code, @QueryParam("done") String done,
                         @QueryParam("applied") String applied, @QueryParam("lang") String lang,
                         @CookieParam(Csrf.COOKIE) String csrfCookie, @CookieParam(Flash.COOKIE) String flash,
                         @Context HttpHeaders headers) {
        PortalRequest.Page page = request.page(code, lang, headers);
        Optional<Actor> user = request.user();
        if (user.isEmpty()) {
            return PortalRequest.toSignIn(code, "/c/" + code + "/volunteer");
        }
        refuseStaff(user.get());
        String csrf = Csrf.tokenOrNew(csrfCookie);
        // A refused application comes back here (post-redirect-get) with its problems and what was typed.
        Optional<Flash.Note> note = Flash.read(flash);
        ProblemException refusal = note.map(Flash.Note::refusal).orElse(null);
        Home home = refusal == null
                ? home(page, user.get(), null, Map.of(), done == null ? null : page.msg().t("volunteer.done." + done),
                applied != null)
                : home(page, user.get(), new Typed(note.get().value("communityCode"), note.get().value("motivation")),
                PortalRequest.fieldErrors(page.msg(), refusal, Map.of()), null, false);
        return PageSupport.page(Templates.volunteer(page.msg(), page.fmt(), code, csrf, home),
                refusal == null ? 200 : refusal.status(), Csrf.cookie(csrf), Language.remember(lang),
                Flash.clear(flash, "/c/" + code + "/volunteer"));
    }

    @POST
    @Path("apply")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response apply(@PathParam("city") String code, @RestForm("communityCode") String community,
                          @RestForm("motivation") String motivation, @RestForm(Csrf.FIELD) String csrfField,
                          @CookieParam(Csrf.COOKIE) String csrfCookie, @Context HttpHeaders headers) {
        Csrf.verify(csrfField, csrfCookie);
        PortalRequest.Page page = request.page(code, null, headers);
        Optional<Actor> user = request.user();
        if (user.isEmpty()) {
            return PortalRequest.toSignIn(code, "/c/" + code + "/volunteer");
        }
        refuseStaff(user.get());
        try {
            memberships.apply(user.get().id(), blankToNull(community), motivation);
            return Response.seeOther(URI.create("/c/" + code + "/volunteer?applied=1")).build();
        } catch (ProblemException e) {
            if (e.status() == 401 || e.status() == 403 || e.status() == 404) {
                throw e;
            }
            Map<String, String> typed = new LinkedHashMap<>();
            typed.put("communityCode", community);
            typed.put("motivation", motivation);
            typed.values().removeIf(java.util.Objects::isNull);
            return Flash.refused("/c/" + code + "/volunteer", e, typed);
        }
    }

    @GET
    @Path("cases/{number}")
    public Response report(@PathParam("city") String code, @PathParam("number") String number,
                           @QueryParam("lang") String lang, @CookieParam(Csrf.COOKIE) String csrfCookie,
                           @CookieParam(Flash.COOKIE) String flash, @Context HttpHeaders headers) {
        PortalRequest.Page page = request.page(code, lang, headers);
        Optional<Actor> user = request.user();
        if (user.isEmpty()) {
            return PortalRequest.toSignIn(code, "/c/" + code + "/volunteer/cases/" + number);
        }
        refuseStaff(user.get());
        String csrf = Csrf.tokenOrNew(csrfCookie);
        String path = "/c/" + code + "/volunteer/cases/" + number;
        // A refused action comes back here (post-redirect-get): its problem under the field of the form that was sent.
        Optional<Flash.Note> note = Flash.read(flash);
        ProblemException refusal = note.map(Flash.Note::refusal).orElse(null);
        Optional<CaseAction> sent = note.map(n -> n.value("action")).flatMap(CaseAction::fromWireName);
        if (refusal == null || sent.isEmpty()) {
            return PageSupport.page(Templates.triage(page.msg(), page.fmt(), code, csrf, desk.report(number, user.get()),
                    Map.of(), null, Map.of()), 200, Csrf.cookie(csrf), Language.remember(lang), Flash.clear(flash, path));
        }
        CaseAction chosen = sent.get();
        Map<String, String> errors = refusal.errors().isEmpty() ? Map.of()
                : prefixed(chosen, PortalRequest.fieldErrors(page.msg(), refusal, photoFields(chosen)));
        String error = refusal.errors().isEmpty() ? PageErrors.text(page.msg(), refusal) : null;
        Map<String, String> typed = new LinkedHashMap<>();
        typed.put(chosen.wireName() + ".reason", note.get().value("reason") == null ? "" : note.get().value("reason"));
        return PageSupport.page(Templates.triage(page.msg(), page.fmt(), code, csrf, desk.report(number, user.get()),
                errors, error, typed), refusal.status(), Csrf.cookie(csrf), Language.remember(lang), Flash.clear(flash, path));
    }

    /** Which form field a refusal names: the photo the action needed, or the text it needed. */
    private static Map<String, String> photoFields(CaseAction chosen) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("photoIds", chosen == CaseAction.PERSUADE_FIX ? "after" : "photo");
        fields.put("file", chosen == CaseAction.PERSUADE_FIX ? "after" : "photo");
        return fields;
    }

    @POST
    @Path("cases/{number}")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response act(@PathParam("city") String code, @PathParam("number") String number,
                        @RestForm("action") String action, @RestForm("reason") String reason,
                        @RestForm("duplicateOf") String duplicateOf, @RestForm("photo") FileUpload photo,
                        @RestForm("before") FileUpload before, @RestForm("after") FileUpload after,
                        @RestForm(Csrf.FIELD) String csrfField, @CookieParam(Csrf.COOKIE) String csrfCookie,
                        @Context HttpHeaders headers) {
        Csrf.verify(csrfField, csrfCookie);
        PortalRequest.Page page = request.page(code, null, headers);
        Optional<Actor> user = request.user();
        if (user.isEmpty()) {
            return PortalRequest.toSignIn(code, "/c/" + code + "/volunteer/cases/" + number);
        }
        refuseStaff(user.get());
        CaseAction chosen = CaseAction.fromWireName(action == null ? "" : action)
                .filter(a -> a == CaseAction.CONFIRM || a == CaseAction.MARK_INVALID || a == CaseAction.MERGE
                        || a == CaseAction.PERSUADE_FIX)
                .orElseThrow(() -> ProblemException.invalid("action", "confirm, mark-invalid, merge or persuade-fix"));
        List<TriageDesk.Photo> taken = new ArrayList<>();
        if (chosen == CaseAction.CONFIRM) {
            photo(photo, CasePhoto.Stage.BEFORE).ifPresent(taken::add);
        } else if (chosen == CaseAction.PERSUADE_FIX) {
            photo(before, CasePhoto.Stage.BEFORE).ifPresent(taken::add);
            photo(after, CasePhoto.Stage.AFTER).ifPresent(taken::add);
        }
        try {
            desk.act(number, chosen, reason, chosen == CaseAction.MERGE ? blankToNull(duplicateOf) : null, taken, user.get());
            return Response.seeOther(URI.create("/c/" + code + "/volunteer?done=" + chosen.wireName())).build();
        } catch (ProblemException e) {
            if (e.status() == 401 || e.status() == 404) {
                throw e;
            }
            Map<String, String> typed = new LinkedHashMap<>();
            typed.put("action", chosen.wireName());
            if (reason != null) {
                typed.put("reason", reason);
            }
            return Flash.refused("/c/" + code + "/volunteer/cases/" + number, e, typed);
        }
    }

    /** A refusal shows under the field of the form that was sent: "merge.duplicateOf", "persuade-fix.after". */
    private static Map<String, String> prefixed(CaseAction action, Map<String, String> errors) {
        Map<String, String> out = new LinkedHashMap<>();
        errors.forEach((field, text) -> out.put(action.wireName() + "." + field, text));
        return out;
    }

    private record Typed(String community, String motivation) {
    }

    private Home home(PortalRequest.Page page, Actor user, Typed typed, Map<String, String> errors, String done,
                      boolean applied) {
        boolean volunteer = user.roles().contains(Role.VOLUNTEER);
        List<VolunteerMembership> mine = memberships.of(user.id());
        List<String> codes = grid.codesInForce(GridLevel.COMMUNITY).codes();
        Map<String, String> names = grid.names(GridLevel.COMMUNITY, codes);
        List<Membership> shown = mine.stream().map(m -> new Membership(names.getOrDefault(m.communityCode, m.communityCode),
                page.msg().t("volunteer.status." + m.status.name()), m.decisionNote)).toList();
        ZoneId zone = ZoneId.of(page.city().timeZone());
        VolunteerRecords.Summary s = records.of(user.id(), LocalDate.now(clock.withZone(zone)), zone, 10);
        List<CaseQueries.Line> queue = volunteer ? queries.queue(CaseQueue.TRIAGE, user,
                new CaseQueries.Filter(null, null, null, null, null), null, 50).items() : List.of();
        String chosen = typed == null ? null : typed.community();
        List<Community> communities = codes.stream().map(c -> new Community(c, names.getOrDefault(c, c), c.equals(chosen)))
                .toList();
        return new Home(volunteer, shown, s.totalMinutes(), s.monthMinutes(), s.latest(), queue, communities,
                typed == null ? null : typed.motivation(), errors, done, applied);
    }

    /** Staff work in the console; the portal's volunteer pages are for residents and volunteers. */
    private static void refuseStaff(Actor user) {
        if (!user.roles().contains(Role.RESIDENT) && !user.roles().contains(Role.VOLUNTEER)) {
            throw ProblemException.forbidden("residents-only", "These pages are for residents and volunteers; staff work "
                    + "in the console.");
        }
    }

    private static Optional<TriageDesk.Photo> photo(FileUpload upload, CasePhoto.Stage stage) {
        if (upload == null || upload.size() == 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(new TriageDesk.Photo(stage, Files.readAllBytes(upload.uploadedFile()), upload.fileName()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** For the template: a merge candidate's distance and followers. */
    public static String candidate(DuplicateFinder.Nearby n) {
        return n.number() + " · " + n.distanceM() + " m";
    }
}
