package city.gridcity.cases.actions;

/**
 * What one action (or a small group of them) means to a case, named in its row of the transition
 * table. The engine ({@code CaseActions}) has already checked the state, the role, the version and the
 * guards; the handler checks its own inputs, changes the case through its methods and writes what
 * the history should remember into the step's data. The engine then moves the case to the row's
 * state, runs the phase clocks and appends the event.
 */
public interface ActionHandler {

    void apply(ActionStep step);
}
