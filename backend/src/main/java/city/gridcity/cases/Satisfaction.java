package city.gridcity.cases;

import java.util.Arrays;
import java.util.Optional;

/** A resident's answer to "how satisfied are you with how it was handled" (满意度). Stored by name. */
public enum Satisfaction {
    SATISFIED("satisfied", "满意", "Satisfied"),
    BASICALLY_SATISFIED("basically-satisfied", "基本满意", "Basically satisfied"),
    DISSATISFIED("dissatisfied", "不满意", "Dissatisfied");

    private final String wireName;
    private final String labelZh;
    private final String labelEn;

    Satisfaction(String wireName, String labelZh, String labelEn) {
        this.wireName = wireName;
        this.labelZh = labelZh;
        this.labelEn = labelEn;
    }

    public String wireName() {
        return wireName;
    }

    public String labelZh() {
        return labelZh;
    }

    public String labelEn() {
        return labelEn;
    }

    /** By wire name ("basically-satisfied") or by name ("BASICALLY_SATISFIED"). */
    public static Optional<Satisfaction> of(String text) {
        return Arrays.stream(values()).filter(s -> s.wireName.equals(text) || s.name().equals(text)).findFirst();
    }
}
