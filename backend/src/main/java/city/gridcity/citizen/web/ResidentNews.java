package city.gridcity.citizen.web;

import city.gridcity.citizen.ResidentMessage;
import city.gridcity.shared.i18n.Messages;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * A resident's message in the reader's language. The stored summary is one line fixed when the news was sent
 * (and what the API gives); the page writes the line again from what happened (the event's type and its data:
 * the action, the case, the case it joined, the points) with the portal's words, {@code news.*}. News the
 * bundle has no words for is shown as stored.
 */
final class ResidentNews {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ResidentNews() {
    }

    static String of(Messages.Msg msg, ResidentMessage m) {
        JsonNode data;
        try {
            data = JSON.readTree(m.payload);
        } catch (IOException e) {
            return m.summary;
        }
        String number = data.path("caseNumber").asText(m.aggregateRef);
        String key;
        if (data.hasNonNull("joined")) {
            // Points' own news of a duplicate report: which case it joined and what it earned.
            key = data.path("points").asLong() > 0 ? "news.merged.points" : "news.merged.none";
        } else if (data.hasNonNull("action")) {
            key = "news.case." + data.path("action").asText();
        } else {
            return m.summary;
        }
        String text = words(msg, key);
        if (text == null) {
            return m.summary;
        }
        return text.replace("{0}", number).replace("{1}", data.path("joined").asText(""))
                .replace("{2}", data.path("points").asText(""));
    }

    private static String words(Messages.Msg msg, String key) {
        String text = msg.texts().get(key);
        return text != null ? text : msg.fallback().get(key);
    }
}
