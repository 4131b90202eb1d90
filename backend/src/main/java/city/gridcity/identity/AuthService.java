package city.gridcity.identity;

import city.gridcity.shared.problem.ProblemException;
import city.gridcity.tenancy.TenantDirectory;
import city.gridcity.tenancy.TenantRef;
import city.gridcity.tenancy.TenantRunner;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import jakarta.persistence.LockModeType;
import java.util.EnumSet;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Signs people in and out. City users sign in to one city (its code names it); platform operators
 * sign in with no city. Every method acts in the right city's scope itself, so callers need not
 * have selected one.
 */
@ApplicationScoped
public class AuthService {

    static final String REVOKED_LOGOUT = "logout";
    static final String REVOKED_PASSWORD = "password-changed";
    static final String REVOKED_REPLAY = "refresh-replayed";
    /** Ended because the account's roles changed: its refresh token may open one successor session. */
    static final String REVOKED_ROLES = "roles-changed";
    /** A roles-changed session whose refresh token has opened its successor. */
    static final String REVOKED_ROLES_RENEWED = "roles-changed-renewed";

    private final TenantDirectory tenants;
    private final TenantRunner runner;
    private final Passwords passwords;
    private final LoginThrottle throttle;
    private final Tokens tokens;
    private final AuthConfig config;
    private final Clock clock;
    private final SessionStates sessions;

    AuthService(TenantDirectory tenants, TenantRunner runner, Passwords passwords, LoginThrottle throttle,
                Tokens tokens, AuthConfig config, Clock clock, SessionStates sessions) {
        this.tenants = tenants;
        this.runner = runner;
        this.passwords = passwords;
        this.throttle = throttle;
        this.tokens = tokens;
        this.config = config;
        this.clock = clock;
        this.sessions = sessions;
    }

    /**
     * Checks the password and opens a session.
     *
     * @param cityCode the city to sign in to, or {@code null}/blank for a platform operator
     * @param login    username, or phone number for city users
     * @param address  the client's address, for throttling; may be {@code null}
     * @throws ProblemException 401 on a wrong login or password, 403 for a suspended city or a
     *                          disabled account, 429 when throttled
     */
    public SignIn login(String cityCode, String login, String password, String address) {
        boolean operator = cityCode == null || cityCode.isBlank();
        if (operator) {
            String accountKey = "-:" + login;
            throttle.check(accountKey, address);
            return loginOperator(login, password, address, accountKey);
        }
        TenantRef tenant = tenants.byCode(cityCode).orElseThrow(() -> ProblemException.invalid("city",
                "no city has the code '" + cityCode + "'; check the code of your city"));
        requireActive(tenant);
        String[] accountKey = {cityCode + ":" + login};
        SignIn result = runner.call(tenant, () -> {
            Optional<AppUser> found = AppUser.findByLogin(login);
            // One account, one count, whether it is tried by username or by phone number.
            found.ifPresent(u -> accountKey[0] = cityCode + "#" + u.id);
            throttle.check(accountKey[0], address);
            if (!passwords.matches(password, found.map(u -> u.passwordHash).orElse(null))) {
                return null;
            }
            AppUser user = found.get();
            if (user.status != UserStatus.ACTIVE) {
                throw ProblemException.forbidden("account-disabled",
                        "This account is disabled; ask your city administrator.");
            }
            Instant now = clock.instant();
            UserSession session = new UserSession();
            fillNewSession(session, now, address);
            session.userId = user.id;
            session.persist();
            Principal who = principalOf(user, tenant, session.id);
            return new SignIn(who, tokens.issue(who, session.refreshJti, now, user.mustChangePassword),
                    user.mustChangePassword);
        });
        if (result == null) {
            throw wrongCredentials(accountKey[0], address);
        }
        throttle.recordSuccess(accountKey[0], address);
        return result;
    }

