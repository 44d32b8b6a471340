package easychat

import (
	"context"
	cryptorand "crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"sort"
	"sync"
	"time"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	imv1 "easychat.dev/sdk/go/gen/easychat/im/v1"
	mediav1 "easychat.dev/sdk/go/gen/easychat/media/v1"
)

// maxSyncCursors is the most cursors the server accepts in one SyncRequest.
const maxSyncCursors = 100

// Backoff is the exponential backoff between reconnects and retries.
type Backoff struct {
	Initial    time.Duration // first delay; default 500ms
	Max        time.Duration // cap; default 30s
	Multiplier float64       // growth per attempt; default 2
	// Jitter randomises each delay by up to this fraction (default 0.2), so that clients dropped
	// together (a server restart) do not all come back at the same instant. Negative: none.
	Jitter float64
}

func (b Backoff) withDefaults() Backoff {
	if b.Initial <= 0 {
		b.Initial = 500 * time.Millisecond
	}
	if b.Max <= 0 {
		b.Max = 30 * time.Second
	}
	if b.Multiplier < 1 {
		b.Multiplier = 2
	}
	if b.Jitter == 0 {
		b.Jitter = 0.2
	}
	return b
}

// delays returns a function yielding the successive delays of one series of attempts.
func (b Backoff) delays() func() time.Duration {
	b = b.withDefaults()
	next := b.Initial
	return func() time.Duration {
		d := next
		next = min(time.Duration(float64(next)*b.Multiplier), b.Max)
		if b.Jitter > 0 {
			d = time.Duration(float64(d) * (1 + b.Jitter*(2*rand.Float64()-1)))
		}
		return d
	}
}

// State is where a Session's stream stands; see Session.State and Session.WaitState.
type State int

const (
	// StateConnecting: opening a stream, the first one or the next after one ended.
	StateConnecting State = iota
	// StateConnected: the server said ready; events arrive and requests go out.
	StateConnected
	// StateReconnecting: the stream ended, or could not be opened; waiting out the backoff
	// before the next attempt. Nothing is received meanwhile: what was sent in the time comes
	// by the sync after the reconnect.
	StateReconnecting
	// StateClosed: for good, by Close or because the server refused the session
	// (UNAUTHENTICATED).
	StateClosed
)

func (st State) String() string {
	switch st {
	case StateConnecting:
		return "connecting"
	case StateConnected:
		return "connected"
	case StateReconnecting:
		return "reconnecting"
	case StateClosed:
		return "closed"
	}
	return fmt.Sprintf("State(%d)", int(st))
}

// SessionOptions tune a Session; the zero value is fine.
type SessionOptions struct {
	// Cursors maps conversation ids to the highest seq the caller already has (saved from an
	// earlier session, or Conversation.MaxSeq from ListConversations); those conversations are
	// synced from there. A conversation without a cursor starts at 0: its whole history is
	// delivered the first time the session hears of it.
	Cursors map[string]int64
	// Backoff between reconnects, and between retries of a send the server could not store.
	Backoff Backoff
	// PingInterval is how often the session pings, so that the server does not time an idle
	// session out and a dead connection is noticed; default 30s.
	PingInterval time.Duration
	// AckTimeout is how long to wait for the answer to a frame before writing it again;
	// default 10s.
	AckTimeout time.Duration
	// SyncPageSize is the number of messages per sync batch; 0 lets the server choose.
	SyncPageSize int32
	// Logger receives reconnects and sync details; default slog.Default().
	Logger *slog.Logger
}

