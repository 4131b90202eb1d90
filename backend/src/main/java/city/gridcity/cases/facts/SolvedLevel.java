package city.gridcity.cases.facts;

import city.gridcity.cases.CityCase;
import city.gridcity.department.Department;
import java.util.Collection;
import java.util.Optional;
import java.util.function.Function;

/**
 * The level at which a case was solved (五级闭环), as one pure rule for the close of a case and for
 * the facts: fixed on the spot it is the grid; otherwise the highest level among the departments
 * that disposed of it (the responsible one and every one called in), community at the least.
 */
public final class SolvedLevel {

    private SolvedLevel() {
    }

    /**
     * @param selfHandled  the case was fixed on the spot by its reporter (and not sent round the loop by an audit)
     * @param departments  the responsible department and every participating one; codes may repeat
     * @param kindOf       a department's kind by code; empty for a code the city does not know, counted as the city level
     */
    public static CityCase.Level of(boolean selfHandled, Collection<String> departments,
                                    Function<String, Optional<Department.Kind>> kindOf) {
        return of(selfHandled, departments, kindOf, false);
    }

    /**
     * As {@link #of(boolean, Collection, Function)}, for a case that may have left its local loop: once escalated to
     * the district/city loop (二级闭环), it was solved at district level at least, whoever then fixed it.
     */
    public static CityCase.Level of(boolean selfHandled, Collection<String> departments,
                                    Function<String, Optional<Department.Kind>> kindOf, boolean escalated) {
        CityCase.Level level = ofDepartments(selfHandled, departments, kindOf);
        return escalated && level.compareTo(CityCase.Level.DISTRICT) < 0 ? CityCase.Level.DISTRICT : level;
    }

    private static CityCase.Level ofDepartments(boolean selfHandled, Collection<String> departments,
                                                Function<String, Optional<Department.Kind>> kindOf) {
        if (selfHandled) {
            return CityCase.Level.GRID;
        }
        CityCase.Level level = CityCase.Level.COMMUNITY;
        for (String code : departments) {
            CityCase.Level l = kindOf.apply(code).map(SolvedLevel::levelOf).orElse(CityCase.Level.CITY);
            if (l.compareTo(level) > 0) {
                level = l;
            }
        }
        return level;
    }

    /** Platform companies answer to the district's urban management, so their fixes count at that level. */
    public static CityCase.Level levelOf(Department.Kind kind) {
        return switch (kind) {
            case COMMUNITY_COMMITTEE -> CityCase.Level.COMMUNITY;
            case STREET_OFFICE -> CityCase.Level.STREET;
            case DISTRICT_DEPARTMENT, PLATFORM_COMPANY -> CityCase.Level.DISTRICT;
            case CITY_DEPARTMENT -> CityCase.Level.CITY;
        };
    }
}
