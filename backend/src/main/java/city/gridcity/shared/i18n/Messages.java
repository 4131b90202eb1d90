package city.gridcity.shared.i18n;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The user interface's texts, Simplified Chinese first and English second. Each UI module ships
 * {@code i18n/<bundle>.zh-CN.properties} and {@code i18n/<bundle>.en.properties} (UTF-8); a key
 * missing in English falls back to Chinese, and a key missing in both shows as itself.
 */
@ApplicationScoped
public class Messages {

    public static final String CHINESE = "zh-CN";
    public static final String ENGLISH = "en";
    public static final List<String> LANGUAGES = List.of(CHINESE, ENGLISH);

    public static boolean supported(String language) {
        return language != null && LANGUAGES.contains(language);
    }

    private final Map<String, Map<String, String>> cache = new ConcurrentHashMap<>();

    /** The texts of {@code bundle} (e.g. "portal") in {@code language}. */
    public Msg bundle(String bundle, String language) {
        String lang = supported(language) ? language : CHINESE;
        Map<String, String> chosen = load(bundle, lang);
        Map<String, String> fallback = load(bundle, CHINESE);
        return new Msg(lang, chosen, fallback);
    }

    public Map<String, String> load(String bundle, String language) {
        return cache.computeIfAbsent(bundle + "." + language, key -> read("i18n/" + key + ".properties"));
    }

    private static Map<String, String> read(String resource) {
        Properties props = new Properties();
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in != null) {
                props.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + resource, e);
        }
        Map<String, String> map = new ConcurrentHashMap<>();
        props.forEach((k, v) -> map.put(k.toString(), v.toString()));
        return Map.copyOf(map);
    }

    /** One bundle in one language, as templates see it: {@code {msg.t('portal.title')}}. */
    public record Msg(String language, Map<String, String> texts, Map<String, String> fallback) {

        public String t(String key) {
            String text = texts.get(key);
            if (text == null) {
                text = fallback.get(key);
            }
            return text == null ? key : text;
        }

        /** The text with {0}, {1}, ... replaced by the arguments. */
        public String f(String key, Object arg) {
            return t(key).replace("{0}", String.valueOf(arg));
        }

        public boolean english() {
            return ENGLISH.equals(language);
        }

        /** The value of the HTML lang attribute. */
        public String htmlLang() {
            return english() ? "en" : "zh-CN";
        }
    }
}
