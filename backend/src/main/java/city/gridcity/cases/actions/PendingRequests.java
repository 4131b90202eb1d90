package city.gridcity.cases.actions;

import city.gridcity.cases.CityCase;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/** The extension or suspension a department asked for, kept on the case until the dispatcher decides. */
@ApplicationScoped
public class PendingRequests {

    private final ObjectMapper json;

    PendingRequests(ObjectMapper json) {
        this.json = json;
    }

    /** What was asked ({@code kind}, {@code by}, {@code reason}, ...); empty when nothing waits. */
    public Map<String, Object> read(CityCase c) {
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> map = c.pendingRequest == null ? Map.of() : json.readValue(c.pendingRequest, Map.class);
            return map;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Pending request of case " + c.number + " is unreadable", e);
        }
    }

    void ask(CityCase c, Map<String, Object> request) {
        try {
            c.awaitDecision(json.writeValueAsString(request));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
