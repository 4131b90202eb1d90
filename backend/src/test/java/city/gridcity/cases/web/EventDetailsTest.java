package city.gridcity.cases.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import city.gridcity.catalog.RoutingService;
import city.gridcity.shared.i18n.Messages;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The history's details in the reader's language, with names instead of codes. */
class EventDetailsTest {

    private final Messages messages = new Messages();

    private EventDetails details(String language) {
        Messages.Msg msg = messages.bundle("console", language);
        PageFormat fmt = new PageFormat(ZoneId.of("Asia/Shanghai"), msg, Map.of("kc-sanitation", "市容环卫局"));
        return new EventDetails(msg, fmt, new ObjectMapper(), Map.of("A", "面积大于1平方米"),
                Map.of("91010100100101004", "一号单元网格", "910101001", "一号街道"));
    }

    @Test
    void a_report_shows_the_unit_grid_by_name_and_the_layout_version_in_chinese() {
        String text = details(Messages.CHINESE).render("{\"unit\":\"91010100100101004\",\"layoutVersion\":1}");
        assertEquals("单元网格：一号单元网格 (91010100100101004)；网格版本：1", text);
    }

    @Test
    void a_filing_shows_the_condition_text_and_the_limit_in_the_readers_units() {
        assertEquals("立案条件：A · 面积大于1平方米；处置时限：4 工作小时；问题类型：普通问题", details(Messages.CHINESE)
                .render("{\"condition\":\"A\",\"limit\":\"4 WORKING_HOURS\",\"problemType\":\"ORDINARY\"}"));
        assertEquals("Filing condition: A · 面积大于1平方米; Disposal limit: 4 working hours; Problem type: Ordinary",
                details(Messages.ENGLISH).render("{\"condition\":\"A\",\"limit\":\"4 WORKING_HOURS\",\"problemType\":\"ORDINARY\"}"));
    }

    @Test
    void a_dispatch_names_the_department_and_the_routing_rule_in_words() {
        String text = details(Messages.CHINESE).render("{\"department\":\"kc-sanitation\",\"routedTo\":\"kc-sanitation\","
                + "\"routing\":\"the subclass's department (no street office answers for street 910101001)\","
                + "\"routingRule\":\"subclass-department\",\"routingArea\":\"910101001\"}");
        assertEquals("处置部门：市容环卫局 (kc-sanitation)；派遣依据：小类的责任部门（街道 一号街道 无街道办事处负责）", text);
        assertFalse(text.contains("street office"));
    }

    @Test
    void deadlines_are_shown_in_the_city_time_and_time_left_in_hours_and_minutes() {
        assertEquals("新期限：2026-10-08 15:20；剩余时限：7 小时 50 分钟", details(Messages.CHINESE)
                .render("{\"deadline\":\"2026-10-08T07:20:00Z\",\"remainingSeconds\":28200}"));
    }

    @Test
    void every_known_key_and_routing_rule_has_a_label_in_both_bundles() {
        for (String language : List.of(Messages.CHINESE, Messages.ENGLISH)) {
            Map<String, String> texts = messages.load("console", language);
            Set<String> missing = new TreeSet<>();
            EventDetails.KEYS.stream().map(k -> "detail." + k).filter(k -> !texts.containsKey(k)).forEach(missing::add);
            Arrays.stream(RoutingService.Rule.values()).map(r -> "routing." + r.wireName())
                    .filter(k -> !texts.containsKey(k)).forEach(missing::add);
            assertEquals(Set.of(), missing, language);
        }
        assertTrue(EventDetails.KEYS.contains("solvedLevel"));
    }

    @Test
    void a_local_loops_dispatch_and_escalation_have_their_words_in_both_bundles() {
        for (String language : List.of(Messages.CHINESE, Messages.ENGLISH)) {
            Map<String, String> texts = messages.load("console", language);
            Set<String> missing = new TreeSet<>();
            java.util.stream.Stream.concat(java.util.stream.Stream.of("routing.local-loop"),
                            Arrays.stream(city.gridcity.cases.CityCase.Escalation.values()).map(e -> "escalation." + e.name()))
                    .filter(k -> !texts.containsKey(k)).forEach(missing::add);
            assertEquals(Set.of(), missing, language);
        }
        assertTrue(EventDetails.KEYS.containsAll(Set.of("localUnit", "localDeadline", "escalation")));
    }
}
