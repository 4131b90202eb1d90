package city.gridcity.integration.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature a receiver checks: {@code sha256=} and the hex HMAC-SHA256, keyed with the
 * subscription's secret (its UTF-8 bytes), of the timestamp header, a dot, and the raw body. The
 * timestamp inside the signed text lets a receiver refuse old replays.
 */
public final class WebhookSigner {

    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSigner() {
    }

    public static String signature(String secret, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    /** A new secret: 256 random bits, URL-safe, with a prefix that says what it is. */
    public static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "gcws_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
