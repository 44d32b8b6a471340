import datetime

from google.api import annotations_pb2 as _annotations_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class ConversationType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    CONVERSATION_TYPE_UNSPECIFIED: _ClassVar[ConversationType]
    CONVERSATION_TYPE_SINGLE: _ClassVar[ConversationType]
    CONVERSATION_TYPE_GROUP: _ClassVar[ConversationType]

class PageDirection(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    PAGE_DIRECTION_UNSPECIFIED: _ClassVar[PageDirection]
    PAGE_DIRECTION_BACKWARD: _ClassVar[PageDirection]
    PAGE_DIRECTION_FORWARD: _ClassVar[PageDirection]
CONVERSATION_TYPE_UNSPECIFIED: ConversationType
CONVERSATION_TYPE_SINGLE: ConversationType
CONVERSATION_TYPE_GROUP: ConversationType
PAGE_DIRECTION_UNSPECIFIED: PageDirection
PAGE_DIRECTION_BACKWARD: PageDirection
PAGE_DIRECTION_FORWARD: PageDirection

class TextContent(_message.Message):
    __slots__ = ("text",)
    TEXT_FIELD_NUMBER: _ClassVar[int]
    text: str
    def __init__(self, text: _Optional[str] = ...) -> None: ...

class ImageContent(_message.Message):
    __slots__ = ("url", "width", "height", "size", "media_id")
    URL_FIELD_NUMBER: _ClassVar[int]
    WIDTH_FIELD_NUMBER: _ClassVar[int]
    HEIGHT_FIELD_NUMBER: _ClassVar[int]
    SIZE_FIELD_NUMBER: _ClassVar[int]
    MEDIA_ID_FIELD_NUMBER: _ClassVar[int]
    url: str
    width: int
    height: int
    size: int
    media_id: str
    def __init__(self, url: _Optional[str] = ..., width: _Optional[int] = ..., height: _Optional[int] = ..., size: _Optional[int] = ..., media_id: _Optional[str] = ...) -> None: ...

class FileContent(_message.Message):
    __slots__ = ("url", "name", "size", "mime_type", "media_id")
    URL_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    SIZE_FIELD_NUMBER: _ClassVar[int]
    MIME_TYPE_FIELD_NUMBER: _ClassVar[int]
    MEDIA_ID_FIELD_NUMBER: _ClassVar[int]
    url: str
    name: str
    size: int
    mime_type: str
    media_id: str
    def __init__(self, url: _Optional[str] = ..., name: _Optional[str] = ..., size: _Optional[int] = ..., mime_type: _Optional[str] = ..., media_id: _Optional[str] = ...) -> None: ...

class VoiceContent(_message.Message):
    __slots__ = ("url", "duration_ms", "media_id")
    URL_FIELD_NUMBER: _ClassVar[int]
    DURATION_MS_FIELD_NUMBER: _ClassVar[int]
    MEDIA_ID_FIELD_NUMBER: _ClassVar[int]
    url: str
    duration_ms: int
    media_id: str
    def __init__(self, url: _Optional[str] = ..., duration_ms: _Optional[int] = ..., media_id: _Optional[str] = ...) -> None: ...

class LocationContent(_message.Message):
    __slots__ = ("latitude", "longitude", "title")
    LATITUDE_FIELD_NUMBER: _ClassVar[int]
    LONGITUDE_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    latitude: float
    longitude: float
    title: str
    def __init__(self, latitude: _Optional[float] = ..., longitude: _Optional[float] = ..., title: _Optional[str] = ...) -> None: ...

class CustomContent(_message.Message):
    __slots__ = ("type", "data")
    TYPE_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    type: str
    data: bytes
    def __init__(self, type: _Optional[str] = ..., data: _Optional[bytes] = ...) -> None: ...

class MessageContent(_message.Message):
    __slots__ = ("text", "image", "file", "voice", "location", "custom")
    TEXT_FIELD_NUMBER: _ClassVar[int]
    IMAGE_FIELD_NUMBER: _ClassVar[int]
    FILE_FIELD_NUMBER: _ClassVar[int]
    VOICE_FIELD_NUMBER: _ClassVar[int]
    LOCATION_FIELD_NUMBER: _ClassVar[int]
    CUSTOM_FIELD_NUMBER: _ClassVar[int]
    text: TextContent
    image: ImageContent
    file: FileContent
    voice: VoiceContent
    location: LocationContent
    custom: CustomContent
    def __init__(self, text: _Optional[_Union[TextContent, _Mapping]] = ..., image: _Optional[_Union[ImageContent, _Mapping]] = ..., file: _Optional[_Union[FileContent, _Mapping]] = ..., voice: _Optional[_Union[VoiceContent, _Mapping]] = ..., location: _Optional[_Union[LocationContent, _Mapping]] = ..., custom: _Optional[_Union[CustomContent, _Mapping]] = ...) -> None: ...

class Message(_message.Message):
    __slots__ = ("message_id", "conversation_id", "conversation_type", "sender_id", "seq", "client_msg_id", "content", "send_time", "recalled", "recalled_by", "recall_time", "reply_to", "edit_time", "reactions", "mentioned_user_ids", "mentions_all")
    MESSAGE_ID_FIELD_NUMBER: _ClassVar[int]
    CONVERSATION_ID_FIELD_NUMBER: _ClassVar[int]
    CONVERSATION_TYPE_FIELD_NUMBER: _ClassVar[int]
    SENDER_ID_FIELD_NUMBER: _ClassVar[int]
    SEQ_FIELD_NUMBER: _ClassVar[int]
    CLIENT_MSG_ID_FIELD_NUMBER: _ClassVar[int]
    CONTENT_FIELD_NUMBER: _ClassVar[int]
    SEND_TIME_FIELD_NUMBER: _ClassVar[int]
    RECALLED_FIELD_NUMBER: _ClassVar[int]
    RECALLED_BY_FIELD_NUMBER: _ClassVar[int]
    RECALL_TIME_FIELD_NUMBER: _ClassVar[int]
    REPLY_TO_FIELD_NUMBER: _ClassVar[int]
    EDIT_TIME_FIELD_NUMBER: _ClassVar[int]
    REACTIONS_FIELD_NUMBER: _ClassVar[int]
    MENTIONED_USER_IDS_FIELD_NUMBER: _ClassVar[int]
    MENTIONS_ALL_FIELD_NUMBER: _ClassVar[int]
    message_id: str
    conversation_id: str
    conversation_type: ConversationType
    sender_id: str
    seq: int
    client_msg_id: str
    content: MessageContent
    send_time: _timestamp_pb2.Timestamp
    recalled: bool
    recalled_by: str
    recall_time: _timestamp_pb2.Timestamp
    reply_to: ReplyTo
    edit_time: _timestamp_pb2.Timestamp
    reactions: _containers.RepeatedCompositeFieldContainer[ReactionCount]
    mentioned_user_ids: _containers.RepeatedScalarFieldContainer[str]
    mentions_all: bool
    def __init__(self, message_id: _Optional[str] = ..., conversation_id: _Optional[str] = ..., conversation_type: _Optional[_Union[ConversationType, str]] = ..., sender_id: _Optional[str] = ..., seq: _Optional[int] = ..., client_msg_id: _Optional[str] = ..., content: _Optional[_Union[MessageContent, _Mapping]] = ..., send_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., recalled: _Optional[bool] = ..., recalled_by: _Optional[str] = ..., recall_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., reply_to: _Optional[_Union[ReplyTo, _Mapping]] = ..., edit_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., reactions: _Optional[_Iterable[_Union[ReactionCount, _Mapping]]] = ..., mentioned_user_ids: _Optional[_Iterable[str]] = ..., mentions_all: _Optional[bool] = ...) -> None: ...

class ReplyTo(_message.Message):
    __slots__ = ("message_id", "seq", "sender_id", "snippet", "recalled")
    MESSAGE_ID_FIELD_NUMBER: _ClassVar[int]
    SEQ_FIELD_NUMBER: _ClassVar[int]
    SENDER_ID_FIELD_NUMBER: _ClassVar[int]
    SNIPPET_FIELD_NUMBER: _ClassVar[int]
    RECALLED_FIELD_NUMBER: _ClassVar[int]
    message_id: str
    seq: int
    sender_id: str
    snippet: str
    recalled: bool
    def __init__(self, message_id: _Optional[str] = ..., seq: _Optional[int] = ..., sender_id: _Optional[str] = ..., snippet: _Optional[str] = ..., recalled: _Optional[bool] = ...) -> None: ...

class ReactionCount(_message.Message):
    __slots__ = ("emoji", "count", "reacted_by_me")
    EMOJI_FIELD_NUMBER: _ClassVar[int]
    COUNT_FIELD_NUMBER: _ClassVar[int]
    REACTED_BY_ME_FIELD_NUMBER: _ClassVar[int]
    emoji: str
    count: int
    reacted_by_me: bool
    def __init__(self, emoji: _Optional[str] = ..., count: _Optional[int] = ..., reacted_by_me: _Optional[bool] = ...) -> None: ...

class Conversation(_message.Message):
    __slots__ = ("conversation_id", "type", "peer_user_id", "group_id", "name", "avatar", "last_message", "max_seq", "read_seq", "unread_count", "hidden", "pinned", "muted", "update_time", "mentioned", "pinned_messages")
    CONVERSATION_ID_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    PEER_USER_ID_FIELD_NUMBER: _ClassVar[int]
    GROUP_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    AVATAR_FIELD_NUMBER: _ClassVar[int]
    LAST_MESSAGE_FIELD_NUMBER: _ClassVar[int]
    MAX_SEQ_FIELD_NUMBER: _ClassVar[int]
    READ_SEQ_FIELD_NUMBER: _ClassVar[int]
    UNREAD_COUNT_FIELD_NUMBER: _ClassVar[int]
    HIDDEN_FIELD_NUMBER: _ClassVar[int]
    PINNED_FIELD_NUMBER: _ClassVar[int]
    MUTED_FIELD_NUMBER: _ClassVar[int]
    UPDATE_TIME_FIELD_NUMBER: _ClassVar[int]
    MENTIONED_FIELD_NUMBER: _ClassVar[int]
    PINNED_MESSAGES_FIELD_NUMBER: _ClassVar[int]
    conversation_id: str
    type: ConversationType
    peer_user_id: str
    group_id: str
    name: str
    avatar: str
    last_message: Message
    max_seq: int
    read_seq: int
    unread_count: int
    hidden: bool
    pinned: bool
    muted: bool
    update_time: _timestamp_pb2.Timestamp
    mentioned: bool
    pinned_messages: _containers.RepeatedCompositeFieldContainer[PinnedMessage]
    def __init__(self, conversation_id: _Optional[str] = ..., type: _Optional[_Union[ConversationType, str]] = ..., peer_user_id: _Optional[str] = ..., group_id: _Optional[str] = ..., name: _Optional[str] = ..., avatar: _Optional[str] = ..., last_message: _Optional[_Union[Message, _Mapping]] = ..., max_seq: _Optional[int] = ..., read_seq: _Optional[int] = ..., unread_count: _Optional[int] = ..., hidden: _Optional[bool] = ..., pinned: _Optional[bool] = ..., muted: _Optional[bool] = ..., update_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., mentioned: _Optional[bool] = ..., pinned_messages: _Optional[_Iterable[_Union[PinnedMessage, _Mapping]]] = ...) -> None: ...

class PinnedMessage(_message.Message):
    __slots__ = ("message", "pinned_by", "pin_time")
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    PINNED_BY_FIELD_NUMBER: _ClassVar[int]
    PIN_TIME_FIELD_NUMBER: _ClassVar[int]
    message: Message
    pinned_by: str
    pin_time: _timestamp_pb2.Timestamp
    def __init__(self, message: _Optional[_Union[Message, _Mapping]] = ..., pinned_by: _Optional[str] = ..., pin_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ListConversationsRequest(_message.Message):
    __slots__ = ("include_hidden", "page_size", "page_token")
    INCLUDE_HIDDEN_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    include_hidden: bool
    page_size: int
    page_token: str
    def __init__(self, include_hidden: _Optional[bool] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListConversationsResponse(_message.Message):
    __slots__ = ("conversations", "next_page_token")
    CONVERSATIONS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    conversations: _containers.RepeatedCompositeFieldContainer[Conversation]
    next_page_token: str
    def __init__(self, conversations: _Optional[_Iterable[_Union[Conversation, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class GetConversationRequest(_message.Message):
    __slots__ = ("conversation_id",)
    CONVERSATION_ID_FIELD_NUMBER: _ClassVar[int]
    conversation_id: str
    def __init__(self, conversation_id: _Optional[str] = ...) -> None: ...

class GetConversationResponse(_message.Message):
    __slots__ = ("conversation",)
    CONVERSATION_FIELD_NUMBER: _ClassVar[int]
    conversation: Conversation
    def __init__(self, conversation: _Optional[_Union[Conversation, _Mapping]] = ...) -> None: ...

class UpdateConversationRequest(_message.Message):
    __slots__ = ("conversation_id", "hidden", "pinned", "muted")
    CONVERSATION_ID_FIELD_NUMBER: _ClassVar[int]
    HIDDEN_FIELD_NUMBER: _ClassVar[int]
    PINNED_FIELD_NUMBER: _ClassVar[int]
    MUTED_FIELD_NUMBER: _ClassVar[int]
    conversation_id: str
    hidden: bool
    pinned: bool
    muted: bool
    def __init__(self, conversation_id: _Optional[str] = ..., hidden: _Optional[bool] = ..., pinned: _Optional[bool] = ..., muted: _Optional[bool] = ...) -> None: ...

class UpdateConversationResponse(_message.Message):
    __slots__ = ("conversation",)
    CONVERSATION_FIELD_NUMBER: _ClassVar[int]
    conversation: Conversation
    def __init__(self, conversation: _Optional[_Union[Conversation, _Mapping]] = ...) -> None: ...

class ListMessagesRequest(_message.Message):
    __slots__ = ("conversation_id", "anchor_seq", "direction", "page_size", "page_token")
    CONVERSATION_ID_FIELD_NUMBER: _ClassVar[int]
    ANCHOR_SEQ_FIELD_NUMBER: _ClassVar[int]
    DIRECTION_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    conversation_id: str
    anchor_seq: int
    direction: PageDirection
    page_size: int
    page_token: str
    def __init__(self, conversation_id: _Optional[str] = ..., anchor_seq: _Optional[int] = ..., direction: _Optional[_Union[PageDirection, str]] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListMessagesResponse(_message.Message):
    __slots__ = ("messages", "next_page_token")
    MESSAGES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    messages: _containers.RepeatedCompositeFieldContainer[Message]
    next_page_token: str
    def __init__(self, messages: _Optional[_Iterable[_Union[Message, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class GetMessageRequest(_message.Message):
    __slots__ = ("message_id",)
    MESSAGE_ID_FIELD_NUMBER: _ClassVar[int]
    message_id: str
    def __init__(self, message_id: _Optional[str] = ...) -> None: ...

class GetMessageResponse(_message.Message):
    __slots__ = ("message",)
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    message: Message
    def __init__(self, message: _Optional[_Union[Message, _Mapping]] = ...) -> None: ...

class SendMessageRequest(_message.Message):
    __slots__ = ("client_msg_id", "conversation_id", "peer_user_id", "group_id", "content", "reply_to_message_id", "mention_user_ids", "mention_all")
    CLIENT_MSG_ID_FIELD_NUMBER: _ClassVar[int]
    CONVERSATION_ID_FIELD_NUMBER: _ClassVar[int]
    PEER_USER_ID_FIELD_NUMBER: _ClassVar[int]
    GROUP_ID_FIELD_NUMBER: _ClassVar[int]
    CONTENT_FIELD_NUMBER: _ClassVar[int]
    REPLY_TO_MESSAGE_ID_FIELD_NUMBER: _ClassVar[int]
    MENTION_USER_IDS_FIELD_NUMBER: _ClassVar[int]
    MENTION_ALL_FIELD_NUMBER: _ClassVar[int]
    client_msg_id: str
    conversation_id: str
    peer_user_id: str
    group_id: str
    content: MessageContent
    reply_to_message_id: str
    mention_user_ids: _containers.RepeatedScalarFieldContainer[str]
    mention_all: bool
    def __init__(self, client_msg_id: _Optional[str] = ..., conversation_id: _Optional[str] = ..., peer_user_id: _Optional[str] = ..., group_id: _Optional[str] = ..., content: _Optional[_Union[MessageContent, _Mapping]] = ..., reply_to_message_id: _Optional[str] = ..., mention_user_ids: _Optional[_Iterable[str]] = ..., mention_all: _Optional[bool] = ...) -> None: ...

class SendMessageResponse(_message.Message):
    __slots__ = ("message", "duplicate")
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    DUPLICATE_FIELD_NUMBER: _ClassVar[int]
    message: Message
    duplicate: bool
    def __init__(self, message: _Optional[_Union[Message, _Mapping]] = ..., duplicate: _Optional[bool] = ...) -> None: ...

class MarkReadRequest(_message.Message):
    __slots__ = ("conversation_id", "read_seq")
    CONVERSATION_ID_FIELD_NUMBER: _ClassVar[int]
    READ_SEQ_FIELD_NUMBER: _ClassVar[int]
    conversation_id: str
    read_seq: int
    def __init__(self, conversation_id: _Optional[str] = ..., read_seq: _Optional[int] = ...) -> None: ...

class MarkReadResponse(_message.Message):
    __slots__ = ("read_seq", "unread_count")
    READ_SEQ_FIELD_NUMBER: _ClassVar[int]
    UNREAD_COUNT_FIELD_NUMBER: _ClassVar[int]
    read_seq: int
    unread_count: int
    def __init__(self, read_seq: _Optional[int] = ..., unread_count: _Optional[int] = ...) -> None: ...

class GetReadReceiptsRequest(_message.Message):
    __slots__ = ("message_id",)
    MESSAGE_ID_FIELD_NUMBER: _ClassVar[int]
    message_id: str
    def __init__(self, message_id: _Optional[str] = ...) -> None: ...

class GetReadReceiptsResponse(_message.Message):
    __slots__ = ("read_user_ids", "unread_user_ids")
    READ_USER_IDS_FIELD_NUMBER: _ClassVar[int]
    UNREAD_USER_IDS_FIELD_NUMBER: _ClassVar[int]
    read_user_ids: _containers.RepeatedScalarFieldContainer[str]
    unread_user_ids: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, read_user_ids: _Optional[_Iterable[str]] = ..., unread_user_ids: _Optional[_Iterable[str]] = ...) -> None: ...

class RecallMessageRequest(_message.Message):
    __slots__ = ("message_id",)
    MESSAGE_ID_FIELD_NUMBER: _ClassVar[int]
    message_id: str
    def __init__(self, message_id: _Optional[str] = ...) -> None: ...

class RecallMessageResponse(_message.Message):
    __slots__ = ("message",)
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    message: Message
    def __init__(self, message: _Optional[_Union[Message, _Mapping]] = ...) -> None: ...

class EditMessageRequest(_message.Message):
    __slots__ = ("message_id", "text")
    MESSAGE_ID_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    message_id: str
    text: TextContent
    def __init__(self, message_id: _Optional[str] = ..., text: _Optional[_Union[TextContent, _Mapping]] = ...) -> None: ...

class EditMessageResponse(_message.Message):
    __slots__ = ("message",)
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    message: Message
    def __init__(self, message: _Optional[_Union[Message, _Mapping]] = ...) -> None: ...

class AddReactionRequest(_message.Message):
    __slots__ = ("message_id", "emoji")
    MESSAGE_ID_FIELD_NUMBER: _ClassVar[int]
    EMOJI_FIELD_NUMBER: _ClassVar[int]
    message_id: str
    emoji: str
    def __init__(self, message_id: _Optional[str] = ..., emoji: _Optional[str] = ...) -> None: ...

class AddReactionResponse(_message.Message):
    __slots__ = ("reactions",)
    REACTIONS_FIELD_NUMBER: _ClassVar[int]
    reactions: _containers.RepeatedCompositeFieldContainer[ReactionCount]
    def __init__(self, reactions: _Optional[_Iterable[_Union[ReactionCount, _Mapping]]] = ...) -> None: ...

class RemoveReactionRequest(_message.Message):
    __slots__ = ("message_id", "emoji")
    MESSAGE_ID_FIELD_NUMBER: _ClassVar[int]
    EMOJI_FIELD_NUMBER: _ClassVar[int]
    message_id: str
    emoji: str
    def __init__(self, message_id: _Optional[str] = ..., emoji: _Optional[str] = ...) -> None: ...

class RemoveReactionResponse(_message.Message):
    __slots__ = ("reactions",)
    REACTIONS_FIELD_NUMBER: _ClassVar[int]
    reactions: _containers.RepeatedCompositeFieldContainer[ReactionCount]
    def __init__(self, reactions: _Optional[_Iterable[_Union[ReactionCount, _Mapping]]] = ...) -> None: ...

class PinMessageRequest(_message.Message):
    __slots__ = ("message_id",)
    MESSAGE_ID_FIELD_NUMBER: _ClassVar[int]
    message_id: str
    def __init__(self, message_id: _Optional[str] = ...) -> None: ...

class PinMessageResponse(_message.Message):
    __slots__ = ("pinned_messages",)
    PINNED_MESSAGES_FIELD_NUMBER: _ClassVar[int]
    pinned_messages: _containers.RepeatedCompositeFieldContainer[PinnedMessage]
    def __init__(self, pinned_messages: _Optional[_Iterable[_Union[PinnedMessage, _Mapping]]] = ...) -> None: ...

class UnpinMessageRequest(_message.Message):
    __slots__ = ("message_id",)
    MESSAGE_ID_FIELD_NUMBER: _ClassVar[int]
    message_id: str
    def __init__(self, message_id: _Optional[str] = ...) -> None: ...

class UnpinMessageResponse(_message.Message):
    __slots__ = ("pinned_messages",)
    PINNED_MESSAGES_FIELD_NUMBER: _ClassVar[int]
    pinned_messages: _containers.RepeatedCompositeFieldContainer[PinnedMessage]
    def __init__(self, pinned_messages: _Optional[_Iterable[_Union[PinnedMessage, _Mapping]]] = ...) -> None: ...

class SearchMessagesRequest(_message.Message):
    __slots__ = ("query", "conversation_id", "page_size", "page_token")
    QUERY_FIELD_NUMBER: _ClassVar[int]
    CONVERSATION_ID_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    query: str
    conversation_id: str
    page_size: int
    page_token: str
    def __init__(self, query: _Optional[str] = ..., conversation_id: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class SearchHit(_message.Message):
    __slots__ = ("message", "snippet", "highlights")
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    SNIPPET_FIELD_NUMBER: _ClassVar[int]
    HIGHLIGHTS_FIELD_NUMBER: _ClassVar[int]
    message: Message
    snippet: str
    highlights: _containers.RepeatedCompositeFieldContainer[TextRange]
    def __init__(self, message: _Optional[_Union[Message, _Mapping]] = ..., snippet: _Optional[str] = ..., highlights: _Optional[_Iterable[_Union[TextRange, _Mapping]]] = ...) -> None: ...

class TextRange(_message.Message):
    __slots__ = ("start", "end")
    START_FIELD_NUMBER: _ClassVar[int]
    END_FIELD_NUMBER: _ClassVar[int]
    start: int
    end: int
    def __init__(self, start: _Optional[int] = ..., end: _Optional[int] = ...) -> None: ...

class SearchMessagesResponse(_message.Message):
    __slots__ = ("hits", "next_page_token")
    HITS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    hits: _containers.RepeatedCompositeFieldContainer[SearchHit]
    next_page_token: str
    def __init__(self, hits: _Optional[_Iterable[_Union[SearchHit, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class DeleteMessagesForMeRequest(_message.Message):
    __slots__ = ("conversation_id", "message_ids")
    CONVERSATION_ID_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_IDS_FIELD_NUMBER: _ClassVar[int]
    conversation_id: str
    message_ids: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, conversation_id: _Optional[str] = ..., message_ids: _Optional[_Iterable[str]] = ...) -> None: ...

class DeleteMessagesForMeResponse(_message.Message):
    __slots__ = ("deleted_count",)
    DELETED_COUNT_FIELD_NUMBER: _ClassVar[int]
    deleted_count: int
    def __init__(self, deleted_count: _Optional[int] = ...) -> None: ...

class ClearConversationForMeRequest(_message.Message):
    __slots__ = ("conversation_id",)
    CONVERSATION_ID_FIELD_NUMBER: _ClassVar[int]
    conversation_id: str
    def __init__(self, conversation_id: _Optional[str] = ...) -> None: ...

class ClearConversationForMeResponse(_message.Message):
    __slots__ = ("cleared_seq",)
    CLEARED_SEQ_FIELD_NUMBER: _ClassVar[int]
    cleared_seq: int
    def __init__(self, cleared_seq: _Optional[int] = ...) -> None: ...

class SendTypingRequest(_message.Message):
    __slots__ = ("conversation_id",)
    CONVERSATION_ID_FIELD_NUMBER: _ClassVar[int]
    conversation_id: str
    def __init__(self, conversation_id: _Optional[str] = ...) -> None: ...

class SendTypingResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class SyncCursor(_message.Message):
    __slots__ = ("conversation_id", "last_seq")
    CONVERSATION_ID_FIELD_NUMBER: _ClassVar[int]
    LAST_SEQ_FIELD_NUMBER: _ClassVar[int]
    conversation_id: str
    last_seq: int
    def __init__(self, conversation_id: _Optional[str] = ..., last_seq: _Optional[int] = ...) -> None: ...

class SyncRequest(_message.Message):
    __slots__ = ("cursors", "page_size")
    CURSORS_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    cursors: _containers.RepeatedCompositeFieldContainer[SyncCursor]
    page_size: int
    def __init__(self, cursors: _Optional[_Iterable[_Union[SyncCursor, _Mapping]]] = ..., page_size: _Optional[int] = ...) -> None: ...

class Ping(_message.Message):
    __slots__ = ("nonce",)
    NONCE_FIELD_NUMBER: _ClassVar[int]
    nonce: int
    def __init__(self, nonce: _Optional[int] = ...) -> None: ...

class Pong(_message.Message):
    __slots__ = ("nonce", "server_time")
    NONCE_FIELD_NUMBER: _ClassVar[int]
    SERVER_TIME_FIELD_NUMBER: _ClassVar[int]
    nonce: int
    server_time: _timestamp_pb2.Timestamp
    def __init__(self, nonce: _Optional[int] = ..., server_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ChatRequest(_message.Message):
    __slots__ = ("request_id", "send", "mark_read", "recall", "typing", "sync", "ping", "edit", "add_reaction", "remove_reaction", "pin", "unpin")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    SEND_FIELD_NUMBER: _ClassVar[int]
    MARK_READ_FIELD_NUMBER: _ClassVar[int]
    RECALL_FIELD_NUMBER: _ClassVar[int]
    TYPING_FIELD_NUMBER: _ClassVar[int]
    SYNC_FIELD_NUMBER: _ClassVar[int]
    PING_FIELD_NUMBER: _ClassVar[int]
    EDIT_FIELD_NUMBER: _ClassVar[int]
    ADD_REACTION_FIELD_NUMBER: _ClassVar[int]
    REMOVE_REACTION_FIELD_NUMBER: _ClassVar[int]
    PIN_FIELD_NUMBER: _ClassVar[int]
    UNPIN_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    send: SendMessageRequest
    mark_read: MarkReadRequest
    recall: RecallMessageRequest
    typing: SendTypingRequest
    sync: SyncRequest
    ping: Ping
    edit: EditMessageRequest
    add_reaction: AddReactionRequest
    remove_reaction: RemoveReactionRequest
    pin: PinMessageRequest
    unpin: UnpinMessageRequest
    def __init__(self, request_id: _Optional[str] = ..., send: _Optional[_Union[SendMessageRequest, _Mapping]] = ..., mark_read: _Optional[_Union[MarkReadRequest, _Mapping]] = ..., recall: _Optional[_Union[RecallMessageRequest, _Mapping]] = ..., typing: _Optional[_Union[SendTypingRequest, _Mapping]] = ..., sync: _Optional[_Union[SyncRequest, _Mapping]] = ..., ping: _Optional[_Union[Ping, _Mapping]] = ..., edit: _Optional[_Union[EditMessageRequest, _Mapping]] = ..., add_reaction: _Optional[_Union[AddReactionRequest, _Mapping]] = ..., remove_reaction: _Optional[_Union[RemoveReactionRequest, _Mapping]] = ..., pin: _Optional[_Union[PinMessageRequest, _Mapping]] = ..., unpin: _Optional[_Union[UnpinMessageRequest, _Mapping]] = ...) -> None: ...

class FrameError(_message.Message):
    __slots__ = ("code", "message", "reason")
    CODE_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    code: int
    message: str
    reason: str
    def __init__(self, code: _Optional[int] = ..., message: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class SyncBatch(_message.Message):
    __slots__ = ("conversation_id", "messages", "max_seq", "done")
    CONVERSATION_ID_FIELD_NUMBER: _ClassVar[int]
    MESSAGES_FIELD_NUMBER: _ClassVar[int]
    MAX_SEQ_FIELD_NUMBER: _ClassVar[int]
    DONE_FIELD_NUMBER: _ClassVar[int]
    conversation_id: str
    messages: _containers.RepeatedCompositeFieldContainer[Message]
    max_seq: int
    done: bool
    def __init__(self, conversation_id: _Optional[str] = ..., messages: _Optional[_Iterable[_Union[Message, _Mapping]]] = ..., max_seq: _Optional[int] = ..., done: _Optional[bool] = ...) -> None: ...

class ReadReceiptEvent(_message.Message):
    __slots__ = ("conversation_id", "positions")
    CONVERSATION_ID_FIELD_NUMBER: _ClassVar[int]
    POSITIONS_FIELD_NUMBER: _ClassVar[int]
    conversation_id: str
    positions: _containers.RepeatedCompositeFieldContainer[ReadPosition]
    def __init__(self, conversation_id: _Optional[str] = ..., positions: _Optional[_Iterable[_Union[ReadPosition, _Mapping]]] = ...) -> None: ...

class ReadPosition(_message.Message):
    __slots__ = ("user_id", "read_seq")
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    READ_SEQ_FIELD_NUMBER: _ClassVar[int]
    user_id: str
    read_seq: int
    def __init__(self, user_id: _Optional[str] = ..., read_seq: _Optional[int] = ...) -> None: ...

class RecallEvent(_message.Message):
    __slots__ = ("message",)
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    message: Message
    def __init__(self, message: _Optional[_Union[Message, _Mapping]] = ...) -> None: ...

class EditEvent(_message.Message):
    __slots__ = ("message",)
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    message: Message
    def __init__(self, message: _Optional[_Union[Message, _Mapping]] = ...) -> None: ...

class ReactionEvent(_message.Message):
    __slots__ = ("conversation_id", "message_id", "seq", "user_id", "emoji", "added", "reactions")
    CONVERSATION_ID_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_ID_FIELD_NUMBER: _ClassVar[int]
    SEQ_FIELD_NUMBER: _ClassVar[int]
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    EMOJI_FIELD_NUMBER: _ClassVar[int]
    ADDED_FIELD_NUMBER: _ClassVar[int]
    REACTIONS_FIELD_NUMBER: _ClassVar[int]
    conversation_id: str
    message_id: str
    seq: int
    user_id: str
    emoji: str
    added: bool
    reactions: _containers.RepeatedCompositeFieldContainer[ReactionCount]
    def __init__(self, conversation_id: _Optional[str] = ..., message_id: _Optional[str] = ..., seq: _Optional[int] = ..., user_id: _Optional[str] = ..., emoji: _Optional[str] = ..., added: _Optional[bool] = ..., reactions: _Optional[_Iterable[_Union[ReactionCount, _Mapping]]] = ...) -> None: ...

class PinEvent(_message.Message):
    __slots__ = ("conversation_id", "message_id", "seq", "pinned", "user_id")
    CONVERSATION_ID_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_ID_FIELD_NUMBER: _ClassVar[int]
    SEQ_FIELD_NUMBER: _ClassVar[int]
    PINNED_FIELD_NUMBER: _ClassVar[int]
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    conversation_id: str
    message_id: str
    seq: int
    pinned: bool
    user_id: str
    def __init__(self, conversation_id: _Optional[str] = ..., message_id: _Optional[str] = ..., seq: _Optional[int] = ..., pinned: _Optional[bool] = ..., user_id: _Optional[str] = ...) -> None: ...

class TypingEvent(_message.Message):
    __slots__ = ("conversation_id", "user_id")
    CONVERSATION_ID_FIELD_NUMBER: _ClassVar[int]
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    conversation_id: str
    user_id: str
    def __init__(self, conversation_id: _Optional[str] = ..., user_id: _Optional[str] = ...) -> None: ...

class PresenceEvent(_message.Message):
    __slots__ = ("user_id", "online", "last_seen_time")
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    ONLINE_FIELD_NUMBER: _ClassVar[int]
    LAST_SEEN_TIME_FIELD_NUMBER: _ClassVar[int]
    user_id: str
    online: bool
    last_seen_time: _timestamp_pb2.Timestamp
    def __init__(self, user_id: _Optional[str] = ..., online: _Optional[bool] = ..., last_seen_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class SessionReady(_message.Message):
    __slots__ = ("session_id", "user_id")
    SESSION_ID_FIELD_NUMBER: _ClassVar[int]
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    session_id: str
    user_id: str
    def __init__(self, session_id: _Optional[str] = ..., user_id: _Optional[str] = ...) -> None: ...

class ServerEvent(_message.Message):
    __slots__ = ("message", "read_receipt", "recall", "typing", "presence", "edit", "reaction", "pin")
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    READ_RECEIPT_FIELD_NUMBER: _ClassVar[int]
    RECALL_FIELD_NUMBER: _ClassVar[int]
    TYPING_FIELD_NUMBER: _ClassVar[int]
    PRESENCE_FIELD_NUMBER: _ClassVar[int]
    EDIT_FIELD_NUMBER: _ClassVar[int]
    REACTION_FIELD_NUMBER: _ClassVar[int]
    PIN_FIELD_NUMBER: _ClassVar[int]
    message: Message
    read_receipt: ReadReceiptEvent
    recall: RecallEvent
    typing: TypingEvent
    presence: PresenceEvent
    edit: EditEvent
    reaction: ReactionEvent
    pin: PinEvent
    def __init__(self, message: _Optional[_Union[Message, _Mapping]] = ..., read_receipt: _Optional[_Union[ReadReceiptEvent, _Mapping]] = ..., recall: _Optional[_Union[RecallEvent, _Mapping]] = ..., typing: _Optional[_Union[TypingEvent, _Mapping]] = ..., presence: _Optional[_Union[PresenceEvent, _Mapping]] = ..., edit: _Optional[_Union[EditEvent, _Mapping]] = ..., reaction: _Optional[_Union[ReactionEvent, _Mapping]] = ..., pin: _Optional[_Union[PinEvent, _Mapping]] = ...) -> None: ...

class ChatResponse(_message.Message):
    __slots__ = ("request_id", "ready", "error", "send_result", "mark_read_result", "recall_result", "sync_batch", "pong", "event", "edit_result", "add_reaction_result", "remove_reaction_result", "pin_result", "unpin_result")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    READY_FIELD_NUMBER: _ClassVar[int]
    ERROR_FIELD_NUMBER: _ClassVar[int]
    SEND_RESULT_FIELD_NUMBER: _ClassVar[int]
    MARK_READ_RESULT_FIELD_NUMBER: _ClassVar[int]
    RECALL_RESULT_FIELD_NUMBER: _ClassVar[int]
    SYNC_BATCH_FIELD_NUMBER: _ClassVar[int]
    PONG_FIELD_NUMBER: _ClassVar[int]
    EVENT_FIELD_NUMBER: _ClassVar[int]
    EDIT_RESULT_FIELD_NUMBER: _ClassVar[int]
    ADD_REACTION_RESULT_FIELD_NUMBER: _ClassVar[int]
    REMOVE_REACTION_RESULT_FIELD_NUMBER: _ClassVar[int]
    PIN_RESULT_FIELD_NUMBER: _ClassVar[int]
    UNPIN_RESULT_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    ready: SessionReady
    error: FrameError
    send_result: SendMessageResponse
    mark_read_result: MarkReadResponse
    recall_result: RecallMessageResponse
    sync_batch: SyncBatch
    pong: Pong
    event: ServerEvent
    edit_result: EditMessageResponse
    add_reaction_result: AddReactionResponse
    remove_reaction_result: RemoveReactionResponse
    pin_result: PinMessageResponse
    unpin_result: UnpinMessageResponse
    def __init__(self, request_id: _Optional[str] = ..., ready: _Optional[_Union[SessionReady, _Mapping]] = ..., error: _Optional[_Union[FrameError, _Mapping]] = ..., send_result: _Optional[_Union[SendMessageResponse, _Mapping]] = ..., mark_read_result: _Optional[_Union[MarkReadResponse, _Mapping]] = ..., recall_result: _Optional[_Union[RecallMessageResponse, _Mapping]] = ..., sync_batch: _Optional[_Union[SyncBatch, _Mapping]] = ..., pong: _Optional[_Union[Pong, _Mapping]] = ..., event: _Optional[_Union[ServerEvent, _Mapping]] = ..., edit_result: _Optional[_Union[EditMessageResponse, _Mapping]] = ..., add_reaction_result: _Optional[_Union[AddReactionResponse, _Mapping]] = ..., remove_reaction_result: _Optional[_Union[RemoveReactionResponse, _Mapping]] = ..., pin_result: _Optional[_Union[PinMessageResponse, _Mapping]] = ..., unpin_result: _Optional[_Union[UnpinMessageResponse, _Mapping]] = ...) -> None: ...

class SubscribeRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class Heartbeat(_message.Message):
    __slots__ = ("server_time",)
    SERVER_TIME_FIELD_NUMBER: _ClassVar[int]
    server_time: _timestamp_pb2.Timestamp
    def __init__(self, server_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class SubscribeResponse(_message.Message):
    __slots__ = ("ready", "event", "heartbeat")
    READY_FIELD_NUMBER: _ClassVar[int]
    EVENT_FIELD_NUMBER: _ClassVar[int]
    HEARTBEAT_FIELD_NUMBER: _ClassVar[int]
    ready: SessionReady
    event: ServerEvent
    heartbeat: Heartbeat
    def __init__(self, ready: _Optional[_Union[SessionReady, _Mapping]] = ..., event: _Optional[_Union[ServerEvent, _Mapping]] = ..., heartbeat: _Optional[_Union[Heartbeat, _Mapping]] = ...) -> None: ...
