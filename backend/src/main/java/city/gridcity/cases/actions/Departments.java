package city.gridcity.cases.actions;

import city.gridcity.cases.CaseParticipant;
import city.gridcity.cases.CityCase;
import city.gridcity.cases.facts.SolvedLevel;
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
     * highest level among the departments that disposed of it (the rule the case facts apply too).
     */
    CityCase.Level solvedLevel(CityCase c) {
        Set<String> codes = new LinkedHashSet<>();
        if (c.departmentCode != null) {
            codes.add(c.departmentCode);
        }
        CaseParticipant.<CaseParticipant>list("caseId", c.id).forEach(p -> codes.add(p.departmentCode));
        return SolvedLevel.of(c.selfHandled, codes, code -> departments.ref(code).map(DepartmentService.DepartmentRef::kind),
                c.escalation != null);
    }
}
