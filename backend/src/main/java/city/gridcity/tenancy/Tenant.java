package city.gridcity.tenancy;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/** A city hosted on the platform. Not itself tenant-owned: only platform operators change it. */
@Entity
@Table(name = "tenant")
public class Tenant extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, unique = true, length = 32)
    public String code;

    @Column(name = "name_zh", nullable = false, length = 100)
    public String nameZh;

    @Column(name = "name_en", nullable = false, length = 100)
    public String nameEn;

    @Column(name = "time_zone", nullable = false, length = 64)
    public String timeZone;

    @Column(name = "default_locale", nullable = false, length = 16)
    public String defaultLocale;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public TenantStatus status;

    @Column(name = "status_reason", length = 500)
    public String statusReason;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public long version;

    public static Optional<Tenant> findByCode(String code) {
        return find("code", code).firstResultOptional();
    }

    public boolean isActive() {
        return status == TenantStatus.ACTIVE;
    }

    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }
}
