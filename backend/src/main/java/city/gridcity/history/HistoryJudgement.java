package city.gridcity.history;

import city.gridcity.tenancy.TenantOwnedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A sampled judgement of the old system (a city reviewer judged a sampled district supervisor's report valid,
 * a duplicate or false), as the import brought it (with the import's id). The import also records each one as
 * a judged sample of the sampling feature ({@code sampling_sample}, origin IMPORT), which the duplicate and
 * false-case rates read; this table stays the import's own record.
 */
@Entity
@Table(name = "history_judgement")
@org.hibernate.annotations.Immutable
public class HistoryJudgement extends TenantOwnedEntity {

    public enum Verdict {
        VALID, DUPLICATE, FALSE
    }

    @Column(name = "import_id", nullable = false)
    public long importId;

    @Column(name = "case_number", nullable = false, length = 40)
    public String caseNumber;

    @Column(name = "sampled_on", nullable = false)
    public LocalDate sampledOn;

    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    @Column(nullable = false, length = 12)
    public Verdict verdict;

    @Column(name = "judged_by", length = 64)
    public String judgedBy;

    @Column(name = "judged_at")
    public Instant judgedAt;
}
