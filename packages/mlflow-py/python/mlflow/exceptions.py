"""Exceptions raised by Lathe's MLflow client, with MLflow's names and ``error_code`` values."""

import json

#: HTTP status → MLflow error code, used when a server's error body has no ``error_code``.
_STATUS_TO_ERROR_CODE = {
    400: "INVALID_PARAMETER_VALUE",
    401: "UNAUTHENTICATED",
    403: "PERMISSION_DENIED",
    404: "RESOURCE_DOES_NOT_EXIST",
    409: "RESOURCE_ALREADY_EXISTS",
    429: "REQUEST_LIMIT_EXCEEDED",
    503: "TEMPORARILY_UNAVAILABLE",
}


class MlflowException(Exception):
    """An error from the MLflow API; ``error_code`` is an MLflow code such as
    ``RESOURCE_DOES_NOT_EXIST`` (``INTERNAL_ERROR`` when none is known)."""

    def __init__(self, message, error_code="INTERNAL_ERROR", **kwargs):
        self.message = str(message)
        self.error_code = error_code or "INTERNAL_ERROR"
        self.json_kwargs = kwargs
        super().__init__(self.message)

    def serialize_as_json(self):
        """The error as MLflow's REST error body."""
        return json.dumps({"error_code": self.error_code, "message": self.message, **self.json_kwargs})

    @classmethod
    def invalid_parameter_value(cls, message, **kwargs):
        """Shorthand for an ``INVALID_PARAMETER_VALUE`` error."""
        return cls(message, error_code="INVALID_PARAMETER_VALUE", **kwargs)


class RestException(MlflowException):
    """An error answered by the tracking server; ``status_code`` is the HTTP status."""

    def __init__(self, json_body, status_code=None):
        error_code = json_body.get("error_code") or _STATUS_TO_ERROR_CODE.get(status_code, "INTERNAL_ERROR")
        message = json_body.get("message") or json.dumps(json_body)
        super().__init__(f"{error_code}: {message}", error_code=error_code)
        self.json = json_body
        self.status_code = status_code


class MlflowTrackingUriError(MlflowException):
    """The tracking URI is missing or is not an ``http(s)://`` URL of a Lathe server."""
