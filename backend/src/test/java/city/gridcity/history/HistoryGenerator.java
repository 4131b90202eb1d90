package city.gridcity.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A month of an older system's cases as JSON Lines, deterministic (no randomness: the same spec gives the same bytes),
 * regular enough to count by hand. Every day has {@code perDay} cases, reported from 08:00 local every 20 minutes; the
 * {@code n}-th case of the month (n mod 10, counted from 0; with ten a day, the case's place in its day) is:
 * <ol start="0">
 * <li>filed, dispatched, accepted, reported back after {@code onTime}, verified: closed; rated satisfied</li>
 * <li>the same, rated basically satisfied</li>
 * <li>the same, rated dissatisfied</li>
 * <li>the same, not rated; sampled and judged valid</li>
 * <li>the same, but the first verification fails and it is reported back again (rework)</li>
 * <li>the same, reported back after {@code late}: late when that is past the condition's limit</li>
 * <li>dispatched, returned by the department, dispatched again, then closed like 0 (a return)</li>
 * <li>rejected; sampled and judged false</li>
 * <li>a city supervisor's report, registered as missed by the district; filed, dispatched, accepted, still open</li>
 * <li>a resident's report merged into the case 0 before it (a duplicate)</li>
 * </ol>
 * Cases 0-7 are district supervisors' reports. Run {@link #main} to write the ncity demo pack's month.
 */
public final class HistoryGenerator {

    /**
     * @param spots points to report at, used in turn (lon, lat)
     * @param condition the filing condition every case is filed under
     * @param onTime how long after accepting a department reports back in time
     * @param late how long after accepting case 5 of a day is reported back
     */
    public record Spec(YearMonth month, ZoneId zone, String prefix, List<double[]> spots, int perDay, String kind,
                       String classCode, String condition, String department, Duration onTime, Duration late) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private HistoryGenerator() {
    }

    public static String generate(Spec spec) {
        StringBuilder out = new StringBuilder();
        int n = 0;
        String lastFirst = null;
        for (int day = 1; day <= spec.month().lengthOfMonth(); day++) {
            LocalDate date = spec.month().atDay(day);
            for (int i = 0; i < spec.perDay(); i++, n++) {
                String number = spec.prefix() + "-" + date.toString().replace("-", "") + "-" + String.format("%04d", i + 1);
                if (n % 10 == 0) {
                    lastFirst = number;
                }
                Instant reported = date.atTime(8, 0).atZone(spec.zone()).toInstant().plus(Duration.ofMinutes(20L * i));
                double[] spot = spec.spots().get(((n + 1) * 7) % spec.spots().size());
                out.append(line(spec, n % 10, number, lastFirst, reported, spot, day)).append('\n');
            }
        }
        return out.toString();
    }

    private static String line(Spec spec, int pattern, String number, String firstOfDay, Instant t0, double[] spot,
                               int day) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("number", number);
        String source = pattern == 8 ? "city-supervisor" : pattern == 9 ? "resident-portal" : "district-supervisor";
        String role = pattern == 8 ? "city-supervisor" : pattern == 9 ? "resident" : "district-supervisor";
        c.put("source", source);
        c.put("reporter", party(role, (pattern == 9 ? "res-" : "sup-") + String.format("%03d", day % 7 + pattern)));
        c.put("kind", spec.kind());
        c.put("classCode", spec.classCode());
        c.put("lon", spot[0]);
        c.put("lat", spot[1]);
        c.put("address", "旧系统地址 " + number);
        c.put("description", "公共设施问题（历史案件 " + number + "）");
        c.put("reportedAt", t0.toString());
        if (pattern == 8) {
            c.put("missedReport", true);
        }
        List<Map<String, Object>> events = new ArrayList<>();
        Instant t = t0;
        if (pattern == 7) {
            events.add(event("reject", "acceptor", t = t.plus(Duration.ofMinutes(10)), "不属于受理范围"));
        } else if (pattern == 9) {
            Map<String, Object> merge = event("merge", "acceptor", t = t.plus(Duration.ofMinutes(10)), null);
            merge.put("duplicateOf", firstOfDay);
            events.add(merge);
        } else {
            Map<String, Object> file = event("file", "acceptor", t = t.plus(Duration.ofMinutes(10)), null);
            file.put("condition", spec.condition());
            events.add(file);
            events.add(dispatch(spec, t = t.plus(Duration.ofMinutes(10))));
            if (pattern == 6) {
                Map<String, Object> back = event("return", "department-handler", t = t.plus(Duration.ofMinutes(10)),
                        "非本单位职责");
                back.put("department", spec.department());
                events.add(back);
                events.add(dispatch(spec, t = t.plus(Duration.ofMinutes(10))));
            }
            Map<String, Object> accept = event("accept", "department-handler", t = t.plus(Duration.ofMinutes(10)), null);
            accept.put("department", spec.department());
            events.add(accept);
            if (pattern != 8) {
                events.add(reportBack(spec, number, t = t.plus(pattern == 5 ? spec.late() : spec.onTime())));
                if (pattern == 4) {
                    events.add(event("verify-fail", "district-supervisor", t = t.plus(Duration.ofMinutes(20)),
                            "现场未整改到位"));
                    events.add(reportBack(spec, number, t = t.plus(spec.onTime())));
                }
                events.add(event("verify-pass", "district-supervisor", t = t.plus(Duration.ofMinutes(20)), null));
            }
        }
        c.put("events", events);
        if (pattern <= 2) {
            String[] words = {"satisfied", "basically-satisfied", "dissatisfied"};
            Map<String, Object> rating = new LinkedHashMap<>();
            rating.put("resident", "res-" + number);
            rating.put("at", t.plus(Duration.ofHours(20)).toString());
            rating.put("satisfaction", words[pattern]);
            rating.put("solved", pattern != 2);
            c.put("ratings", List.of(rating));
        }
        if (pattern == 3 || pattern == 7) {
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("sampledOn", LocalDate.ofInstant(t0, spec.zone()).toString());
            j.put("verdict", pattern == 3 ? "valid" : "false");
            j.put("by", "reviewer-01");
            c.put("judgements", List.of(j));
        }
        try {
            return JSON.writeValueAsString(c);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> dispatch(Spec spec, Instant at) {
        Map<String, Object> d = event("dispatch", "dispatcher", at, null);
        d.put("department", spec.department());
        return d;
    }

    private static Map<String, Object> reportBack(Spec spec, String number, Instant at) {
        Map<String, Object> r = event("report-back", "department-handler", at, null);
        r.put("department", spec.department());
        r.put("photos", List.of("old-system://photos/" + number + "/after-" + at.getEpochSecond() + ".jpg"));
        return r;
    }

    private static Map<String, Object> event(String action, String role, Instant at, String reason) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("action", action);
        e.put("actor", party(role, role.substring(0, 3) + "-01"));
        e.put("at", at.toString());
        if (reason != null) {
            e.put("reason", reason);
        }
        return e;
    }

    private static Map<String, Object> party(String role, String ref) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("role", role);
        p.put("ref", ref);
        return p;
    }

    /** The centres of a layout's unit grids (rings averaged), optionally only those of one district. */
    public static List<double[]> unitCentres(JsonNode layout, String districtCode) {
        List<double[]> spots = new ArrayList<>();
        for (JsonNode f : layout.get("features")) {
            JsonNode p = f.get("properties");
            if (!"unit".equals(p.get("level").asText())
                    || (districtCode != null && !p.get("code").asText().startsWith(districtCode))) {
                continue;
            }
            JsonNode ring = f.get("geometry").get("coordinates").get(0);
            double x = 0;
            double y = 0;
            for (int i = 0; i < ring.size() - 1; i++) {
                x += ring.get(i).get(0).asDouble();
                y += ring.get(i).get(1).asDouble();
            }
            spots.add(new double[] {x / (ring.size() - 1), y / (ring.size() - 1)});
        }
        return spots;
    }

    /**
     * The ncity demo pack's month: November 2026, five cases a day (150, every kind of case above fifteen times),
     * component 0301 under condition B (8 working hours). Small on purpose: importing it is part of provisioning the
     * demo city, at the service's first start and in the tests.
     */
    public static Spec ncity(JsonNode layout) {
        return new Spec(YearMonth.of(2026, 11), ZoneId.of("Asia/Shanghai"), "NCOLD", unitCentres(layout, null), 5,
                "component", "0301", "B", "sanitation", Duration.ofHours(1), Duration.ofDays(4));
    }

    /** Writes {@code tenants/ncity/history/cases.jsonl} from the pack's own grid (run from the repository root). */
    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : ".");
        JsonNode layout = JSON.readTree(root.resolve("tenants/ncity/grid/layout.geojson").toFile());
        Path out = root.resolve("tenants/ncity/history/cases.jsonl");
        Files.createDirectories(out.getParent());
        Files.writeString(out, generate(ncity(layout)), StandardCharsets.UTF_8);
    }
}
