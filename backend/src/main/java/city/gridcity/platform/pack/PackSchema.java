package city.gridcity.platform.pack;

import city.gridcity.shared.problem.Problem;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The JSON Schema of tenant.yaml (resource {@code packs/tenant.schema.json}, usable in editors too):
 * structure, types, required keys and formats. Semantic checks follow in {@link PackReader} and in
 * each feature's pack content.
 */
public final class PackSchema {

    private static final Validator VALIDATOR = load();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private PackSchema() {
    }

    /** Every place where tenant.yaml breaks the schema, as {@code tenant.yaml#/path}. */
    @SuppressWarnings("unchecked")
    public static List<Problem.FieldError> check(JsonNode tenantYaml) {
        Map<String, Object> instance = MAPPER.convertValue(tenantYaml, Map.class);
        OutputUnit result = VALIDATOR.validate(new JsonObject(instance));
        List<Problem.FieldError> errors = new ArrayList<>();
        if (Boolean.TRUE.equals(result.getValid()) || result.getErrors() == null) {
            return errors;
        }
        // The validator reports each failure at every level above it too; keep the most specific ones.
        List<String> locations = result.getErrors().stream()
                .map(u -> u.getInstanceLocation() == null ? "" : u.getInstanceLocation().replaceFirst("^#", "")).toList();
        java.util.Set<String> kept = new java.util.HashSet<>();
        for (int i = 0; i < locations.size(); i++) {
            String location = locations.get(i);
            boolean general = locations.stream().anyMatch(l -> l.length() > location.length() && l.startsWith(location + "/"));
            if (!general && kept.add(location)) {
                errors.add(new Problem.FieldError(PackReader.TENANT_FILE + "#" + location,
                        "does not match the pack schema: " + result.getErrors().get(i).getError()));
            }
        }
        return errors;
    }

    private static Validator load() {
        try (InputStream in = PackSchema.class.getClassLoader().getResourceAsStream("packs/tenant.schema.json")) {
            if (in == null) {
                throw new IllegalStateException("packs/tenant.schema.json is missing from the build");
            }
            JsonSchema schema = JsonSchema.of(new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            return Validator.create(schema, new JsonSchemaOptions().setDraft(Draft.DRAFT202012)
                    .setBaseUri("https://gridcity.city/schemas/").setOutputFormat(OutputFormat.Basic));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
