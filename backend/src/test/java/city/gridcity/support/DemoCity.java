package city.gridcity.support;

import city.gridcity.platform.PackLibrary;
import city.gridcity.platform.TenantProvisioning;
import city.gridcity.platform.pack.TenantPack;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A demo city as demo mode loads it (a shipped pack with its demo accounts), under a code of the calling test's own,
 * since the shared service holds many tests' cities and the packs' own codes may be taken.
 *
 * @param code          the new city's code
 * @param staffPassword the demo accounts' password
 */
public record DemoCity(String code, String staffPassword) {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    public static DemoCity from(String pack, PackLibrary packs, TenantProvisioning provisioning) {
        TenantPack demo = packs.read(pack, true);
        String code = "demo" + System.nanoTime() % 100_000 + "x" + SEQUENCE.incrementAndGet();
        provisioning.provision(new TenantPack(code, demo.nameZh(), demo.nameEn(), demo.timeZone(), demo.defaultLocale(),
                demo.administrators(), demo.demoAccounts(), demo.files(), demo.settings()));
        return new DemoCity(code, demo.demoAccounts().get(0).password());
    }
}
