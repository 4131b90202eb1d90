package city.gridcity.catalog;

import java.util.Map;
import java.util.function.Supplier;

/**
 * The one place that says what a catalog class is called on a page: in English on English pages where the city's
 * catalog has the English, in Chinese otherwise (Chinese pages, classes without English). Pages, cases and the
 * portal all ask here rather than choosing per page. One per page: an English page reads the city's names once, when
 * it is made (in the request, before the page renders); a Chinese page never reads them, as a case keeps the Chinese
 * name it was reported under.
 */
public final class ClassNames {

    /** A class's names as the catalog holds them. */
    public record Names(String name, String nameEn, String majorName, String majorNameEn, String residentName,
                        String residentNameEn) {

        static Names of(CatalogClass c) {
            return new Names(c.name, c.nameEn, c.majorName, c.majorNameEn, c.residentName, c.residentNameEn);
        }
    }

    private final boolean english;
    private final Map<String, Names> names;

    ClassNames(boolean english, Supplier<Map<String, Names>> load) {
        this.english = english;
        this.names = english ? Map.copyOf(load.get()) : Map.of();
    }

    /** Names for a page without a city catalog at hand: always the Chinese (or English) given. */
    public static ClassNames none(boolean english) {
        return new ClassNames(english, Map::of);
    }

    public boolean english() {
        return english;
    }

    /** The English where wanted and present, else the Chinese. */
    public static String pick(boolean english, String en, String zh) {
        return english && en != null && !en.isBlank() ? en : zh;
    }

    /** What residents see of a class: the resident-facing name, else the subclass name, English first on English pages. */
    public static String resident(boolean english, Names n) {
        String zh = n.residentName() == null || n.residentName().isBlank() ? n.name() : n.residentName();
        if (!english) {
            return zh;
        }
        return pick(true, n.residentNameEn(), pick(true, n.nameEn(), zh));
    }

    static String key(CatalogClass.Kind kind, String code) {
        return kind.name() + "/" + code;
    }

    private Names find(Object kind, String code) {
        if (!english || kind == null || code == null) {
            return null;
        }
        return names.get(kind.toString().toUpperCase() + "/" + code);
    }

    /** A subclass's name on this page; {@code chinese} (e.g. the name a case keeps) where there is no English. */
    public String name(Object kind, String code, String chinese) {
        Names n = find(kind, code);
        return n == null ? chinese : pick(true, n.nameEn(), chinese);
    }

    /** A major class's name on this page; {@code chinese} where there is no English. */
    public String major(Object kind, String code, String chinese) {
        Names n = find(kind, code);
        return n == null ? chinese : pick(true, n.majorNameEn(), chinese);
    }

    /** What residents call a subclass on this page; {@code chinese} where there is no English. */
    public String resident(Object kind, String code, String chinese) {
        Names n = find(kind, code);
        if (n == null) {
            return chinese;
        }
        return pick(true, n.residentNameEn(), pick(true, n.nameEn(), chinese));
    }
}
