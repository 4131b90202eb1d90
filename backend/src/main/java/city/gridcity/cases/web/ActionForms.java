package city.gridcity.cases.web;

import city.gridcity.cases.ActionInput;
import city.gridcity.cases.CaseAction;
import city.gridcity.cases.CaseState;
import city.gridcity.cases.TransitionTable;
import city.gridcity.shared.i18n.Messages;
import java.util.Set;

/** The form of each action a user may take, derived from its row of the transition table: its inputs and its guards. */
final class ActionForms {

    /** The form of one action: which fields it shows. */
    public record ActionForm(String action, String label, boolean reasonShown, boolean reasonRequired,
                             String reasonLabel, boolean condition, boolean problemType, boolean department,
                             boolean departments, boolean duplicateOf, boolean extension, boolean resumeOn,
                             boolean resumeOnRequired) {
    }

    private ActionForms() {
    }

    static ActionForm of(CaseState state, CaseAction action, Messages.Msg msg) {
        TransitionTable.Transition row = TransitionTable.WORKFLOW.find(state, action).orElseThrow();
        Set<ActionInput> in = row.inputs();
        boolean required = row.reasonRequired();
        String wire = action.wireName();
        String label = msg.t("reason." + wire);
        if (label.equals("reason." + wire)) {
            label = msg.t(required ? "field.reason" : "field.note");
        }
        return new ActionForm(wire, msg.t("action." + wire), required || in.contains(ActionInput.NOTE), required, label,
                in.contains(ActionInput.CONDITION), in.contains(ActionInput.PROBLEM_TYPE),
                in.contains(ActionInput.DEPARTMENT), in.contains(ActionInput.DEPARTMENTS),
                in.contains(ActionInput.DUPLICATE_OF), in.contains(ActionInput.EXTENSION),
                in.contains(ActionInput.RESUME_ON) || in.contains(ActionInput.RESUME_ON_OPTIONAL),
                in.contains(ActionInput.RESUME_ON));
    }
}
