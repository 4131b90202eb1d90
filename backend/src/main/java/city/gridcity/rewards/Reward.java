package city.gridcity.rewards;

import city.gridcity.tenancy.TenantOwnedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A reward residents redeem points for (goods, services, tickets). {@link #stock} is what is left to
 * hold: a hold takes one unit in the same statement that checks there is one, so it is never oversold.
 */
@Entity
@Table(name = "reward")
public class Reward extends TenantOwnedEntity {

    @Column(nullable = false, length = 32)
    public String code;

    @Column(name = "name_zh", nullable = false, length = 100)
    public String nameZh;

    @Column(name = "name_en", nullable = false, length = 100)
    public String nameEn;

    @Column(name = "description_zh", length = 500)
    public String descriptionZh;

    @Column(name = "description_en", length = 500)
    public String descriptionEn;

    @Column(nullable = false)
    public int price;

    @Column(nullable = false)
    public int stock;

    @Column(name = "per_resident_limit")
    public Integer perResidentLimit;

    /** The lowest account level (its place in the city's levels, 0 for the first) that may redeem it. */
    @Column(name = "min_level", nullable = false)
    public int minLevel;

    @Column(name = "available_from")
    public Instant availableFrom;

    @Column(name = "available_until")
    public Instant availableUntil;

    @Column(nullable = false)
    public boolean active;

    @Column(name = "picture_key", length = 200)
    public String pictureKey;

    @Column(name = "picture_type", length = 16)
    public String pictureType;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** Whether residents may hold it at {@code at} (stock aside). */
    public boolean availableAt(Instant at) {
        return active && (availableFrom == null || !at.isBefore(availableFrom))
                && (availableUntil == null || at.isBefore(availableUntil));
    }
}
