package city.gridcity.sampling;

import city.gridcity.tenancy.TenantOwnedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One sampled district supervisor report and, once a city reviewer judged it, the judgement (the case core's
 * own judgement of a report: valid, a duplicate or false). {@code origin} IMPORT: a judgement of the old system
 * brought by the history import (no seed or deadline).
 */
@Entity
@Table(name = "sampling_sample")
public class Sample extends TenantOwnedEntity {

    public enum Verdict {
        VALID, DUPLICATE, FALSE
    }

    public enum Origin {
        DRAW, IMPORT
    }

    @Column(nullable = false)
    public LocalDate day;

    @Column(name = "case_number", nullable = false, length = 40)
    public String caseNumber;

    public Long seed;

    @Column(name = "drawn_at", nullable = false)
    public Instant drawnAt;

    public Instant deadline;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 12)
    public Origin origin = Origin.DRAW;

    @Enumerated(EnumType.STRING)
    @Column(length = 12)
    public Verdict verdict;

    @Column(length = 500)
    public String note;

    @Column(name = "judged_by", length = 64)
    public String judgedBy;

    @Column(name = "judged_at")
    public Instant judgedAt;

    @Version
    public long version;
}
