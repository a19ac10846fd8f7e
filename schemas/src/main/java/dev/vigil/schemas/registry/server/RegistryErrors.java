package dev.vigil.schemas.registry.server;

import dev.vigil.schemas.registry.RegistryException;
import dev.vigil.schemas.registry.api.ErrorCodes;

/** The registry's refusals, with Confluent's HTTP statuses, error codes and messages. */
final class RegistryErrors {

    static final int NOT_FOUND = 404;
    static final int METHOD_NOT_ALLOWED = 405;
    static final int BAD_REQUEST = 400;
    static final int UNAUTHORIZED = 401;
    static final int CONTENT_TOO_LARGE = 413;
    static final int CONFLICT = 409;
    static final int UNPROCESSABLE = 422;
    static final int SERVER_ERROR = 500;

    private RegistryErrors() {}

    static RegistryException subjectNotFound(String subject) {
        return new RegistryException(NOT_FOUND, ErrorCodes.SUBJECT_NOT_FOUND, "Subject '" + subject + "' not found.");
    }

    static RegistryException versionNotFound(int version) {
        return new RegistryException(NOT_FOUND, ErrorCodes.VERSION_NOT_FOUND, "Version " + version + " not found.");
    }

    static RegistryException schemaNotFound() {
        return new RegistryException(NOT_FOUND, ErrorCodes.SCHEMA_NOT_FOUND, "Schema not found");
    }

    static RegistryException schemaNotFound(int id) {
        return new RegistryException(NOT_FOUND, ErrorCodes.SCHEMA_NOT_FOUND, "Schema " + id + " not found");
    }

    static RegistryException subjectSoftDeleted(String subject) {
        return new RegistryException(
                NOT_FOUND,
                ErrorCodes.SUBJECT_SOFT_DELETED,
                "Subject '" + subject + "' was soft deleted.Set permanent=true to delete permanently");
    }

    static RegistryException subjectNotSoftDeleted(String subject) {
        return new RegistryException(
                NOT_FOUND,
                ErrorCodes.SUBJECT_NOT_SOFT_DELETED,
                "Subject '" + subject + "' was not deleted first before being permanently deleted");
    }

    static RegistryException subjectCompatibilityNotConfigured(String subject) {
        return new RegistryException(
                NOT_FOUND,
                ErrorCodes.SUBJECT_COMPATIBILITY_NOT_CONFIGURED,
                "Subject '" + subject + "' does not have subject-level compatibility configured");
    }

    static RegistryException incompatible(String subject, Iterable<String> details) {
        return new RegistryException(
                CONFLICT,
                ErrorCodes.INCOMPATIBLE_SCHEMA,
                "Schema being registered is incompatible with an earlier schema for subject \"" + subject
                        + "\", details: " + details);
    }

    static RegistryException invalidSchema(String reason) {
        return new RegistryException(UNPROCESSABLE, ErrorCodes.INVALID_SCHEMA, "Invalid schema: " + reason);
    }

    static RegistryException invalidVersion(String version) {
        return new RegistryException(
                UNPROCESSABLE,
                ErrorCodes.INVALID_VERSION,
                "The specified version '" + version + "' is not a valid version id. Allowed values are"
                        + " between [1, 2^31-1] and the string \"latest\"");
    }

    static RegistryException invalidCompatibility(String level) {
        return new RegistryException(
                UNPROCESSABLE,
                ErrorCodes.INVALID_COMPATIBILITY_LEVEL,
                "Invalid compatibility level '" + level + "'. Valid values are none, backward, forward,"
                        + " full, backward_transitive, forward_transitive, and full_transitive");
    }

    static RegistryException store(String message, boolean timedOut, Throwable cause) {
        return new RegistryException(
                SERVER_ERROR,
                timedOut ? ErrorCodes.OPERATION_TIMEOUT : ErrorCodes.STORE_ERROR,
                "Error in the backend data store: " + message,
                cause);
    }

    static RegistryException badRequest(String message) {
        return new RegistryException(BAD_REQUEST, BAD_REQUEST, message);
    }

    static RegistryException unauthorized() {
        return new RegistryException(
                UNAUTHORIZED, UNAUTHORIZED, "Unauthorized: this schema registry requires HTTP basic authentication");
    }

    static RegistryException requestTooLarge(long declaredBytes, long limitBytes) {
        return new RegistryException(
                CONTENT_TOO_LARGE,
                CONTENT_TOO_LARGE,
                "Request body of " + declaredBytes + " bytes is larger than the limit of " + limitBytes + " bytes");
    }

    static RegistryException requestTooLarge(long limitBytes) {
        return new RegistryException(
                CONTENT_TOO_LARGE,
                CONTENT_TOO_LARGE,
                "Request body is larger than the limit of " + limitBytes + " bytes");
    }

    static RegistryException noSuchPath() {
        return new RegistryException(NOT_FOUND, NOT_FOUND, "HTTP 404 Not Found");
    }

    static RegistryException methodNotAllowed() {
        return new RegistryException(METHOD_NOT_ALLOWED, METHOD_NOT_ALLOWED, "HTTP 405 Method Not Allowed");
    }
}
