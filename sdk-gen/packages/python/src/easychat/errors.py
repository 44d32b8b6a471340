"""Errors of the EasyChat SDK, and the stable reason codes the server attaches to its errors.

Every server error carries a ``google.rpc.ErrorInfo`` (domain ``easychat``) in the
``grpc-status-details-bin`` trailer; its ``reason`` (``TOKEN_EXPIRED``, ``NOT_FRIENDS``, …, see
docs/errors.md) is what programs should switch on. :func:`error_reason` digs it out.
"""

from __future__ import annotations

import grpc
from google.rpc import error_details_pb2, status_pb2

from easychat.gen.im.v1 import im_pb2

__all__ = ["FrameError", "HTTPError", "SessionClosedError", "error_reason"]

_STATUS_DETAILS_KEY = "grpc-status-details-bin"


def error_reason(error: BaseException) -> str | None:
    """Returns the ErrorInfo reason of a failed call, or None when there is none."""
    if isinstance(error, FrameError):
        return error.reason or None
    if not isinstance(error, grpc.RpcError) or not hasattr(error, "trailing_metadata"):
        return None
    for key, value in error.trailing_metadata() or ():
        if key != _STATUS_DETAILS_KEY:
            continue
        status = status_pb2.Status.FromString(value)
        for detail in status.details:
            info = error_details_pb2.ErrorInfo()
            if detail.Unpack(info):
                return info.reason
    return None


class FrameError(Exception):
    """The server refused one frame of a Chat stream; the stream itself stays open."""

    def __init__(self, code: grpc.StatusCode, message: str, reason: str) -> None:
        super().__init__(f"{code.name} {reason}: {message}")
        self.code = code
        self.message = message
        self.reason = reason

    @classmethod
    def from_proto(cls, error: im_pb2.FrameError) -> FrameError:
        """Builds the exception from the FrameError of a ChatResponse."""
        code = next(
            (c for c in grpc.StatusCode if c.value[0] == error.code), grpc.StatusCode.UNKNOWN
        )
        return cls(code, error.message, error.reason)


class HTTPError(Exception):
    """A media upload (PUT) or download (GET) that the storage behind the server's pre-signed URL
    answered with a status other than 2xx: say 403 when the URL expired, or 409 when the media
    was uploaded already. :meth:`Client.upload_media <easychat.client.Client.upload_media>` and
    :meth:`~easychat.client.Client.download_media` raise it (not ``urllib.error.HTTPError``).

    ``method`` is ``PUT`` or ``GET``, ``status`` the HTTP status code (403), and ``body`` the
    start of the response body: the storage's explanation.
    """

    def __init__(self, method: str, status: int, status_line: str, body: str) -> None:
        super().__init__(f"{method} answered {status_line}: {body.strip()}")
        self.method = method
        self.status = status
        self.body = body


class SessionClosedError(Exception):
    """The chat session was closed, or ended for good (its token is no longer accepted).

    ``__cause__`` holds the server's error when there was one.
    """