// Session is one device's real-time chat session over the Chat stream:
//
//   - it waits for the server's ready frame before anything else;
//   - when the stream ends (network failure, server restart, heartbeat timeout, slow consumer)
//     it reconnects with exponential backoff, except on UNAUTHENTICATED, which no retry fixes;
//   - after every (re)connect it syncs each conversation from the highest seq it delivered, and
//     it delivers every message exactly once, in seq order per conversation, whether pushed,
//     synced, or the ack of its own send (so Next yields the complete timeline);
//   - Send retries with the same client_msg_id until acked: the server stores a message once;
//   - it pings, so that an idle session stays open.
//
// Events come out of Next. All methods are safe for concurrent use.
type Session struct {
	client *Client
	opts   SessionOptions
	log    *slog.Logger

	ctx    context.Context // the session's lifetime; Close cancels it
	cancel context.CancelFunc
	done   chan struct{} // closed when the session ended for good
	runs   sync.WaitGroup
	sendMu sync.Mutex // grpc-go allows one SendMsg at a time per stream

	mu         sync.Mutex
	stream     imv1.ImService_ChatClient // nil while disconnected
	dropStream context.CancelFunc        // ends the current stream
	connected  chan struct{}             // closed while a stream is ready
	pending    map[string]chan *imv1.ChatResponse
	cursors    map[string]int64                   // highest seq delivered per conversation
	held       map[string]map[int64]*imv1.Message // arrived before a gap was filled
	syncs      map[string]map[string]int64        // open sync request -> conversation -> max seq
	gapSyncs   map[string]bool                    // conversations with a gap sync in flight
	events     []*imv1.ServerEvent
	eventsIn   chan struct{} // closed and replaced when events are added
	err        error         // why the session ended
	state      State
	stateIn    chan struct{} // closed and replaced when state changes
	userID     string
	sessionID  string
	reconnects int
}

// OpenSession starts a chat session and waits until the server said ready (retrying with
// backoff until then, or until ctx ends).
func (c *Client) OpenSession(ctx context.Context, opts SessionOptions) (*Session, error) {
	s := newSession(c, opts)
	s.runs.Add(1)
	go s.run()
	if err := s.waitConnected(ctx); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

func newSession(c *Client, opts SessionOptions) *Session {
	if opts.PingInterval <= 0 {
		opts.PingInterval = 30 * time.Second
	}
	if opts.AckTimeout <= 0 {
		opts.AckTimeout = 10 * time.Second
	}
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	s := &Session{
		client:    c,
		opts:      opts,
		log:       opts.Logger,
		done:      make(chan struct{}),
		connected: make(chan struct{}),
		pending:   map[string]chan *imv1.ChatResponse{},
		cursors:   map[string]int64{},
		held:      map[string]map[int64]*imv1.Message{},
		syncs:     map[string]map[string]int64{},
		gapSyncs:  map[string]bool{},
		eventsIn:  make(chan struct{}),
		stateIn:   make(chan struct{}),
	}
	for id, seq := range opts.Cursors {
		s.cursors[id] = seq
	}
	s.ctx, s.cancel = context.WithCancel(context.Background())
	return s
}

// Close ends the session; blocked calls return ErrSessionClosed.
func (s *Session) Close() error {
	s.cancel()
	s.runs.Wait()
	s.end(ErrSessionClosed)
	return nil
}

// Drop breaks the current stream as a network failure would; the session reconnects. Meant for
// tests, and for callers that know the network changed.
func (s *Session) Drop() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.dropStream != nil {
		s.dropStream()
	}
}

// Cursors returns the highest seq delivered per conversation; save it to resume later.
func (s *Session) Cursors() map[string]int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make(map[string]int64, len(s.cursors))
	for id, seq := range s.cursors {
		out[id] = seq
	}
	return out
}

// UserID is the authenticated user, from the ready frame.
func (s *Session) UserID() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.userID
}

// State returns where the session's stream stands now.
func (s *Session) State() State {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.state
}

// WaitState waits until want holds for the session's state and returns that state, or returns
// ctx's error. It looks at the state as it is when it wakes, so a state that lasted only a moment
// may go unseen. Once the state is not StateConnected, the stream it was in is gone: nothing more
// is received from it.
func (s *Session) WaitState(ctx context.Context, want func(State) bool) (State, error) {
	for {
		s.mu.Lock()
		state, changed := s.state, s.stateIn
		s.mu.Unlock()
		if want(state) {
			return state, nil
		}
		select {
		case <-changed:
		case <-ctx.Done():
			return state, ctx.Err()
		}
	}
}

