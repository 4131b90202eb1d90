package city.gridcity.grid;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generates a synthetic but realistically shaped city grid as one GeoJSON FeatureCollection, the
 * same for the same spec and seed. The city is a rectangle divided into districts, streets,
 * communities, management grids (core, busy and general, of different sizes) and unit grids of
 * about {@code unitSideMetres}; every level tiles its parent exactly, with shared edges, so the
 * result is a valid layout. Key areas are rectangles laid over the centre.
 *
 * <p>Run: {@code tenants/generate-grids.sh} (writes the demo packs' {@code grid/layout.geojson}).
 */
public final class GridGenerator {

    /** What to generate. Counts are totals for the whole city. */
    public record Spec(String codePrefix, long seed, double centreLon, double centreLat, int districts, int streets,
                       int communities, int managementGrids, int unitGrids, double unitSideMetres,
                       int developmentZones, int keyAreas) {
    }

    public static final Spec KCITY = new Spec("9101", 20261123L, 118.80, 32.05, 3, 12, 60, 300, 4000, 200, 2, 0);
    public static final Spec NCITY = new Spec("9201", 20261124L, 113.30, 23.12, 3, 8, 30, 120, 1500, 200, 1, 0);
    public static final Spec BCITY = new Spec("9301", 20261125L, 116.40, 39.90, 2, 6, 24, 90, 1200, 200, 0, 2);
    /** The large city of the source documents: 16,161 unit grids in 1,272 management grids. */
    public static final Spec LARGE = new Spec("9901", 16161L, 120.20, 30.25, 8, 53, 499, 1272, 16161, 198, 12, 3);

    private static final String[] DISTRICT_NAMES = {"鼓楼区", "江滨区", "城南区", "城北区", "高新区", "西湖区", "临江区", "新港区",
        "东湖区", "青山区"};
    private static final String[] WORDS = {"朝阳", "和平", "建设", "人民", "解放", "新华", "长安", "兴隆", "幸福", "光明",
        "团结", "胜利", "文化", "中山", "青年", "东风", "红旗", "滨河", "迎宾", "府前", "花园", "春晖", "安居", "康乐", "锦绣",
        "翠竹", "梧桐", "丹桂", "玉兰", "松林", "枫林", "湖滨", "望江", "南湖", "北苑", "西城", "东坡", "金桥", "银河", "紫荆"};

    private final Spec spec;
    private final SplittableRandom random;
    private final ArrayNode features = JsonNodeFactory.instance.arrayNode();
    private final double degPerMetreLon;
    private final double degPerMetreLat;

    private GridGenerator(Spec spec) {
        this.spec = spec;
        this.random = new SplittableRandom(spec.seed());
        this.degPerMetreLat = 1 / 110_574.0;
        this.degPerMetreLon = 1 / (111_320.0 * Math.cos(Math.toRadians(spec.centreLat())));
    }

    /** The centre of every unit grid of a generated layout: spots where tests place reports. */
    public static List<double[]> unitCentres(ObjectNode layout) {
        List<double[]> centres = new ArrayList<>();
        for (com.fasterxml.jackson.databind.JsonNode f : layout.get("features")) {
            if ("unit".equals(f.get("properties").get("level").asText())) {
                ArrayNode ring = (ArrayNode) f.get("geometry").get("coordinates").get(0);
                double x = 0;
                double y = 0;
                for (int i = 0; i < ring.size() - 1; i++) {
                    x += ring.get(i).get(0).asDouble();
                    y += ring.get(i).get(1).asDouble();
                }
                centres.add(new double[] {x / (ring.size() - 1), y / (ring.size() - 1)});
            }
        }
        return centres;
    }

    public static ObjectNode generate(Spec spec) {
        return new GridGenerator(spec).run();
    }

    private ObjectNode run() {
        double areaM2 = spec.unitGrids() * spec.unitSideMetres() * spec.unitSideMetres();
        double heightM = Math.sqrt(areaM2 / 1.25);
        double widthM = heightM * 1.25;
        Rect city = new Rect(round(spec.centreLon() - widthM / 2 * degPerMetreLon),
                round(spec.centreLat() - heightM / 2 * degPerMetreLat),
                round(spec.centreLon() + widthM / 2 * degPerMetreLon),
                round(spec.centreLat() + heightM / 2 * degPerMetreLat));

        int[] streetsPer = spread(spec.streets(), spec.districts());
        int[] communitiesPer = spread(spec.communities(), spec.streets());
        int[] managementPer = spread(spec.managementGrids(), spec.communities());
        // Area classes: the first district is the core, the second busy, the rest general; busy and
        // general districts also hold some grids of the class inside them (a town centre).
        AreaClass[] classes = new AreaClass[spec.managementGrids()];
        int[] districtOfManagement = new int[spec.managementGrids()];
        int m = 0;
        int s = 0;
        int c = 0;
        for (int d = 0; d < spec.districts(); d++) {
            for (int si = 0; si < streetsPer[d]; si++, s++) {
                for (int ci = 0; ci < communitiesPer[s]; ci++, c++) {
                    for (int mi = 0; mi < managementPer[c]; mi++, m++) {
                        districtOfManagement[m] = d;
                        classes[m] = d == 0 ? AreaClass.CORE : d == 1 ? (random.nextInt(5) == 0 ? AreaClass.CORE : AreaClass.BUSY)
                                : (random.nextInt(6) == 0 ? AreaClass.BUSY : AreaClass.GENERAL);
                    }
                }
            }
        }
        double[] weights = new double[classes.length];
        for (int i = 0; i < classes.length; i++) {
            weights[i] = switch (classes[i]) {
                case CORE -> 0.5;
                case BUSY -> 1.0;
                case GENERAL -> 1.7;
            } * (0.85 + 0.3 * random.nextDouble());
        }
        int[] unitsPer = apportion(spec.unitGrids(), weights);

        // Weight of every node = its unit count, so unit grids come out about the same size.
        int[] unitsPerCommunity = sumGroups(unitsPer, managementPer);
        int[] unitsPerStreet = sumGroups(unitsPerCommunity, communitiesPer);
        int[] unitsPerDistrict = sumGroups(unitsPerStreet, streetsPer);

        List<Rect> districts = split(city, toDouble(unitsPerDistrict));
        int streetIdx = 0;
        int communityIdx = 0;
        int managementIdx = 0;
        for (int d = 0; d < districts.size(); d++) {
            String dCode = spec.codePrefix() + String.format("%02d", d + 1);
            add("district", dCode, DISTRICT_NAMES[d % DISTRICT_NAMES.length], districts.get(d), null, null, null);
            List<Rect> streets = split(districts.get(d), slice(unitsPerStreet, streetIdx, streetsPer[d]));
            for (int si = 0; si < streets.size(); si++, streetIdx++) {
                String sCode = dCode + String.format("%03d", si + 1);
                add("street", sCode, WORDS[(streetIdx * 7) % WORDS.length] + "街道", streets.get(si), null, null, null);
                List<Rect> communities = split(streets.get(si), slice(unitsPerCommunity, communityIdx,
                        communitiesPer[streetIdx]));
                for (int ci = 0; ci < communities.size(); ci++, communityIdx++) {
                    String cCode = sCode + String.format("%03d", ci + 1);
                    boolean zone = communityIdx >= spec.communities() - spec.developmentZones();
                    String type = zone ? "development_zone" : "ordinary";
                    String cName = WORDS[(communityIdx * 11 + 3) % WORDS.length] + (zone ? "园区社区" : "社区");
                    add("community", cCode, cName, communities.get(ci), null, type, null);
                    List<Rect> grids = split(communities.get(ci), slice(toDouble(unitsPer), managementIdx,
                            managementPer[communityIdx]));
                    for (int gi = 0; gi < grids.size(); gi++, managementIdx++) {
                        String gCode = cCode + String.format("%02d", gi + 1);
                        add("management", gCode, cName + "第" + (gi + 1) + "网格", grids.get(gi),
                                classes[managementIdx].wireName(), null, null);
                        List<Rect> units = split(grids.get(gi), ones(unitsPer[managementIdx]));
                        for (int ui = 0; ui < units.size(); ui++) {
                            add("unit", gCode + String.format("%03d", ui + 1), "单元网格" + gCode.substring(6)
                                    + String.format("%03d", ui + 1), units.get(ui), null, null, null);
                        }
                    }
                }
            }
        }
        for (int k = 0; k < spec.keyAreas(); k++) {
            double w = city.width() * (0.08 + 0.04 * k);
            double h = city.height() * (k == 1 ? 0.02 : 0.08);
            double cx = spec.centreLon() + (k - 1) * city.width() * 0.1;
            Rect area = new Rect(round(cx - w / 2), round(spec.centreLat() - h / 2), round(cx + w / 2),
                    round(spec.centreLat() + h / 2));
            add("key_area", spec.codePrefix() + "-KA" + (k + 1), k == 1 ? "迎宾大道礼仪线" : "中央商务区" + (k + 1),
                    area, null, null, k == 1 ? 3.0 : 2.0);
        }
        ObjectNode collection = JsonNodeFactory.instance.objectNode();
        collection.put("type", "FeatureCollection");
        collection.set("features", features);
        return collection;
    }

    private void add(String level, String code, String name, Rect r, String areaClass, String communityType,
                     Double patrolFactor) {
        ObjectNode f = features.addObject();
        f.put("type", "Feature");
        ObjectNode p = f.putObject("properties");
        p.put("level", level);
        p.put("code", code);
        p.put("name", name);
        if (areaClass != null) {
            p.put("areaClass", areaClass);
        }
        if (communityType != null) {
            p.put("communityType", communityType);
        }
        if (patrolFactor != null) {
            p.put("patrolFactor", patrolFactor);
        }
        ObjectNode g = f.putObject("geometry");
        g.put("type", "Polygon");
        ArrayNode ring = g.putArray("coordinates").addArray();
        ring.addArray().add(r.x0()).add(r.y0());
        ring.addArray().add(r.x1()).add(r.y0());
        ring.addArray().add(r.x1()).add(r.y1());
        ring.addArray().add(r.x0()).add(r.y1());
        ring.addArray().add(r.x0()).add(r.y0());
    }

    /** A rectangle in degrees; edges are rounded once, so neighbours share them exactly. */
    record Rect(double x0, double y0, double x1, double y1) {
        double width() {
            return x1 - x0;
        }

        double height() {
            return y1 - y0;
        }
    }

    /**
     * Splits a rectangle into children with areas proportional to their weights: columns whose
     * widths follow the weights they hold, each column cut into rows.
     */
    List<Rect> split(Rect r, double[] weights) {
        int n = weights.length;
        double aspect = (r.width() / degPerMetreLon) / (r.height() / degPerMetreLat);
        int columns = Math.max(1, Math.min(n, (int) Math.round(Math.sqrt(n * aspect))));
        int[] perColumn = spread(n, columns);
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        List<Rect> out = new ArrayList<>(n);
        int i = 0;
        double acc = 0;
        double x = r.x0();
        for (int col = 0; col < columns; col++) {
            double colWeight = 0;
            for (int k = 0; k < perColumn[col]; k++) {
                colWeight += weights[i + k];
            }
            acc += colWeight;
            double xEnd = col == columns - 1 ? r.x1() : round(r.x0() + r.width() * acc / total);
            double y = r.y0();
            double rowAcc = 0;
            for (int k = 0; k < perColumn[col]; k++, i++) {
                rowAcc += weights[i];
                double yEnd = k == perColumn[col] - 1 ? r.y1() : round(r.y0() + r.height() * rowAcc / colWeight);
                out.add(new Rect(x, y, xEnd, yEnd));
                y = yEnd;
            }
            x = xEnd;
        }
        return out;
    }

    /** {@code total} spread over {@code parts} as evenly as the seed allows, each at least 1. */
    int[] spread(int total, int parts) {
        int[] out = new int[parts];
        int base = total / parts;
        int rest = total % parts;
        for (int i = 0; i < parts; i++) {
            out[i] = base;
        }
        for (int k = 0; k < rest; k++) {
            out[random.nextInt(parts)]++;
        }
        for (int i = 0; i + 1 < parts; i += 2) {
            int shift = out[i] > 2 ? random.nextInt(Math.max(1, out[i] / 4)) : 0;
            out[i] -= shift;
            out[i + 1] += shift;
        }
        return out;
    }

    /** {@code total} shared out in proportion to {@code weights}, each at least 1 (largest remainder). */
    static int[] apportion(int total, double[] weights) {
        double sum = 0;
        for (double w : weights) {
            sum += w;
        }
        int[] out = new int[weights.length];
        double[] remainders = new double[weights.length];
        int given = 0;
        for (int i = 0; i < weights.length; i++) {
            double exact = total * weights[i] / sum;
            out[i] = Math.max(1, (int) Math.floor(exact));
            remainders[i] = exact - Math.floor(exact);
            given += out[i];
        }
        while (given < total) {
            int best = 0;
            for (int i = 1; i < weights.length; i++) {
                if (remainders[i] > remainders[best]) {
                    best = i;
                }
            }
            out[best]++;
            remainders[best] = -1;
            given++;
        }
        while (given > total) {
            int largest = 0;
            for (int i = 1; i < out.length; i++) {
                if (out[i] > out[largest]) {
                    largest = i;
                }
            }
            out[largest]--;
            given--;
        }
        return out;
    }

    private static int[] sumGroups(int[] values, int[] groupSizes) {
        int[] out = new int[groupSizes.length];
        int i = 0;
        for (int g = 0; g < groupSizes.length; g++) {
            for (int k = 0; k < groupSizes[g]; k++) {
                out[g] += values[i++];
            }
        }
        return out;
    }

    private static double[] slice(int[] values, int from, int count) {
        return slice(toDouble(values), from, count);
    }

    private static double[] slice(double[] values, int from, int count) {
        double[] out = new double[count];
        System.arraycopy(values, from, out, 0, count);
        return out;
    }

    private static double[] toDouble(int[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    private static double[] ones(int n) {
        double[] out = new double[n];
        java.util.Arrays.fill(out, 1);
        return out;
    }

    private static double round(double v) {
        return Math.round(v * 1e7) / 1e7;
    }

    /** Writes the demo cities' layouts: {@code GridGenerator <tenants-folder>}. */
    public static void main(String[] args) throws IOException {
        Path tenants = Path.of(args.length > 0 ? args[0] : "tenants");
        ObjectMapper mapper = new ObjectMapper();
        for (var entry : java.util.Map.of("kcity", KCITY, "ncity", NCITY, "bcity", BCITY).entrySet()) {
            Path file = tenants.resolve(entry.getKey()).resolve("grid").resolve("layout.geojson");
            Files.createDirectories(file.getParent());
            mapper.writeValue(file.toFile(), generate(entry.getValue()));
            System.out.println("wrote " + file + " (" + Files.size(file) / 1024 + " KiB)");
        }
    }
}
