package city.gridcity.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import city.gridcity.support.Api;
import city.gridcity.support.PostgresResource;
import city.gridcity.tenancy.TenantDirectory;
import city.gridcity.tenancy.TenantRunner;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;

/** A background job has no request to take its city from: it names each city itself. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class SessionCleanupJobTest {

    @Inject
    SessionCleanupJob job;
    @Inject
    TenantRunner runner;
    @Inject
    TenantDirectory directory;

    @Test
    void the_cleanup_job_purges_long_ended_sessions_in_every_city_and_keeps_open_ones() throws Exception {
        Api.City a = Api.aCity();
        Api.City b = Api.aCity();
        // given an open session in each city (the administrators'), and one long expired in each
        insertExpiredSession(a.code());
        insertExpiredSession(b.code());
        assertEquals(2, sessions(a.code()));
        assertEquals(2, sessions(b.code()));

        job.purge();

        assertEquals(1, sessions(a.code()));
        assertEquals(1, sessions(b.code()));
        Api.as(a.adminToken()).get("/api/v1/auth/me").then().statusCode(200);
    }

    @Test
    void a_job_running_for_one_city_sees_only_that_citys_sessions() throws Exception {
        Api.City a = Api.aCity();
        Api.City b = Api.aCity();
        insertExpiredSession(b.code());
        long seen = runner.call(directory.byCode(a.code()).orElseThrow(), () -> UserSession.count());
        assertEquals(1, seen);
        long everywhere = runner.call(directory.byCode(a.code()).orElseThrow(),
                () -> UserSession.count("tenantId <> ?1", a.code()));
        assertEquals(0, everywhere);
    }

    private static void insertExpiredSession(String city) throws Exception {
        try (Connection c = PostgresResource.superuser(); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO user_session (id, tenant_id, user_id, refresh_jti, created_at, refreshed_at, expires_at)
                SELECT gen_random_uuid(), tenant_id, id, gen_random_uuid(), now() - interval '40 days',
                       now() - interval '40 days', now() - interval '20 days'
                FROM app_user WHERE tenant_id = ? AND username = 'admin'""")) {
            ps.setString(1, city);
            assertEquals(1, ps.executeUpdate());
        }
    }

    private static int sessions(String city) throws Exception {
        try (Connection c = PostgresResource.superuser();
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM user_session WHERE tenant_id = ?")) {
            ps.setString(1, city);
            ResultSet rs = ps.executeQuery();
            rs.next();
            return rs.getInt(1);
        }
    }
}
