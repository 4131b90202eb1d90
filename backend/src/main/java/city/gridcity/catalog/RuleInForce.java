package city.gridcity.catalog;

import java.math.BigDecimal;

/** The version of a subclass's rule a case is held to: its id and base case weight (基本案件数). */
public record RuleInForce(long id, BigDecimal baseCaseWeight) {

    static RuleInForce of(CatalogRule r) {
        return new RuleInForce(r.id, r.baseCaseWeight);
    }
}
