package city.gridcity.identity;

/**
 * What accounts need to know of departments: whether a department handler's department exists. The
 * department feature implements it, so identity, which every feature uses, depends on none of them.
 */
public interface ActiveDepartments {

    /** Whether an active department of this code exists in the current city. */
    boolean exists(String code);

    /** The names of the current city's departments by code, active ones only when {@code activeOnly}, in code order. */
    java.util.Map<String, String> names(boolean activeOnly);
}
