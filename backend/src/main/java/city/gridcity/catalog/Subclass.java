package city.gridcity.catalog;

/**
 * A subclass of the city's catalog as other features read it: what a report is held to, never the
 * catalog row itself.
 */
public record Subclass(CatalogClass.Kind kind, String code, String name, String majorName, boolean active, boolean minor,
                       boolean keyClass, int duplicateRadiusM, int duplicateWindowHours, boolean evidenceAfter,
                       boolean hiddenFromResidents, CatalogClass.LocalLevel localLevel, String nameEn,
                       String majorNameEn) {

    /** The subclass's name on a page: English on English pages where there is one (see {@link ClassNames}). */
    public String name(boolean english) {
        return ClassNames.pick(english, nameEn, name);
    }

    /** The major class's name on a page. */
    public String majorName(boolean english) {
        return ClassNames.pick(english, majorNameEn, majorName);
    }

    static Subclass of(CatalogClass c) {
        return new Subclass(c.kind, c.code, c.name, c.majorName, c.active, c.minor, c.keyClass, c.duplicateRadiusM,
                c.duplicateWindowHours, c.evidenceAfter, c.hiddenFromResidents,
                c.localLevel == null ? CatalogClass.LocalLevel.NONE : c.localLevel, c.nameEn, c.majorNameEn);
    }
}
