package city.gridcity.shared;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * The random source of draws the product makes (the self-handling audit sample), injected like the
 * clock so that tests can decide the draw. Each call uses the calling thread's generator.
 */
public class RandomProducer {

    @Produces
    @Singleton
    RandomGenerator random() {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                return ThreadLocalRandom.current().nextLong();
            }

            @Override
            public int nextInt(int bound) {
                return ThreadLocalRandom.current().nextInt(bound);
            }
        };
    }

    @Produces
    @Singleton
    SeededRandom seeded() {
        return SeededRandom.SPLITTABLE;
    }
}
