package city.gridcity.cases.facts;

import city.gridcity.cases.CaseSource;
import city.gridcity.cases.CityCase;
import city.gridcity.department.Department;
import city.gridcity.department.DepartmentService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** The fold's look-ups in the current city: a department's kind, and the channel a case was reported through. */
@ApplicationScoped
class CityLookups implements CaseFactsFold.Lookups {

    private final DepartmentService departments;

    CityLookups(DepartmentService departments) {
        this.departments = departments;
    }

    @Override
    public Optional<Department.Kind> departmentKind(String code) {
        return departments.ref(code).map(DepartmentService.DepartmentRef::kind);
    }

    @Override
    public Optional<CaseSource.Channel> channelOf(String caseNumber) {
        // The channel is a report-time column: it never changes once the case exists.
        return CityCase.<CityCase>find("number", caseNumber).firstResultOptional().map(c -> c.sourceChannel);
    }
}
