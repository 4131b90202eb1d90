package city.gridcity.citizen.web;

import city.gridcity.citizen.ResidentMessages;
import city.gridcity.identity.CurrentPrincipal;
import city.gridcity.identity.Principal;
import city.gridcity.tenancy.TenantContext;
import city.gridcity.tenancy.TenantDirectory;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;

/**
 * What the portal's header shows on every page ({@code templates/portal/base.html} reads it as
 * {@code inject:portalHeader}): the city whose navigation it is, whether someone is signed in, and how
 * many of their messages are unread. Counted once per page, only for a signed-in user of that city.
 */
@Named("portalHeader")
@RequestScoped
public class PortalHeader {

    private final TenantContext tenant;
    private final TenantDirectory directory;
    private final CurrentPrincipal current;
    private final ResidentMessages messages;
    private Long unread;

    PortalHeader(TenantContext tenant, TenantDirectory directory, CurrentPrincipal current, ResidentMessages messages) {
        this.tenant = tenant;
        this.directory = directory;
        this.current = current;
        this.messages = messages;
    }

    /** The city of the page ({@code /c/{city}/...}); null on the list of cities. */
    public String cityCode() {
        return tenant.tenantCode().orElse(null);
    }

    /** The city's name in the page's language, for the header. */
    public String cityName(boolean english) {
        return tenant.tenantCode().flatMap(directory::byCode).map(c -> english ? c.nameEn() : c.nameZh()).orElse("");
    }

    public boolean signedIn() {
        return user() != null;
    }

    /** The signed-in user's unread messages; 0 for a visitor. */
    public long unread() {
        if (unread == null) {
            Principal user = user();
            unread = user == null ? 0 : messages.unread(user.id());
        }
        return unread;
    }

    private Principal user() {
        return current.get().filter(p -> p.tenant() != null && p.tenant().code().equals(cityCode())).orElse(null);
    }
}
