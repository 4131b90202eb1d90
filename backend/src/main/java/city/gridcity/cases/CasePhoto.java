package city.gridcity.cases;

import city.gridcity.tenancy.TenantOwnedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Instant;

/** A photo of a case, before or after disposal or with a resident's rating; stored cleaned of its metadata, with a thumbnail. */
@Entity
@Table(name = "case_photo")
public class CasePhoto extends TenantOwnedEntity {

    public enum Stage {
        /** 处置前 */
        BEFORE,
        /** 处置后 */
        AFTER,
        /** 评价照片: a resident's photo with their rating of the closed case */
        RATING
    }

    @Column(name = "case_id", nullable = false)
    public Long caseId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 8)
    public Stage stage;

    @Column(name = "media_type", nullable = false, length = 16)
    public String mediaType;

    @Column(name = "size_bytes", nullable = false)
    public int sizeBytes;

    @Column(nullable = false)
    public int width;

    @Column(nullable = false)
    public int height;

    @Column(nullable = false, length = 64)
    public String sha256;

    @Column(name = "storage_key", nullable = false, length = 200)
    public String storageKey;

    @Column(name = "thumbnail_key", nullable = false, length = 200)
    public String thumbnailKey;

    @Column(name = "uploaded_by")
    public Long uploadedBy;

    @Column(name = "uploaded_at", nullable = false)
    public Instant uploadedAt;

    /** Whether the public may see it: residents' photos wait for a moderator; staff photos (null) are never public. */
    @Enumerated(EnumType.STRING)
    @Column(length = 8)
    public Moderation moderation;

    @Column(name = "moderated_by")
    public Long moderatedBy;

    @Column(name = "moderated_at")
    public Instant moderatedAt;

    /** Why a moderator refused it: the resident reads this on their report. */
    @Column(name = "moderation_reason", length = 500)
    public String moderationReason;

    /** A resident's photo on its way to the public case page. */
    public enum Moderation {
        /** 待审核 */
        PENDING,
        /** 已公开 */
        APPROVED,
        /** 未通过 */
        REFUSED
    }
}
