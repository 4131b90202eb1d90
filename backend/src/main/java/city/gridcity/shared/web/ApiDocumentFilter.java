package city.gridcity.shared.web;

import city.gridcity.shared.problem.Problem;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationValue;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.FieldInfo;
import org.jboss.jandex.IndexView;
import org.jboss.jandex.RecordComponentInfo;
import org.jboss.jandex.Type;

/**
 * Makes the generated OpenAPI document say what the service really answers, for every endpoint at
 * once, so a new endpoint is described truthfully without per-field work. A test validates the
 * answers of the whole test suite against the result ({@code ResponseValidation} in the tests).
 *
 * <ul>
 * <li>Only the API is documented: pages ({@code /c/...}, {@code /console/...}, {@code /}) answer HTML
 * for browsers and are left out.</li>
 * <li>A {@code void} method answers 204 No Content, whatever its verb.</li>
 * <li>A path parameter named in the path but not in the method (the resource's class-level
 * {@code @Path}) is declared.</li>
 * <li>The failures every endpoint shares are declared from what the operation is, as RFC 9457
 * problem details ({@code application/problem+json}, schema {@code Problem}): 400 when it takes
 * parameters or a body, 401 and 403 always (a bad token, another city, a suspended city, a role),
 * 404 when a path parameter names something, 409 when it writes (a concurrent change, a unique
 * value taken), 413 and 415 when it takes a body, 503 when the city is in the path (a suspended
 * city). Failures that depend on what the endpoint does (404 without a path parameter, 422, 429)
 * are declared on the method with a bare {@code @APIResponse(responseCode, description)}; this
 * filter gives every 4xx and 5xx without content the problem schema.</li>
 * <li>Nullability comes from the Java types, because smallrye only marks {@code Optional} fields:
 * a property of a record is nullable unless its type is primitive, it is required
 * ({@code @NotNull}, {@code @NotBlank}, {@code @NotEmpty} or {@code @Schema(required = true)}) or it
 * says {@code @Schema(nullable = false)}. The rule is global rather than {@code @Schema(nullable =
 * true)} on each component because an annotation forgotten on one of hundreds of fields would make
 * the document lie again, while a primitive or a constraint already says "never null" in Java.</li>
 * <li>Jackson's {@code JsonNode} is any JSON value, not a Java object with {@code isArray} flags.</li>
 * </ul>
 * Schemas written by hand in {@code META-INF/openapi.yaml} (problem details, GeoJSON) are exact and
 * left as they are.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ApiDocumentFilter implements OASFilter {

    static final String PROBLEM_SCHEMA = "#/components/schemas/Problem";

    private static final Pattern PATH_VARIABLE = Pattern.compile("\\{([^}/]+)}");
    private static final Set<DotName> REQUIRED = Set.of(DotName.createSimple("jakarta.validation.constraints.NotNull"),
            DotName.createSimple("jakarta.validation.constraints.NotBlank"),
            DotName.createSimple("jakarta.validation.constraints.NotEmpty"));
    private static final DotName SCHEMA = DotName.createSimple("org.eclipse.microprofile.openapi.annotations.media.Schema");
    private static final DotName JSON_INCLUDE = DotName.createSimple("com.fasterxml.jackson.annotation.JsonInclude");
    private static final Set<String> JACKSON_TREES = Set.of("JsonNode", "ObjectNode", "ArrayNode");

    private static final Map<String, String> COMMON = new LinkedHashMap<>();

    static {
        COMMON.put("400", "Invalid request: a parameter or field is missing, malformed or out of range (errors name each)");
        COMMON.put("401", "Not signed in, or the access token is invalid, expired or of an ended session");
        COMMON.put("403", "Not allowed: your roles do not allow it, or you are signed in to another city, or the city "
                + "is suspended");
        COMMON.put("404", "Not found: nothing of this city has this name or id");
        COMMON.put("409", "Conflict: the action is not possible in the current state (allowedActions), someone changed "
                + "the record at the same time, or a unique value is taken");
        COMMON.put("413", "The body is larger than the service accepts");
        COMMON.put("415", "The body's content type is not accepted here");
        COMMON.put("503", "The city's service is suspended");
    }

    private final IndexView index;

    public ApiDocumentFilter(IndexView index) {
        this.index = index;
    }

    @Override
    public void filterOpenAPI(OpenAPI api) {
        if (api.getPaths() != null && api.getPaths().getPathItems() != null) {
            for (Map.Entry<String, PathItem> path : Map.copyOf(api.getPaths().getPathItems()).entrySet()) {
                if (!path.getKey().startsWith("/api/")) {
                    api.getPaths().removePathItem(path.getKey());
                    continue;
                }
                path.getValue().getOperations().values().forEach(op -> {
                    declarePathParameters(path.getKey(), path.getValue(), op);
                    declareCommonFailures(path.getKey(), path.getValue(), op);
                });
            }
        }
        if (api.getComponents() != null && api.getComponents().getSchemas() != null) {
            api.getComponents().getSchemas().forEach(this::describeSchema);
            // Only Jackson's trees referred to it.
            api.getComponents().removeSchema("JsonNodeType");
        }
    }

    private static void declarePathParameters(String path, PathItem item, Operation op) {
        Matcher m = PATH_VARIABLE.matcher(path);
        while (m.find()) {
            String name = m.group(1);
            if (!hasParameter(item.getParameters(), name) && !hasParameter(op.getParameters(), name)) {
                op.addParameter(OASFactory.createParameter().name(name).in(Parameter.In.PATH).required(true)
                        .schema(OASFactory.createSchema().addType(SchemaType.STRING)));
            }
        }
    }

    private static boolean hasParameter(List<Parameter> parameters, String name) {
        return parameters != null && parameters.stream()
                .anyMatch(p -> p.getIn() == Parameter.In.PATH && name.equals(p.getName()));
    }

    private static void declareCommonFailures(String path, PathItem item, Operation op) {
        if (op.getResponses() == null) {
            op.setResponses(OASFactory.createAPIResponses());
        }
        APIResponses responses = op.getResponses();
        answerVoidWithNoContent(responses);
        boolean body = op.getRequestBody() != null;
        boolean parameters = op.getParameters() != null && !op.getParameters().isEmpty()
                || item.getParameters() != null && !item.getParameters().isEmpty();
        boolean pathParameter = PATH_VARIABLE.matcher(path).find();
        boolean writes = op != item.getGET();
        List<String> statuses = new ArrayList<>();
        if (parameters || body) {
            statuses.add("400");
        }
        statuses.add("401");
        statuses.add("403");
        if (pathParameter) {
            statuses.add("404");
        }
        if (writes) {
            statuses.add("409");
        }
        if (body) {
            statuses.add("413");
            statuses.add("415");
        }
        if (path.contains("{city}")) {
            statuses.add("503");
        }
        for (String status : statuses) {
            if (!responses.hasAPIResponse(status)) {
                responses.addAPIResponse(status, OASFactory.createAPIResponse().description(COMMON.get(status)));
            } else if (isGenericDescription(responses.getAPIResponse(status).getDescription())) {
                responses.getAPIResponse(status).setDescription(COMMON.get(status));
            }
        }
        responses.getAPIResponses().forEach((status, response) -> {
            if (status.startsWith("4") || status.startsWith("5")) {
                describeAsProblem(response);
            }
        });
        // Keep the statuses in order, so the document reads like the list of what may happen.
        Map<String, APIResponse> sorted = new java.util.TreeMap<>(responses.getAPIResponses());
        responses.setAPIResponses(sorted);
    }

    /**
     * Smallrye documents a POST of a {@code void} method as "201 Created"; RESTEasy Reactive answers a
     * void method with 204 whatever its verb.
     */
    private static void answerVoidWithNoContent(APIResponses responses) {
        APIResponse created = responses.getAPIResponse("201");
        if (created != null && "Created".equals(created.getDescription()) && created.getContent() == null
                && !responses.hasAPIResponse("204")) {
            responses.removeAPIResponse("201");
            responses.addAPIResponse("204", OASFactory.createAPIResponse().description("Done; nothing to answer"));
        }
    }

    /** The descriptions smallrye writes when it adds a status on its own, which say nothing of why. */
    private static boolean isGenericDescription(String description) {
        return description == null || Set.of("Bad Request", "Not Authorized", "Not Allowed").contains(description);
    }

    private static void describeAsProblem(APIResponse response) {
        if (response.getContent() != null && response.getContent().getMediaTypes() != null
                && !response.getContent().getMediaTypes().isEmpty()) {
            return;
        }
        Content content = OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM_SCHEMA)));
        response.setContent(content);
    }

    private void describeSchema(String name, Schema schema) {
        if (JACKSON_TREES.contains(name)) {
            // A tree of Jackson is whatever JSON the field holds (an event's data, a message's payload).
            schema.setType(null);
            schema.setProperties(null);
            schema.setDescription("Any JSON value");
            return;
        }
        if (schema.getProperties() == null) {
            return;
        }
        Optional<List<ClassInfo>> records = recordsNamed(name, schema.getProperties().keySet());
        if (records.isEmpty() || records.get().stream().allMatch(ApiDocumentFilter::omitsNulls)) {
            return;
        }
        List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
        Map<String, Schema> properties = new LinkedHashMap<>(schema.getProperties());
        properties.replaceAll((property, propertySchema) -> required.contains(property)
                || records.get().stream().allMatch(r -> neverNull(r, property)) ? propertySchema : nullable(propertySchema));
        schema.setProperties(properties);
    }

    /**
     * The records a schema was generated from. Smallrye names a schema after the class's simple name
     * and numbers a second class of the same name ({@code MessageView1}); of the records with that
     * name, those whose components are the schema's properties (a page's view model may share the
     * name of an API record). A property is nullable when it is nullable in any of them, or absent
     * from one.
     */
    private Optional<List<ClassInfo>> recordsNamed(String schemaName, Set<String> properties) {
        String base = schemaName.replaceFirst("\\d+$", "");
        List<ClassInfo> named = index.getKnownClasses().stream()
                .filter(c -> c.isRecord() && c.name().toString().startsWith("city.gridcity.")
                        && (schemaName.equals(c.simpleName()) || base.equals(c.simpleName())))
                .toList();
        List<ClassInfo> same = named.stream().filter(c -> c.recordComponents().stream().map(RecordComponentInfo::name)
                .collect(Collectors.toSet()).equals(properties)).toList();
        // None with exactly these properties: every record of the name, which can only make more fields nullable.
        List<ClassInfo> candidates = same.isEmpty() ? named : same;
        return candidates.isEmpty() ? Optional.empty() : Optional.of(candidates);
    }

    /** A record written with {@code @JsonInclude(NON_NULL)} leaves a null field out instead of sending null. */
    private static boolean omitsNulls(ClassInfo record) {
        AnnotationInstance include = record.declaredAnnotation(JSON_INCLUDE);
        return include != null && include.value() != null && "NON_NULL".equals(include.value().asEnum());
    }

    private static boolean neverNull(ClassInfo record, String property) {
        RecordComponentInfo component = record.recordComponent(property);
        if (component == null) {
            return false;
        }
        if (component.type().kind() == Type.Kind.PRIMITIVE) {
            return true;
        }
        FieldInfo field = record.field(property);
        List<AnnotationInstance> annotations = new ArrayList<>(component.annotations());
        if (field != null) {
            annotations.addAll(field.annotations());
        }
        for (AnnotationInstance annotation : annotations) {
            if (REQUIRED.contains(annotation.name())) {
                return true;
            }
            if (SCHEMA.equals(annotation.name())) {
                AnnotationValue nullable = annotation.value("nullable");
                AnnotationValue requiredValue = annotation.value("required");
                if (nullable != null && !nullable.asBoolean() || requiredValue != null && requiredValue.asBoolean()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Schema nullable(Schema schema) {
        boolean plainType = schema.getRef() == null && schema.getAllOf() == null && schema.getAnyOf() == null
                && schema.getOneOf() == null && schema.getEnumeration() == null && schema.getType() != null;
        if (plainType) {
            if (schema.getType().contains(SchemaType.NULL)) {
                return schema;
            }
            // A copy: smallrye shares one schema object among properties of the same Java type.
            Schema copy = OASFactory.createSchema();
            copy.setAll(new LinkedHashMap<>(schema.getAll()));
            List<SchemaType> types = new ArrayList<>(schema.getType());
            types.add(SchemaType.NULL);
            copy.setType(types);
            return copy;
        }
        if (schema.getAnyOf() != null && schema.getAnyOf().stream()
                .anyMatch(s -> s.getType() != null && s.getType().equals(List.of(SchemaType.NULL)))) {
            return schema;
        }
        return OASFactory.createSchema().addAnyOf(schema).addAnyOf(OASFactory.createSchema().addType(SchemaType.NULL));
    }
}
