package city.gridcity.shared.web;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * A body over {@code quarkus.http.limits.max-body-size} is the client's mistake, not the service's.
 *
 * <p>With a {@code Content-Length}, Quarkus refuses it with 413 before any route. A chunked body has no
 * length, so the limit is found while the body is read: the reader itself answers 413, closes the
 * connection and fails the request with "Request too large"; the answer it would then write fails
 * too ("Response has already been written"), and Quarkus's error handler would log that as an
 * unexpected ERROR. {@link ProblemMappers} logs the refusal on one INFO line; this handler keeps the
 * second failure, about an answer already given, out of the error log. Neither 413 has a body: both
 * are written by the HTTP layer before this service's code sees the request.
 */
@ApplicationScoped
public class BodyTooLarge {

    private static final Logger LOG = Logger.getLogger(BodyTooLarge.class);
    static final int STATUS = 413;

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 1).failureHandler(this::onFailure);
    }

    private void onFailure(RoutingContext rc) {
        if (rc.response().ended() && rc.response().getStatusCode() == STATUS) {
            LOG.debugf("%s %s: the body was refused with 413 already; %s", rc.request().method(), rc.normalizedPath(),
                    rc.failure() == null ? "no failure" : rc.failure().getMessage());
            return;
        }
        rc.next();
    }
}
