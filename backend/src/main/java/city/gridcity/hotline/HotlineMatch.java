package city.gridcity.hotline;

import city.gridcity.tenancy.TenantOwnedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;

/** A hotline complaint and the grid finding of the same problem, if the grid had one. */
@Entity
@Table(name = "hotline_match")
public class HotlineMatch extends TenantOwnedEntity {

    @Column(nullable = false)
    public LocalDate day;

    @Column(name = "hotline_case_id", nullable = false)
    public Long hotlineCaseId;

    @Column(name = "grid_case_id")
    public Long gridCaseId;

    @Column(name = "found_first", nullable = false)
    public boolean foundFirst;

    @Column(name = "solved_first", nullable = false)
    public boolean solvedFirst;

    @Column(name = "matched_at", nullable = false)
    public Instant matchedAt;
}
