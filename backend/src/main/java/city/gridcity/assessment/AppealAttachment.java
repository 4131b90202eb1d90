package city.gridcity.assessment;

import city.gridcity.tenancy.TenantOwnedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;

/** A file an appeal carries: a cleaned photo or a PDF, stored in the blob storage; never changed. */
@Entity
@Table(name = "assessment_appeal_attachment")
@org.hibernate.annotations.Immutable
public class AppealAttachment extends TenantOwnedEntity {

    @Column(name = "appeal_id", nullable = false)
    public long appealId;

    @Column(name = "file_name", length = 200)
    public String fileName;

    @Column(name = "media_type", nullable = false, length = 60)
    public String mediaType;

    @Column(name = "size_bytes", nullable = false)
    public long sizeBytes;

    @Column(nullable = false, length = 64)
    public String sha256;

    @Column(name = "storage_key", nullable = false, length = 300)
    public String storageKey;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "created_by", nullable = false, length = 64)
    public String createdBy;
}
