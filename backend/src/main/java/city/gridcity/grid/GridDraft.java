package city.gridcity.grid;

import city.gridcity.tenancy.TenantOwnedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;

/** An uploaded layout with its dry-run report, waiting for the administrator to import it (or upload a better one). */
@Entity
@Table(name = "grid_draft")
public class GridDraft extends TenantOwnedEntity {

    @Column(name = "file_name", nullable = false, length = 200)
    public String fileName;

    @Column(name = "uploaded_by", nullable = false, length = 64)
    public String uploadedBy;

    @Column(name = "uploaded_at", nullable = false)
    public Instant uploadedAt;

    @Column(name = "effective_from", nullable = false)
    public LocalDate effectiveFrom;

    /** The GeoJSON as uploaded. */
    @Column(nullable = false)
    public String body;

    /** The dry run's {@link GridImportService.ImportReport} as JSON. */
    @Column(nullable = false)
    public String report;

    @Column(nullable = false)
    public boolean valid;

    /** The layout version it became, once imported. */
    @Column(name = "imported_version")
    public Integer importedVersion;
}
