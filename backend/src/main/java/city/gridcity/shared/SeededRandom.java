package city.gridcity.shared;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * The random source of draws that must be repeatable (the daily sample of reports): the same seed gives
 * the same sequence. Injected like {@link RandomProducer}'s source so that tests can decide the draw.
 */
public interface SeededRandom {

    RandomGenerator of(long seed);

    /** The product's: {@link SplittableRandom}, whose sequence for a seed is fixed by its specification. */
    SeededRandom SPLITTABLE = SplittableRandom::new;
}
