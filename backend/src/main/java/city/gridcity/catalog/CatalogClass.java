package city.gridcity.catalog;

import city.gridcity.tenancy.TenantOwnedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/**
 * A subclass (小类) of the city's catalog: its routing, flags and what residents see. Time limits
 * and weight are in {@link CatalogRule}, versioned.
 */
@Entity
@Table(name = "catalog_class")
public class CatalogClass extends TenantOwnedEntity {

    /** Components are fixed street objects; events are things that happen. */
    public enum Kind {
        COMPONENT, EVENT;

        /** Read either case, as the API writes kinds in lower case. */
        @com.fasterxml.jackson.annotation.JsonCreator
        public static Kind of(String value) {
            return valueOf(value.toUpperCase());
        }
    }

    /**
     * Where a subclass's problems close their own loop (二级闭环 / 社区微循环) when the city runs local loops: not
     * locally (the centre files, dispatches and verifies), in the community (its committee), or in the street
     * (its office).
     */
    public enum LocalLevel {
        NONE, COMMUNITY, STREET;

        /** Read either case, as the API writes levels in lower case. */
        @com.fasterxml.jackson.annotation.JsonCreator
        public static LocalLevel of(String value) {
            return valueOf(value.toUpperCase());
        }
    }

    /** Components go to their owner first, events to the locality first. */
    public enum Route {
        OWNER, LOCALITY
    }

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public Kind kind;

    /** Major class (2 digits) then subclass (2 digits). */
    @Column(nullable = false, length = 4)
    public String code;

    @Column(name = "major_name", nullable = false, length = 50)
    public String majorName;

    @Column(nullable = false, length = 100)
    public String name;

    @Column(name = "resident_name", length = 100)
    public String residentName;

    /** The major class's English name; null where the city gave none (English pages then show the Chinese). */
    @Column(name = "major_name_en", length = 50)
    public String majorNameEn;

    /** The subclass's English name; null where the city gave none. */
    @Column(name = "name_en", length = 100)
    public String nameEn;

    /** What residents see on English pages; null where the city gave none. */
    @Column(name = "resident_name_en", length = 100)
    public String residentNameEn;

    @Column(length = 40)
    public String icon;

    @Column(name = "hidden_from_residents", nullable = false)
    public boolean hiddenFromResidents;

    @Column(name = "key_class", nullable = false)
    public boolean keyClass;

    @Column(nullable = false)
    public boolean minor;

    @Column(name = "department_code", nullable = false, length = 64)
    public String departmentCode;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public Route route;

    @Column(name = "duplicate_radius_m", nullable = false)
    public int duplicateRadiusM;

    @Column(name = "duplicate_window_hours", nullable = false)
    public int duplicateWindowHours;

    @Column(name = "evidence_before", nullable = false)
    public boolean evidenceBefore;

    @Column(name = "evidence_after", nullable = false)
    public boolean evidenceAfter;

    @Enumerated(EnumType.STRING)
    @Column(name = "local_level", nullable = false, length = 16)
    public LocalLevel localLevel = LocalLevel.NONE;

    @Column(nullable = false)
    public boolean active;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public long version;
}
