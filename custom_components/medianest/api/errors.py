"""Errors raised by the MediaNest service clients."""

from __future__ import annotations


class MedianestApiError(Exception):
    """Base class of every error a service client raises."""

    kind = "error"


class ApiConnectionError(MedianestApiError):
    """The service could not be reached (refused, DNS, TLS, reset)."""

    kind = "connection"


class ApiTimeoutError(MedianestApiError):
    """The service did not answer within the request timeout."""

    kind = "timeout"


class ApiAuthenticationError(MedianestApiError):
    """The service rejected the credentials (401 or 403)."""

    kind = "authentication"


class ApiNotFoundError(MedianestApiError):
    """The requested resource does not exist (404)."""

    kind = "not_found"


class ApiRateLimitedError(MedianestApiError):
    """The service asked us to slow down (429)."""

    kind = "rate_limited"

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        """Keep how long the service asked us to wait, when it said."""
        super().__init__(message)
        self.retry_after = retry_after


class ApiInvalidResponseError(MedianestApiError):
    """The service answered with something that is not what its API documents."""

    kind = "invalid_response"


class ApiResponseTooLargeError(MedianestApiError):
    """The answer is far larger than anything the API sends (a wrong address, a stream)."""

    kind = "too_large"


class ApiServerError(MedianestApiError):
    """The service failed while handling the request (5xx)."""

    kind = "server_error"

    def __init__(self, message: str, status: int) -> None:
        """Keep the HTTP status."""
        super().__init__(message)
        self.status = status


class ApiValidationError(MedianestApiError):
    """The service refused the request's content (400) and said why."""

    kind = "validation"

    def __init__(self, messages: list[str]) -> None:
        """Keep the service's messages."""
        super().__init__("; ".join(messages) or "Request rejected")
        self.messages = messages


class ApiBannedError(MedianestApiError):
    """The service banned our address after too many failed logins (qBittorrent)."""

    kind = "banned"


class ApiHostRejectedError(MedianestApiError):
    """The service refused the request's Host, Origin or Referer (qBittorrent's CSRF check)."""

    kind = "host_rejected"
