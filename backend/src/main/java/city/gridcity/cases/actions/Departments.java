package city.gridcity.cases.actions;

import city.gridcity.cases.CaseParticipant;
import city.gridcity.cases.CityCase;
import city.gridcity.department.Department;
import city.gridcity.department.DepartmentService;
import city.gridcity.shared.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashSet;
import java.util.Set;

/** The departments the handlers name: only active ones, and the level at which they solve a problem. */
@ApplicationScoped
public class Departments {

    private final DepartmentService departments;

    Departments(DepartmentService departments) {
        this.departments = departments;
    }

    /** An active department of the city by code, or 400 naming {@code field}. */
    String active(String field, String code) {
        if (code == null || code.isBlank()) {
            throw ProblemException.invalid(field, "name a department; see /api/v1/departments");
        }
        return departments.ref(code.trim()).filter(DepartmentService.DepartmentRef::active)
                .map(DepartmentService.DepartmentRef::code).orElseThrow(() ->
                ProblemException.invalid(field, "no active department '" + code + "' in this city; see /api/v1/departments"));
    }

    /**
     * The level at which the problem was solved (五级闭环): on the spot it is the grid; otherwise the
     * highest level among the departments that disposed of it.
     */
    CityCase.Level solvedLevel(CityCase c) {
        if (c.selfHandled) {
            return CityCase.Level.GRID;
        }
        Set<String> codes = new LinkedHashSet<>();
        if (c.departmentCode != null) {
            codes.add(c.departmentCode);
        }
        CaseParticipant.<CaseParticipant>list("caseId", c.id).forEach(p -> codes.add(p.departmentCode));
        CityCase.Level level = CityCase.Level.COMMUNITY;
        for (String code : codes) {
            CityCase.Level l = departments.ref(code).map(d -> levelOf(d.kind())).orElse(CityCase.Level.CITY);
            if (l.compareTo(level) > 0) {
                level = l;
            }
        }
        return level;
    }

    /** Platform companies answer to the district's urban management, so their fixes count at that level. */
    static CityCase.Level levelOf(Department.Kind kind) {
        return switch (kind) {
            case COMMUNITY_COMMITTEE -> CityCase.Level.COMMUNITY;
            case STREET_OFFICE -> CityCase.Level.STREET;
            case DISTRICT_DEPARTMENT, PLATFORM_COMPANY -> CityCase.Level.DISTRICT;
            case CITY_DEPARTMENT -> CityCase.Level.CITY;
        };
    }
}
