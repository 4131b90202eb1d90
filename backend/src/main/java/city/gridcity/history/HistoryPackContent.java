package city.gridcity.history;

import city.gridcity.platform.PackContent;
import city.gridcity.platform.pack.TenantPack;
import city.gridcity.shared.problem.Problem;
import city.gridcity.shared.problem.ProblemException;
import city.gridcity.tenancy.TenantRef;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A pack's history ({@value #FILE}, JSON Lines as the import takes them): imported into the new city after everything
 * its cases refer to (grid, catalog, departments, calendar, workflow) is loaded. A line with a problem refuses the pack,
 * named by file, line and field.
 */
@ApplicationScoped
public class HistoryPackContent implements PackContent {

    static final String FILE = "history/cases.jsonl";

    private final HistoryImports imports;

    HistoryPackContent(HistoryImports imports) {
        this.imports = imports;
    }

    @Override
    public List<Problem.FieldError> validate(TenantPack pack) {
        // The lines can only be checked against the city's grid and catalog, which exist once loaded.
        return List.of();
    }

    @Override
    public void load(TenantPack pack, TenantRef city) {
        if (pack.files() == null || !pack.files().has(FILE)) {
            return;
        }
        try {
            imports.run(new String(pack.files().get(FILE), StandardCharsets.UTF_8), "pack");
        } catch (ProblemException e) {
            throw ProblemException.invalid(e.errors().stream().map(x -> new Problem.FieldError(FILE + "#line "
                    + x.line() + "/" + x.field(), x.message())).toList());
        }
    }

    @Override
    public int order() {
        return 90;
    }
}
