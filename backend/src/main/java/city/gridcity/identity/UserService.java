package city.gridcity.identity;

import city.gridcity.audit.AdminAudit;

import city.gridcity.shared.problem.ProblemException;
import city.gridcity.tenancy.TenantContext;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The users of one city. Every method acts on the city selected in {@link TenantContext}; a user
 * of another city is simply not found.
 */
@ApplicationScoped
public class UserService {

    static final Pattern USERNAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$");
    static final Pattern PHONE = Pattern.compile("^1[3-9][0-9]{9}$");

    private final Passwords passwords;
    private final AuthService auth;
    private final TenantContext tenant;
    private final ActiveDepartments departments;
    private final Clock clock;

    private final AdminAudit audit;

    UserService(Passwords passwords, AuthService auth, TenantContext tenant, ActiveDepartments departments, Clock clock,
                AdminAudit audit) {
        this.audit = audit;
        this.passwords = passwords;
        this.auth = auth;
        this.tenant = tenant;
        this.departments = departments;
        this.clock = clock;
    }

    /** What a new account needs. {@code username} may be null when a phone number is given (residents). */
    public record NewUser(String username, String phone, String displayName, String password, Set<Role> roles,
                          String departmentCode) {
    }

    /** Changes to an account; null fields stay as they are. */
    public record UserChange(String displayName, String phone, Set<Role> roles, String departmentCode,
                             UserStatus status) {
    }

    public record UserPage(List<AppUser> items, long total, int page, int size) {
    }

    /** Who a user is, for other features: they read this, never the account itself. */
    public record UserSummary(long id, String username, Set<Role> roles, UserStatus status, String displayName) {
    }

    /**
     * Creates an account in the current city.
     *
     * @throws ProblemException 400 naming the field at fault, 409 when the username or phone is taken
     */
    @Transactional
    public AppUser create(NewUser cmd) {
        tenant.requireTenantId();
        String phone = blankToNull(cmd.phone());
        String username = blankToNull(cmd.username()) == null ? phone : cmd.username().trim();
        validateIdentity(username, phone);
        validateRoles(cmd.roles(), cmd.departmentCode());
        passwords.checkStrength("password", cmd.password());
        ensureFree(username, phone, null);
        Instant now = clock.instant();
        AppUser user = new AppUser();
        user.username = username;
        user.phone = phone;
        user.displayName = cmd.displayName() == null || cmd.displayName().isBlank() ? username : cmd.displayName().trim();
        user.passwordHash = passwords.hash(cmd.password());
        user.passwordChangedAt = now;
        user.assignRoles(cmd.roles());
        user.departmentCode = blankToNull(cmd.departmentCode());
        user.status = UserStatus.ACTIVE;
        user.createdAt = now;
        user.updatedAt = now;
        user.persist();
        if (tenant.actor().isPresent()) {
            // An account someone made; a resident registering themselves is not a change to the city's staff.
            audit.changed(AdminAudit.Area.USERS, username, "created", null, user.displayName + " · "
                    + user.roleSet().stream().map(Role::wireName).sorted().toList());
        }
        return user;
    }

    /**
     * Registers a resident of the current city and signs them in, in one transaction: either both
     * happen or neither does.
     */
    @Transactional
    public AuthService.SignIn registerResident(String username, String phone, String displayName, String password,
                                               city.gridcity.tenancy.TenantRef city, String address) {
        if ((username == null || username.isBlank()) && (phone == null || phone.isBlank())) {
            throw ProblemException.invalid("username", "give a username or a phone number");
        }
        AppUser user = create(new NewUser(username, phone, displayName, password, residentRoles(), null));
        return auth.signInNewUser(city, user, address);
    }

    /** A page of the current city's users, optionally those holding {@code role} or matching {@code text}. */
    @Transactional
    public UserPage list(Role role, String text, int page, int size) {
        StringBuilder where = new StringBuilder("1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (role != null) {
            where.append(" and array_contains(roles, :role)");
            params.put("role", role.wireName());
        }
        if (text != null && !text.isBlank()) {
            where.append(" and (lower(username) like :text or lower(displayName) like :text or phone like :text)");
            params.put("text", "%" + text.toLowerCase().replace("%", "").replace("_", "") + "%");
        }
        PanacheQuery<AppUser> query = AppUser.find(where.toString(), Sort.by("id"), params);
        List<AppUser> items = query.page(Page.of(page, size)).list();
        return new UserPage(items, query.count(), page, size);
    }

