package city.gridcity.assessment.web;

import city.gridcity.assessment.Publications;
import city.gridcity.shared.i18n.Messages;
import city.gridcity.shared.problem.ProblemException;
import city.gridcity.shared.web.Language;
import city.gridcity.shared.web.PageSupport;
import city.gridcity.tenancy.TenantDirectory;
import city.gridcity.tenancy.TenantRef;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * The city's public assessment page (考评公示, transparency): every published ranking, per group, with the rewards
 * and accountability outcomes, for anyone, signed in or not. Nothing provisional is shown: only what the assessor
 * published.
 */
@Path("/c/{city}/assessment")
@Produces(MediaType.TEXT_HTML)
public class AssessmentPortalPages {

    @CheckedTemplate(basePath = "portal")
    static class Templates {
        static native TemplateInstance assessment(Messages.Msg msg, TenantRef city, List<Published> publications);
    }

    public record Row(int rank, String name, String total, String outcomes) {
    }

    public record Group(String name, List<Row> rows) {
    }

    public record Published(long id, String scheme, String period, List<Group> groups) {
    }

    private final TenantDirectory tenants;
    private final Publications publications;
    private final Messages messages;

    AssessmentPortalPages(TenantDirectory tenants, Publications publications, Messages messages) {
        this.tenants = tenants;
        this.publications = publications;
        this.messages = messages;
    }

    @GET
    public Response page(@PathParam("city") String code, @QueryParam("lang") String lang, @Context HttpHeaders headers) {
        TenantRef city = tenants.byCode(code).orElseThrow(() -> ProblemException.notFound("City '" + code + "'"));
        Messages.Msg msg = messages.bundle("portal", Language.choose(lang, headers, city.defaultLocale()));
        List<Published> list = publications.list().stream().map(p -> new Published(p.id(),
                p.schemeName() == null ? p.scheme() : p.schemeName(), p.from() + " — " + p.to().minusDays(1),
                p.groups().stream().map(g -> new Group(g.name() == null ? ("all".equals(g.code())
                        ? msg.t("assessment.group.all") : g.code()) : g.name(), g.lines().stream()
                        .map(l -> new Row(l.rank(), l.name() == null ? l.target() : l.name(), AssessmentPages.plain(l.total()),
                                AssessmentPages.outcomes(msg, l.outcomes()))).toList())).toList())).toList();
        return PageSupport.page(Templates.assessment(msg, city, list), 200, Language.remember(lang));
    }
}
