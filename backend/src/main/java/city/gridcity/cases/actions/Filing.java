package city.gridcity.cases.actions;

import static city.gridcity.cases.CaseAction.FILE;
import static city.gridcity.cases.CaseAction.MERGE;
import static city.gridcity.cases.CaseAction.REJECT;

import city.gridcity.cases.ActionCommand;
import city.gridcity.cases.CaseFollowers;
import city.gridcity.cases.CaseState;
import city.gridcity.cases.CaseVisibility;
import city.gridcity.cases.DuplicateFinder;
import city.gridcity.cases.CityCase;
import city.gridcity.catalog.CatalogService;
import city.gridcity.catalog.FilingCondition;
import city.gridcity.shared.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.util.List;

/** 受理: the acceptor files a report under a filing condition, rejects it, or merges it into the case it repeats. */
@ApplicationScoped
@Handles({FILE, REJECT, MERGE})
public class Filing implements ActionHandler {

    private final CatalogService catalog;
    private final CaseFollowers followers;
    private final EntityManager em;

    Filing(CatalogService catalog, CaseFollowers followers, EntityManager em) {
        this.catalog = catalog;
        this.followers = followers;
        this.em = em;
    }

    @Override
    public void apply(ActionStep step) {
        switch (step.action()) {
            case FILE -> file(step);
            case MERGE -> merge(step);
            case REJECT -> {
                // The reason (a guard of the row) is the whole of it.
            }
            default -> throw step.notMine(Filing.class);
        }
    }

    private void file(ActionStep step) {
        CityCase c = step.theCase();
        ActionCommand cmd = step.command();
        List<FilingCondition> conditions = catalog.conditionsOfRule(c.ruleId);
        if (cmd.conditionCode() == null) {
            throw ProblemException.invalid("conditionCode", "choose the filing condition that applies: "
                    + conditions.stream().map(fc -> fc.code() + " (" + fc.text() + ")").toList());
        }
        FilingCondition fc = conditions.stream().filter(x -> x.code().equals(cmd.conditionCode())).findFirst()
                .orElseThrow(() -> ProblemException.invalid("conditionCode", "subclass " + c.classCode + " has conditions "
                        + conditions.stream().map(FilingCondition::code).toList() + ", not '" + cmd.conditionCode() + "'"));
        if (cmd.problemType() != null && cmd.problemType() != CityCase.ProblemType.ORDINARY
                && cmd.problemType() != CityCase.ProblemType.EMERGENCY) {
            throw ProblemException.invalid("problemType", "file as ORDINARY or EMERGENCY; coordination and consultation "
                    + "are actions of the dispatcher (whistle, consult)");
        }
        c.file(fc, cmd.problemType(), cmd.priority(), step.now());
        step.record("condition", fc.code());
        step.record("limit", fc.limit().amount() + " " + fc.limit().unit());
        step.record("problemType", c.problemType);
    }

    private void merge(ActionStep step) {
        CityCase c = step.theCase();
        String number = step.command().duplicateOf();
        if (number == null || number.isBlank()) {
            throw ProblemException.invalid("duplicateOf", "give the number of the case this report repeats");
        }
        CityCase original = CityCase.<CityCase>find("number", number.trim()).firstResultOptional()
                .orElseThrow(() -> ProblemException.invalid("duplicateOf", "no case " + number + " in this city"));
        // Point at the first report of the problem, not at another duplicate of it.
        for (int hops = 0; original.state == CaseState.MERGED && original.duplicateOf != null && hops < 20; hops++) {
            original = CityCase.findById(original.duplicateOf);
        }
        if (original.state == CaseState.REJECTED || original.state == CaseState.VOIDED || original.state == CaseState.MERGED) {
            throw ProblemException.invalid("duplicateOf", "case " + original.number + " is " + original.state.labelEn()
                    .toLowerCase() + "; merge into a case that stands");
        }
        // The original's follower count changes too: lock it as an action on it would.
        em.lock(original, LockModeType.PESSIMISTIC_WRITE);
        em.refresh(original);
        if (original.id.equals(c.id)) {
            throw ProblemException.invalid("duplicateOf", "a case cannot repeat itself");
        }
        if (original.kind != c.kind || !original.classCode.equals(c.classCode)) {
            throw ProblemException.invalid("duplicateOf", "case " + original.number + " is subclass " + original.classCode
                    + ", this report " + c.classCode + "; duplicates are of the same subclass");
        }
        if (!CaseVisibility.isStaff(step.actor())) {
            // A volunteer merges what they saw: into an open case of the problem, within the subclass's duplicate radius.
            int radius = catalog.subclass(c.kind, c.classCode).duplicateRadiusM();
            double metres = DuplicateFinder.metres(c.lon, c.lat, original.lon, original.lat);
            if (!original.open || metres > radius) {
                throw ProblemException.invalid("duplicateOf", "case " + original.number + (original.open ? " is "
                        + Math.round(metres) + " m away; a volunteer merges into an open case within " + radius + " m"
                        : " is no longer open; merge into an open case nearby, or confirm the report"));
            }
        }
        c.mergeInto(original);
        if (c.reporterId != null && followers.follow(original, c.reporterId, step.now())) {
            original.gainFollower();
        }
        step.record("duplicateOf", original.number);
    }
}