    @Transactional
    public Optional<AppUser> find(long id) {
        return AppUser.findByIdOptional(id);
    }

    /** The department a user of the current city handles cases for; empty when none. */
    @Transactional
    public Optional<String> departmentOf(long id) {
        return find(id).map(u -> u.departmentCode);
    }

    /** A user of the current city, as other features see them; empty for a user of another city. */
    @Transactional
    public Optional<UserSummary> summary(long id) {
        return find(id).map(u -> new UserSummary(u.id, u.username, u.roleSet(), u.status, u.displayName));
    }

    /** The current city's active administrators, in the order they were created (a pack export lists them). */
    @Transactional
    public List<UserSummary> administratorsInOffice() {
        return AppUser.<AppUser>find("status = ?1 and array_contains(roles, ?2) order by id", UserStatus.ACTIVE,
                Role.CITY_ADMIN.wireName()).stream()
                .map(u -> new UserSummary(u.id, u.username, u.roleSet(), u.status, u.displayName)).toList();
    }

    /** The ids of the current city's active users who hold {@code role}. */
    @Transactional
    public Set<Long> activeHolders(Role role) {
        return Set.copyOf(AppUser.getEntityManager().createQuery(
                        "select u.id from AppUser u where u.status = ?1 and array_contains(u.roles, ?2)", Long.class)
                .setParameter(1, UserStatus.ACTIVE).setParameter(2, role.wireName()).getResultList());
    }

