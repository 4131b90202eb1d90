package city.gridcity.catalog;

import jakarta.enterprise.context.ApplicationScoped;

/** Gives a page the current city's {@link ClassNames} in its language. */
@ApplicationScoped
public class CatalogNames {

    private final CatalogService catalog;

    CatalogNames(CatalogService catalog) {
        this.catalog = catalog;
    }

    /** The names for a page, English or not; read from the current city's catalog when first needed. */
    public ClassNames in(boolean english) {
        return new ClassNames(english, catalog::classNames);
    }
}
