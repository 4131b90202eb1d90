package city.gridcity.support;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The service's OpenAPI document as a contract its answers are checked against: the status must be
 * declared for the operation, the content type must be one it declares, and a JSON body must match
 * the declared schema (JSON Schema 2020-12, the dialect of OpenAPI 3.1, with vertx-json-schema, which
 * the service already uses for tenant packs; validators of OpenAPI 3.0 do not read 3.1's type arrays).
 */
public final class ApiContract {

    private static final Map<String, ApiContract> BY_ORIGIN = new ConcurrentHashMap<>();
    private static final Pattern VARIABLE = Pattern.compile("\\{[^}/]+}");

    private final JsonObject document;
    private final List<Route> routes;
    private final Map<String, Validator> validators = new ConcurrentHashMap<>();

    private record Route(String template, Pattern pattern, int literalLength) {
    }

    ApiContract(JsonObject document) {
        this.document = document;
        this.routes = document.getJsonObject("paths").fieldNames().stream()
                .map(t -> new Route(t, Pattern.compile(toRegex(t)), VARIABLE.matcher(t).replaceAll("").length()))
                // A literal segment wins over a variable one: /cases/nearby is not /cases/{number}.
                .sorted(Comparator.comparingInt(Route::literalLength).reversed())
                .toList();
    }

    /** The document the running service publishes, fetched once per service. */
    public static ApiContract of(URI origin) {
        return BY_ORIGIN.computeIfAbsent(origin.getScheme() + "://" + origin.getAuthority(), ApiContract::fetch);
    }

    private static ApiContract fetch(String origin) {
        try {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(origin + "/q/openapi?format=json")).build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("The OpenAPI document answered " + answer.statusCode());
            }
            return new ApiContract(new JsonObject(answer.body()));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot fetch the OpenAPI document from " + origin, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public JsonObject document() {
        return document;
    }

    /**
     * What is wrong with an answer, or empty when it is what the document says. Paths that are no
     * operation of the document (pages, /q/*, an unknown path, a method the path does not take) are
     * the framework's, not the API's: they are not checked here.
     */
    public Optional<String> mismatch(String method, String path, int status, String contentType, byte[] body) {
        Optional<Route> route = routes.stream().filter(r -> r.pattern().matcher(path).matches()).findFirst();
        String verb = method.toLowerCase();
        if (route.isEmpty() || !document.getJsonObject("paths").getJsonObject(route.get().template()).containsKey(verb)) {
            return Optional.empty();
        }
        String template = route.get().template();
        String operation = method.toUpperCase() + " " + template;
        JsonObject responses = document.getJsonObject("paths").getJsonObject(template).getJsonObject(verb)
                .getJsonObject("responses", new JsonObject());
        String key = String.valueOf(status);
        if (!responses.containsKey(key)) {
            key = status / 100 + "XX";
        }
        if (!responses.containsKey(key)) {
            key = "default";
        }
        if (!responses.containsKey(key)) {
            return Optional.of(operation + " answered " + status + ", which the OpenAPI document does not declare "
                    + "(it declares " + String.join(", ", responses.fieldNames()) + ")" + excerpt(body));
        }
        JsonObject content = responses.getJsonObject(key).getJsonObject("content", new JsonObject());
        boolean hasBody = body != null && body.length > 0;
        if (content.isEmpty()) {
            return hasBody ? Optional.of(operation + " answered " + status + " with a body (" + contentType
                    + "), but the document declares none" + excerpt(body)) : Optional.empty();
        }
        if (!hasBody) {
            return Optional.of(operation + " answered " + status + " without a body, but the document declares "
                    + String.join(", ", content.fieldNames()));
        }
        String mediaType = contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase();
        Optional<String> declared = content.fieldNames().stream().filter(d -> matches(d, mediaType)).findFirst();
        if (declared.isEmpty()) {
            return Optional.of(operation + " answered " + status + " as '" + mediaType + "', but the document "
                    + "declares " + String.join(", ", content.fieldNames()) + excerpt(body));
        }
        if (!isJson(mediaType) || !content.getJsonObject(declared.get()).containsKey("schema")) {
            return Optional.empty();
        }
        Object instance;
        try {
            instance = Json.decodeValue(Buffer.buffer(body));
        } catch (DecodeException e) {
            return Optional.of(operation + " answered " + status + " as '" + mediaType + "' with a body that is not JSON"
                    + excerpt(body));
        }
        String pointer = "#/paths/" + escape(template) + "/" + verb + "/responses/" + key + "/content/"
                + escape(declared.get()) + "/schema";
        OutputUnit result = validators.computeIfAbsent(pointer, this::validator).validate(instance);
        if (Boolean.TRUE.equals(result.getValid())) {
            return Optional.empty();
        }
        return Optional.of(operation + " answered " + status + " (" + mediaType + ") with a body the OpenAPI document "
                + "does not describe: " + describe(result) + excerpt(body));
    }

    private Validator validator(String pointer) {
        // The whole document is the schema, so its #/components/schemas/... references resolve.
        JsonObject root = document.copy().put("$ref", pointer);
        return Validator.create(JsonSchema.of(root), new JsonSchemaOptions().setDraft(Draft.DRAFT202012)
                .setBaseUri("https://gridcity.city/openapi/").setOutputFormat(OutputFormat.Basic));
    }

    /** The failures at the deepest places, each with the field it concerns. */
    private static String describe(OutputUnit result) {
        List<OutputUnit> errors = result.getErrors() == null ? List.of() : result.getErrors();
        List<String> leaves = new ArrayList<>();
        for (OutputUnit error : errors) {
            String at = error.getInstanceLocation() == null ? "#" : error.getInstanceLocation();
            boolean deeper = errors.stream().anyMatch(e -> e.getInstanceLocation() != null
                    && e.getInstanceLocation().startsWith(at + "/"));
            String line = "field " + at.replaceFirst("^#", "") + ": " + error.getError();
            if (!deeper && !error.getError().startsWith("A subschema had errors") && !leaves.contains(line)) {
                leaves.add(line);
            }
        }
        if (leaves.isEmpty()) {
            leaves = errors.stream().map(e -> "field " + e.getInstanceLocation() + ": " + e.getError()).toList();
        }
        return leaves.stream().limit(8).collect(Collectors.joining("; "));
    }

    private static boolean matches(String declared, String actual) {
        if (declared.equals(actual) || declared.equals("*/*")) {
            return true;
        }
        return declared.endsWith("/*") && actual.startsWith(declared.substring(0, declared.length() - 1));
    }

    private static boolean isJson(String mediaType) {
        return mediaType.equals("application/json") || mediaType.endsWith("+json");
    }

    private static String toRegex(String template) {
        StringBuilder regex = new StringBuilder();
        int last = 0;
        var m = VARIABLE.matcher(template);
        while (m.find()) {
            regex.append(Pattern.quote(template.substring(last, m.start()))).append("[^/]+");
            last = m.end();
        }
        return regex.append(Pattern.quote(template.substring(last))).append("/?").toString();
    }

    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    private static String excerpt(byte[] body) {
        if (body == null || body.length == 0) {
            return "";
        }
        String text = new String(body, 0, Math.min(body.length, 400), java.nio.charset.StandardCharsets.UTF_8);
        return "\n  body: " + text + (body.length > 400 ? "..." : "");
    }
}
