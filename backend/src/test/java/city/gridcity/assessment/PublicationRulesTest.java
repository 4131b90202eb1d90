package city.gridcity.assessment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reward and accountability rules applied to a group's ranking, by hand. */
class PublicationRulesTest {

    static final List<Scheme.OutcomeRule> RULES = List.of(
            new Scheme.OutcomeRule("COMMEND", "通报表扬", 2, null, null),
            new Scheme.OutcomeRule("ACCOUNT", "约谈问责", null, new BigDecimal("85"), true));

    static Runs.Result ranking(Object... targetTotalRank) {
        Scheme s = new Scheme("districts", "城区", Target.Kind.DISTRICT, true, List.of(), List.of(), null,
                new Scheme.Publication(5, RULES));
        List<Runs.Card> cards = new java.util.ArrayList<>();
        for (int i = 0; i < targetTotalRank.length; i += 3) {
            cards.add(new Runs.Card(1, (String) targetTotalRank[i], null, "all", new BigDecimal((String) targetTotalRank[i + 1]),
                    (int) targetTotalRank[i + 2], List.of(), List.of()));
        }
        return new Runs.Result(s, LocalDate.of(2026, 11, 1), LocalDate.of(2026, 12, 1), cards);
    }

    static List<List<String>> outcomes(Runs.Result r) {
        return Publications.groups(r).get(0).lines().stream().map(Publications.Line::outcomes).toList();
    }

    @Test
    void the_top_two_are_commended_and_the_last_under_85_is_called_to_account() {
        assertEquals(List.of(List.of("COMMEND"), List.of("COMMEND"), List.of(), List.of("ACCOUNT")),
                outcomes(ranking("a", "95", 1, "b", "90", 2, "c", "88", 3, "d", "80", 4)));
    }

    @Test
    void the_last_at_85_or_more_is_not_called_to_account_and_one_under_85_who_is_not_last_neither() {
        assertEquals(List.of(List.of("COMMEND"), List.of("COMMEND"), List.of()),
                outcomes(ranking("a", "84", 1, "b", "84", 2, "c", "85", 3)));
    }

    @Test
    void targets_tied_at_first_share_the_commendation_and_none_of_them_is_last() {
        assertEquals(List.of(List.of("COMMEND"), List.of("COMMEND"), List.of("COMMEND")),
                outcomes(ranking("a", "80", 1, "b", "80", 1, "c", "80", 1)));
    }

    @Test
    void targets_tied_at_the_bottom_are_all_last() {
        assertEquals(List.of(List.of("COMMEND"), List.of("COMMEND"), List.of("ACCOUNT"), List.of("ACCOUNT")),
                outcomes(ranking("a", "90", 1, "b", "85", 2, "c", "70", 3, "d", "70", 3)));
    }

    @Test
    void the_rules_are_applied_as_written_so_a_target_both_in_the_top_two_and_last_under_85_gets_both() {
        assertEquals(List.of(List.of("COMMEND"), List.of("COMMEND", "ACCOUNT"), List.of("COMMEND", "ACCOUNT")),
                outcomes(ranking("a", "90", 1, "b", "70", 2, "c", "70", 2)));
    }
}
