package city.gridcity.citizen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import city.gridcity.shared.problem.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tile URL a city may configure: its own origin only, as the pages' Content-Security-Policy allows nothing else. */
class PortalConfigTest {

    @Test
    void a_same_origin_template_with_z_x_and_y_is_accepted() {
        assertEquals(List.of(), PortalConfig.check("/tiles/{z}/{x}/{y}.png", "© 某市测绘院"));
        assertEquals(List.of(), PortalConfig.check(null, null));
    }

    @Test
    void another_origin_or_a_template_without_its_placeholders_is_refused_naming_tile_url() {
        for (String url : List.of("https://tiles.example.com/{z}/{x}/{y}.png", "//tiles.example.com/{z}/{x}/{y}.png",
                "/tiles/{z}/{x}.png", "tiles/{z}/{x}/{y}.png")) {
            List<Problem.FieldError> errors = PortalConfig.check(url, null);
            assertEquals(1, errors.size(), url);
            assertEquals("tileUrl", errors.get(0).field(), url);
        }
        assertEquals("tileAttribution", PortalConfig.check(null, "x".repeat(201)).get(0).field());
    }
}
