package city.gridcity.cases;

import city.gridcity.identity.Role;
import city.gridcity.tenancy.TenantOwnedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.util.Set;

/**
 * Where a case came from (案件来源). Each city keeps its own list; the channel decides how the core
 * treats a source and who may report through it.
 */
@Entity
@Table(name = "case_source")
public class CaseSource extends TenantOwnedEntity {

    public enum Channel {
        DISTRICT_SUPERVISOR(Set.of(Role.DISTRICT_SUPERVISOR)),
        CITY_SUPERVISOR(Set.of(Role.CITY_SUPERVISOR)),
        RESIDENT(Set.of(Role.RESIDENT)),
        /** The hotline platform's intake account, or an acceptor typing a call in. */
        HOTLINE(Set.of(Role.ACCEPTOR, Role.HOTLINE)),
        VOLUNTEER(Set.of(Role.VOLUNTEER)),
        /** Entered by the acceptor from another channel: WeChat, microblog, media, leaders, video analytics. */
        STAFF(Set.of(Role.ACCEPTOR));

        private final Set<Role> reporters;

        Channel(Set<Role> reporters) {
            this.reporters = reporters;
        }

        /** The roles that may report through sources of this channel. */
        public Set<Role> reporters() {
            return reporters;
        }
    }

    @Column(nullable = false, length = 32)
    public String code;

    @Column(name = "name_zh", nullable = false, length = 50)
    public String nameZh;

    @Column(name = "name_en", nullable = false, length = 80)
    public String nameEn;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 24)
    public Channel channel;

    @Column(nullable = false)
    public boolean active;
}
