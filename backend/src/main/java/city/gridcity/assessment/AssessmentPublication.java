package city.gridcity.assessment;

import city.gridcity.tenancy.TenantOwnedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;

/** A published ranking of a run version: per group, each target's total, rank and outcomes; never changed. */
@Entity
@Table(name = "assessment_publication")
@org.hibernate.annotations.Immutable
public class AssessmentPublication extends TenantOwnedEntity {

    @Column(name = "run_id", nullable = false)
    public long runId;

    @Column(name = "root_run_id", nullable = false)
    public long rootRunId;

    @Column(name = "scheme_code", nullable = false, length = 81)
    public String schemeCode;

    @Column(name = "scheme_name", length = 400)
    public String schemeName;

    @Column(name = "period_from", nullable = false)
    public LocalDate periodFrom;

    @Column(name = "period_to", nullable = false)
    public LocalDate periodTo;

    /** The groups and their lines as published (JSON text). */
    @Column(nullable = false)
    public String ranking;

    @Column(name = "published_at", nullable = false)
    public Instant publishedAt;

    @Column(name = "published_by", nullable = false, length = 64)
    public String publishedBy;
}
