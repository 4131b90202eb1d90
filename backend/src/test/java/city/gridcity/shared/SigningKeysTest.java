package city.gridcity.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import city.gridcity.shared.security.SigningKeys;
import city.gridcity.shared.LaunchSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class SigningKeysTest {

    @Test
    void keys_are_generated_once_with_a_private_key_only_the_owner_can_read() throws Exception {
        Path dir = Files.createTempDirectory("gridcity-keys-");
        Map<String, String> first = SigningKeys.loadOrCreate(dir).asSystemProperties();
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("jwt-private.pem"))));
        Map<String, String> second = SigningKeys.loadOrCreate(dir).asSystemProperties();
        assertEquals(first, second);
        assertTrue(first.get("mp.jwt.verify.publickey").startsWith("-----BEGIN PUBLIC KEY-----"));
    }

    @Test
    void configured_keys_take_precedence_over_generated_ones() {
        Properties sys = new Properties();
        sys.setProperty("mp.jwt.verify.publickey.location", "/etc/gridcity/public.pem");
        assertTrue(SigningKeys.configured(new LaunchSettings(sys, Map.of(), Map.of(), new Properties())));
        assertTrue(SigningKeys.configured(new LaunchSettings(new Properties(),
                Map.of("MP_JWT_VERIFY_PUBLICKEY_LOCATION", "/etc/k.pem"), Map.of(), new Properties())));
        org.junit.jupiter.api.Assertions.assertFalse(SigningKeys.configured(
                new LaunchSettings(new Properties(), Map.of(), Map.of(), new Properties())));
    }
}
