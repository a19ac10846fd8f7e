package dev.vigil.schemas.registry.server;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.QoSHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Lets {@link RegistryLimits#maxConcurrentRequests()} requests in at a time; the next ones wait (without a thread and
 * without their body being read) up to {@link RegistryLimits#maxQueueWait()}, and past {@link
 * RegistryLimits#maxQueuedRequests()} waiting they are answered 503 with {@code Retry-After} at once.
 */
final class RequestAdmission extends QoSHandler {

    private static final String RETRY_AFTER_SECONDS = "1";

    private final RegistryLimits limits;

    RequestAdmission(RegistryLimits limits) {
        this.limits = limits;
        setMaxRequestCount(limits.maxConcurrentRequests());
        setMaxSuspendedRequestCount(limits.maxQueuedRequests());
        setMaxSuspend(limits.maxQueueWait());
    }

    @Override
    protected void reject(Request request, Response response, Callback callback, int status) {
        busy(response, callback, status);
    }

    @Override
    protected void failSuspended(Request request, Response response, Callback callback, int status, Throwable failure) {
        busy(response, callback, status);
    }

    private void busy(Response response, Callback callback, int status) {
        response.getHeaders().put("Retry-After", RETRY_AFTER_SECONDS);
        JsonErrors.write(
                response,
                callback,
                status,
                "The schema registry is busy (" + limits.maxConcurrentRequests() + " requests in progress, "
                        + limits.maxQueuedRequests() + " waiting at most "
                        + limits.maxQueueWait().toMillis()
                        + " ms); retry later");
    }
}