// setState records a new state; with s.mu held.
func (s *Session) setState(state State) {
	if s.state == state || s.state == StateClosed {
		return
	}
	s.state = state
	close(s.stateIn)
	s.stateIn = make(chan struct{})
}

// Reconnects counts how often the stream was opened again after the first time.
func (s *Session) Reconnects() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.reconnects
}

// SendOption adds to a message that Send (or SendText) sends.
type SendOption func(*imv1.SendMessageRequest)

// ReplyTo makes the message a reply to messageID, a message of the same conversation: the
// server fills the stored message's ReplyTo with a quote of it (id, seq, sender, snippet).
// Quoting a recalled message is refused (MESSAGE_RECALLED), one of another conversation too
// (MESSAGE_NOT_FOUND).
func ReplyTo(messageID string) SendOption {
	return func(req *imv1.SendMessageRequest) { req.ReplyToMessageId = messageID }
}

// Mention mentions members of the conversation by user id (at most 50; the sender is left
// out): the stored message's MentionedUserIds lists them, and their conversation is marked
// Mentioned until they read past it. Anyone who is not a member is refused
// (MENTION_NOT_MEMBER).
func Mention(userIDs ...string) SendOption {
	return func(req *imv1.SendMessageRequest) {
		req.MentionUserIds = append(req.MentionUserIds, userIDs...)
	}
}

// MentionAll mentions every member of a group (MentionsAll on the message): the group's owner
// and managers only (MENTION_ALL_NOT_ALLOWED for others), not in a single chat.
func MentionAll() SendOption {
	return func(req *imv1.SendMessageRequest) { req.MentionAll = true }
}

// Send sends a message and returns it as stored (with its seq) once the server acked it. It is
// written again with the same client_msg_id after a reconnect, a lost ack or an UNAVAILABLE
// answer; clientMsgID "" picks a random one. A refusal (not friends, muted, …) is a *FrameError.
// Options: ReplyTo, Mention, MentionAll.
func (s *Session) Send(ctx context.Context, conversationID string, content *imv1.MessageContent, clientMsgID string, opts ...SendOption) (*imv1.Message, error) {
	if clientMsgID == "" {
		clientMsgID = newID()
	}
	send := &imv1.SendMessageRequest{
		ClientMsgId: clientMsgID,
		Target:      &imv1.SendMessageRequest_ConversationId{ConversationId: conversationID},
		Content:     content,
	}
	for _, opt := range opts {
		opt(send)
	}
	resp, err := s.request(ctx, true, func(id string) *imv1.ChatRequest {
		return &imv1.ChatRequest{RequestId: id, Frame: &imv1.ChatRequest_Send{Send: send}}
	})
	if err != nil {
		return nil, err
	}
	message := resp.GetSendResult().GetMessage()
	s.mu.Lock()
	s.accept(message)
	s.mu.Unlock()
	return message, nil
}

// SendText sends a text message; see Send.
func (s *Session) SendText(ctx context.Context, conversationID, text, clientMsgID string, opts ...SendOption) (*imv1.Message, error) {
	content := &imv1.MessageContent{Kind: &imv1.MessageContent_Text{Text: &imv1.TextContent{Text: text}}}
	return s.Send(ctx, conversationID, content, clientMsgID, opts...)
}

