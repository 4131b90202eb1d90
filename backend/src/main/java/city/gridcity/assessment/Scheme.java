package city.gridcity.assessment;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An assessment scheme as data (a city's baseline, or the composite of a baseline and an overlay): the kind
 * of target it assesses, its ranking groups (targets not named in a group rank in the group "all"), its
 * components with weights and their indicator items, and the indicators' parameters.
 * {@code weightsMustAddUp}: the components' weights must sum to 1.
 */
public record Scheme(String code, String name, Target.Kind targets, boolean weightsMustAddUp, List<Group> groups,
                     List<Component> components, Settings settings,
                     @JsonInclude(JsonInclude.Include.NON_NULL) Publication publication,
                     @JsonInclude(JsonInclude.Include.NON_EMPTY) List<LinkedRule> linked) {

    public Scheme {
        groups = groups == null ? List.of() : groups;
        linked = linked == null ? List.of() : List.copyOf(linked);
    }

    /** A scheme without linked deductions. */
    public Scheme(String code, String name, Target.Kind targets, boolean weightsMustAddUp, List<Group> groups,
                  List<Component> components, Settings settings, Publication publication) {
        this(code, name, targets, weightsMustAddUp, groups, components, settings, publication, List.of());
    }

    /** A scheme without publication settings (the appeal window and the rules take their defaults). */
    public Scheme(String code, String name, Target.Kind targets, boolean weightsMustAddUp, List<Group> groups,
                  List<Component> components, Settings settings) {
        this(code, name, targets, weightsMustAddUp, groups, components, settings, null, List.of());
    }

    /**
     * A linked deduction (关联扣分) of a departments' scheme, charged on top of the department's items (see
     * {@link LinkedDeductions}): {@code SAME_GRID} (同网同责) takes {@code share} of what the districts' scheme
     * {@code scheme} deducts on its item {@code item} for a case overdue at the department; {@code SAME_ITEM} (同项同责)
     * takes {@code share} of what this scheme deducts on its item {@code item} from the lead department of a whistle
     * round, for each cooperating department of the round. {@code share} is in [0, 1].
     */
    public record LinkedRule(String code, String name, LinkedDeductions.Kind kind, String scheme, String item,
                             BigDecimal share) {
    }

    /**
     * What follows a run: the appeal window in working days of the city's calendar from the day the run is computed
     * ({@value Publication#DEFAULT_APPEAL_WINDOW_DAYS} when left out), and the reward and accountability rules applied
     * to each group's ranking at publication.
     */
    public record Publication(Integer appealWindowDays, List<OutcomeRule> rules) {

        public static final int DEFAULT_APPEAL_WINDOW_DAYS = 5;

        public Publication {
            rules = rules == null ? List.of() : rules;
        }

        public int windowDays() {
            return appealWindowDays == null ? DEFAULT_APPEAL_WINDOW_DAYS : appealWindowDays;
        }
    }

    /**
     * A reward or accountability rule: a target of a group gets {@code outcome} (e.g. COMMEND, ACCOUNT) when every
     * condition given holds: its rank is at most {@code rankAtMost}, its total is below {@code totalBelow}, it ranks
     * last of its group ({@code last}).
     */
    public record OutcomeRule(String outcome, String name, Integer rankAtMost, BigDecimal totalBelow, Boolean last) {

        public boolean applies(int rank, BigDecimal total, boolean isLast) {
            return (rankAtMost == null || rank <= rankAtMost)
                    && (totalBelow == null || total.compareTo(totalBelow) < 0)
                    && (last == null || last == isLast);
        }
    }

    /** A ranking group: targets ranked among each other (e.g. districts in functional groups). */
    public record Group(String code, String name, List<String> members) {
    }

    /**
     * A source of scores with its weight in the total: the system data (indicators over the case facts), or a source
     * entered by people, whose items use the source indicators (inspection-score, visit-problems, resident-reports,
     * media-exposures, survey-score; see {@link Sources}).
     */
    public record Component(String code, String name, BigDecimal weight, List<Item> items) {
    }

    /**
     * An indicator item: the indicator, its points, the scoring rule and its parameters, how "no data" scores,
     * and whether a count is divided by the district's grid coefficient first.
     */
    public record Item(String code, String name, String indicator, BigDecimal points, String rule,
                       Map<String, BigDecimal> params, NoData noData, boolean perGridCoefficient) {
    }

    /** How an item whose rate has no data (denominator 0) scores. */
    public enum NoData {
        /** Its full points. */
        FULL,
        /** Nothing. */
        ZERO,
        /** Left out: its points leave the component's possible points too. */
        EXCLUDED
    }

    /**
     * The indicators' parameters: low-case thresholds per community type, whether only working days count for
     * low-case communities, area-class weights of the grid coefficient, what change rates compare with.
     */
    public record Settings(Map<String, Integer> lowCaseThresholds, boolean workingDaysOnly,
                           Map<String, BigDecimal> areaClassWeights, Parameters.ChangeBase changeBase) {
    }

    /**
     * A campaign overlay (考评+: 卫生城, 文明城, 园林城, 扬尘...): items added to components of its baseline,
     * components of its own, and new weights for any component of the composite.
     */
    public record Overlay(String code, String name, String baseline, List<AddedItem> items, List<Component> components,
                          Map<String, BigDecimal> weights) {

        public Overlay {
            items = items == null ? List.of() : items;
            components = components == null ? List.of() : components;
            weights = weights == null ? Map.of() : weights;
        }
    }

    /** An item an overlay adds to a baseline component. */
    public record AddedItem(String component, Item item) {
    }

    /**
     * The composite scheme baseline ⊕ overlay, computed each time (never stored), so a change to the baseline
     * shows in every composite: the baseline's components with the overlay's items appended, then the
     * overlay's own components; weights the overlay names replace the baseline's.
     */
    public Scheme with(Overlay overlay) {
        if (overlay == null) {
            return this;
        }
        Map<String, List<Item>> added = new LinkedHashMap<>();
        for (AddedItem a : overlay.items()) {
            added.computeIfAbsent(a.component(), c -> new ArrayList<>()).add(a.item());
        }
        List<Component> all = new ArrayList<>();
        for (Component c : components) {
            List<Item> items = new ArrayList<>(c.items());
            items.addAll(added.getOrDefault(c.code(), List.of()));
            all.add(new Component(c.code(), c.name(), overlay.weights().getOrDefault(c.code(), c.weight()), items));
        }
        for (Component c : overlay.components()) {
            all.add(new Component(c.code(), c.name(), overlay.weights().getOrDefault(c.code(), c.weight()), c.items()));
        }
        return new Scheme(code + "+" + overlay.code(), name + " + " + overlay.name(), targets, weightsMustAddUp, groups,
                all, settings, publication, linked);
    }

    /** The indicators' parameters of this scheme; {@code countedDays} null counts every day. */
    public Parameters parameters(java.util.Set<java.time.LocalDate> countedDays) {
        Parameters d = Parameters.defaults();
        return new Parameters(settings == null || settings.lowCaseThresholds() == null ? d.lowCaseThresholds()
                : settings.lowCaseThresholds(), countedDays,
                settings == null || settings.areaClassWeights() == null ? d.areaClassWeights() : settings.areaClassWeights(),
                settings == null || settings.changeBase() == null ? d.changeBase() : settings.changeBase());
    }
}
