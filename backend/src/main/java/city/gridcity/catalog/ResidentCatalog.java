package city.gridcity.catalog;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;

/**
 * The current city's catalog as residents see it on the portal: active subclasses not marked hidden
 * from residents ({@code hidden} in the pack, {@code hiddenFromResidents} in the catalog: hazards and
 * classes that are the staff's own business), each with its resident-facing name and icon.
 */
@ApplicationScoped
public class ResidentCatalog {

    /** A category a resident may report: the resident-facing name, or the subclass name where the city gave none. */
    public record Category(CatalogClass.Kind kind, String code, String majorName, String name, String icon,
                           String majorNameEn, String nameEn) {

        /** The category's name on a page: English on English pages where there is one (see {@link ClassNames}). */
        public String name(boolean english) {
            return ClassNames.pick(english, nameEn, name);
        }

        /** The major class's name on a page. */
        public String majorName(boolean english) {
            return ClassNames.pick(english, majorNameEn, majorName);
        }

        /** The form's value for it, e.g. {@code component:0301}. */
        public String key() {
            return kind.name().toLowerCase() + ":" + code;
        }

        static Category of(CatalogClass c) {
            ClassNames.Names n = ClassNames.Names.of(c);
            return new Category(c.kind, c.code, c.majorName, ClassNames.resident(false, n), c.icon, c.majorNameEn,
                    ClassNames.pick(true, c.residentNameEn, c.nameEn));
        }
    }

    /** Every category residents may choose, by kind, major class and code. */
    @Transactional
    public List<Category> categories() {
        return CatalogClass.<CatalogClass>list("active = true and hiddenFromResidents = false order by kind, majorName, code")
                .stream().map(Category::of).toList();
    }

    /** A category residents may choose; empty for a hidden, inactive or unknown subclass. */
    @Transactional
    public Optional<Category> category(CatalogClass.Kind kind, String code) {
        return CatalogClass.<CatalogClass>find("kind = ?1 and code = ?2", kind, code).firstResultOptional()
                .filter(c -> c.active && !c.hiddenFromResidents).map(Category::of);
    }

    /** The codes of the subclasses hidden from residents, of one kind: their cases stay off the public pages too. */
    @Transactional
    public List<String> hiddenCodes(CatalogClass.Kind kind) {
        return CatalogClass.<CatalogClass>list("kind = ?1 and hiddenFromResidents = true", kind).stream()
                .map(c -> c.code).toList();
    }

    /** The resident-facing name of any subclass, hidden or not: what a public page calls an existing case. */
    @Transactional
    public Optional<Category> named(CatalogClass.Kind kind, String code) {
        return CatalogClass.<CatalogClass>find("kind = ?1 and code = ?2", kind, code).firstResultOptional()
                .map(Category::of);
    }
}
