package city.gridcity.identity;

/**
 * What accounts need to know of departments: whether a department handler's department exists. The
 * department feature implements it, so identity, which every feature uses, depends on none of them.
 */
public interface ActiveDepartments {

    /** Whether an active department of this code exists in the current city. */
    boolean exists(String code);
}
