package city.gridcity.integration.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Which receiver addresses a city may register. Deliveries carry citizens' data and the server makes
 * the call, so: https only, no credentials in the URL, and no loopback, private or link-local
 * address literal (a city must not make the service call into its own network). Development and
 * tests name the local hosts they may use over plain http ({@code gridcity.webhooks.plain-http-hosts}).
 */
@ApplicationScoped
public class WebhookUrlPolicy {

    static final int MAX_LENGTH = 2000;
    private static final Pattern IPV4 = Pattern.compile("^[0-9]{1,3}(\\.[0-9]{1,3}){3}$");

    private final Set<String> plainHttpHosts;

    WebhookUrlPolicy(WebhookConfig config) {
        this.plainHttpHosts = new TreeSet<>();
        config.plainHttpHosts().orElse(Set.of()).forEach(h -> plainHttpHosts.add(h.toLowerCase(Locale.ROOT)));
    }

    /** Why this URL may not be a receiver, or empty when it may. */
    public Optional<String> refusal(String url) {
        if (url == null || url.isBlank()) {
            return Optional.of("give the receiver's address, e.g. https://hooks.example.cn/gridcity");
        }
        if (url.length() > MAX_LENGTH) {
            return Optional.of("at most " + MAX_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            return Optional.of("is not a valid URL (" + e.getReason() + "); give e.g. https://hooks.example.cn/gridcity");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            return Optional.of("must be an https:// URL" + (scheme.isEmpty() ? "" : ", not " + scheme + "://"));
        }
        if (host.isEmpty()) {
            return Optional.of("must name a host, e.g. https://hooks.example.cn/gridcity");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("must not carry a user name or password; receivers authenticate deliveries by their signature");
        }
        if (uri.getRawFragment() != null) {
            return Optional.of("must not have a #fragment");
        }
        boolean localAllowed = plainHttpHosts.contains(host);
        if (scheme.equals("http") && !localAllowed) {
            return Optional.of("must use https://" + (plainHttpHosts.isEmpty() ? ""
                    : " (plain http:// only for " + String.join(", ", plainHttpHosts) + ")"));
        }
        if (!localAllowed && isLocalAddress(host)) {
            return Optional.of("must be a public address, not a loopback, private or link-local one");
        }
        return Optional.empty();
    }

    /** Whether the host is {@code localhost} or an address literal that is not public; names are not resolved. */
    static boolean isLocalAddress(String host) {
        if (host.equals("localhost") || host.endsWith(".localhost")) {
            return true;
        }
        String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (!IPV4.matcher(literal).matches() && !literal.contains(":")) {
            return false;
        }
        try {
            InetAddress a = InetAddress.getByName(literal);
            return a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress()
                    || a.isMulticastAddress() || isUniqueLocal(a) || isSharedAddressSpace(a);
        } catch (UnknownHostException e) {
            // Not a literal after all (e.g. 999.1.1.1): no address, so nothing local either; delivery will fail visibly.
            return false;
        }
    }

    private static boolean isUniqueLocal(InetAddress a) {
        byte[] b = a.getAddress();
        return b.length == 16 && (b[0] & 0xfe) == 0xfc;
    }

    /** 100.64.0.0/10, carrier-grade NAT: not public either. */
    private static boolean isSharedAddressSpace(InetAddress a) {
        byte[] b = a.getAddress();
        return b.length == 4 && (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64;
    }
}
