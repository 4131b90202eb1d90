package city.gridcity.shared.openapi;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import city.gridcity.shared.problem.Problem;
import city.gridcity.support.ApiContract;
import city.gridcity.support.PostgresResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Known facts of the published OpenAPI document, each named, so a regression says what broke. That
 * every answer of the suite matches the document is checked by {@code ContractCheck} on every call.
 */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class OpenApiDocumentTest {

    private ApiContract contract;
    private JsonObject doc;

    @BeforeEach
    void fetch() {
        contract = ApiContract.of(URI.create(RestAssured.baseURI + ":" + RestAssured.port));
        doc = contract.document();
    }

    @Test
    void resident_registration_declares_the_city_in_its_path() {
        JsonArray parameters = operation("post", "/api/v1/cities/{city}/residents").getJsonArray("parameters");

        assertEquals(1, parameters.stream().map(JsonObject.class::cast)
                .filter(p -> "city".equals(p.getString("name")) && "path".equals(p.getString("in"))
                        && p.getBoolean("required")).count(), "POST /api/v1/cities/{city}/residents declares {city}");
    }

    @Test
    void a_case_field_that_is_null_until_it_is_set_is_nullable_and_a_primitive_is_not() {
        JsonObject properties = schema("CaseView").getJsonObject("properties");

        assertEquals(List.of("string", "null"), properties.getJsonObject("duplicateOf").getJsonArray("type").getList());
        assertThat(properties.getJsonObject("solvedLevel").getJsonArray("type").stream().toList(), hasItem("null"));
        assertThat(properties.getJsonObject("version").encode(), not(containsString("null")));
        assertThat(properties.getJsonObject("deadline").getJsonArray("anyOf").stream().map(JsonObject.class::cast)
                .map(s -> s.getValue("type")).toList(), hasItem("null"));
    }

    @Test
    void a_case_that_does_not_exist_is_a_declared_404_problem() {
        JsonObject notFound = operation("get", "/api/v1/cases/{number}").getJsonObject("responses").getJsonObject("404");

        assertThat("GET /api/v1/cases/{number} declares 404", notFound, notNullValue());
        assertEquals("#/components/schemas/Problem", notFound.getJsonObject("content")
                .getJsonObject("application/problem+json").getJsonObject("schema").getString("$ref"));
    }

    @Test
    void the_grid_import_body_is_a_geojson_feature_collection() {
        JsonObject content = operation("post", "/api/v1/grid/layouts").getJsonObject("requestBody").getJsonObject("content");

        assertThat(content.fieldNames(), hasItems("application/json", "application/geo+json"));
        for (String mediaType : content.fieldNames()) {
            assertEquals("#/components/schemas/FeatureCollection",
                    content.getJsonObject(mediaType).getJsonObject("schema").getString("$ref"), mediaType);
        }
        JsonObject collection = schema("FeatureCollection");
        assertThat(collection.getJsonArray("required").stream().toList(), hasItems("type", "features"));
        assertEquals("#/components/schemas/Feature", collection.getJsonObject("properties").getJsonObject("features")
                .getJsonObject("items").getString("$ref"));
        assertThat(schema("Feature").getJsonObject("properties").fieldNames(), hasItems("type", "properties", "geometry"));
    }

    @Test
    void no_schema_describes_jackson_internals() {
        assertThat(doc.encode(), not(containsString("JsonNodeType")));
        assertThat(doc.encode(), not(containsString("\"nodeType\"")));
    }

    @Test
    void the_problem_schema_has_every_field_of_the_problem_record_and_no_other() {
        Set<String> recordFields = Arrays.stream(Problem.class.getRecordComponents()).map(c -> c.getName())
                .collect(Collectors.toSet());
        Set<String> fieldErrorFields = Arrays.stream(Problem.FieldError.class.getRecordComponents()).map(c -> c.getName())
                .collect(Collectors.toSet());

        assertEquals(recordFields, schema("Problem").getJsonObject("properties").fieldNames());
        assertEquals(fieldErrorFields, schema("FieldError").getJsonObject("properties").fieldNames());
    }

    @Test
    void every_operation_declares_its_success_with_a_schema_and_its_failures_as_problems() {
        List<String> wrong = new ArrayList<>();
        JsonObject paths = doc.getJsonObject("paths");
        for (String path : paths.fieldNames()) {
            assertThat("only the API is documented", path, startsWith("/api/"));
            for (String method : paths.getJsonObject(path).fieldNames()) {
                JsonObject responses = paths.getJsonObject(path).getJsonObject(method).getJsonObject("responses");
                String operation = method.toUpperCase() + " " + path;
                if (responses.fieldNames().stream().noneMatch(s -> s.startsWith("2"))) {
                    wrong.add(operation + " declares no success (an @APIResponse on the method replaces the default: "
                            + "declare the success too, e.g. @APIResponseSchema)");
                }
                for (String status : responses.fieldNames()) {
                    JsonObject content = responses.getJsonObject(status).getJsonObject("content", new JsonObject());
                    if (status.startsWith("4") && !content.containsKey(Problem.MEDIA_TYPE)) {
                        wrong.add(operation + " " + status + " is not a problem detail");
                    }
                    content.fieldNames().stream().filter(m -> m.contains("json"))
                            .filter(m -> content.getJsonObject(m).getJsonObject("schema", new JsonObject()).isEmpty())
                            .forEach(m -> wrong.add(operation + " " + status + " " + m + " has no schema (a method "
                                    + "returning Response needs @APIResponseSchema)"));
                }
            }
        }
        assertThat(wrong, empty());
    }

    @Test
    void an_answer_unlike_the_document_is_named_by_operation_status_and_field() {
        String body = "{\"number\": 5, \"version\": null}";

        Optional<String> mismatch = contract.mismatch("GET", "/api/v1/cases/KC-20261201-000001", 200, "application/json",
                body.getBytes(StandardCharsets.UTF_8));

        assertTrue(mismatch.isPresent());
        assertThat(mismatch.get(), containsString("GET /api/v1/cases/{number} answered 200"));
        assertThat(mismatch.get(), containsString("field /number"));
        assertThat(mismatch.get(), containsString("field /version"));
        assertThat(contract.mismatch("GET", "/api/v1/cases/KC-1", 418, "application/problem+json", new byte[0])
                .orElse(""), containsString("answered 418, which the OpenAPI document does not declare"));
        assertThat(contract.mismatch("GET", "/api/v1/cases/KC-1", 404, "text/html", "<p>".getBytes(StandardCharsets.UTF_8))
                .orElse(""), containsString("as 'text/html'"));
        assertEquals(Optional.empty(), contract.mismatch("GET", "/console/work", 200, "text/html", new byte[1]));
    }

    private JsonObject operation(String method, String path) {
        JsonObject item = doc.getJsonObject("paths").getJsonObject(path);
        assertThat(path + " is documented", item, notNullValue());
        assertThat(method.toUpperCase() + " " + path + " is documented", item.getJsonObject(method), notNullValue());
        return item.getJsonObject(method);
    }

    private JsonObject schema(String name) {
        JsonObject schema = doc.getJsonObject("components").getJsonObject("schemas").getJsonObject(name);
        assertThat("schema " + name, schema, notNullValue());
        return schema;
    }
}
