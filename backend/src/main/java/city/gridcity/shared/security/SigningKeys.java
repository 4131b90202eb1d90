package city.gridcity.shared.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Map;
import city.gridcity.shared.LaunchSettings;

/**
 * The RSA key pair that signs access and refresh tokens when the operator configured none.
 * Generated once into the data directory, private key readable by the owner only, so tokens
 * stay valid across restarts. Production configures its own keys (one pair shared by replicas).
 */
public final class SigningKeys {

    static final String VERIFY_PROPERTY = "mp.jwt.verify.publickey.location";
    static final String SIGN_PROPERTY = "smallrye.jwt.sign.key.location";

    private final Path privateKey;
    private final Path publicKey;

    private SigningKeys(Path privateKey, Path publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    /** Whether the operator configured keys anywhere the launcher can see (see {@link LaunchSettings}). */
    public static boolean configured(LaunchSettings settings) {
        return settings.get(VERIFY_PROPERTY).isPresent() || settings.get(SIGN_PROPERTY).isPresent()
                || settings.get("mp.jwt.verify.publickey").isPresent() || settings.get("smallrye.jwt.sign.key").isPresent();
    }

    public static SigningKeys loadOrCreate(Path dir) {
        Path priv = dir.resolve("jwt-private.pem");
        Path pub = dir.resolve("jwt-public.pem");
        try {
            if (!Files.isRegularFile(priv) || !Files.isRegularFile(pub)) {
                Files.createDirectories(dir);
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                KeyPair pair = generator.generateKeyPair();
                writePem(pub, "PUBLIC KEY", pair.getPublic().getEncoded());
                Files.deleteIfExists(priv);
                Files.createFile(priv, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                writePem(priv, "PRIVATE KEY", pair.getPrivate().getEncoded());
            }
            return new SigningKeys(priv, pub);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not prepare signing keys in " + dir, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA is not available in this JVM", e);
        }
    }

    private static void writePem(Path file, String type, byte[] der) throws IOException {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        Files.writeString(file, "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n",
                StandardCharsets.US_ASCII);
    }

    /**
     * The keys as configuration. Passed as content rather than location: in dev mode Quarkus adds
     * generated keys as default content, and content would win over a location.
     */
    public Map<String, String> asSystemProperties() {
        try {
            return Map.of("mp.jwt.verify.publickey", Files.readString(publicKey, StandardCharsets.US_ASCII),
                    "smallrye.jwt.sign.key", Files.readString(privateKey, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the signing keys", e);
        }
    }
}
