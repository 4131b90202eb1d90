package city.gridcity.identity;

import city.gridcity.tenancy.TenantOwnedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A person who signs in to one city: staff, volunteer or resident. */
@Entity
@Table(name = "app_user")
public class AppUser extends TenantOwnedEntity {

    @Column(nullable = false, length = 64)
    public String username;

    @Column(length = 20)
    public String phone;

    @Column(name = "display_name", nullable = false, length = 100)
    public String displayName;

    @Column(name = "password_hash", nullable = false, length = 100)
    public String passwordHash;

    @Column(name = "password_changed_at", nullable = false)
    public Instant passwordChangedAt;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    public String[] roles;

    /** The disposal department a department handler works for (departments arrive with the catalog). */
    @Column(name = "department_code", length = 64)
    public String departmentCode;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public UserStatus status;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** Set while the password is one somebody else chose (a one-time password); the owner's change clears it. */
    @Column(name = "must_change_password", nullable = false)
    public boolean mustChangePassword;

    @Version
    public long version;

    public Set<Role> roleSet() {
        return Arrays.stream(roles).map(Role::fromWireName).flatMap(Optional::stream)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));
    }

    public void assignRoles(Set<Role> newRoles) {
        this.roles = newRoles.stream().sorted().map(Role::wireName).toArray(String[]::new);
    }

    /** Finds a user of the current city by username or phone number. */
    public static Optional<AppUser> findByLogin(String login) {
        return find("username = ?1 or phone = ?1", login).firstResultOptional();
    }
}
