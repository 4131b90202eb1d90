package city.gridcity.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The national baseline names every class in English as well as Chinese. */
class BaselineEnglishTest {

    @Test
    void everyBaselineClassHasAnEnglishNameMajorClassAndResidentName() throws Exception {
        List<String> missing = new ArrayList<>();
        int count = 0;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("catalog/baseline.yaml")) {
            for (JsonNode n : new ObjectMapper(new YAMLFactory()).readTree(in).path("classes")) {
                count++;
                for (String field : List.of("nameEn", "majorEn", "residentNameEn")) {
                    String v = n.path(field).asText("");
                    if (v.isBlank() || !v.matches("[\\x20-\\x7E]+") || v.length() > ("majorEn".equals(field) ? 50 : 100)) {
                        missing.add(n.path("kind").asText() + "/" + n.path("code").asText() + " " + field);
                    }
                }
            }
        }
        assertEquals(58, count, "the baseline's classes");
        assertTrue(missing.isEmpty(), "classes without plain English: " + missing);
    }

    @Test
    void anEnglishPageFallsBackToTheChineseWhereAClassHasNoEnglish() {
        assertEquals("Exposed rubbish", ClassNames.pick(true, "Exposed rubbish", "暴露垃圾"));
        assertEquals("暴露垃圾", ClassNames.pick(true, null, "暴露垃圾"));
        assertEquals("暴露垃圾", ClassNames.pick(false, "Exposed rubbish", "暴露垃圾"));
    }
}
