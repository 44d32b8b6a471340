import datetime

from easychat.gen.user.v1 import user_pb2 as _user_pb2
from google.api import annotations_pb2 as _annotations_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class RequestState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    REQUEST_STATE_UNSPECIFIED: _ClassVar[RequestState]
    REQUEST_STATE_PENDING: _ClassVar[RequestState]
    REQUEST_STATE_ACCEPTED: _ClassVar[RequestState]
    REQUEST_STATE_REFUSED: _ClassVar[RequestState]

class RequestDirection(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    REQUEST_DIRECTION_UNSPECIFIED: _ClassVar[RequestDirection]
    REQUEST_DIRECTION_INCOMING: _ClassVar[RequestDirection]
    REQUEST_DIRECTION_OUTGOING: _ClassVar[RequestDirection]

class JoinPolicy(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    JOIN_POLICY_UNSPECIFIED: _ClassVar[JoinPolicy]
    JOIN_POLICY_OPEN: _ClassVar[JoinPolicy]
    JOIN_POLICY_APPROVAL_REQUIRED: _ClassVar[JoinPolicy]

class GroupRole(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    GROUP_ROLE_UNSPECIFIED: _ClassVar[GroupRole]
    GROUP_ROLE_OWNER: _ClassVar[GroupRole]
    GROUP_ROLE_MANAGER: _ClassVar[GroupRole]
    GROUP_ROLE_MEMBER: _ClassVar[GroupRole]

class GroupRequestSource(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    GROUP_REQUEST_SOURCE_UNSPECIFIED: _ClassVar[GroupRequestSource]
    GROUP_REQUEST_SOURCE_APPLY: _ClassVar[GroupRequestSource]
    GROUP_REQUEST_SOURCE_INVITE: _ClassVar[GroupRequestSource]
REQUEST_STATE_UNSPECIFIED: RequestState
REQUEST_STATE_PENDING: RequestState
REQUEST_STATE_ACCEPTED: RequestState
REQUEST_STATE_REFUSED: RequestState
REQUEST_DIRECTION_UNSPECIFIED: RequestDirection
REQUEST_DIRECTION_INCOMING: RequestDirection
REQUEST_DIRECTION_OUTGOING: RequestDirection
JOIN_POLICY_UNSPECIFIED: JoinPolicy
JOIN_POLICY_OPEN: JoinPolicy
JOIN_POLICY_APPROVAL_REQUIRED: JoinPolicy
GROUP_ROLE_UNSPECIFIED: GroupRole
GROUP_ROLE_OWNER: GroupRole
GROUP_ROLE_MANAGER: GroupRole
GROUP_ROLE_MEMBER: GroupRole
GROUP_REQUEST_SOURCE_UNSPECIFIED: GroupRequestSource
GROUP_REQUEST_SOURCE_APPLY: GroupRequestSource
GROUP_REQUEST_SOURCE_INVITE: GroupRequestSource

class FriendRequest(_message.Message):
    __slots__ = ("request_id", "from_user", "to_user", "message", "state", "handle_message", "create_time", "handle_time")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    FROM_USER_FIELD_NUMBER: _ClassVar[int]
    TO_USER_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    HANDLE_MESSAGE_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    HANDLE_TIME_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    from_user: _user_pb2.User
    to_user: _user_pb2.User
    message: str
    state: RequestState
    handle_message: str
    create_time: _timestamp_pb2.Timestamp
    handle_time: _timestamp_pb2.Timestamp
    def __init__(self, request_id: _Optional[str] = ..., from_user: _Optional[_Union[_user_pb2.User, _Mapping]] = ..., to_user: _Optional[_Union[_user_pb2.User, _Mapping]] = ..., message: _Optional[str] = ..., state: _Optional[_Union[RequestState, str]] = ..., handle_message: _Optional[str] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., handle_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class Friend(_message.Message):
    __slots__ = ("user", "remark", "online", "conversation_id", "since_time", "last_seen_time")
    USER_FIELD_NUMBER: _ClassVar[int]
    REMARK_FIELD_NUMBER: _ClassVar[int]
    ONLINE_FIELD_NUMBER: _ClassVar[int]
    CONVERSATION_ID_FIELD_NUMBER: _ClassVar[int]
    SINCE_TIME_FIELD_NUMBER: _ClassVar[int]
    LAST_SEEN_TIME_FIELD_NUMBER: _ClassVar[int]
    user: _user_pb2.User
    remark: str
    online: bool
    conversation_id: str
    since_time: _timestamp_pb2.Timestamp
    last_seen_time: _timestamp_pb2.Timestamp
    def __init__(self, user: _Optional[_Union[_user_pb2.User, _Mapping]] = ..., remark: _Optional[str] = ..., online: _Optional[bool] = ..., conversation_id: _Optional[str] = ..., since_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., last_seen_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class Group(_message.Message):
    __slots__ = ("group_id", "name", "icon", "description", "notice", "join_policy", "owner_id", "member_count", "conversation_id", "joined", "my_role", "create_time")
    GROUP_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    ICON_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    NOTICE_FIELD_NUMBER: _ClassVar[int]
    JOIN_POLICY_FIELD_NUMBER: _ClassVar[int]
    OWNER_ID_FIELD_NUMBER: _ClassVar[int]
    MEMBER_COUNT_FIELD_NUMBER: _ClassVar[int]
    CONVERSATION_ID_FIELD_NUMBER: _ClassVar[int]
    JOINED_FIELD_NUMBER: _ClassVar[int]
    MY_ROLE_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    group_id: str
    name: str
    icon: str
    description: str
    notice: str
    join_policy: JoinPolicy
    owner_id: str
    member_count: int
    conversation_id: str
    joined: bool
    my_role: GroupRole
    create_time: _timestamp_pb2.Timestamp
    def __init__(self, group_id: _Optional[str] = ..., name: _Optional[str] = ..., icon: _Optional[str] = ..., description: _Optional[str] = ..., notice: _Optional[str] = ..., join_policy: _Optional[_Union[JoinPolicy, str]] = ..., owner_id: _Optional[str] = ..., member_count: _Optional[int] = ..., conversation_id: _Optional[str] = ..., joined: _Optional[bool] = ..., my_role: _Optional[_Union[GroupRole, str]] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class GroupMember(_message.Message):
    __slots__ = ("user", "role", "online", "muted_until", "join_time")
    USER_FIELD_NUMBER: _ClassVar[int]
    ROLE_FIELD_NUMBER: _ClassVar[int]
    ONLINE_FIELD_NUMBER: _ClassVar[int]
    MUTED_UNTIL_FIELD_NUMBER: _ClassVar[int]
    JOIN_TIME_FIELD_NUMBER: _ClassVar[int]
    user: _user_pb2.User
    role: GroupRole
    online: bool
    muted_until: _timestamp_pb2.Timestamp
    join_time: _timestamp_pb2.Timestamp
    def __init__(self, user: _Optional[_Union[_user_pb2.User, _Mapping]] = ..., role: _Optional[_Union[GroupRole, str]] = ..., online: _Optional[bool] = ..., muted_until: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., join_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class GroupRequest(_message.Message):
    __slots__ = ("request_id", "group_id", "user", "inviter_id", "source", "message", "state", "handler_id", "create_time", "handle_time")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    GROUP_ID_FIELD_NUMBER: _ClassVar[int]
    USER_FIELD_NUMBER: _ClassVar[int]
    INVITER_ID_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    HANDLER_ID_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    HANDLE_TIME_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    group_id: str
    user: _user_pb2.User
    inviter_id: str
    source: GroupRequestSource
    message: str
    state: RequestState
    handler_id: str
    create_time: _timestamp_pb2.Timestamp
    handle_time: _timestamp_pb2.Timestamp
    def __init__(self, request_id: _Optional[str] = ..., group_id: _Optional[str] = ..., user: _Optional[_Union[_user_pb2.User, _Mapping]] = ..., inviter_id: _Optional[str] = ..., source: _Optional[_Union[GroupRequestSource, str]] = ..., message: _Optional[str] = ..., state: _Optional[_Union[RequestState, str]] = ..., handler_id: _Optional[str] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., handle_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class SendFriendRequestRequest(_message.Message):
    __slots__ = ("user_id", "message")
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    user_id: str
    message: str
    def __init__(self, user_id: _Optional[str] = ..., message: _Optional[str] = ...) -> None: ...

class SendFriendRequestResponse(_message.Message):
    __slots__ = ("request",)
    REQUEST_FIELD_NUMBER: _ClassVar[int]
    request: FriendRequest
    def __init__(self, request: _Optional[_Union[FriendRequest, _Mapping]] = ...) -> None: ...

class ListFriendRequestsRequest(_message.Message):
    __slots__ = ("direction", "page_size", "page_token")
    DIRECTION_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    direction: RequestDirection
    page_size: int
    page_token: str
    def __init__(self, direction: _Optional[_Union[RequestDirection, str]] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListFriendRequestsResponse(_message.Message):
    __slots__ = ("requests", "next_page_token")
    REQUESTS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    requests: _containers.RepeatedCompositeFieldContainer[FriendRequest]
    next_page_token: str
    def __init__(self, requests: _Optional[_Iterable[_Union[FriendRequest, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class HandleFriendRequestRequest(_message.Message):
    __slots__ = ("request_id", "accept", "message")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    ACCEPT_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    accept: bool
    message: str
    def __init__(self, request_id: _Optional[str] = ..., accept: _Optional[bool] = ..., message: _Optional[str] = ...) -> None: ...

class HandleFriendRequestResponse(_message.Message):
    __slots__ = ("request",)
    REQUEST_FIELD_NUMBER: _ClassVar[int]
    request: FriendRequest
    def __init__(self, request: _Optional[_Union[FriendRequest, _Mapping]] = ...) -> None: ...

class ListFriendsRequest(_message.Message):
    __slots__ = ("keyword", "page_size", "page_token")
    KEYWORD_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    keyword: str
    page_size: int
    page_token: str
    def __init__(self, keyword: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListFriendsResponse(_message.Message):
    __slots__ = ("friends", "next_page_token")
    FRIENDS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    friends: _containers.RepeatedCompositeFieldContainer[Friend]
    next_page_token: str
    def __init__(self, friends: _Optional[_Iterable[_Union[Friend, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class UpdateFriendRemarkRequest(_message.Message):
    __slots__ = ("user_id", "remark")
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    REMARK_FIELD_NUMBER: _ClassVar[int]
    user_id: str
    remark: str
    def __init__(self, user_id: _Optional[str] = ..., remark: _Optional[str] = ...) -> None: ...

class UpdateFriendRemarkResponse(_message.Message):
    __slots__ = ("friend",)
    FRIEND_FIELD_NUMBER: _ClassVar[int]
    friend: Friend
    def __init__(self, friend: _Optional[_Union[Friend, _Mapping]] = ...) -> None: ...

class DeleteFriendRequest(_message.Message):
    __slots__ = ("user_id",)
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    user_id: str
    def __init__(self, user_id: _Optional[str] = ...) -> None: ...

class DeleteFriendResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class BlockedUser(_message.Message):
    __slots__ = ("user", "block_time")
    USER_FIELD_NUMBER: _ClassVar[int]
    BLOCK_TIME_FIELD_NUMBER: _ClassVar[int]
    user: _user_pb2.User
    block_time: _timestamp_pb2.Timestamp
    def __init__(self, user: _Optional[_Union[_user_pb2.User, _Mapping]] = ..., block_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class BlockUserRequest(_message.Message):
    __slots__ = ("user_id",)
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    user_id: str
    def __init__(self, user_id: _Optional[str] = ...) -> None: ...

class BlockUserResponse(_message.Message):
    __slots__ = ("blocked_user",)
    BLOCKED_USER_FIELD_NUMBER: _ClassVar[int]
    blocked_user: BlockedUser
    def __init__(self, blocked_user: _Optional[_Union[BlockedUser, _Mapping]] = ...) -> None: ...

class UnblockUserRequest(_message.Message):
    __slots__ = ("user_id",)
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    user_id: str
    def __init__(self, user_id: _Optional[str] = ...) -> None: ...

class UnblockUserResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class ListBlockedUsersRequest(_message.Message):
    __slots__ = ("page_size", "page_token")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListBlockedUsersResponse(_message.Message):
    __slots__ = ("blocked_users", "next_page_token")
    BLOCKED_USERS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    blocked_users: _containers.RepeatedCompositeFieldContainer[BlockedUser]
    next_page_token: str
    def __init__(self, blocked_users: _Optional[_Iterable[_Union[BlockedUser, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class CreateGroupRequest(_message.Message):
    __slots__ = ("name", "icon", "description", "member_ids", "join_policy")
    NAME_FIELD_NUMBER: _ClassVar[int]
    ICON_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    MEMBER_IDS_FIELD_NUMBER: _ClassVar[int]
    JOIN_POLICY_FIELD_NUMBER: _ClassVar[int]
    name: str
    icon: str
    description: str
    member_ids: _containers.RepeatedScalarFieldContainer[str]
    join_policy: JoinPolicy
    def __init__(self, name: _Optional[str] = ..., icon: _Optional[str] = ..., description: _Optional[str] = ..., member_ids: _Optional[_Iterable[str]] = ..., join_policy: _Optional[_Union[JoinPolicy, str]] = ...) -> None: ...

class CreateGroupResponse(_message.Message):
    __slots__ = ("group",)
    GROUP_FIELD_NUMBER: _ClassVar[int]
    group: Group
    def __init__(self, group: _Optional[_Union[Group, _Mapping]] = ...) -> None: ...

class GetGroupRequest(_message.Message):
    __slots__ = ("group_id",)
    GROUP_ID_FIELD_NUMBER: _ClassVar[int]
    group_id: str
    def __init__(self, group_id: _Optional[str] = ...) -> None: ...

class GetGroupResponse(_message.Message):
    __slots__ = ("group",)
    GROUP_FIELD_NUMBER: _ClassVar[int]
    group: Group
    def __init__(self, group: _Optional[_Union[Group, _Mapping]] = ...) -> None: ...

class UpdateGroupRequest(_message.Message):
    __slots__ = ("group_id", "name", "icon", "description", "notice", "join_policy")
    GROUP_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    ICON_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    NOTICE_FIELD_NUMBER: _ClassVar[int]
    JOIN_POLICY_FIELD_NUMBER: _ClassVar[int]
    group_id: str
    name: str
    icon: str
    description: str
    notice: str
    join_policy: JoinPolicy
    def __init__(self, group_id: _Optional[str] = ..., name: _Optional[str] = ..., icon: _Optional[str] = ..., description: _Optional[str] = ..., notice: _Optional[str] = ..., join_policy: _Optional[_Union[JoinPolicy, str]] = ...) -> None: ...

class UpdateGroupResponse(_message.Message):
    __slots__ = ("group",)
    GROUP_FIELD_NUMBER: _ClassVar[int]
    group: Group
    def __init__(self, group: _Optional[_Union[Group, _Mapping]] = ...) -> None: ...

class JoinGroupRequest(_message.Message):
    __slots__ = ("group_id", "message")
    GROUP_ID_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    group_id: str
    message: str
    def __init__(self, group_id: _Optional[str] = ..., message: _Optional[str] = ...) -> None: ...

class JoinGroupResponse(_message.Message):
    __slots__ = ("joined", "request")
    JOINED_FIELD_NUMBER: _ClassVar[int]
    REQUEST_FIELD_NUMBER: _ClassVar[int]
    joined: bool
    request: GroupRequest
    def __init__(self, joined: _Optional[bool] = ..., request: _Optional[_Union[GroupRequest, _Mapping]] = ...) -> None: ...

class InviteToGroupRequest(_message.Message):
    __slots__ = ("group_id", "user_ids", "message")
    GROUP_ID_FIELD_NUMBER: _ClassVar[int]
    USER_IDS_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    group_id: str
    user_ids: _containers.RepeatedScalarFieldContainer[str]
    message: str
    def __init__(self, group_id: _Optional[str] = ..., user_ids: _Optional[_Iterable[str]] = ..., message: _Optional[str] = ...) -> None: ...

class InviteToGroupResponse(_message.Message):
    __slots__ = ("joined_user_ids", "requests")
    JOINED_USER_IDS_FIELD_NUMBER: _ClassVar[int]
    REQUESTS_FIELD_NUMBER: _ClassVar[int]
    joined_user_ids: _containers.RepeatedScalarFieldContainer[str]
    requests: _containers.RepeatedCompositeFieldContainer[GroupRequest]
    def __init__(self, joined_user_ids: _Optional[_Iterable[str]] = ..., requests: _Optional[_Iterable[_Union[GroupRequest, _Mapping]]] = ...) -> None: ...

class ListGroupRequestsRequest(_message.Message):
    __slots__ = ("group_id", "page_size", "page_token")
    GROUP_ID_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    group_id: str
    page_size: int
    page_token: str
    def __init__(self, group_id: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListGroupRequestsResponse(_message.Message):
    __slots__ = ("requests", "next_page_token")
    REQUESTS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    requests: _containers.RepeatedCompositeFieldContainer[GroupRequest]
    next_page_token: str
    def __init__(self, requests: _Optional[_Iterable[_Union[GroupRequest, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class HandleGroupRequestRequest(_message.Message):
    __slots__ = ("request_id", "accept", "message")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    ACCEPT_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    accept: bool
    message: str
    def __init__(self, request_id: _Optional[str] = ..., accept: _Optional[bool] = ..., message: _Optional[str] = ...) -> None: ...

class HandleGroupRequestResponse(_message.Message):
    __slots__ = ("request",)
    REQUEST_FIELD_NUMBER: _ClassVar[int]
    request: GroupRequest
    def __init__(self, request: _Optional[_Union[GroupRequest, _Mapping]] = ...) -> None: ...

class ListMyGroupsRequest(_message.Message):
    __slots__ = ("page_size", "page_token")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListMyGroupsResponse(_message.Message):
    __slots__ = ("groups", "next_page_token")
    GROUPS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    groups: _containers.RepeatedCompositeFieldContainer[Group]
    next_page_token: str
    def __init__(self, groups: _Optional[_Iterable[_Union[Group, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class ListGroupMembersRequest(_message.Message):
    __slots__ = ("group_id", "page_size", "page_token")
    GROUP_ID_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    group_id: str
    page_size: int
    page_token: str
    def __init__(self, group_id: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListGroupMembersResponse(_message.Message):
    __slots__ = ("members", "next_page_token")
    MEMBERS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    members: _containers.RepeatedCompositeFieldContainer[GroupMember]
    next_page_token: str
    def __init__(self, members: _Optional[_Iterable[_Union[GroupMember, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class LeaveGroupRequest(_message.Message):
    __slots__ = ("group_id",)
    GROUP_ID_FIELD_NUMBER: _ClassVar[int]
    group_id: str
    def __init__(self, group_id: _Optional[str] = ...) -> None: ...

class LeaveGroupResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class RemoveGroupMemberRequest(_message.Message):
    __slots__ = ("group_id", "user_id")
    GROUP_ID_FIELD_NUMBER: _ClassVar[int]
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    group_id: str
    user_id: str
    def __init__(self, group_id: _Optional[str] = ..., user_id: _Optional[str] = ...) -> None: ...

class RemoveGroupMemberResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class SetMemberRoleRequest(_message.Message):
    __slots__ = ("group_id", "user_id", "role")
    GROUP_ID_FIELD_NUMBER: _ClassVar[int]
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    ROLE_FIELD_NUMBER: _ClassVar[int]
    group_id: str
    user_id: str
    role: GroupRole
    def __init__(self, group_id: _Optional[str] = ..., user_id: _Optional[str] = ..., role: _Optional[_Union[GroupRole, str]] = ...) -> None: ...

class SetMemberRoleResponse(_message.Message):
    __slots__ = ("member",)
    MEMBER_FIELD_NUMBER: _ClassVar[int]
    member: GroupMember
    def __init__(self, member: _Optional[_Union[GroupMember, _Mapping]] = ...) -> None: ...

class TransferGroupOwnershipRequest(_message.Message):
    __slots__ = ("group_id", "user_id")
    GROUP_ID_FIELD_NUMBER: _ClassVar[int]
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    group_id: str
    user_id: str
    def __init__(self, group_id: _Optional[str] = ..., user_id: _Optional[str] = ...) -> None: ...

class TransferGroupOwnershipResponse(_message.Message):
    __slots__ = ("group",)
    GROUP_FIELD_NUMBER: _ClassVar[int]
    group: Group
    def __init__(self, group: _Optional[_Union[Group, _Mapping]] = ...) -> None: ...

class MuteMemberRequest(_message.Message):
    __slots__ = ("group_id", "user_id", "muted_until")
    GROUP_ID_FIELD_NUMBER: _ClassVar[int]
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    MUTED_UNTIL_FIELD_NUMBER: _ClassVar[int]
    group_id: str
    user_id: str
    muted_until: _timestamp_pb2.Timestamp
    def __init__(self, group_id: _Optional[str] = ..., user_id: _Optional[str] = ..., muted_until: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class MuteMemberResponse(_message.Message):
    __slots__ = ("member",)
    MEMBER_FIELD_NUMBER: _ClassVar[int]
    member: GroupMember
    def __init__(self, member: _Optional[_Union[GroupMember, _Mapping]] = ...) -> None: ...

class DissolveGroupRequest(_message.Message):
    __slots__ = ("group_id",)
    GROUP_ID_FIELD_NUMBER: _ClassVar[int]
    group_id: str
    def __init__(self, group_id: _Optional[str] = ...) -> None: ...

class DissolveGroupResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class SearchGroupsRequest(_message.Message):
    __slots__ = ("keyword", "page_size", "page_token")
    KEYWORD_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    keyword: str
    page_size: int
    page_token: str
    def __init__(self, keyword: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class SearchGroupsResponse(_message.Message):
    __slots__ = ("groups", "next_page_token")
    GROUPS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    groups: _containers.RepeatedCompositeFieldContainer[Group]
    next_page_token: str
    def __init__(self, groups: _Optional[_Iterable[_Union[Group, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...
