package city.gridcity.integration.web;

import city.gridcity.department.DepartmentService;
import city.gridcity.identity.CurrentPrincipal;
import city.gridcity.identity.Principal;
import city.gridcity.integration.EventTypes;
import city.gridcity.integration.outbox.OutboxAdmin;
import city.gridcity.integration.outbox.OutboxMessage;
import city.gridcity.integration.webhook.WebhookSubscription;
import city.gridcity.integration.webhook.WebhookSubscriptions;
import city.gridcity.shared.i18n.Messages;
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
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The city administrator's webhooks page (事件推送): the receivers with their health (answering, failing since,
 * paused until), a form to add one, and per receiver pause/activate, resume, a new signing secret and delete;
 * beside them the outbox's counts and its dead letters, each with a retry. Every form is checked as the API
 * checks it, with each problem next to its field, and answers with a redirect (post, redirect, get), except
 * the new secret: a secret never travels in a cookie, so that answer is the page itself, and sending it again
 * only makes another secret, the one then shown.
 */
@Path("/console/admin/webhooks")
@Produces(MediaType.TEXT_HTML)
public class WebhookPages {

    static final String PAGE = "/console/admin/webhooks";
    private static final int DEAD_SHOWN = 20;

    @CheckedTemplate(basePath = "console/admin")
    static class Templates {
        static native TemplateInstance webhooks(Messages.Msg msg, View view);
    }

    public record View(String csrf, List<Receiver> receivers, Draft draft, List<EventChoice> eventTypes,
                       List<DepartmentChoice> departments, Map<String, Long> counts, List<DeadLetter> dead, long deadTotal,
                       String done, String error, Secret secret, Long created) {
    }

    /** One receiver as the administrator reads it: names for its filters, its health in words. */
    public record Receiver(long id, String name, String url, String events, String department, boolean active,
                           String secretHint, String health, String healthClass, boolean paused) {
    }

    /** The add form as typed, with each field's problem. */
    public record Draft(String name, String url, List<String> eventTypes, String departmentCode, Map<String, String> errors) {
        public String error(String field) {
            return errors.get(field);
        }

        public boolean has(String type) {
            return eventTypes.contains(type);
        }
    }

    public record EventChoice(String type, String label) {
    }

    public record DepartmentChoice(String code, String name) {
    }

    public record DeadLetter(long id, String eventType, String aggregate, String receiver, int attempts, String lastError,
                             String createdAt) {
    }

    public record Secret(long subscriptionId, String name, String secret) {
    }

    private final CurrentPrincipal current;
    private final WebhookSubscriptions subscriptions;
    private final OutboxAdmin outbox;
    private final DepartmentService departments;
    private final Messages messages;

    WebhookPages(CurrentPrincipal current, WebhookSubscriptions subscriptions, OutboxAdmin outbox,
                 DepartmentService departments, Messages messages) {
        this.current = current;
        this.subscriptions = subscriptions;
        this.outbox = outbox;
        this.departments = departments;
        this.messages = messages;
    }

