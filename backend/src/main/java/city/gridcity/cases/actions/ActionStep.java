package city.gridcity.cases.actions;

import city.gridcity.cases.ActionCommand;
import city.gridcity.cases.Actor;
import city.gridcity.cases.CaseAction;
import city.gridcity.cases.CaseState;
import city.gridcity.cases.CityCase;
import city.gridcity.cases.TransitionTable;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** One accepted action being carried out: the locked case, the row, the command, who and when, and what to record. */
public final class ActionStep {

    private final CityCase theCase;
    private final TransitionTable.Transition row;
    private final ActionCommand command;
    private final Actor actor;
    private final Instant now;
    private final Map<String, Object> data = new LinkedHashMap<>();
    private final boolean followingUp;
    private CaseAction followUp;
    private String followUpWhy;

    public ActionStep(CityCase theCase, TransitionTable.Transition row, ActionCommand command, Actor actor, Instant now) {
        this(theCase, row, command, actor, now, false);
    }

    /** {@code followingUp}: the system takes this step right after another one asked for it ({@link #followWith}). */
    public ActionStep(CityCase theCase, TransitionTable.Transition row, ActionCommand command, Actor actor, Instant now,
                      boolean followingUp) {
        this.followingUp = followingUp;
        this.theCase = theCase;
        this.row = row;
        this.command = command;
        this.actor = actor;
        this.now = now;
    }

    public CityCase theCase() {
        return theCase;
    }

    public CaseAction action() {
        return row.action();
    }

    public CaseState from() {
        return row.from();
    }

    public ActionCommand command() {
        return command;
    }

    public Actor actor() {
        return actor;
    }

    public Instant now() {
        return now;
    }

    /** Remembers a fact of this step in its event's data; keys are read by the history page and the case facts. */
    public void record(String key, Object value) {
        data.put(key, value);
    }

    public Map<String, Object> data() {
        return data;
    }

    /** A system step to take right after this one (the last called department reported: the coordination is done). */
    public void followWith(CaseAction action) {
        followWith(action, "all called departments reported");
    }

    /** A system step to take right after this one, and why (what its event says of the system's step). */
    public void followWith(CaseAction action, String why) {
        followUp = action;
        followUpWhy = why;
    }

    public Optional<CaseAction> followUp() {
        return Optional.ofNullable(followUp);
    }

    public String followUpWhy() {
        return followUpWhy;
    }

    /** Whether this is the system's step right after another one (a return by the local unit escalates). */
    public boolean followingUp() {
        return followingUp;
    }

    /** A handler that was given an action it does not carry out: a table mistake, caught by the table tests. */
    public IllegalStateException notMine(Class<?> handler) {
        return new IllegalStateException(handler.getSimpleName() + " does not carry out " + row.action());
    }
}
