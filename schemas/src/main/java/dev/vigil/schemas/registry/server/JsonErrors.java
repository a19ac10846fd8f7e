package dev.vigil.schemas.registry.server;

import dev.vigil.schemas.registry.api.ErrorResponse;
import dev.vigil.schemas.registry.api.RegistryJson;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Confluent's error body ({@code {"error_code": 503, "message": "..."}}) for the answers Jetty gives itself before a
 * request reaches the routes: a busy registry, a malformed request.
 */
final class JsonErrors extends ErrorHandler {

    /** Answers {@code status} with Confluent's error body. */
    static void write(Response response, Callback callback, int status, String message) {
        byte[] json = RegistryJson.write(new ErrorResponse(status, message));
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, RegistryJson.CONTENT_TYPE);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, json.length);
        response.write(true, ByteBuffer.wrap(json), callback);
    }

    @Override
    protected void generateResponse(
            Request request, Response response, int code, String message, Throwable cause, Callback callback) {
        write(response, callback, code, message == null ? HttpStatus.getMessage(code) : message);
    }
}
