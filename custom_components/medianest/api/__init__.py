"""Clients for the services MediaNest talks to. Nothing here imports Home Assistant."""

from .errors import (
    ApiAuthenticationError,
    ApiBannedError,
    ApiConnectionError,
    ApiHostRejectedError,
    ApiInvalidResponseError,
    ApiNotFoundError,
    ApiRateLimitedError,
    ApiResponseTooLargeError,
    ApiServerError,
    ApiTimeoutError,
    ApiValidationError,
    MedianestApiError,
)
from .http import ClientMetrics, HttpClient, normalize_url

__all__ = [
    "ApiAuthenticationError",
    "ApiBannedError",
    "ApiConnectionError",
    "ApiHostRejectedError",
    "ApiInvalidResponseError",
    "ApiNotFoundError",
    "ApiRateLimitedError",
    "ApiResponseTooLargeError",
    "ApiServerError",
    "ApiTimeoutError",
    "ApiValidationError",
    "ClientMetrics",
    "HttpClient",
    "MedianestApiError",
    "normalize_url",
]
