package city.gridcity.platform.pack;

import city.gridcity.tenancy.TenantRef;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeMap;

/**
 * A pack being written from a city's configuration: tenant.yaml's sections and the files beside it, each in the form
 * the pack's reader and the features' loaders read, so that provisioning from it gives the same configuration.
 */
public final class PackExport {

    private final TenantRef city;
    private final ObjectNode settings = JsonNodeFactory.instance.objectNode();
    private final Map<String, byte[]> files = new TreeMap<>();

    public PackExport(TenantRef city) {
        this.city = city;
    }

    /** The city being exported (its time zone turns stored moments into the pack's dates). */
    public TenantRef city() {
        return city;
    }

    /** The whole of tenant.yaml, in the order sections were written. */
    public ObjectNode settings() {
        return settings;
    }

    /** A section of tenant.yaml as an object, created on first use. */
    public ObjectNode section(String name) {
        return settings.has(name) ? (ObjectNode) settings.get(name) : settings.putObject(name);
    }

    /** A section of tenant.yaml as a list, created on first use. */
    public ArrayNode list(String name) {
        return settings.has(name) ? (ArrayNode) settings.get(name) : settings.putArray(name);
    }

    /** A file beside tenant.yaml, by its path inside the pack (e.g. {@code grid/layout.geojson}). */
    public void file(String path, byte[] content) {
        files.put(path, content);
    }

    public Map<String, byte[]> files() {
        return files;
    }
}
