package city.gridcity.points;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** A transfer's reason is stored in both languages and shown in the reader's. */
class BilingualTest {

    @Test
    void a_reason_in_two_languages_shows_the_readers_half() {
        String stored = Bilingual.of("上报问题已立案", "report filed");
        assertEquals("上报问题已立案 · report filed", stored);
        assertEquals("上报问题已立案", Bilingual.in(stored, false));
        assertEquals("report filed", Bilingual.in(stored, true));
    }

    @Test
    void free_text_with_a_separator_of_its_own_keeps_the_split_unambiguous() {
        String stored = Bilingual.of("志愿服务：" + Bilingual.zh("社区清洁日 · clean-up day"),
                "volunteer work: " + Bilingual.en("社区清洁日 · clean-up day"));
        assertEquals("志愿服务：社区清洁日", Bilingual.zh(stored));
        assertEquals("volunteer work: clean-up day", Bilingual.en(stored));
        String staffText = Bilingual.of("假报，收回积分：照片 · 与现场不符", "false report: 照片 · 与现场不符");
        assertEquals("假报，收回积分：照片·与现场不符", Bilingual.zh(staffText));
        assertEquals("false report: 照片·与现场不符", Bilingual.en(staffText));
    }

    @Test
    void a_reason_in_one_language_or_of_another_form_is_shown_as_stored() {
        assertEquals("清理小广告", Bilingual.in("清理小广告", true));
        assertEquals("a · b · c", Bilingual.in("a · b · c", false));
        assertEquals(null, Bilingual.in(null, true));
    }
}