// SendMedia sends an upload as an image, file or voice message, by the media's kind, naming its
// media id: the user's own completed upload (UploadMedia), or media already sent to a
// conversation the user is a member of. The server fills in the size, the MIME type and (images)
// the pixel size from the upload, and a file message's name too unless FileName gives one; the
// members of the conversation may then download the media (DownloadMedia). Otherwise as Send:
// clientMsgID "" picks a random one, and a refusal (MEDIA_NOT_FOUND, MEDIA_NOT_UPLOADED,
// MEDIA_NOT_SHARED, …) is a *FrameError. Options: VoiceDuration, FileName, and those of Send.
func (s *Session) SendMedia(ctx context.Context, conversationID string, media *mediav1.Media, clientMsgID string, opts ...SendOption) (*imv1.Message, error) {
	var content *imv1.MessageContent
	switch id := media.GetMediaId(); media.GetKind() {
	case mediav1.MediaKind_MEDIA_KIND_IMAGE:
		content = &imv1.MessageContent{Kind: &imv1.MessageContent_Image{Image: &imv1.ImageContent{MediaId: id}}}
	case mediav1.MediaKind_MEDIA_KIND_FILE:
		content = &imv1.MessageContent{Kind: &imv1.MessageContent_File{File: &imv1.FileContent{MediaId: id}}}
	case mediav1.MediaKind_MEDIA_KIND_VOICE:
		content = &imv1.MessageContent{Kind: &imv1.MessageContent_Voice{Voice: &imv1.VoiceContent{MediaId: id}}}
	default:
		return nil, fmt.Errorf("easychat: media %q of kind %v cannot be sent as a message", id, media.GetKind())
	}
	return s.Send(ctx, conversationID, content, clientMsgID, opts...)
}

// VoiceDuration sets the duration of a voice message (SendMedia of a voice clip); the server
// does not read it from the clip.
func VoiceDuration(d time.Duration) SendOption {
	return func(req *imv1.SendMessageRequest) {
		if voice := req.GetContent().GetVoice(); voice != nil {
			voice.DurationMs = d.Milliseconds()
		}
	}
}

// FileName sets the name a file message shows (SendMedia of a file), instead of the upload's.
func FileName(name string) SendOption {
	return func(req *imv1.SendMessageRequest) {
		if file := req.GetContent().GetFile(); file != nil {
			file.Name = name
		}
	}
}

// Edit replaces the text of a text message the user sent, within the server's edit window, and
// returns the message with its new text and EditTime. Members' sessions get an Edit event.
// Retried until answered, like MarkRead (writing the same text twice is harmless). Refusals
// (EDIT_NOT_ALLOWED, EDIT_WINDOW_PASSED, MESSAGE_RECALLED) are *FrameError.
func (s *Session) Edit(ctx context.Context, messageID, text string) (*imv1.Message, error) {
	edit := &imv1.EditMessageRequest{MessageId: messageID, Text: &imv1.TextContent{Text: text}}
	resp, err := s.request(ctx, true, func(id string) *imv1.ChatRequest {
		return &imv1.ChatRequest{RequestId: id, Frame: &imv1.ChatRequest_Edit{Edit: edit}}
	})
	if err != nil {
		return nil, err
	}
	return resp.GetEditResult().GetMessage(), nil
}

// AddReaction adds the user's emoji reaction to a message and returns the message's reactions
// after it. Idempotent, so retried until answered. Members' sessions get a Reaction event.
func (s *Session) AddReaction(ctx context.Context, messageID, emoji string) ([]*imv1.ReactionCount, error) {
	add := &imv1.AddReactionRequest{MessageId: messageID, Emoji: emoji}
	resp, err := s.request(ctx, true, func(id string) *imv1.ChatRequest {
		return &imv1.ChatRequest{RequestId: id, Frame: &imv1.ChatRequest_AddReaction{AddReaction: add}}
	})
	if err != nil {
		return nil, err
	}
	return resp.GetAddReactionResult().GetReactions(), nil
}

// RemoveReaction takes the user's emoji reaction off a message and returns the message's
// reactions after it. Idempotent, so retried until answered. Members' sessions get a Reaction
// event (Added false).
func (s *Session) RemoveReaction(ctx context.Context, messageID, emoji string) ([]*imv1.ReactionCount, error) {
	remove := &imv1.RemoveReactionRequest{MessageId: messageID, Emoji: emoji}
	resp, err := s.request(ctx, true, func(id string) *imv1.ChatRequest {
		return &imv1.ChatRequest{RequestId: id, Frame: &imv1.ChatRequest_RemoveReaction{RemoveReaction: remove}}
	})
	if err != nil {
		return nil, err
	}
	return resp.GetRemoveReactionResult().GetReactions(), nil
}

