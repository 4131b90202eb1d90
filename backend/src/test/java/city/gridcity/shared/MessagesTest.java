package city.gridcity.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import city.gridcity.shared.i18n.Messages;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MessagesTest {

    private final Messages messages = new Messages();

    @ParameterizedTest
    @ValueSource(strings = {"portal", "console"})
    void every_text_exists_in_chinese_and_in_english(String bundle) {
        var zh = messages.load(bundle, Messages.CHINESE);
        var en = messages.load(bundle, Messages.ENGLISH);
        assertFalse(zh.isEmpty());
        assertEquals(new TreeSet<>(zh.keySet()), new TreeSet<>(en.keySet()));
    }

    @Test
    void an_unknown_language_falls_back_to_chinese() {
        assertEquals("登录", messages.bundle("portal", "fr").t("home.login"));
        assertEquals("Sign in", messages.bundle("portal", "en").t("home.login"));
    }
}
