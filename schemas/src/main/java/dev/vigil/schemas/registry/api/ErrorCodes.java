package dev.vigil.schemas.registry.api;

/** Confluent Schema Registry error codes ({@code error_code} of an {@link ErrorResponse}). */
public final class ErrorCodes {
    /** HTTP 404: the subject has no (live) version. */
    public static final int SUBJECT_NOT_FOUND = 40401;
    /** HTTP 404: the subject has no such version. */
    public static final int VERSION_NOT_FOUND = 40402;
    /** HTTP 404: no schema with this id, or the schema is not under the subject. */
    public static final int SCHEMA_NOT_FOUND = 40403;
    /** HTTP 404: every version of the subject is already soft-deleted. */
    public static final int SUBJECT_SOFT_DELETED = 40404;
    /** HTTP 404: a permanent delete of a subject that was not soft-deleted first. */
    public static final int SUBJECT_NOT_SOFT_DELETED = 40405;
    /** HTTP 404: the subject has no subject-level compatibility. */
    public static final int SUBJECT_COMPATIBILITY_NOT_CONFIGURED = 40408;
    /** HTTP 409: the schema breaks the subject's compatibility rule. */
    public static final int INCOMPATIBLE_SCHEMA = 409;
    /** HTTP 422: the schema does not parse, or its type is not supported. */
    public static final int INVALID_SCHEMA = 42201;
    /** HTTP 422: the version is neither a positive integer nor "latest". */
    public static final int INVALID_VERSION = 42202;
    /** HTTP 422: an unknown compatibility level. */
    public static final int INVALID_COMPATIBILITY_LEVEL = 42203;
    /** HTTP 500: the backing store failed. */
    public static final int STORE_ERROR = 50001;
    /** HTTP 500: the backing store did not answer in time. */
    public static final int OPERATION_TIMEOUT = 50002;

    private ErrorCodes() {}
}
