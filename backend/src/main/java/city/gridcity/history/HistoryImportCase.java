package city.gridcity.history;

import city.gridcity.tenancy.TenantOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A case a history import brought, with the digest of its line: a second import of it is compared with this. */
@Entity
@Table(name = "history_import_case")
@org.hibernate.annotations.Immutable
public class HistoryImportCase extends TenantOwned {

    @Id
    @Column(name = "case_number", nullable = false, length = 40)
    public String caseNumber;

    @Column(name = "import_id", nullable = false)
    public long importId;

    /** SHA-256 (hex) of the line as it was imported (surrounding blanks aside). */
    @Column(name = "line_digest", nullable = false, length = 64)
    public String lineDigest;
}
