package city.gridcity.volunteers;

import city.gridcity.cases.VolunteerCommunities;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.HashSet;
import java.util.Set;

/** The loop's view of memberships: the communities a user actively serves in the current city. */
@ApplicationScoped
class ServedCommunities implements VolunteerCommunities {

    private final EntityManager em;

    ServedCommunities(EntityManager em) {
        this.em = em;
    }

    @Override
    public Set<String> of(long userId) {
        // Asked on every case a volunteer opens or acts on: one indexed read, no cache, so an ended membership ends at once.
        return new HashSet<>(em.createQuery("select m.communityCode from VolunteerMembership m where m.userId = ?1 "
                        + "and m.status = ?2", String.class)
                .setParameter(1, userId).setParameter(2, VolunteerMembership.Status.ACTIVE).getResultList());
    }
}
