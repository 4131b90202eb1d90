package city.gridcity.history;

import city.gridcity.tenancy.TenantOwnedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;

/** A history import of the city: the file it took (by digest) and what came of it; never changed. */
@Entity
@Table(name = "history_import")
@org.hibernate.annotations.Immutable
public class HistoryImport extends TenantOwnedEntity {

    /** An import is stored only once every line of its file is in: all or nothing. */
    public static final String COMPLETED = "COMPLETED";

    @Column(nullable = false, length = 12)
    public String state;

    /** SHA-256 (hex) of the file as sent: the same file again is the same import. */
    @Column(name = "file_digest", nullable = false, length = 64)
    public String fileDigest;

    @Column(name = "line_count", nullable = false)
    public int lineCount;

    @Column(name = "created_count", nullable = false)
    public int createdCount;

    /** Lines whose case an earlier import brought with the same content. */
    @Column(name = "unchanged_count", nullable = false)
    public int unchangedCount;

    @Column(name = "judgement_count", nullable = false)
    public int judgementCount;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "created_by", nullable = false, length = 64)
    public String createdBy;
}
