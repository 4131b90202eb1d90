package city.gridcity.citizen;

import city.gridcity.tenancy.TenantOwnedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;

/** A city's portal settings: the optional base-map tiles under its grid. */
@Entity
@Table(name = "portal_settings")
public class PortalSettings extends TenantOwnedEntity {

    /** A tile URL template on the service's own origin, e.g. {@code /tiles/{z}/{x}/{y}.png}; null: the grid alone. */
    @Column(name = "tile_url", length = 300)
    public String tileUrl;

    @Column(name = "tile_attribution", length = 200)
    public String tileAttribution;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
