"""A logged-in connection to an EasyChat server.

:class:`Client` owns one ``grpc.aio`` channel and the generated stubs on it. Register and Login
store the returned token, and an interceptor adds ``authorization: Bearer <token>`` to every
later call, so the stubs (``client.users``, ``client.social``, ``client.im``) can be used as they
are.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import grpc
import grpc.aio

from easychat.gen._version import __version__
from easychat.gen.im.v1 import im_pb2_grpc
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
    ) -> None:
        """Connects lazily to ``target`` (``host:port``); TLS when ``credentials`` are given.

        ``token`` resumes a login saved earlier; otherwise call :meth:`register` or :meth:`login`.
        """
        self._token = token
        self._user: user_pb2.User | None = None
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
