package city.gridcity.cases;

import java.util.Set;

/**
 * The communities a user serves as a volunteer, as the loop needs them: whose reports they may see
 * and triage. The volunteers feature keeps the memberships and provides this; the loop only asks, so
 * it does not depend on that feature.
 */
public interface VolunteerCommunities {

    /** The community codes of the user's active memberships in the current city; empty for anyone else. */
    Set<String> of(long userId);
}
