"""EasyChat SDK: a logged-in gRPC client and a self-healing real-time chat session.

The generated protobuf and gRPC modules live in ``easychat.gen`` (for example
``easychat.gen.im.v1.im_pb2``); :class:`Client` and :class:`ChatSession` are the hand-written
layer on top of them, with :meth:`Client.upload_media`, :meth:`ChatSession.send_media` and
:meth:`Client.download_media` for images, files and voice clips.
"""

from easychat.client import Client, single_conversation_id
from easychat.errors import FrameError, HTTPError, SessionClosedError, error_reason
from easychat.gen._version import __version__
from easychat.session import Backoff, ChatSession, ConnectionState

__all__ = [
    "Backoff",
    "ChatSession",
    "Client",
    "ConnectionState",
    "FrameError",
    "HTTPError",
    "SessionClosedError",
    "__version__",
    "error_reason",
    "single_conversation_id",
]
