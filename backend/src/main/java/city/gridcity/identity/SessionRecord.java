package city.gridcity.identity;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import java.time.Instant;
import java.util.UUID;

/**
 * A sign-in. Access tokens name it, so revoking it ends access at once; the refresh token id
 * rotates on every refresh, and a replayed old refresh token revokes the whole session.
 */
@MappedSuperclass
public abstract class SessionRecord extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "refresh_jti", nullable = false)
    public UUID refreshJti;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "refreshed_at", nullable = false)
    public Instant refreshedAt;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    @Column(name = "revoke_reason", length = 32)
    public String revokeReason;

    @Column(name = "client_address", length = 64)
    public String clientAddress;

    public boolean activeAt(Instant now) {
        return revokedAt == null && now.isBefore(expiresAt);
    }

    public void revoke(Instant now, String reason) {
        if (revokedAt == null) {
            revokedAt = now;
            revokeReason = reason;
        }
    }
}
