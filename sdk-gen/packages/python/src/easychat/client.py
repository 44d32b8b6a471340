"""A logged-in connection to an EasyChat server.

:class:`Client` owns one ``grpc.aio`` channel and the generated stubs on it. Register and Login
store the returned token, and an interceptor adds ``authorization: Bearer <token>`` to every
later call, so the stubs (``client.users``, ``client.social``, ``client.im``, ``client.media``)
can be used as they are. :meth:`Client.upload_media` and :meth:`Client.download_media` move the
bytes of images, files and voice clips over plain HTTP, to and from the pre-signed URLs that
MediaService hands out.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import grpc
import grpc.aio

from easychat.errors import HTTPError
from easychat.gen._version import __version__
from easychat.gen.im.v1 import im_pb2_grpc
from easychat.gen.media.v1 import media_pb2, media_pb2_grpc
from easychat.gen.social.v1 import social_pb2_grpc
from easychat.gen.user.v1 import user_pb2, user_pb2_grpc

if TYPE_CHECKING:  # session.py imports this module, so only type checkers import it back
    from easychat.session import ChatSession

__all__ = ["Client", "single_conversation_id"]


def single_conversation_id(user_a: str, user_b: str) -> str:
    """Id of the single (one-to-one) conversation of two friends: ``s_<lower id>_<higher id>``."""
    low, high = sorted((user_a.lower(), user_b.lower()))
    return f"s_{low}_{high}"


class Client:
    """Connection to an EasyChat server that authenticates every call with its token.

    Use it as an async context manager (or call :meth:`close`). Create it inside the event loop
    that will use it: ``grpc.aio`` channels belong to one loop.
    """

    def __init__(
        self,
        target: str,
        *,
        token: str | None = None,
        credentials: grpc.ChannelCredentials | None = None,
        options: Sequence[tuple[str, Any]] = (),
        http_opener: urllib.request.OpenerDirector | None = None,
    ) -> None:
        """Connects lazily to ``target`` (``host:port``); TLS when ``credentials`` are given.

        ``token`` resumes a login saved earlier; otherwise call :meth:`register` or :meth:`login`.
        ``http_opener`` carries the bytes of :meth:`upload_media` and :meth:`download_media`
        (default ``urllib.request.build_opener()``, which honours the proxy environment).
        """
        self._token = token
        self._user: user_pb2.User | None = None
        self._http = http_opener or urllib.request.build_opener()
        channel_options = [("grpc.primary_user_agent", f"easychat-python/{__version__}"), *options]
        interceptors = _auth_interceptors(lambda: self._token)
        if credentials is None:
            self.channel = grpc.aio.insecure_channel(
                target, options=channel_options, interceptors=interceptors
            )
        else:
            self.channel = grpc.aio.secure_channel(
                target, credentials, options=channel_options, interceptors=interceptors
            )
        self.users = user_pb2_grpc.UserServiceStub(self.channel)
        self.social = social_pb2_grpc.SocialServiceStub(self.channel)
        self.im = im_pb2_grpc.ImServiceStub(self.channel)
        self.media = media_pb2_grpc.MediaServiceStub(self.channel)

    @property
    def token(self) -> str | None:
        """The bearer token in use, if logged in; save it to resume later without a password."""
        return self._token

    @property
    def user(self) -> user_pb2.User | None:
        """The logged-in user, as returned by the last register or login."""
        return self._user

    @property
    def user_id(self) -> str:
        """Id of the logged-in user; raises if not logged in through this client."""
        if self._user is None:
            raise RuntimeError("not logged in: call register() or login() first")
        return self._user.user_id

    async def register(
        self, phone: str, password: str, nickname: str, **profile: Any
    ) -> user_pb2.User:
        """Creates an account and logs in with it. ``profile``: avatar, sex."""
        response = await self.users.Register(
            user_pb2.RegisterRequest(phone=phone, password=password, nickname=nickname, **profile)
        )
        self._token, self._user = response.token, response.user
        return response.user

    async def login(self, phone: str, password: str) -> user_pb2.User:
        """Logs in with a phone number and password."""
        response = await self.users.Login(user_pb2.LoginRequest(phone=phone, password=password))
        self._token, self._user = response.token, response.user
        return response.user

    async def logout(self) -> None:
        """Revokes the token on the server and forgets it."""
        await self.users.Logout(user_pb2.LogoutRequest())
        self._token, self._user = None, None

    async def upload_media(
        self,
        data: bytes | str | os.PathLike[str],
        kind: media_pb2.MediaKind,
        mime_type: str,
        *,
        file_name: str | None = None,
        timeout: float = 60.0,
    ) -> media_pb2.Media:
        """Uploads an image, file or voice clip and returns the completed ``Media``, to send with
        :meth:`ChatSession.send_media <easychat.session.ChatSession.send_media>`.

        ``data`` is the bytes, or the path of a file to read (whose name is then the default
        ``file_name``, which file messages show). ``kind`` is ``media_pb2.MEDIA_KIND_IMAGE``,
        ``MEDIA_KIND_FILE`` or ``MEDIA_KIND_VOICE``. It declares the size and SHA-256 of the
        bytes in CreateUpload, PUTs them to the returned URL with the returned headers (no token:
        the URL is pre-signed), and completes the upload, which the server checks against what
        was declared (and, for an image, against its real format, filling in its width and
        height). ``timeout`` is the HTTP socket timeout in seconds.

        Server refusals raise ``grpc.aio.AioRpcError`` with a reason (MEDIA_TYPE_NOT_ALLOWED,
        MEDIA_TOO_LARGE, MEDIA_QUOTA_EXCEEDED, MEDIA_MISMATCH, …; see
        :func:`~easychat.errors.error_reason`); a PUT answered with a status other than 2xx
        raises :class:`~easychat.errors.HTTPError`.
        """
        if isinstance(data, (str, os.PathLike)):
            path = Path(data)
            content = await asyncio.to_thread(path.read_bytes)
            if file_name is None:
                file_name = path.name
        else:
            content = bytes(data)
        upload = await self.media.CreateUpload(
            media_pb2.CreateUploadRequest(
                kind=kind,
                mime_type=mime_type,
                size=len(content),
                sha256=hashlib.sha256(content).hexdigest(),
                file_name=file_name or "",
            )
        )
        await asyncio.to_thread(
            _transfer,
            self._http,
            upload.upload_method or "PUT",
            upload.upload_url,
            upload.upload_headers,
            content,
            timeout,
        )
        completed = await self.media.CompleteUpload(
            media_pb2.CompleteUploadRequest(media_id=upload.media.media_id)
        )
        return completed.media

    async def download_media(self, media_id: str, *, timeout: float = 60.0) -> bytes:
        """Returns the bytes of an uploaded media item: asks GetDownloadUrl for a URL and GETs it.

        The uploader and the members of a conversation it was sent to may download it; anyone
        else gets PERMISSION_DENIED with reason MEDIA_NOT_SHARED (``grpc.aio.AioRpcError``). A
        GET answered with a status other than 2xx raises :class:`~easychat.errors.HTTPError`.
        ``timeout`` is the HTTP socket timeout in seconds.
        """
        download = await self.media.GetDownloadUrl(
            media_pb2.GetDownloadUrlRequest(media_id=media_id)
        )
        data = await asyncio.to_thread(
            _transfer, self._http, "GET", download.url, {}, None, timeout
        )
        if download.media.size and len(data) != download.media.size:
            raise OSError(
                f"download of media {media_id}: got {len(data)} bytes, want {download.media.size}"
            )
        return data

    def chat(self, **options: Any) -> ChatSession:
        """A real-time :class:`~easychat.session.ChatSession` for this client (not started yet)."""
        from easychat.session import ChatSession

        return ChatSession(self, **options)

    async def close(self) -> None:
        """Closes the channel; calls still running are cancelled."""
        await self.channel.close()

    async def __aenter__(self) -> Client:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()


# --- media transfers -------------------------------------------------------------------------
# urllib blocks: the helpers above run it in a thread, off the event loop.

# How much of a refused PUT's or GET's body an HTTPError keeps.
_MAX_ERROR_BODY = 4096


def _transfer(
    opener: urllib.request.OpenerDirector,
    method: str,
    url: str,
    headers: Mapping[str, str],
    body: bytes | None,
    timeout: float,
) -> bytes:
    """Sends one HTTP request and returns the response body; HTTPError unless the status is 2xx."""
    request = urllib.request.Request(url, data=body, headers=dict(headers), method=method)
    try:
        with opener.open(request, timeout=timeout) as response:
            return response.read()
    except urllib.error.HTTPError as error:
        with error:
            detail = error.read(_MAX_ERROR_BODY).decode("utf-8", "replace")
        raise HTTPError(method, error.code, f"{error.code} {error.reason}", detail) from None


# --- authentication --------------------------------------------------------------------------
# grpc.aio has one interceptor interface per call shape; all four add the same header. The token
# is read at call time, so a login after the channel was made applies to every later call.


def _with_token(details: grpc.aio.ClientCallDetails, token: str | None) -> grpc.aio.ClientCallDetails:
    if not token:
        return details  # Register and Login need none
    metadata = grpc.aio.Metadata(*(details.metadata or ()))
    metadata["authorization"] = f"Bearer {token}"
    return details._replace(metadata=metadata)


class _AuthUnaryUnary(grpc.aio.UnaryUnaryClientInterceptor):
    def __init__(self, token: Callable[[], str | None]) -> None:
        self._token = token

    async def intercept_unary_unary(self, continuation, client_call_details, request):  # type: ignore[no-untyped-def]
        return await continuation(_with_token(client_call_details, self._token()), request)


class _AuthUnaryStream(grpc.aio.UnaryStreamClientInterceptor):
    def __init__(self, token: Callable[[], str | None]) -> None:
        self._token = token

    async def intercept_unary_stream(self, continuation, client_call_details, request):  # type: ignore[no-untyped-def]
        return await continuation(_with_token(client_call_details, self._token()), request)


class _AuthStreamUnary(grpc.aio.StreamUnaryClientInterceptor):
    def __init__(self, token: Callable[[], str | None]) -> None:
        self._token = token

    async def intercept_stream_unary(self, continuation, client_call_details, request_iterator):  # type: ignore[no-untyped-def]
        return await continuation(_with_token(client_call_details, self._token()), request_iterator)


class _AuthStreamStream(grpc.aio.StreamStreamClientInterceptor):
    def __init__(self, token: Callable[[], str | None]) -> None:
        self._token = token

    async def intercept_stream_stream(self, continuation, client_call_details, request_iterator):  # type: ignore[no-untyped-def]
        return await continuation(_with_token(client_call_details, self._token()), request_iterator)


def _auth_interceptors(token: Callable[[], str | None]) -> list[grpc.aio.ClientInterceptor]:
    return [
        _AuthUnaryUnary(token),
        _AuthUnaryStream(token),
        _AuthStreamUnary(token),
        _AuthStreamStream(token),
    ]
