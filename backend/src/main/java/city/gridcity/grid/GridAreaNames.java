package city.gridcity.grid;

import city.gridcity.department.AreaNames;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Names departments' areas by the level their code's length says. */
@ApplicationScoped
class GridAreaNames implements AreaNames {

    private final GridQueries grid;

    GridAreaNames(GridQueries grid) {
        this.grid = grid;
    }

    @Override
    public Map<String, String> names(Collection<String> codes) {
        Map<String, String> names = new HashMap<>();
        for (GridLevel level : GridLevel.values()) {
            List<String> ofLevel = new ArrayList<>();
            for (String c : codes) {
                if (c.length() == level.codeLength()) {
                    ofLevel.add(c);
                }
            }
            if (!ofLevel.isEmpty()) {
                names.putAll(grid.names(level, ofLevel));
            }
        }
        return names;
    }
}
