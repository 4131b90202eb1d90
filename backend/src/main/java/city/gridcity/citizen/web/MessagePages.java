package city.gridcity.citizen.web;

import city.gridcity.citizen.ResidentMessage;
import city.gridcity.citizen.ResidentMessages;
import city.gridcity.identity.CurrentPrincipal;
import city.gridcity.identity.Principal;
import city.gridcity.shared.i18n.Messages;
import city.gridcity.shared.web.Csrf;
import city.gridcity.shared.web.Language;
import city.gridcity.shared.web.PageSupport;
import city.gridcity.shared.web.Paging;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
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
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** 我的消息: the signed-in user's message list (news of their cases) on the portal; only their own. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class MessagePages {

    static final int PAGE_SIZE = 20;

    @CheckedTemplate(basePath = "portal")
    static class Templates {
        static native TemplateInstance messages(Messages.Msg msg, PortalFormat fmt, String city, String csrf,
                                                List<Row> items, long total, long unread, int page, boolean more);
    }

    /** A message as the list shows it: what happened, to which case, when, and whether it was read. */
    public record Row(long id, String summary, String caseNumber, Instant createdAt, boolean unread) {
        static Row of(ResidentMessage m, Messages.Msg msg) {
            return new Row(m.id, ResidentNews.of(msg, m), m.aggregateRef, m.createdAt, m.readAt == null);
        }
    }

    private final PortalRequest request;
    private final CurrentPrincipal current;
    private final ResidentMessages messages;

    MessagePages(PortalRequest request, CurrentPrincipal current, ResidentMessages messages) {
        this.request = request;
        this.current = current;
        this.messages = messages;
    }

    @GET
    @Path("c/{city}/messages")
    public Response list(@PathParam("city") String code, @QueryParam("page") String pageNumber,
                         @QueryParam("lang") String lang, @CookieParam(Csrf.COOKIE) String csrfCookie,
                         @Context HttpHeaders headers) {
        PortalRequest.Page page = request.page(code, lang, headers);
        Optional<Principal> user = signedIn();
        if (user.isEmpty()) {
            return PortalRequest.toSignIn(code, "/c/" + code + "/messages");
        }
        Paging p = Paging.of(pageNumber, null, PAGE_SIZE, PAGE_SIZE);
        ResidentMessages.MessagePage list = messages.list(user.get().id(), p.page(), p.size());
        String csrf = Csrf.tokenOrNew(csrfCookie);
        boolean more = (long) (p.page() + 1) * p.size() < list.total();
        return PageSupport.page(Templates.messages(page.msg(), page.fmt(), code, csrf,
                list.items().stream().map(m -> Row.of(m, page.msg())).toList(), list.total(), list.unread(), p.page(), more), 200,
                Csrf.cookie(csrf), Language.remember(lang));
    }

    /** Marks one message read and goes to its case (or back to the list). */
    @POST
    @Path("c/{city}/messages/{id}/read")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response read(@PathParam("city") String code, @PathParam("id") long id, @FormParam("open") String open,
                         @FormParam(Csrf.FIELD) String csrfField, @CookieParam(Csrf.COOKIE) String csrfCookie) {
        Csrf.verify(csrfField, csrfCookie);
        Optional<Principal> user = signedIn();
        if (user.isEmpty()) {
            return PortalRequest.toSignIn(code, "/c/" + code + "/messages");
        }
        ResidentMessage m = messages.markRead(user.get().id(), id);
        String to = open != null && m.aggregateRef != null ? "/c/" + code + "/my/cases/" + m.aggregateRef
                : "/c/" + code + "/messages";
        return Response.seeOther(URI.create(to)).build();
    }

    private Optional<Principal> signedIn() {
        return current.get().filter(p -> p.tenant() != null);
    }
}
