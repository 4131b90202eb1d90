package city.gridcity.identity.web;

import city.gridcity.audit.AdminAudit;
import city.gridcity.identity.CurrentPrincipal;
import city.gridcity.identity.Principal;
import city.gridcity.shared.i18n.Messages;
import city.gridcity.shared.web.Language;
import city.gridcity.shared.web.PageSupport;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The city administrator's audit page (修改记录): who changed which department, account, calendar, workflow setting
 * or supervisor's posts, when, from what to what; newest first, by area. The catalog's own audit is on each
 * subclass's page. It lives with the accounts because the audit feature sits below identity (accounts record
 * their own changes in it) and a page needs the signed-in person.
 */
@Path("/console/admin/audit")
@Produces(MediaType.TEXT_HTML)
public class AuditPages {

    static final String PAGE = "/console/admin/audit";
    private static final DateTimeFormatter MOMENT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final int SIZE = 50;

    @CheckedTemplate(basePath = "console/admin")
    static class Templates {
        static native TemplateInstance audit(Messages.Msg msg, View view);
    }

    public record View(String area, List<Choice> areas, List<Line> lines, long total, int page, int pages, String previous,
                       String next) {
    }

    public record Choice(String value, String label) {
    }

    public record Line(String at, String by, String area, String subject, String field, String oldValue, String newValue) {
    }

    private final CurrentPrincipal current;
    private final AdminAudit audit;
    private final Messages messages;

    AuditPages(CurrentPrincipal current, AdminAudit audit, Messages messages) {
        this.current = current;
        this.audit = audit;
        this.messages = messages;
    }

    @GET
    public Response page(@QueryParam("area") String areaParam, @QueryParam("page") Integer pageParam,
                         @QueryParam("lang") String lang, @Context HttpHeaders headers) {
        Optional<Principal> user = current.cityAdministrator("The audit page");
        if (user.isEmpty()) {
            return Response.seeOther(URI.create("/console/login?next=" + PAGE)).build();
        }
        Messages.Msg msg = messages.bundle("console", Language.choose(lang, headers, user.get().tenant().defaultLocale()));
        ZoneId zone = ZoneId.of(user.get().tenant().timeZone());
        AdminAudit.Area area = Arrays.stream(AdminAudit.Area.values()).filter(a -> a.name().equalsIgnoreCase(areaParam))
                .findFirst().orElse(null);
        int page = pageParam == null || pageParam < 1 ? 1 : pageParam;
        AdminAudit.EntryPage entries = audit.page(area, page - 1, SIZE);
        int pages = (int) Math.max(1, (entries.total() + SIZE - 1) / SIZE);
        List<Line> lines = entries.items().stream().map(e -> new Line(MOMENT.format(e.at().atZone(zone)),
                label(msg, "audit.by." + e.by(), e.by()), msg.t("audit.area." + e.area().name()),
                label(msg, "audit.subject." + e.subject(), e.subject()),
                label(msg, "audit.field." + e.field(), label(msg, "workflow.field." + e.field(), e.field())),
                value(msg, e.oldValue()), value(msg, e.newValue()))).toList();
        String base = PAGE + "?" + (area == null ? "" : "area=" + area.name().toLowerCase() + "&") + "page=";
        View view = new View(area == null ? "" : area.name().toLowerCase(), Arrays.stream(AdminAudit.Area.values())
                .map(a -> new Choice(a.name().toLowerCase(), msg.t("audit.area." + a.name()))).toList(), lines,
                entries.total(), page, pages, page > 1 ? base + (page - 1) : null, page < pages ? base + (page + 1) : null);
        return PageSupport.page(Templates.audit(msg, view), 200, Language.remember(lang));
    }

    /** A stored value as the reader says it: a switch's true / false as 是 / 否, anything else as stored. */
    static String value(Messages.Msg msg, String stored) {
        if (stored == null) {
            return "";
        }
        return "true".equals(stored) || "false".equals(stored) ? msg.t("audit.value." + stored) : stored;
    }

    private static String label(Messages.Msg msg, String key, String fallback) {
        String text = msg.t(key);
        return text.equals(key) ? fallback : text;
    }
}