// Pin pins a message for every member of its conversation and returns the conversation's
// pinned messages after it, most recently pinned first. In a group only the owner and managers
// may (PIN_NOT_ALLOWED), in a single chat either side; the server keeps a bounded number per
// conversation (TOO_MANY_PINS). Idempotent, so retried until answered. Members' sessions get a
// Pin event.
func (s *Session) Pin(ctx context.Context, messageID string) ([]*imv1.PinnedMessage, error) {
	pin := &imv1.PinMessageRequest{MessageId: messageID}
	resp, err := s.request(ctx, true, func(id string) *imv1.ChatRequest {
		return &imv1.ChatRequest{RequestId: id, Frame: &imv1.ChatRequest_Pin{Pin: pin}}
	})
	if err != nil {
		return nil, err
	}
	return resp.GetPinResult().GetPinnedMessages(), nil
}

// Unpin takes a message's pin off (same permissions as Pin) and returns the conversation's
// pinned messages after it. Idempotent, so retried until answered. Members' sessions get a Pin
// event (Pinned false).
func (s *Session) Unpin(ctx context.Context, messageID string) ([]*imv1.PinnedMessage, error) {
	unpin := &imv1.UnpinMessageRequest{MessageId: messageID}
	resp, err := s.request(ctx, true, func(id string) *imv1.ChatRequest {
		return &imv1.ChatRequest{RequestId: id, Frame: &imv1.ChatRequest_Unpin{Unpin: unpin}}
	})
	if err != nil {
		return nil, err
	}
	return resp.GetUnpinResult().GetPinnedMessages(), nil
}

// MarkRead marks everything up to readSeq read; retried until acked (it is idempotent).
func (s *Session) MarkRead(ctx context.Context, conversationID string, readSeq int64) (*imv1.MarkReadResponse, error) {
	mark := &imv1.MarkReadRequest{ConversationId: conversationID, ReadSeq: readSeq}
	resp, err := s.request(ctx, true, func(id string) *imv1.ChatRequest {
		return &imv1.ChatRequest{RequestId: id, Frame: &imv1.ChatRequest_MarkRead{MarkRead: mark}}
	})
	if err != nil {
		return nil, err
	}
	return resp.GetMarkReadResult(), nil
}

// Typing tells the conversation the user is typing; best effort, never retried.
func (s *Session) Typing(conversationID string) {
	s.mu.Lock()
	stream := s.stream
	s.mu.Unlock()
	if stream != nil {
		_ = s.write(stream, &imv1.ChatRequest{Frame: &imv1.ChatRequest_Typing{
			Typing: &imv1.SendTypingRequest{ConversationId: conversationID},
		}})
	}
}