    /**
     * Opens a session for an account that was just created in this request (a resident who
     * registered), without asking for the password again. Runs in the current city's transaction.
     */
    public SignIn signInNewUser(TenantRef tenant, AppUser user, String address) {
        Instant now = clock.instant();
        return QuarkusTransaction.joiningExisting().call(() -> {
            UserSession session = new UserSession();
            fillNewSession(session, now, address);
            session.userId = user.id;
            session.persist();
            Principal who = principalOf(user, tenant, session.id);
            return new SignIn(who, tokens.issue(who, session.refreshJti, now));
        });
    }

    private SignIn loginOperator(String login, String password, String address, String accountKey) {
        SignIn result = QuarkusTransaction.requiringNew().call(() -> {
            Optional<PlatformOperator> found = PlatformOperator.findByUsername(login);
            if (!passwords.matches(password, found.map(o -> o.passwordHash).orElse(null))
                    || found.get().status != UserStatus.ACTIVE) {
                return null;
            }
            PlatformOperator op = found.get();
            Instant now = clock.instant();
            OperatorSession session = new OperatorSession();
            fillNewSession(session, now, address);
            session.operatorId = op.id;
            session.persist();
            Principal who = principalOf(op, session.id);
            return new SignIn(who, tokens.issue(who, session.refreshJti, now));
        });
        if (result == null) {
            throw wrongCredentials(accountKey, address);
        }
        throttle.recordSuccess(accountKey, address);
        return result;
    }

    private ProblemException wrongCredentials(String accountKey, String address) {
        throttle.recordFailure(accountKey, address);
        return ProblemException.unauthorized("invalid-credentials",
                "The username or password is wrong.");
    }

    /**
     * Exchanges a refresh token for a new pair. Each refresh token works once: a second use means
     * it was copied, so the whole session is revoked.
     */
    public SignIn refresh(String refreshToken, String address) {
        JsonWebToken jwt = tokens.parseRefresh(refreshToken);
        UUID sessionId = UUID.fromString(jwt.getClaim(Tokens.CLAIM_SESSION));
        UUID jti = UUID.fromString(jwt.getTokenID());
        Object tid = jwt.getClaim(Tokens.CLAIM_TENANT);
        Instant now = clock.instant();
        SignIn result;
        if (tid == null) {
            result = QuarkusTransaction.requiringNew().call(() -> {
                OperatorSession session = OperatorSession.findById(sessionId, LockModeType.PESSIMISTIC_WRITE);
                PlatformOperator op = session == null ? null : PlatformOperator.findById(session.operatorId);
                if (!rotate(session, jti, now, op == null || op.status != UserStatus.ACTIVE)) {
                    return null;
                }
                Principal who = principalOf(op, session.id);
                return new SignIn(who, tokens.issue(who, session.refreshJti, now));
            });
        } else {
            TenantRef tenant = tenants.byId(Long.valueOf(tid.toString())).orElseThrow(Tokens::invalidRefresh);
            requireActive(tenant);
            result = runner.call(tenant, () -> {
                // Locked, so two refreshes with the same token cannot both succeed.
                UserSession session = UserSession.findById(sessionId, LockModeType.PESSIMISTIC_WRITE);
                AppUser user = session == null ? null : AppUser.findById(session.userId);
                if (session != null && user != null && user.status == UserStatus.ACTIVE
                        && REVOKED_ROLES.equals(session.revokeReason) && session.refreshJti.equals(jti)
                        && now.isBefore(session.expiresAt)) {
                    return successor(session, user, tenant, now);
                }
                if (!rotate(session, jti, now, user == null || user.status != UserStatus.ACTIVE)) {
                    return null;
                }
                Principal who = principalOf(user, tenant, session.id);
                return new SignIn(who, tokens.issue(who, session.refreshJti, now, user.mustChangePassword),
                        user.mustChangePassword);
            });
        }
        if (result == null) {
            throw Tokens.invalidRefresh();
        }
        return result;
    }

