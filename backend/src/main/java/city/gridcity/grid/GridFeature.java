package city.gridcity.grid;

import org.locationtech.jts.geom.Geometry;

/**
 * One polygon of a layout as imported: its position in the file, level, code, name and the
 * attributes its level carries.
 *
 * @param areaClass     management grids only
 * @param communityType communities only
 * @param patrolFactor  key areas only: how many times the normal patrol frequency
 */
public record GridFeature(int index, GridLevel level, String code, String name, AreaClass areaClass,
                          CommunityType communityType, Double patrolFactor, Geometry geometry) {

    /** The code of the unit one level up, by national coding: the code's prefix. */
    public String parentCode() {
        return level.parent().map(p -> code.substring(0, p.codeLength())).orElse(null);
    }
}