    @GET
    public Response page(@QueryParam("created") Long created, @QueryParam("lang") String lang,
                         @CookieParam(Csrf.COOKIE) String csrfCookie, @CookieParam(Flash.COOKIE) String flash,
                         @Context HttpHeaders headers) {
        Optional<Principal> user = admin();
        if (user.isEmpty()) {
            return Response.seeOther(URI.create("/console/login?next=" + PAGE)).build();
        }
        Messages.Msg msg = msg(user.get(), lang, headers);
        String csrf = Csrf.tokenOrNew(csrfCookie);
        Optional<Flash.Note> note = Flash.read(flash);
        ProblemException refusal = note.map(Flash.Note::refusal).orElse(null);
        Draft draft = new Draft("", "", List.of("case.*"), "", Map.of());
        String error = null;
        if (refusal != null) {
            Map<String, String> errors = PageErrors.byField(msg, refusal, "webhooks");
            Flash.Note n = note.get();
            draft = new Draft(orEmpty(n.value("name")), orEmpty(n.value("url")),
                    n.value("eventTypes") == null ? List.of() : Arrays.asList(n.value("eventTypes").split(",")),
                    orEmpty(n.value("departmentCode")), errors);
            error = errors.isEmpty() ? PageErrors.text(msg, refusal) : msg.t("webhooks.problems");
        }
        String done = note.map(Flash.Note::done).map(msg::t).orElse(null);
        return PageSupport.page(Templates.webhooks(msg, view(user.get(), msg, csrf, draft, done, error, null, created)),
                refusal == null ? 200 : refusal.status(), Csrf.cookie(csrf), Language.remember(lang), Flash.clear(flash, PAGE));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(MultivaluedMap<String, String> form, @CookieParam(Csrf.COOKIE) String csrfCookie) {
        Csrf.verify(form.getFirst(Csrf.FIELD), csrfCookie);
        if (admin().isEmpty()) {
            return Response.seeOther(URI.create("/console/login")).build();
        }
        List<String> types = form.get("eventTypes") == null ? List.of() : form.get("eventTypes");
        try {
            var made = subscriptions.create(new WebhookSubscriptions.SubscriptionSpec(form.getFirst("name"),
                    form.getFirst("url"), types, form.getFirst("departmentCode"), true));
            return Response.seeOther(URI.create(PAGE + "?created=" + made.subscription().id)).build();
        } catch (ProblemException e) {
            Map<String, String> typed = new LinkedHashMap<>();
            typed.put("name", orEmpty(form.getFirst("name")));
            typed.put("url", orEmpty(form.getFirst("url")));
            typed.put("eventTypes", String.join(",", types));
            typed.put("departmentCode", orEmpty(form.getFirst("departmentCode")));
            return Flash.refused(PAGE, e, typed);
        }
    }

    /** Pauses a receiver by hand (its messages wait) or makes it active again. */
    @POST
    @Path("/{id}/active")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response active(@PathParam("id") long id, MultivaluedMap<String, String> form,
                           @CookieParam(Csrf.COOKIE) String csrfCookie) {
        return act(form, csrfCookie, () -> {
            WebhookSubscription s = require(id);
            boolean active = "true".equals(form.getFirst("active"));
            subscriptions.update(id, new WebhookSubscriptions.SubscriptionSpec(s.name, s.url, List.of(s.eventTypes),
                    s.departmentCode, active));
            return active ? "webhooks.done.activated" : "webhooks.done.deactivated";
        });
    }

    @POST
    @Path("/{id}/resume")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response resume(@PathParam("id") long id, MultivaluedMap<String, String> form,
                           @CookieParam(Csrf.COOKIE) String csrfCookie) {
        return act(form, csrfCookie, () -> {
            subscriptions.resume(id);
            return "webhooks.done.resumed";
        });
    }

    @POST
    @Path("/{id}/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response delete(@PathParam("id") long id, MultivaluedMap<String, String> form,
                           @CookieParam(Csrf.COOKIE) String csrfCookie) {
        return act(form, csrfCookie, () -> {
            subscriptions.delete(id);
            return "webhooks.done.deleted";
        });
    }

    @POST
    @Path("/dead/{messageId}/retry")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response retry(@PathParam("messageId") long messageId, MultivaluedMap<String, String> form,
                          @CookieParam(Csrf.COOKIE) String csrfCookie) {
        return act(form, csrfCookie, () -> {
            outbox.retry(messageId);
            return "webhooks.done.retried";
        });
    }

    /** A new signing secret, shown on the answer itself (see the class comment). */
    @POST
    @Path("/{id}/secret")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response secret(@PathParam("id") long id, MultivaluedMap<String, String> form,
                           @CookieParam(Csrf.COOKIE) String csrfCookie, @Context HttpHeaders headers) {
        Csrf.verify(form.getFirst(Csrf.FIELD), csrfCookie);
        Optional<Principal> user = admin();
        if (user.isEmpty()) {
            return Response.seeOther(URI.create("/console/login")).build();
        }
        WebhookSubscriptions.WithSecret made;
        try {
            made = subscriptions.rotateSecret(id);
        } catch (ProblemException e) {
            return Flash.refused(PAGE, e, Map.of());
        }
        Messages.Msg msg = msg(user.get(), null, headers);
        Secret secret = new Secret(id, made.subscription().name, made.secret());
        return Response.fromResponse(PageSupport.page(Templates.webhooks(msg, view(user.get(), msg, csrfCookie,
                        new Draft("", "", List.of("case.*"), "", Map.of()), null, null, secret, null)), 200))
                .header("Cache-Control", "no-store").build();
    }

    private interface Action {
        String run();
    }

    private Response act(MultivaluedMap<String, String> form, String csrfCookie, Action action) {
        Csrf.verify(form.getFirst(Csrf.FIELD), csrfCookie);
        if (admin().isEmpty()) {
            return Response.seeOther(URI.create("/console/login")).build();
        }
        try {
            return Flash.done(PAGE, action.run());
        } catch (ProblemException e) {
            return Flash.refused(PAGE, e, Map.of());
        }
    }

    private View view(Principal user, Messages.Msg msg, String csrf, Draft draft, String done, String error, Secret secret,
                      Long created) {
        ZoneId zone = ZoneId.of(user.tenant().timeZone());
        DateTimeFormatter at = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(zone);
        Map<String, String> departmentNames = new LinkedHashMap<>();
        departments.refs().forEach(d -> departmentNames.put(d.code(), d.name()));
        List<WebhookSubscription> all = subscriptions.list();
        Map<Long, String> receiverNames = new LinkedHashMap<>();
        all.forEach(s -> receiverNames.put(s.id, s.name));
        Instant now = Instant.now();
        List<Receiver> receivers = all.stream().map(s -> {
            boolean paused = s.pausedUntil != null && s.pausedUntil.isAfter(now);
            String health;
            String css;
            if (!s.active) {
                health = msg.t("webhooks.health.inactive");
                css = "muted";
            } else if (paused) {
                health = fill(msg, "webhooks.health.paused", at.format(s.pausedUntil), s.consecutiveFailures,
                        at.format(s.failingSince));
                css = "overdue";
            } else if (s.consecutiveFailures > 0) {
                health = fill(msg, "webhooks.health.failing", s.consecutiveFailures, at.format(s.failingSince));
                css = "warn";
            } else {
                health = msg.t("webhooks.health.ok");
                css = "ok";
            }
            String events = Arrays.stream(s.eventTypes).map(t -> eventLabel(msg, t)).reduce((a, b) -> a + "、" + b).orElse("");
            String department = s.departmentCode == null ? msg.t("webhooks.allDepartments")
                    : departmentNames.getOrDefault(s.departmentCode, s.departmentCode);
            return new Receiver(s.id, s.name, s.url, events, department, s.active, s.secretHint(), health, css, paused);
        }).toList();
        List<EventChoice> types = new java.util.ArrayList<>();
        types.add(new EventChoice("*", msg.t("webhooks.event.all")));
        types.add(new EventChoice("case.*", msg.t("webhooks.event.cases")));
        EventTypes.KNOWN.forEach((type, zh) -> types.add(new EventChoice(type, msg.english() ? type : zh + " · " + type)));
        Map<String, Long> counts = new LinkedHashMap<>();
        outbox.counts().forEach((status, n) -> counts.put(status.name(), n));
        OutboxAdmin.MessagePage deadPage = outbox.list(OutboxMessage.Status.DEAD, OutboxMessage.Channel.WEBHOOK, 0, DEAD_SHOWN);
        List<DeadLetter> dead = deadPage.items().stream().map(m -> new DeadLetter(m.id, eventLabel(msg, m.eventType),
                m.aggregateRef, m.subscriptionId == null ? msg.t("webhooks.deletedReceiver")
                        : receiverNames.getOrDefault(m.subscriptionId, "#" + m.subscriptionId),
                m.attempts, m.lastError, at.format(m.createdAt))).toList();
        List<DepartmentChoice> choices = departments.refs().stream().filter(DepartmentService.DepartmentRef::active)
                .map(d -> new DepartmentChoice(d.code(), d.name())).toList();
        return new View(csrf, receivers, draft, types, choices, counts, dead, deadPage.total(), done, error, secret, created);
    }

    private static String fill(Messages.Msg msg, String key, Object... args) {
        String text = msg.t(key);
        for (int i = 0; i < args.length; i++) {
            text = text.replace("{" + i + "}", String.valueOf(args[i]));
        }
        return text;
    }

    private static String eventLabel(Messages.Msg msg, String type) {
        if ("*".equals(type)) {
            return msg.t("webhooks.event.all");
        }
        if ("case.*".equals(type)) {
            return msg.t("webhooks.event.cases");
        }
        String zh = EventTypes.KNOWN.get(type);
        return zh == null || msg.english() ? type : zh;
    }

    private WebhookSubscription require(long id) {
        return subscriptions.find(id).orElseThrow(() -> ProblemException.notFound("Webhook subscription " + id));
    }

    private Messages.Msg msg(Principal user, String lang, HttpHeaders headers) {
        return messages.bundle("console", Language.choose(lang, headers, user.tenant().defaultLocale()));
    }

    private Optional<Principal> admin() {
        return current.cityAdministrator("Webhooks");
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