    /**
     * A role change ends the session's tokens, which carry the roles as they were, but not the person's sign-in:
     * the session's current refresh token opens one successor session with the roles as they are now (until the
     * old session's own expiry), so a page renews itself instead of sending the person to sign in again. The old
     * session is marked so that its token opens nothing more; a copied token used first leaves the owner's next
     * use refused, as a replay would. Runs in the session's city, the old session's row locked.
     */
    private SignIn successor(UserSession old, AppUser user, TenantRef tenant, Instant now) {
        old.revokeReason = REVOKED_ROLES_RENEWED;
        old.refreshJti = UUID.randomUUID();
        UserSession next = new UserSession();
        fillNewSession(next, now, old.clientAddress);
        next.expiresAt = old.expiresAt;
        next.userId = user.id;
        next.persist();
        Principal who = principalOf(user, tenant, next.id);
        return new SignIn(who, tokens.issue(who, next.refreshJti, now, user.mustChangePassword), user.mustChangePassword);
    }

    /**
     * Rotates the session's refresh token id. Returns false when the refresh must be refused; a
     * replayed (already used) token also revokes the session, committed with this transaction.
     */
    private boolean rotate(SessionRecord session, UUID presentedJti, Instant now, boolean accountGone) {
        if (session == null || !session.activeAt(now) || accountGone) {
            return false;
        }
        if (!session.refreshJti.equals(presentedJti)) {
            session.revoke(now, REVOKED_REPLAY);
            sessions.publishSessionEnded(session.id);
            return false;
        }
        session.refreshJti = UUID.randomUUID();
        session.refreshedAt = now;
        return true;
    }

    /** Ends the session the access token belongs to. The caller's city is already selected. */
    public void logout(Principal who) {
        Instant now = clock.instant();
        QuarkusTransaction.joiningExisting().run(() -> {
            SessionRecord session = who.operator() ? OperatorSession.findById(who.sessionId())
                    : UserSession.findById(who.sessionId());
            if (session != null) {
                session.revoke(now, REVOKED_LOGOUT);
                sessions.publishSessionEnded(session.id);
            }
        });
    }

    /**
     * Whether the session named by an access token is still open. Called at the edge for every
     * signed-in request, in the token's city; answered from {@link SessionStates} while it may be trusted.
     */
    public boolean sessionActive(Principal.Kind kind, UUID sessionId) {
        return sessions.open(kind, sessionId, clock.instant(), () -> QuarkusTransaction.joiningExisting().call(() -> {
            if (kind == Principal.Kind.OPERATOR) {
                OperatorSession s = OperatorSession.findById(sessionId);
                return s == null ? SessionStates.Row.GONE
                        : new SessionStates.Row(s.revokedAt != null, s.expiresAt, s.operatorId, null);
            }
            UserSession s = UserSession.findById(sessionId);
            return s == null ? SessionStates.Row.GONE
                    : new SessionStates.Row(s.revokedAt != null, s.expiresAt, s.userId, s.tenantId);
        }));
    }

    /**
     * Changes the signed-in person's own password and ends all their sessions, this one too.
     *
     * @throws ProblemException 400 naming {@code currentPassword} when it is wrong, or
     *                          {@code newPassword} when it is weak
     */
    public void changePassword(Principal who, String currentPassword, String newPassword) {
        Instant now = clock.instant();
        String accountKey = who.operator() ? "-#" + who.id() : who.tenant().code() + "#" + who.id();
        throttle.check(accountKey, null);
        try {
            changePassword(who, currentPassword, newPassword, now);
        } catch (ProblemException e) {
            if (e.errors().stream().anyMatch(err -> err.field().equals("currentPassword"))) {
                throttle.recordFailure(accountKey, null);
            }
            throw e;
        }
    }

    /** Whether a city user still has a one-time password to replace; never for platform operators. */
    public boolean mustChangePassword(Principal who) {
        if (who.operator()) {
            return false;
        }
        return runner.call(who.tenant(), () -> {
            AppUser user = AppUser.findById(who.id());
            return user != null && user.mustChangePassword;
        });
    }