// Next returns the next event: a message (in seq order), or as they come a read receipt, a
// recall, an edit (the message with its new text), a reaction change, a pin or unpin, typing or
// presence. Once the session has ended and every event before that was read, it returns the
// reason: ErrSessionClosed after Close, or the server's error (say UNAUTHENTICATED when the
// token expired).
func (s *Session) Next(ctx context.Context) (*imv1.ServerEvent, error) {
	for {
		s.mu.Lock()
		if len(s.events) > 0 {
			event := s.events[0]
			s.events[0] = nil
			s.events = s.events[1:]
			s.mu.Unlock()
			return event, nil
		}
		wake, err := s.eventsIn, s.err
		s.mu.Unlock()
		if err != nil {
			return nil, err
		}
		select {
		case <-wake:
		case <-s.done:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
}

// --- the connection loop -----------------------------------------------------------------------

func (s *Session) run() {
	defer s.runs.Done()
	delay := s.opts.Backoff.delays()
	for {
		s.mu.Lock()
		s.setState(StateConnecting)
		s.mu.Unlock()
		wasReady, err := s.runStream()
		if s.ctx.Err() != nil {
			return
		}
		if status.Code(err) == codes.Unauthenticated {
			s.log.Warn("easychat: chat session rejected, not reconnecting", "error", err)
			s.end(fmt.Errorf("easychat: chat session ended: %w", err))
			return
		}
		s.log.Info("easychat: chat stream ended, reconnecting", "error", err)
		s.mu.Lock()
		s.setState(StateReconnecting)
		s.mu.Unlock()
		if wasReady {
			delay = s.opts.Backoff.delays() // the last stream worked: start over small
		}
		select {
		case <-time.After(delay()):
		case <-s.ctx.Done():
			return
		}
	}
}

// runStream runs one Chat stream until it ends; wasReady tells whether it got to ready.
func (s *Session) runStream() (wasReady bool, err error) {
	ctx, cancel := context.WithCancel(s.ctx)
	defer cancel()
	stream, err := s.client.IM.Chat(ctx)
	if err != nil {
		return false, err
	}
	first, err := stream.Recv()
	if err != nil {
		return false, err
	}
	ready := first.GetReady()
	if ready == nil {
		return false, errors.New("easychat: chat stream did not start with ready")
	}

	s.mu.Lock()
	if s.sessionID != "" {
		s.reconnects++
	}
	s.userID, s.sessionID = ready.GetUserId(), ready.GetSessionId()
	s.stream, s.dropStream = stream, cancel
	close(s.connected)
	s.setState(StateConnected)
	conversations := make([]string, 0, len(s.cursors))
	for id := range s.cursors {
		conversations = append(conversations, id)
	}
	s.mu.Unlock()
	defer s.disconnected()

	go s.ping(ctx, stream)
	s.sync(stream, conversations)
	for {
		resp, err := stream.Recv()
		if err == io.EOF {
			return true, nil
		}
		if err != nil {
			return true, err
		}
		s.dispatch(resp)
	}
}

// disconnected forgets the stream that just ended.
func (s *Session) disconnected() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.stream, s.dropStream = nil, nil
	s.connected = make(chan struct{})
	s.setState(StateReconnecting)
	// Answers to frames of the old stream will never come: let their senders retry.
	for id, answer := range s.pending {
		close(answer)
		delete(s.pending, id)
	}
	// Syncs in flight died with the stream; the next connect syncs every conversation.
	clear(s.syncs)
	clear(s.gapSyncs)
}

// ping keeps the stream alive: the server ends one that is silent past its heartbeat timeout,
// and a missing pong is how a dead connection shows.
func (s *Session) ping(ctx context.Context, stream imv1.ImService_ChatClient) {
	ticker := time.NewTicker(s.opts.PingInterval)
	defer ticker.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-ticker.C:
		}
		_, err := s.request(ctx, false, func(id string) *imv1.ChatRequest {
			return &imv1.ChatRequest{RequestId: id, Frame: &imv1.ChatRequest_Ping{Ping: &imv1.Ping{}}}
		})
		if err != nil && ctx.Err() == nil {
			s.log.Info("easychat: no pong, reconnecting", "error", err)
			s.mu.Lock()
			if s.stream == stream {
				s.dropStream()
			}
			s.mu.Unlock()
			return
		}
	}
}

// end records why the session ended, once.
func (s *Session) end(err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.err == nil {
		s.err = err
		close(s.done)
	}
	s.setState(StateClosed)
}

// --- requests and answers ----------------------------------------------------------------------

var errNoAnswer = errors.New("easychat: no answer from the server")

