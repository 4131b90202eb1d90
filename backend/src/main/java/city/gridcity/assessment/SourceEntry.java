package city.gridcity.assessment;

import city.gridcity.tenancy.TenantOwnedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One entry of a non-system source of assessment (明察, 暗访, 社会监督, 公众评议) for a target on a day; never changed: a
 * correction is a new entry naming the one it replaces ({@code corrects}) or withdrawing it.
 */
@Entity
@Table(name = "assessment_source_entry")
@org.hibernate.annotations.Immutable
public class SourceEntry extends TenantOwnedEntity {

    /** The sources, as schemes and the API name them. */
    public enum Source {
        /** 明察: a panel member's score of a target, 0 to 100. */
        INSPECTION("inspection"),
        /** 暗访: one problem an investigator found, a deduction by the scheme. */
        VISIT("visit"),
        /** 社会监督: a valid resident's report or a media exposure case, a deduction by the scheme. */
        SUPERVISION("supervision"),
        /** 公众评议: a survey's result for a target, 0 to 100. */
        SURVEY("survey");

        private final String wireName;

        Source(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        public static java.util.Optional<Source> fromWireName(String name) {
            return java.util.Arrays.stream(values()).filter(s -> s.wireName.equals(name)).findFirst();
        }
    }

    /** What a social supervision entry is. */
    public enum Kind {
        RESIDENT, MEDIA
    }

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 12)
    public Source source;

    @Column(nullable = false, length = 64)
    public String target;

    @Column(nullable = false)
    public LocalDate day;

    @Column(precision = 7, scale = 2)
    public BigDecimal score;

    @Column(length = 100)
    public String panelist;

    @Enumerated(EnumType.STRING)
    @Column(length = 10)
    public Kind kind;

    @Column(length = 200)
    public String place;

    @Column(length = 2000)
    public String description;

    /** Photo references as a JSON array, null for none. */
    @Column
    public String photos;

    @Column(name = "case_number", length = 40)
    public String caseNumber;

    @Column
    public Integer respondents;

    @Column
    public Long corrects;

    @Column(nullable = false)
    public boolean withdrawn;

    @Column(name = "import_digest", length = 64)
    public String importDigest;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "created_by", nullable = false, length = 64)
    public String createdBy;
}