    private void changePassword(Principal who, String currentPassword, String newPassword, Instant now) {
        QuarkusTransaction.joiningExisting().run(() -> {
            if (who.operator()) {
                PlatformOperator op = PlatformOperator.findById(who.id());
                checkChange(op.passwordHash, currentPassword, newPassword);
                op.passwordHash = passwords.hash(newPassword);
                op.passwordChangedAt = now;
                op.updatedAt = now;
                OperatorSession.update("revokedAt = ?1, revokeReason = ?2 where operatorId = ?3 and revokedAt is null",
                        now, REVOKED_PASSWORD, op.id);
                sessions.publishOperatorSessionsEnded(op.id);
            } else {
                AppUser user = AppUser.findById(who.id());
                checkChange(user.passwordHash, currentPassword, newPassword);
                setPassword(user, newPassword, now);
            }
        });
    }

    private void checkChange(String hash, String currentPassword, String newPassword) {
        if (!passwords.matches(currentPassword, hash)) {
            throw ProblemException.invalid("currentPassword", "is wrong; enter the password you signed in with");
        }
        passwords.checkStrength("newPassword", newPassword);
        if (newPassword.equals(currentPassword)) {
            throw ProblemException.invalid("newPassword", "must differ from the current password");
        }
    }

    /** Sets a user's password and ends every session of theirs. Runs in the user's city. */
    void setPassword(AppUser user, String newPassword, Instant now) {
        user.passwordHash = passwords.hash(newPassword);
        user.passwordChangedAt = now;
        user.updatedAt = now;
        user.mustChangePassword = false;
        endUserSessions(user, now, REVOKED_PASSWORD);
    }

    /**
     * Ends every open session of a user of the current city, on every replica once the current
     * transaction commits.
     */
    void endUserSessions(AppUser user, Instant now, String reason) {
        UserSession.update("revokedAt = ?1, revokeReason = ?2 where userId = ?3 and revokedAt is null",
                now, reason, user.id);
        sessions.publishUserSessionsEnded(user.tenantId, user.id);
    }

    private void fillNewSession(SessionRecord session, Instant now, String address) {
        session.id = UUID.randomUUID();
        session.refreshJti = UUID.randomUUID();
        session.createdAt = now;
        session.refreshedAt = now;
        session.expiresAt = now.plus(config.refreshTokenTtl());
        session.clientAddress = address == null ? null : address.substring(0, Math.min(64, address.length()));
    }

    private void requireActive(TenantRef tenant) {
        if (!tenant.active()) {
            throw suspended(tenant);
        }
    }

    /** The refusal every user of a suspended city gets. */
    public static ProblemException suspended(TenantRef tenant) {
        if (tenant.status() == city.gridcity.tenancy.TenantStatus.PROVISIONING) {
            return ProblemException.forbidden("city-not-open", "The service for " + tenant.nameZh() + " ("
                    + tenant.nameEn() + ") is still being set up; try again shortly.");
        }
        return ProblemException.forbidden("city-suspended", "The service for " + tenant.nameZh() + " ("
                + tenant.nameEn() + ") is suspended" + (tenant.statusReason() == null ? "" : ": " + tenant.statusReason())
                + ". Contact the platform operator.");
    }

    static Principal principalOf(AppUser user, TenantRef tenant, UUID sessionId) {
        return new Principal(Principal.Kind.USER, user.id, user.username, user.displayName, user.roleSet(), tenant,
                sessionId);
    }

    static Principal principalOf(PlatformOperator op, UUID sessionId) {
        return new Principal(Principal.Kind.OPERATOR, op.id, op.username, op.displayName,
                EnumSet.of(Role.PLATFORM_ADMIN), null, sessionId);
    }

    /**
     * A signed-in principal with its tokens; {@code mustChangePassword} while the account still has a
     * one-time password.
     */
    public record SignIn(Principal principal, TokenPair tokens, boolean mustChangePassword) {

        public SignIn(Principal principal, TokenPair tokens) {
            this(principal, tokens, false);
        }
    }
}