// request writes a frame built for a fresh request_id and waits for its answer. With retry, it
// writes the frame again after a reconnect, a lost answer, or an UNAVAILABLE frame error.
func (s *Session) request(ctx context.Context, retry bool, build func(requestID string) *imv1.ChatRequest) (*imv1.ChatResponse, error) {
	unavailable := s.opts.Backoff.delays()
	for {
		if err := s.waitConnected(ctx); err != nil {
			return nil, err
		}
		id := newID()
		answer := make(chan *imv1.ChatResponse, 1)
		s.mu.Lock()
		stream := s.stream
		if stream != nil {
			s.pending[id] = answer
		}
		s.mu.Unlock()
		if stream == nil {
			continue // disconnected meanwhile: wait for the next stream
		}

		resp, err := s.await(ctx, stream, build(id), answer)
		s.mu.Lock()
		delete(s.pending, id)
		s.mu.Unlock()
		switch {
		case errors.Is(err, errNoAnswer) && retry:
			continue
		case err != nil:
			return nil, err
		}
		if pbErr := resp.GetError(); pbErr != nil {
			frameErr := frameError(pbErr)
			if !retry || frameErr.Code != codes.Unavailable {
				return nil, frameErr
			}
			select { // a backend is down: try again later
			case <-time.After(unavailable()):
			case <-ctx.Done():
				return nil, ctx.Err()
			}
			continue
		}
		return resp, nil
	}
}

