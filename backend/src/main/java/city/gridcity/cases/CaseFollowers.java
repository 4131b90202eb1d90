package city.gridcity.cases;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;

/** Residents who follow a case: its reporter's "me too" neighbours, and reporters of duplicates merged into it. */
@ApplicationScoped
public class CaseFollowers {

    private final EntityManager em;

    CaseFollowers(EntityManager em) {
        this.em = em;
    }

    /** Makes a user follow a case; false when they already did. */
    public boolean follow(CityCase c, long userId, Instant at) {
        return em.createNativeQuery("INSERT INTO case_follower (tenant_id, case_id, user_id, at) "
                        + "VALUES (gridcity_current_tenant(), ?1, ?2, ?3) ON CONFLICT DO NOTHING")
                .setParameter(1, c.id).setParameter(2, userId).setParameter(3, at).executeUpdate() == 1;
    }

    public boolean follows(CityCase c, long userId) {
        return ((Number) em.createNativeQuery("SELECT count(*) FROM case_follower WHERE case_id = ?1 AND user_id = ?2")
                .setParameter(1, c.id).setParameter(2, userId).getSingleResult()).intValue() > 0;
    }

    @SuppressWarnings("unchecked")
    public List<Long> of(long caseId) {
        return ((List<Number>) em.createNativeQuery("SELECT user_id FROM case_follower WHERE case_id = ?1")
                .setParameter(1, caseId).getResultList()).stream().map(Number::longValue).toList();
    }
}
