package city.gridcity.platform;

import city.gridcity.audit.AdminAudit;
import city.gridcity.identity.UserService;
import city.gridcity.platform.pack.PackExport;
import city.gridcity.tenancy.TenantRef;
import city.gridcity.tenancy.TenantRunner;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a city's configuration as a pack (tenant.yaml and its files, zipped) that provisions a city with the same
 * configuration: each feature that loads a part of a pack writes that part back ({@link PackContent#export}).
 * Cases, residents, staff accounts and every secret stay out: the city's administrators are listed by name only, and
 * the city created from the pack gets fresh one-time passwords for them, as any new city does.
 */
@ApplicationScoped
public class PackExporter {

    private final TenantRunner runner;
    private final UserService users;
    private final AdminAudit audit;
    private final List<PackContent> content;
    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS));

    PackExporter(TenantRunner runner, UserService users, AdminAudit audit, Instance<PackContent> content) {
        this.runner = runner;
        this.users = users;
        this.audit = audit;
        this.content = content.stream().sorted(Comparator.comparingInt(PackContent::order)).toList();
    }

    /** The exported pack of {@code city}: the files by their path, tenant.yaml first. */
    public record Exported(String fileName, byte[] zip, Map<String, byte[]> files) {
    }

    /**
     * Exports {@code city}'s configuration and records the export in its change log.
     *
     * @param city the city to export; its own administrator asks (the edge checks the role)
     */
    public Exported export(TenantRef city) {
        PackExport out = runner.call(city, () -> {
            PackExport pack = new PackExport(city);
            ObjectNode s = pack.settings();
            s.put("code", city.code());
            s.putObject("name").put("zh", city.nameZh()).put("en", city.nameEn());
            s.put("timeZone", city.timeZone());
            s.put("defaultLocale", city.defaultLocale());
            var admins = s.putArray("administrators");
            users.administratorsInOffice().forEach(u -> {
                ObjectNode a = admins.addObject().put("username", u.username());
                if (u.displayName() != null && !u.displayName().isBlank()) {
                    a.put("displayName", u.displayName());
                }
            });
            content.forEach(part -> part.export(pack));
            audit.changed(AdminAudit.Area.PACK, "export", "exported", null,
                    pack.files().size() + 1 + " files");
            return pack;
        });
        java.util.LinkedHashMap<String, byte[]> files = new java.util.LinkedHashMap<>();
        try {
            withoutNulls(out.settings());
            files.put("tenant.yaml", yaml.writeValueAsString(out.settings()).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        files.putAll(out.files());
        return new Exported(city.code() + "-pack.zip", zip(city.code(), files), files);
    }

    /** An absent value is left out rather than written as null, which the pack's schema would refuse. */
    private static void withoutNulls(com.fasterxml.jackson.databind.JsonNode node) {
        if (node instanceof ObjectNode object) {
            List<String> nulls = new java.util.ArrayList<>();
            object.fields().forEachRemaining(f -> {
                if (f.getValue().isNull()) {
                    nulls.add(f.getKey());
                } else {
                    withoutNulls(f.getValue());
                }
            });
            object.remove(nulls);
        } else if (node.isArray()) {
            node.forEach(PackExporter::withoutNulls);
        }
    }

    private static byte[] zip(String folder, Map<String, byte[]> files) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            for (var f : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(folder + "/" + f.getKey()));
                zip.write(f.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