// await writes one frame and waits for its answer; errNoAnswer when the stream ended or the
// answer did not come in time.
func (s *Session) await(ctx context.Context, stream imv1.ImService_ChatClient, req *imv1.ChatRequest, answer chan *imv1.ChatResponse) (*imv1.ChatResponse, error) {
	if err := s.write(stream, req); err != nil {
		// The stream broke; wait for the reader to notice rather than spin on it.
		select {
		case <-stream.Context().Done():
		case <-time.After(s.opts.AckTimeout):
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		return nil, errNoAnswer
	}
	timer := time.NewTimer(s.opts.AckTimeout)
	defer timer.Stop()
	select {
	case resp, ok := <-answer:
		if !ok { // closed by disconnected()
			return nil, errNoAnswer
		}
		return resp, nil
	case <-timer.C:
		return nil, errNoAnswer
	case <-ctx.Done():
		return nil, ctx.Err()
	case <-s.done:
		return nil, s.terminalErr()
	}
}

func (s *Session) write(stream imv1.ImService_ChatClient, req *imv1.ChatRequest) error {
	s.sendMu.Lock()
	defer s.sendMu.Unlock()
	return stream.Send(req)
}

func (s *Session) waitConnected(ctx context.Context) error {
	s.mu.Lock()
	connected := s.connected
	s.mu.Unlock()
	select {
	case <-connected:
		return nil
	case <-s.done:
		return s.terminalErr()
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (s *Session) terminalErr() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.err
}

func (s *Session) dispatch(resp *imv1.ChatResponse) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if event := resp.GetEvent(); event != nil {
		if message := event.GetMessage(); message != nil {
			s.accept(message)
		} else {
			s.push(event)
		}
		return
	}
	if floors, ok := s.syncs[resp.GetRequestId()]; ok {
		s.onSyncFrame(resp, floors)
		return
	}
	if answer, ok := s.pending[resp.GetRequestId()]; ok {
		delete(s.pending, resp.GetRequestId())
		answer <- resp // buffered, and only one answer per request is ever taken
	}
}

// --- ordering and sync (all with s.mu held, except sync) -----------------------------------------

// accept takes a message from any source and delivers it once all before it were delivered.
func (s *Session) accept(message *imv1.Message) {
	conversation := message.GetConversationId()
	if message.GetSeq() <= s.cursors[conversation] {
		return // already delivered
	}
	held := s.held[conversation]
	if held == nil {
		held = map[int64]*imv1.Message{}
		s.held[conversation] = held
	}
	if _, ok := held[message.GetSeq()]; !ok {
		held[message.GetSeq()] = message
	}
	s.deliverReady(conversation)
}

func (s *Session) deliverReady(conversation string) {
	held := s.held[conversation]
	last := s.cursors[conversation]
	for {
		message, ok := held[last+1]
		if !ok {
			break
		}
		delete(held, last+1)
		last++
		s.push(&imv1.ServerEvent{Event: &imv1.ServerEvent_Message{Message: message}})
	}
	s.cursors[conversation] = last
	if len(held) == 0 {
		delete(s.held, conversation)
		return
	}
	if s.stream != nil && !s.gapSyncs[conversation] {
		// A message came before one we have not seen: fetch what lies between.
		s.gapSyncs[conversation] = true
		go s.sync(s.stream, []string{conversation})
	}
}

func (s *Session) push(event *imv1.ServerEvent) {
	s.events = append(s.events, event)
	close(s.eventsIn)
	s.eventsIn = make(chan struct{})
}

// sync asks for everything after the cursors of conversations; the answers come as frames.
func (s *Session) sync(stream imv1.ImService_ChatClient, conversations []string) {
	for start := 0; start < len(conversations); start += maxSyncCursors {
		chunk := conversations[start:min(start+maxSyncCursors, len(conversations))]
		id := newID()
		req := &imv1.SyncRequest{PageSize: s.opts.SyncPageSize}
		s.mu.Lock()
		if s.stream != stream {
			s.mu.Unlock()
			return // that stream ended; the next one syncs everything anyway
		}
		s.syncs[id] = map[string]int64{}
		for _, conversation := range chunk {
			req.Cursors = append(req.Cursors, &imv1.SyncCursor{ConversationId: conversation, LastSeq: s.cursors[conversation]})
		}
		s.mu.Unlock()
		if err := s.write(stream, &imv1.ChatRequest{RequestId: id, Frame: &imv1.ChatRequest_Sync{Sync: req}}); err != nil {
			return
		}
	}
}

func (s *Session) onSyncFrame(resp *imv1.ChatResponse, floors map[string]int64) {
	if pbErr := resp.GetError(); pbErr != nil {
		// Refused as a whole (say, a conversation we no longer belong to): nothing more will
		// come; a later push with a gap asks again.
		s.log.Warn("easychat: sync refused", "error", frameError(pbErr))
		delete(s.syncs, resp.GetRequestId())
		for conversation := range floors {
			delete(s.gapSyncs, conversation)
		}
		return
	}
	batch := resp.GetSyncBatch()
	s.log.Debug("easychat: sync batch", "conversation", batch.GetConversationId(),
		"messages", len(batch.GetMessages()), "max_seq", batch.GetMaxSeq())
	for _, message := range batch.GetMessages() {
		s.accept(message)
	}
	floors[batch.GetConversationId()] = max(floors[batch.GetConversationId()], batch.GetMaxSeq())
	if !batch.GetDone() {
		return
	}
	delete(s.syncs, resp.GetRequestId())
	for conversation, maxSeq := range floors {
		delete(s.gapSyncs, conversation)
		s.skipInvisible(conversation, maxSeq)
	}
}

// skipInvisible runs after a finished sync: seqs up to maxSeq that it did not return are hidden
// from this user (deleted or cleared for them), so stop waiting for them.
func (s *Session) skipInvisible(conversation string, maxSeq int64) {
	held := s.held[conversation]
	seqs := make([]int64, 0, len(held))
	for seq := range held {
		if seq <= maxSeq {
			seqs = append(seqs, seq)
		}
	}
	sort.Slice(seqs, func(i, j int) bool { return seqs[i] < seqs[j] })
	for _, seq := range seqs {
		s.push(&imv1.ServerEvent{Event: &imv1.ServerEvent_Message{Message: held[seq]}})
		delete(held, seq)
	}
	s.cursors[conversation] = max(s.cursors[conversation], maxSeq)
	s.deliverReady(conversation)
}

// newID returns a random 128-bit hex id for request_id and client_msg_id.
func newID() string {
	var b [16]byte
	_, _ = cryptorand.Read(b[:])
	return hex.EncodeToString(b[:])
}
