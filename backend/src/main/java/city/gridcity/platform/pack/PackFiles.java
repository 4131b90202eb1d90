package city.gridcity.platform.pack;

import city.gridcity.shared.problem.Problem;
import city.gridcity.shared.problem.ProblemException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** The files of one pack by their path inside it, read from a folder or an uploaded zip. */
public final class PackFiles {

    static final int MAX_FILES = 200;
    static final long MAX_TOTAL_BYTES = 64L * 1024 * 1024;

    private final String name;
    private final Map<String, byte[]> files;

    private PackFiles(String name, Map<String, byte[]> files) {
        this.name = name;
        this.files = files;
    }

    public String name() {
        return name;
    }

    public byte[] get(String path) {
        return files.get(path);
    }

    public boolean has(String path) {
        return files.containsKey(path);
    }

    public static PackFiles fromDirectory(Path dir) {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir, 4)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(dir.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
                if (files.size() > MAX_FILES) {
                    throw tooBig("more than " + MAX_FILES + " files");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the pack " + dir, e);
        }
        return new PackFiles(dir.getFileName().toString(), files);
    }

    /**
     * Reads an uploaded zip. The files may sit at the top or inside one folder. Sizes and counts are
     * capped while reading, so a zip bomb is refused before it fills memory.
     */
    public static PackFiles fromZip(byte[] zip) {
        Map<String, byte[]> files = new TreeMap<>();
        long total = 0;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                if (entry.isDirectory()) {
                    continue;
                }
                String path = entry.getName().replace('\\', '/');
                if (path.startsWith("/") || List.of(path.split("/")).contains("..")) {
                    throw invalid(path, "has an unsafe path; use plain relative paths");
                }
                if (path.startsWith("__MACOSX/") || path.endsWith(".DS_Store")) {
                    continue;
                }
                byte[] content = readCapped(in, MAX_TOTAL_BYTES - total);
                total += content.length;
                files.put(path, content);
                if (files.size() > MAX_FILES) {
                    throw tooBig("more than " + MAX_FILES + " files");
                }
            }
        } catch (IOException e) {
            throw invalid("(upload)", "is not a readable zip file: " + e.getMessage());
        }
        if (files.isEmpty()) {
            throw invalid("(upload)", "is an empty or unreadable zip; upload a zip holding tenant.yaml");
        }
        return new PackFiles("upload", stripCommonFolder(files));
    }

    private static Map<String, byte[]> stripCommonFolder(Map<String, byte[]> files) {
        String first = files.keySet().iterator().next();
        int slash = first.indexOf('/');
        if (slash < 0) {
            return files;
        }
        String prefix = first.substring(0, slash + 1);
        if (!files.keySet().stream().allMatch(p -> p.startsWith(prefix))) {
            return files;
        }
        Map<String, byte[]> stripped = new TreeMap<>();
        files.forEach((k, v) -> stripped.put(k.substring(prefix.length()), v));
        return stripped;
    }

    private static byte[] readCapped(InputStream in, long remaining) throws IOException {
        byte[] content = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, remaining + 1));
        if (content.length > remaining) {
            throw tooBig("more than " + (MAX_TOTAL_BYTES / 1024 / 1024) + " MiB unpacked");
        }
        return content;
    }

    private static ProblemException tooBig(String what) {
        return invalid("(upload)", "is too large: " + what);
    }

    static ProblemException invalid(String file, String message) {
        return ProblemException.invalid(List.of(new Problem.FieldError(file, message)));
    }
}
