package city.gridcity.assessment;

import city.gridcity.tenancy.TenantOwnedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;

/** An assessment run: what it was computed from and its result as computed; never changed. */
@Entity
@Table(name = "assessment_run")
@org.hibernate.annotations.Immutable
public class AssessmentRun extends TenantOwnedEntity {

    @Column(name = "scheme_code", nullable = false, length = 40)
    public String schemeCode;

    @Column(name = "scheme_version", nullable = false)
    public int schemeVersion;

    @Column(name = "overlay_code", length = 40)
    public String overlayCode;

    @Column(name = "overlay_version")
    public Integer overlayVersion;

    @Column(name = "period_from", nullable = false)
    public LocalDate periodFrom;

    @Column(name = "period_to", nullable = false)
    public LocalDate periodTo;

    @Column(name = "target_count", nullable = false)
    public int targetCount;

    @Column(name = "case_count", nullable = false)
    public int caseCount;

    @Column(name = "input_digest", nullable = false, length = 64)
    public String inputDigest;

    @Column(nullable = false)
    public String result;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "created_by", nullable = false, length = 64)
    public String createdBy;

    /** The first version of this run's family; null for the first version itself. */
    @Column(name = "root_run_id")
    public Long rootRunId;

    @Column(name = "run_version", nullable = false)
    public int runVersion = 1;

    /** The upheld appeals' exclusions this version was computed with (JSON text), null for none. */
    @Column
    public String exclusions;

    /** The ids of the source entries (明察, 暗访, 社会监督, 公众评议) this run read (JSON array), null for none. */
    @Column(name = "source_entries")
    public String sourceEntries;

    /** The last day (of the city) an appeal may be filed; null for runs computed before appeals existed. */
    @Column(name = "appeal_until")
    public LocalDate appealUntil;

    /** The id of the family's first version. */
    public long root() {
        return rootRunId == null ? id : rootRunId;
    }
}
