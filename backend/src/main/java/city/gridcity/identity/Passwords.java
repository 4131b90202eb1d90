package city.gridcity.identity;

import city.gridcity.shared.problem.ProblemException;
import io.quarkus.elytron.security.common.BcryptUtil;
import jakarta.enterprise.context.ApplicationScoped;

/** Password rules and slow hashing (bcrypt). */
@ApplicationScoped
public class Passwords {

    static final int MIN_LENGTH = 8;
    static final int MAX_LENGTH = 72;

    private final int cost;
    /** Checked against when the account does not exist, so a wrong username costs as long as a wrong password. */
    private final String decoyHash;

    Passwords(AuthConfig config) {
        this.cost = config.bcryptCost();
        this.decoyHash = BcryptUtil.bcryptHash("decoy-password-0", cost);
    }

    /** Refuses a weak password, naming {@code field} in the problem. */
    public void checkStrength(String field, String password) {
        if (password == null || password.length() < MIN_LENGTH) {
            throw ProblemException.invalid(field, "must have at least " + MIN_LENGTH + " characters");
        }
        // bcrypt reads at most 72 bytes; a longer password would be silently truncated.
        if (password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_LENGTH) {
            throw ProblemException.invalid(field, "must have at most " + MAX_LENGTH + " bytes");
        }
        boolean letter = password.chars().anyMatch(Character::isLetter);
        boolean digit = password.chars().anyMatch(Character::isDigit);
        if (!letter || !digit) {
            throw ProblemException.invalid(field, "must contain both letters and digits");
        }
    }

    public String hash(String password) {
        return BcryptUtil.bcryptHash(password, cost);
    }

    public boolean matches(String password, String hash) {
        if (password == null) {
            return false;
        }
        return BcryptUtil.matches(password, hash == null ? decoyHash : hash);
    }
}
