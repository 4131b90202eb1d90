package city.gridcity.platform;

import city.gridcity.platform.pack.PackFiles;
import city.gridcity.platform.pack.PackReader;
import city.gridcity.platform.pack.TenantPack;
import city.gridcity.shared.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The packs shipped in the {@code tenants/} folder. */
@ApplicationScoped
public class PackLibrary {

    private static final Pattern NAME = Pattern.compile("^[a-z][a-z0-9-]{1,31}$");

    private final PacksConfig config;
    private final PackReader reader = new PackReader();

    PackLibrary(PacksConfig config) {
        this.config = config;
    }

    public Optional<Path> folder() {
        if (config.dir().isPresent()) {
            return Optional.of(Path.of(config.dir().get())).filter(Files::isDirectory);
        }
        Path cwd = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        return Stream.of(cwd.resolve("tenants"), cwd.getParent() == null ? cwd : cwd.getParent().resolve("tenants"))
                .filter(Files::isDirectory).findFirst();
    }

    /** The names of the packs in the folder, sorted. */
    public List<String> names() {
        return folder().map(dir -> {
            try (Stream<Path> list = Files.list(dir)) {
                return list.filter(p -> Files.isRegularFile(p.resolve(PackReader.TENANT_FILE)))
                        .map(p -> p.getFileName().toString()).sorted().toList();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).orElse(List.of());
    }

    /** Reads the named pack; 404 when there is none of that name. */
    public TenantPack read(String name, boolean withDemoAccounts) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw ProblemException.invalid("pack", "must be the folder name of a pack under tenants/, e.g. kcity");
        }
        Path dir = folder().map(f -> f.resolve(name)).filter(p -> Files.isRegularFile(p.resolve(PackReader.TENANT_FILE)))
                .orElseThrow(() -> ProblemException.notFound("Pack '" + name + "' (available: " + names() + ")"));
        return reader.read(PackFiles.fromDirectory(dir), withDemoAccounts);
    }

    public TenantPack readUpload(byte[] zip) {
        return reader.read(PackFiles.fromZip(zip), false);
    }
}