    /**
     * Changes an account of the current city. Taking away every role, or disabling it, ends its sessions.
     *
     * @param expectedVersion the version the client saw, or null to skip the check
     */
    @Transactional
    public AppUser update(long id, UserChange change, Long expectedVersion) {
        AppUser user = AppUser.<AppUser>findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("User " + id));
        if (expectedVersion != null && expectedVersion != user.version) {
            throw ProblemException.conflict("concurrent-change", "This user was changed since you loaded it "
                    + "(version " + user.version + ", you sent " + expectedVersion + "); reload and try again.");
        }
        if (change.phone() != null) {
            validateIdentity(user.username, change.phone());
            ensureFree(null, change.phone(), user.id);
            audit.changed(AdminAudit.Area.USERS, user.username, "phone", user.phone, blankToNull(change.phone()));
            user.phone = blankToNull(change.phone());
        }
        Set<Role> roles = change.roles() == null ? user.roleSet() : change.roles();
        String department = change.departmentCode() == null ? user.departmentCode : blankToNull(change.departmentCode());
        validateRoles(roles, department);
        boolean rolesChanged = !roles.equals(user.roleSet());
        boolean disabling = change.status() == UserStatus.DISABLED && user.status != UserStatus.DISABLED;
        if ((disabling || (rolesChanged && !roles.contains(Role.CITY_ADMIN))) && user.roleSet().contains(Role.CITY_ADMIN)
                && user.status == UserStatus.ACTIVE && activeAdministrators() <= 1) {
            throw ProblemException.conflict("last-city-admin", disabling ? "status" : "roles", "This is the city's last "
                    + "active administrator; make another user city-admin first.");
        }
        String subject = user.username;
        audit.changed(AdminAudit.Area.USERS, subject, "roles", user.roleSet().stream().map(Role::wireName).sorted().toList(),
                roles.stream().map(Role::wireName).sorted().toList());
        audit.changed(AdminAudit.Area.USERS, subject, "departmentCode", user.departmentCode, department);
        user.assignRoles(roles);
        user.departmentCode = department;
        if (change.displayName() != null) {
            if (change.displayName().isBlank()) {
                throw ProblemException.invalid("displayName", "must not be blank");
            }
            audit.changed(AdminAudit.Area.USERS, subject, "displayName", user.displayName, change.displayName().trim());
            user.displayName = change.displayName().trim();
        }
        Instant now = clock.instant();
        if (change.status() != null && change.status() != user.status) {
            audit.changed(AdminAudit.Area.USERS, subject, "status", user.status, change.status());
            user.status = change.status();
        }
        // Tokens carry roles: a session must not keep roles that were taken away. Its refresh token opens a
        // successor with the new roles (AuthService.refresh), so the person need not sign in again.
        if (disabling || rolesChanged) {
            auth.endUserSessions(user, now, disabling ? "account-disabled" : AuthService.REVOKED_ROLES);
        }
        user.updatedAt = now;
        return user;
    }

    /**
     * Makes {@code username} an active city administrator of the current city with a new password:
     * an existing account is re-enabled, given the role and has its sessions ended; otherwise one is
     * created. How a platform operator restores access to a city that lost its administrators.
     */
    @Transactional
    public AppUser ensureAdministrator(String username, String displayName, String password) {
        Optional<AppUser> existing = AppUser.find("username", username).firstResultOptional();
        if (existing.isEmpty()) {
            AppUser created = create(new NewUser(username, null, displayName == null ? username : displayName, password,
                    EnumSet.of(Role.CITY_ADMIN), null));
            created.mustChangePassword = true;
            return created;
        }
        AppUser user = existing.get();
        Set<Role> roles = EnumSet.copyOf(user.roleSet());
        roles.add(Role.CITY_ADMIN);
        user.assignRoles(roles);
        user.status = UserStatus.ACTIVE;
        passwords.checkStrength("password", password);
        auth.setPassword(user, password, clock.instant());
        user.mustChangePassword = true;
        return user;
    }

    /**
     * Marks the password of a user of the current city as one-time: somebody else chose it (the platform's
     * provisioning), so the owner must replace it at the first sign-in to the pages.
     */
    @Transactional
    public void requirePasswordChange(String username) {
        AppUser.<AppUser>find("username", username).firstResultOptional()
                .ifPresent(user -> user.mustChangePassword = true);
    }

    /** Sets a new password for a user of the current city (an administrator's reset); their sessions end. */
    @Transactional
    public void resetPassword(long id, String newPassword) {
        AppUser user = AppUser.<AppUser>findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("User " + id));
        passwords.checkStrength("newPassword", newPassword);
        auth.setPassword(user, newPassword, clock.instant());
        // The password itself is never written down, only that it was reset.
        audit.changed(AdminAudit.Area.USERS, user.username, "password", null, "reset");
    }

    /** The current city's active accounts, and how many of them are administrators: its size for the operator. */
    public long[] activeAccountsAndAdministrators() {
        return new long[] {AppUser.count("status", UserStatus.ACTIVE), activeAdministrators()};
    }

    private static long activeAdministrators() {
        return AppUser.count("status = ?1 and array_contains(roles, ?2)", UserStatus.ACTIVE, Role.CITY_ADMIN.wireName());
    }

    private void validateIdentity(String username, String phone) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw ProblemException.invalid("username", "must be 3-64 letters, digits, '.', '_' or '-', "
                    + "starting with a letter or digit (or give a phone number instead)");
        }
        if (phone != null && !phone.isBlank() && !PHONE.matcher(phone).matches()) {
            throw ProblemException.invalid("phone", "must be an 11-digit mainland mobile number such as 13812345678");
        }
    }

    private void validateRoles(Set<Role> roles, String departmentCode) {
        if (roles == null || roles.isEmpty()) {
            throw ProblemException.invalid("roles", "must name at least one role");
        }
        if (roles.contains(Role.PLATFORM_ADMIN)) {
            throw ProblemException.invalid("roles", "platform-admin is not a city role; remove it");
        }
        boolean handler = roles.contains(Role.DEPARTMENT_HANDLER);
        if (handler && (departmentCode == null || departmentCode.isBlank())) {
            throw ProblemException.invalid("departmentCode", "is required for a department-handler: name the department");
        }
        if (!handler && departmentCode != null && !departmentCode.isBlank()) {
            throw ProblemException.invalid("departmentCode", "is only for department-handler accounts; leave it empty");
        }
        if (departmentCode != null && departmentCode.length() > 64) {
            throw ProblemException.invalid("departmentCode", "must have at most 64 characters");
        }
        if (handler && !departments.exists(departmentCode.trim())) {
            throw ProblemException.invalid("departmentCode", "no active department '" + departmentCode
                    + "' in this city; see /api/v1/departments");
        }
    }

    private void ensureFree(String username, String phone, Long exceptId) {
        if (username != null && AppUser.count("(username = ?1 or phone = ?1) and id <> ?2", username,
                exceptId == null ? -1L : exceptId) > 0) {
            throw ProblemException.conflict("username-taken", "username", "The username '" + username
                    + "' is already taken in this city; choose another.");
        }
        if (phone != null && !phone.isBlank() && AppUser.count("(phone = ?1 or username = ?1) and id <> ?2", phone,
                exceptId == null ? -1L : exceptId) > 0) {
            throw ProblemException.conflict("phone-taken", "phone", "The phone number is already registered in this city.");
        }
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** Roles a resident gets on self-registration. */
    public static Set<Role> residentRoles() {
        return EnumSet.of(Role.RESIDENT);
    }
}
