package city.gridcity.identity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A platform operator's sign-in. */
@Entity
@Table(name = "operator_session")
public class OperatorSession extends SessionRecord {

    @Column(name = "operator_id", nullable = false)
    public Long operatorId;
}
