package city.gridcity.platform.pack;

import city.gridcity.identity.Role;
import city.gridcity.shared.problem.Problem;
import city.gridcity.shared.problem.ProblemException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and validates a pack. Every problem is collected before anything is refused, each named by
 * file and path inside it ({@code tenant.yaml#/administrators/0/username}), so a broken pack is
 * fixed in one round.
 */
public final class PackReader {

    public static final String TENANT_FILE = "tenant.yaml";
    public static final String DEMO_FILE = "demo-accounts.yaml";

    private static final Pattern CODE = Pattern.compile("^[a-z][a-z0-9-]{1,31}$");
    private static final Pattern USERNAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$");
    /** Keys of tenant.yaml; features read their own sections ({@code grid}) and validate them. */
    private static final Set<String> TENANT_KEYS = Set.of("code", "name", "timeZone", "defaultLocale", "administrators",
            "grid", "calendar", "catalog", "departments", "workflow", "points", "rewards", "assessment",
            "sampling");
    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());

    /**
     * @param withDemoAccounts whether {@value #DEMO_FILE} is read (demo mode only)
     * @throws ProblemException 400 listing every problem found
     */
    public TenantPack read(PackFiles files, boolean withDemoAccounts) {
        List<Problem.FieldError> errors = new ArrayList<>();
        JsonNode root = parse(files, TENANT_FILE, errors, true);
        if (root == null) {
            throw ProblemException.invalid(errors);
        }
        if (!root.isObject()) {
            errors.add(at(TENANT_FILE, "", "must be a mapping with code, name, timeZone, defaultLocale and administrators"));
            throw ProblemException.invalid(errors);
        }
        root.fieldNames().forEachRemaining(key -> {
            if (!TENANT_KEYS.contains(key)) {
                errors.add(at(TENANT_FILE, "/" + key, "is not a known key; known keys are " + TENANT_KEYS));
            }
        });
        String code = text(root, "code", TENANT_FILE, "/code", errors, true);
        if (code != null && !CODE.matcher(code).matches()) {
            errors.add(at(TENANT_FILE, "/code", "must be 2-32 lowercase letters, digits or '-', starting with a letter"));
        }
        JsonNode name = root.path("name");
        String nameZh = text(name, "zh", TENANT_FILE, "/name/zh", errors, true);
        String nameEn = text(name, "en", TENANT_FILE, "/name/en", errors, true);
        String zone = text(root, "timeZone", TENANT_FILE, "/timeZone", errors, false);
        if (zone != null) {
            try {
                ZoneId.of(zone);
            } catch (DateTimeException e) {
                errors.add(at(TENANT_FILE, "/timeZone", "'" + zone + "' is not a time zone; use an IANA name such as Asia/Shanghai"));
            }
        }
        String locale = text(root, "defaultLocale", TENANT_FILE, "/defaultLocale", errors, false);
        if (locale != null && !Set.of("zh-CN", "en").contains(locale)) {
            errors.add(at(TENANT_FILE, "/defaultLocale", "must be zh-CN or en"));
        }
        List<TenantPack.Administrator> admins = new ArrayList<>();
        JsonNode adminNodes = root.path("administrators");
        if (!adminNodes.isArray() || adminNodes.isEmpty()) {
            errors.add(at(TENANT_FILE, "/administrators", "must list at least one city administrator"));
        } else {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < adminNodes.size(); i++) {
                JsonNode a = adminNodes.get(i);
                String path = "/administrators/" + i;
                String username = text(a, "username", TENANT_FILE, path + "/username", errors, true);
                if (username != null && !USERNAME.matcher(username).matches()) {
                    errors.add(at(TENANT_FILE, path + "/username", "must be 3-64 letters, digits, '.', '_' or '-'"));
                } else if (username != null && !seen.add(username)) {
                    errors.add(at(TENANT_FILE, path + "/username", "'" + username + "' is listed twice"));
                }
                String display = text(a, "displayName", TENANT_FILE, path + "/displayName", errors, false);
                String phone = text(a, "phone", TENANT_FILE, path + "/phone", errors, false);
                if (phone != null && !phone.matches("^1[3-9][0-9]{9}$")) {
                    errors.add(at(TENANT_FILE, path + "/phone", "must be an 11-digit mainland mobile number"));
                }
                admins.add(new TenantPack.Administrator(username, display, phone));
            }
        }
        List<TenantPack.DemoAccount> demo = withDemoAccounts && files.has(DEMO_FILE)
                ? readDemo(files, errors) : List.of();
        // The schema checks structure everywhere, features' sections included; a place already
        // reported above keeps its more specific message.
        java.util.Set<String> reported = new java.util.HashSet<>();
        errors.forEach(e -> reported.add(e.field()));
        for (Problem.FieldError e : PackSchema.check(root)) {
            if (reported.stream().noneMatch(r -> r.equals(e.field()) || r.startsWith(e.field() + "/")
                    || e.field().startsWith(r + "/"))) {
                errors.add(e);
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return new TenantPack(code, nameZh, nameEn, zone, locale, List.copyOf(admins), demo, files, root);
    }

    private List<TenantPack.DemoAccount> readDemo(PackFiles files, List<Problem.FieldError> errors) {
        JsonNode root = parse(files, DEMO_FILE, errors, false);
        List<TenantPack.DemoAccount> accounts = new ArrayList<>();
        JsonNode list = root == null ? null : root.path("accounts");
        if (list == null || !list.isArray()) {
            errors.add(at(DEMO_FILE, "/accounts", "must be a list of accounts"));
            return accounts;
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode a = list.get(i);
            String path = "/accounts/" + i;
            String username = text(a, "username", DEMO_FILE, path + "/username", errors, true);
            String display = text(a, "displayName", DEMO_FILE, path + "/displayName", errors, false);
            String password = text(a, "password", DEMO_FILE, path + "/password", errors, true);
            String department = text(a, "departmentCode", DEMO_FILE, path + "/departmentCode", errors, false);
            Set<Role> roles = EnumSet.noneOf(Role.class);
            JsonNode roleNodes = a.path("roles");
            if (!roleNodes.isArray() || roleNodes.isEmpty()) {
                errors.add(at(DEMO_FILE, path + "/roles", "must list at least one role"));
            } else {
                for (int r = 0; r < roleNodes.size(); r++) {
                    String roleName = roleNodes.get(r).asText();
                    Role.fromWireName(roleName).filter(Role::cityRole).ifPresentOrElse(roles::add,
                            () -> errors.add(at(DEMO_FILE, path + "/roles/" + roles.size(),
                                    "'" + roleName + "' is not a city role")));
                }
            }
            accounts.add(new TenantPack.DemoAccount(username, display, password, roles, department));
        }
        return List.copyOf(accounts);
    }

    private JsonNode parse(PackFiles files, String file, List<Problem.FieldError> errors, boolean required) {
        byte[] content = files.get(file);
        if (content == null) {
            if (required) {
                errors.add(at(file, "", "is missing; every pack needs " + file + " at its top"));
            }
            return null;
        }
        try {
            return yaml.readTree(content);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            errors.add(at(file, "", "is not valid YAML" + (loc == null ? "" : " (line " + loc.getLineNr()
                    + ", column " + loc.getColumnNr() + ")") + ": " + e.getOriginalMessage()));
            return null;
        } catch (IOException e) {
            errors.add(at(file, "", "could not be read: " + e.getMessage()));
            return null;
        }
    }

    private static String text(JsonNode parent, String key, String file, String path, List<Problem.FieldError> errors,
                               boolean required) {
        JsonNode node = parent == null ? null : parent.get(key);
        if (node == null || node.isNull() || (node.isTextual() && node.asText().isBlank())) {
            if (required) {
                errors.add(at(file, path, "is required"));
            }
            return null;
        }
        if (!node.isValueNode()) {
            errors.add(at(file, path, "must be a single value, not a " + node.getNodeType().name().toLowerCase()));
            return null;
        }
        String value = node.asText().trim();
        if (value.length() > 100) {
            errors.add(at(file, path, "must have at most 100 characters"));
            return null;
        }
        return value;
    }

    private static Problem.FieldError at(String file, String path, String message) {
        return new Problem.FieldError(file + "#" + path, message);
    }
}
