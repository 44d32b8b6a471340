package easychat_test

// End-to-end tests against a live server at EASYCHAT_ADDR (host:port), run by
// sdk-gen/langs/go-test.sh, which sdk-gen/test-all calls with a fresh server. Each test registers
// its own users, so tests are independent of each other and of earlier runs.

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"os"
	"slices"
	"testing"
	"time"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	easychat "easychat.dev/sdk/go"
	imv1 "easychat.dev/sdk/go/gen/easychat/im/v1"
	mediav1 "easychat.dev/sdk/go/gen/easychat/media/v1"
	socialv1 "easychat.dev/sdk/go/gen/easychat/social/v1"
	userv1 "easychat.dev/sdk/go/gen/easychat/user/v1"
)

const password = "correct horse battery staple"

// eventTimeout is generous: the server may share a 2-core machine with builds.
const eventTimeout = 15 * time.Second

func serverAddr(t *testing.T) string {
	t.Helper()
	addr := os.Getenv("EASYCHAT_ADDR")
	if addr == "" {
		t.Fatal("EASYCHAT_ADDR is not set: run sdk-gen/test-all, or start `easychat serve` and export EASYCHAT_ADDR=host:port")
	}
	return addr
}

func testContext(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	t.Cleanup(cancel)
	return ctx
}

func randomPhone() string {
	return fmt.Sprintf("+86%011d", rand.Int64N(1e11))
}

func dial(t *testing.T) *easychat.Client {
	t.Helper()
	client, err := easychat.Dial(serverAddr(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { client.Close() })
	return client
}

func registered(t *testing.T, ctx context.Context, nickname string) *easychat.Client {
	t.Helper()
	return register(t, ctx, dial(t), nickname)
}

// register registers a new user with client.
func register(t *testing.T, ctx context.Context, client *easychat.Client, nickname string) *easychat.Client {
	t.Helper()
	if _, err := client.Register(ctx, &userv1.RegisterRequest{Phone: randomPhone(), Password: password, Nickname: nickname}); err != nil {
		t.Fatalf("register %s: %v", nickname, err)
	}
	return client
}

// friends registers two users, makes them friends and returns their conversation id.
func friends(t *testing.T, ctx context.Context) (alice, bob *easychat.Client, conversation string) {
	t.Helper()
	alice, bob = registered(t, ctx, "alice"), registered(t, ctx, "bob")
	return alice, bob, befriend(t, ctx, alice, bob)
}

// befriend makes two users friends and returns their conversation id.
func befriend(t *testing.T, ctx context.Context, alice, bob *easychat.Client) (conversation string) {
	t.Helper()
	sent, err := alice.Social.SendFriendRequest(ctx, &socialv1.SendFriendRequestRequest{UserId: bob.UserID(), Message: "hi, it's alice"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := bob.Social.HandleFriendRequest(ctx, &socialv1.HandleFriendRequestRequest{RequestId: sent.GetRequest().GetRequestId(), Accept: true}); err != nil {
		t.Fatal(err)
	}
	return easychat.SingleConversationID(alice.UserID(), bob.UserID())
}

func open(t *testing.T, ctx context.Context, client *easychat.Client, opts easychat.SessionOptions) *easychat.Session {
	t.Helper()
	session, err := client.OpenSession(ctx, opts)
	if err != nil {
		t.Fatalf("open session: %v", err)
	}
	t.Cleanup(func() { session.Close() })
	return session
}

// nextEvent returns the next event of one kind ("message", "read_receipt"), skipping others.
func nextEvent(t *testing.T, session *easychat.Session, want func(*imv1.ServerEvent) bool) *imv1.ServerEvent {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), eventTimeout)
	defer cancel()
	for {
		event, err := session.Next(ctx)
		if err != nil {
			t.Fatalf("waiting for an event: %v", err)
		}
		if want(event) {
			return event
		}
	}
}

func nextMessages(t *testing.T, session *easychat.Session, count int) []*imv1.Message {
	t.Helper()
	var messages []*imv1.Message
	for len(messages) < count {
		ctx, cancel := context.WithTimeout(context.Background(), eventTimeout)
		event, err := session.Next(ctx)
		cancel()
		if err != nil {
			t.Fatalf("waiting for message %d of %d (got seqs %v; session %v): %v",
				len(messages)+1, count, seqs(messages), session.State(), err)
		}
		if m := event.GetMessage(); m != nil {
			messages = append(messages, m)
		}
	}
	return messages
}

// assertNoMoreMessages checks that nothing more reaches session: sender sends a marker now, and it
// must be the next message (a session's events come in order, so a late duplicate would come
// before it).
func assertNoMoreMessages(t *testing.T, session, sender *easychat.Session, conversation string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), eventTimeout)
	defer cancel()
	marker, err := sender.SendText(ctx, conversation, "marker", "")
	if err != nil {
		t.Fatal(err)
	}
	got := nextMessages(t, session, 1)[0]
	if got.GetMessageId() != marker.GetMessageId() {
		t.Fatalf("unexpected extra message before the marker: seq %d", got.GetSeq())
	}
}

func seqs(messages []*imv1.Message) []int64 {
	var out []int64
	for _, m := range messages {
		out = append(out, m.GetSeq())
	}
	return out
}

func texts(messages []*imv1.Message) []string {
	var out []string
	for _, m := range messages {
		out = append(out, m.GetContent().GetText().GetText())
	}
	return out
}

func TestRegisterLoginAndToken(t *testing.T) {
	ctx := testContext(t)
	phone := randomPhone()
	first := dial(t)
	user, err := first.Register(ctx, &userv1.RegisterRequest{Phone: phone, Password: password, Nickname: "carol"})
	if err != nil {
		t.Fatal(err)
	}
	me, err := first.Users.GetMe(ctx, &userv1.GetMeRequest{})
	if err != nil || me.GetUser().GetPhone() != phone {
		t.Fatalf("GetMe = %v, %v", me, err)
	}

	second := dial(t)
	again, err := second.Login(ctx, phone, password)
	if err != nil || again.GetUserId() != user.GetUserId() {
		t.Fatalf("Login = %v, %v", again, err)
	}
	// A saved token resumes the login without the password.
	resumed := dial(t)
	resumed.SetToken(second.Token())
	if me, err := resumed.Users.GetMe(ctx, &userv1.GetMeRequest{}); err != nil || me.GetUser().GetUserId() != user.GetUserId() {
		t.Fatalf("GetMe with a saved token = %v, %v", me, err)
	}

	anonymous := dial(t)
	_, err = anonymous.Users.GetMe(ctx, &userv1.GetMeRequest{})
	if status.Code(err) != codes.Unauthenticated || easychat.ErrorReason(err) != "TOKEN_MISSING" {
		t.Fatalf("GetMe without a token: %v (reason %q)", err, easychat.ErrorReason(err))
	}
	_, err = anonymous.Login(ctx, phone, "wrong password!")
	if easychat.ErrorReason(err) != "BAD_CREDENTIALS" {
		t.Fatalf("Login with a wrong password: %v", err)
	}
	if easychat.Version == "" {
		t.Fatal("no SDK version")
	}
}

func TestChatBothWaysInRealTime(t *testing.T) {
	ctx := testContext(t)
	alice, bob, conversation := friends(t, ctx)
	listed, err := alice.Social.ListFriends(ctx, &socialv1.ListFriendsRequest{})
	if err != nil || len(listed.GetFriends()) != 1 || listed.GetFriends()[0].GetConversationId() != conversation {
		t.Fatalf("ListFriends = %v, %v; want conversation %s", listed, err, conversation)
	}
	a := open(t, ctx, alice, easychat.SessionOptions{})
	b := open(t, ctx, bob, easychat.SessionOptions{})
	if a.UserID() != alice.UserID() || b.UserID() != bob.UserID() {
		t.Fatal("sessions are not for their users")
	}
	if a.State() != easychat.StateConnected {
		t.Fatalf("an open session is %v", a.State())
	}

	var sent []*imv1.Message
	for i := range 3 {
		m, err := a.SendText(ctx, conversation, fmt.Sprintf("hello %d", i), "")
		if err != nil {
			t.Fatal(err)
		}
		sent = append(sent, m)
	}
	if got := seqs(sent); !slices.Equal(got, []int64{1, 2, 3}) {
		t.Fatalf("sent seqs %v", got)
	}
	got := nextMessages(t, b, 3)
	if !slices.Equal(texts(got), []string{"hello 0", "hello 1", "hello 2"}) || !slices.Equal(seqs(got), []int64{1, 2, 3}) {
		t.Fatalf("bob got %v %v", texts(got), seqs(got))
	}
	for _, m := range got {
		if m.GetSenderId() != alice.UserID() {
			t.Fatalf("sender %s, want alice", m.GetSenderId())
		}
	}
	// The sender's own stream holds its acked messages too: one complete timeline.
	if own := seqs(nextMessages(t, a, 3)); !slices.Equal(own, []int64{1, 2, 3}) {
		t.Fatalf("alice's own timeline %v", own)
	}

	for _, text := range []string{"hi alice", "how are you?"} {
		if _, err := b.SendText(ctx, conversation, text, ""); err != nil {
			t.Fatal(err)
		}
	}
	got = nextMessages(t, a, 2)
	if !slices.Equal(texts(got), []string{"hi alice", "how are you?"}) || !slices.Equal(seqs(got), []int64{4, 5}) {
		t.Fatalf("alice got %v %v", texts(got), seqs(got))
	}
	if cursors := a.Cursors(); len(cursors) != 1 || cursors[conversation] != 5 {
		t.Fatalf("cursors %v", cursors)
	}
	a.Close()
	if a.State() != easychat.StateClosed {
		t.Fatalf("a closed session is %v", a.State())
	}
}

// wantTimeline fails unless messages are seqs 1..len(want) with the texts of want, in order.
func wantTimeline(t *testing.T, who string, messages []*imv1.Message, firstSeq int64, want []string) {
	t.Helper()
	var wantSeqs []int64
	for i := range want {
		wantSeqs = append(wantSeqs, firstSeq+int64(i))
	}
	if !slices.Equal(seqs(messages), wantSeqs) || !slices.Equal(texts(messages), want) {
		t.Fatalf("%s: seqs %v texts %v; want seqs %v (every seq exactly once, in order) texts %v",
			who, seqs(messages), texts(messages), wantSeqs, want)
	}
}

func TestReconnectSyncsWithoutGaps(t *testing.T) {
	ctx := testContext(t)
	alice, bob, conversation := friends(t, ctx)
	// Alice's session goes through a proxy, so that the test can take her network away: while it
	// is cut her session cannot reconnect, so bob's messages certainly land while she is away,
	// and only the sync after her reconnect can bring them.
	proxy := newTCPProxy(t, serverAddr(t))
	aliceViaProxy := dialAt(t, proxy.Addr())
	aliceViaProxy.SetToken(alice.Token())
	a := open(t, ctx, aliceViaProxy, easychat.SessionOptions{Backoff: fastBackoff})
	b := open(t, ctx, bob, easychat.SessionOptions{})

	if _, err := b.SendText(ctx, conversation, "before", ""); err != nil {
		t.Fatal(err)
	}
	if got := seqs(nextMessages(t, a, 1)); !slices.Equal(got, []int64{1}) {
		t.Fatalf("first message seq %v", got)
	}

	proxy.cut()
	waitAway(t, a, "alice")
	var want []string
	for i := range 5 {
		text := fmt.Sprintf("while away %d", i)
		want = append(want, text)
		if _, err := b.SendText(ctx, conversation, text, ""); err != nil {
			t.Fatal(err)
		}
	}
	if state := a.State(); state == easychat.StateConnected {
		t.Fatal("alice's session got through the cut")
	}
	proxy.restore()
	wantTimeline(t, "alice after the reconnect", nextMessages(t, a, 5), 2, want)
	if n := a.Reconnects(); n != 1 {
		t.Fatalf("reconnects = %d, want 1", n)
	}

	// Live pushes work again on the new stream.
	if _, err := b.SendText(ctx, conversation, "welcome back", ""); err != nil {
		t.Fatal(err)
	}
	if got := texts(nextMessages(t, a, 1)); !slices.Equal(got, []string{"welcome back"}) {
		t.Fatalf("after reconnect, live: %v", got)
	}
	assertNoMoreMessages(t, a, b, conversation)
}

// The server is SIGKILLed while bob sends, with several sends in flight, and restarted on the
// same port and data directory; three times. Bob's session reconnects by itself and its Send
// retries each unacked message with the same client_msg_id, so the history holds each send
// exactly once, even one stored just before a kill whose ack never went out. Alice is cut off
// from the first kill until bob is done: her session reconnects by itself and catches up on
// everything from the restarted server. Every send must be acked once, the acked seqs must be
// 1..n without a gap, and both timelines must be exactly the acked messages, in seq order.
func TestServerKilledAndRestartedWhilePeerSends(t *testing.T) {
	ctx := testContext(t)
	server := startServerProcess(t)
	alice := register(t, ctx, dialAt(t, server.addr), "alice")
	bob := register(t, ctx, dialAt(t, server.addr), "bob")
	conversation := befriend(t, ctx, alice, bob)
	proxy := newTCPProxy(t, server.addr)
	aliceViaProxy := dialAt(t, proxy.Addr())
	aliceViaProxy.SetToken(alice.Token())
	// Alice's session knows the conversation from the start (an app passes the cursors of its
	// local store, or of ListConversations): after a reconnect a session syncs the conversations
	// it has cursors for, and she may have heard nothing before the first kill.
	a := open(t, ctx, aliceViaProxy, easychat.SessionOptions{Backoff: fastBackoff, Cursors: map[string]int64{conversation: 0}})
	b := open(t, ctx, bob, easychat.SessionOptions{Backoff: fastBackoff})

	// Bob sends from a few goroutines at once, so that sends are in flight when the server dies:
	// some stored and not acked, some not stored yet. Each kill comes after 30 acks from the
	// (re)started server, while many sends remain, so each sender has one in flight.
	const total, senders, kills, acksBetweenKills = 600, 16, 3, 30
	type ack struct {
		text    string
		message *imv1.Message
		err     error
	}
	acks := make(chan ack, total)
	for sender := range senders {
		go func() {
			for i := sender; i < total; i += senders {
				text := fmt.Sprintf("message %03d", i)
				m, err := b.SendText(ctx, conversation, text, fmt.Sprintf("restart-%03d", i))
				acks <- ack{text, m, err}
				if err != nil {
					return
				}
			}
		}()
	}
	acked := map[string]*imv1.Message{} // text -> the message as acked
	waitAcks := func(n int) {
		t.Helper()
		for len(acked) < n {
			select {
			case a := <-acks:
				if a.err != nil {
					t.Fatalf("bob's send of %q: %v", a.text, a.err)
				}
				if _, ok := acked[a.text]; ok {
					t.Fatalf("%q acked twice", a.text)
				}
				acked[a.text] = a.message
			case <-time.After(30 * time.Second):
				t.Fatalf("only %d of bob's sends were acked (bob's session %v)", len(acked), b.State())
			}
		}
	}

	for round := range kills {
		waitAcks(len(acked) + len(acks) + acksBetweenKills)
		// At a moment not in step with an ack, while bob's other sends are in flight.
		time.Sleep(rand.N(20 * time.Millisecond))
		server.kill()
		if len(acked)+len(acks) >= total-senders {
			t.Fatal("bob was done before the kill")
		}
		if round == 0 {
			proxy.cut() // alice stays away until bob is done
			waitAway(t, a, "alice")
		}
		waitAway(t, b, "bob")
		server.start()
	}
	waitAcks(total)
	if state := a.State(); state == easychat.StateConnected {
		t.Fatal("alice's session got through the cut")
	}
	if n := b.Reconnects(); n < kills {
		t.Fatalf("bob's session reconnected %d times, want at least %d", n, kills)
	}

	// The history is exactly the sends: seqs 1..total, one per text.
	bySeq := make([]*imv1.Message, total)
	for text, m := range acked {
		if m.GetSeq() < 1 || m.GetSeq() > total || bySeq[m.GetSeq()-1] != nil || m.GetContent().GetText().GetText() != text {
			t.Fatalf("ack of %q: seq %d; want seqs 1..%d, each once, without a gap", text, m.GetSeq(), total)
		}
		bySeq[m.GetSeq()-1] = m
	}
	want := texts(bySeq)

	proxy.restore()
	wantTimeline(t, "alice", nextMessages(t, a, total), 1, want)
	wantTimeline(t, "bob's own timeline", nextMessages(t, b, total), 1, want)
	if a.Reconnects() < 1 {
		t.Fatal("alice's session never reconnected")
	}
	assertNoMoreMessages(t, a, b, conversation)
}

func TestSendIsRetriedWithTheSameClientMsgID(t *testing.T) {
	ctx := testContext(t)
	alice, bob, conversation := friends(t, ctx)
	a := open(t, ctx, alice, easychat.SessionOptions{Backoff: easychat.Backoff{Initial: 500 * time.Millisecond}})
	b := open(t, ctx, bob, easychat.SessionOptions{})

	// Sent while the stream is down: the send waits for the reconnect, then lands.
	a.Drop()
	first, err := a.SendText(ctx, conversation, "sent across a reconnect", "")
	if err != nil || first.GetSeq() != 1 {
		t.Fatalf("send across a reconnect = %v, %v", first, err)
	}
	if n := a.Reconnects(); n != 1 {
		t.Fatalf("reconnects = %d, want 1", n)
	}

	// The same client_msg_id again (a retry) is stored once.
	once, err := a.SendText(ctx, conversation, "only once", "retry-1")
	if err != nil {
		t.Fatal(err)
	}
	twice, err := a.SendText(ctx, conversation, "only once", "retry-1")
	if err != nil {
		t.Fatal(err)
	}
	if once.GetMessageId() != twice.GetMessageId() || once.GetSeq() != 2 || twice.GetSeq() != 2 {
		t.Fatalf("retry stored twice: %v vs %v", once, twice)
	}

	got := nextMessages(t, b, 2)
	if !slices.Equal(texts(got), []string{"sent across a reconnect", "only once"}) {
		t.Fatalf("bob got %v", texts(got))
	}
	assertNoMoreMessages(t, b, a, conversation)
}

func TestReadReceipt(t *testing.T) {
	ctx := testContext(t)
	alice, bob, conversation := friends(t, ctx)
	a := open(t, ctx, alice, easychat.SessionOptions{})
	b := open(t, ctx, bob, easychat.SessionOptions{})

	sent, err := a.SendText(ctx, conversation, "did you read this?", "")
	if err != nil {
		t.Fatal(err)
	}
	received := nextMessages(t, b, 1)[0]
	result, err := b.MarkRead(ctx, conversation, received.GetSeq())
	if err != nil || result.GetReadSeq() != sent.GetSeq() || result.GetUnreadCount() != 0 {
		t.Fatalf("MarkRead = %v, %v", result, err)
	}

	event := nextEvent(t, a, func(e *imv1.ServerEvent) bool { return e.GetReadReceipt() != nil })
	receipt := event.GetReadReceipt()
	if receipt.GetConversationId() != conversation || len(receipt.GetPositions()) != 1 {
		t.Fatalf("receipt %v", receipt)
	}
	if p := receipt.GetPositions()[0]; p.GetUserId() != bob.UserID() || p.GetReadSeq() != sent.GetSeq() {
		t.Fatalf("read position %v, want bob at %d", p, sent.GetSeq())
	}
}

func TestSessionWithABadTokenEndsWithoutRetrying(t *testing.T) {
	ctx := testContext(t)
	client := dial(t)
	client.SetToken("not-a-real-token")
	_, err := client.OpenSession(ctx, easychat.SessionOptions{Backoff: easychat.Backoff{Initial: 50 * time.Millisecond}})
	if status.Code(err) != codes.Unauthenticated || easychat.ErrorReason(err) != "TOKEN_INVALID" {
		t.Fatalf("OpenSession with a bad token: %v (reason %q)", err, easychat.ErrorReason(err))
	}
}

func TestReplyReactEditPinAndMention(t *testing.T) {
	ctx := testContext(t)
	alice, bob, conversation := friends(t, ctx)
	a := open(t, ctx, alice, easychat.SessionOptions{})
	b := open(t, ctx, bob, easychat.SessionOptions{})

	original, err := a.SendText(ctx, conversation, "lunch at noon?", "")
	if err != nil {
		t.Fatal(err)
	}
	answer, err := b.SendText(ctx, conversation, "yes", "", easychat.ReplyTo(original.GetMessageId()))
	if err != nil {
		t.Fatal(err)
	}
	quote := answer.GetReplyTo()
	if quote.GetMessageId() != original.GetMessageId() || quote.GetSnippet() != "lunch at noon?" ||
		quote.GetSeq() != original.GetSeq() || quote.GetSenderId() != alice.UserID() {
		t.Fatalf("the reply quotes %v; want message %s with its text", quote, original.GetMessageId())
	}
	if got := nextMessages(t, a, 2)[1]; got.GetReplyTo().GetMessageId() != original.GetMessageId() {
		t.Fatalf("alice received the reply with quote %v", got.GetReplyTo())
	}

	reactions, err := b.AddReaction(ctx, original.GetMessageId(), "🎉")
	if err != nil {
		t.Fatal(err)
	}
	if len(reactions) != 1 || reactions[0].GetEmoji() != "🎉" || reactions[0].GetCount() != 1 || !reactions[0].GetReactedByMe() {
		t.Fatalf("reactions after bob's %v; want 🎉 once, by him", reactions)
	}
	added := nextEvent(t, a, func(e *imv1.ServerEvent) bool { return e.GetReaction() != nil }).GetReaction()
	if added.GetMessageId() != original.GetMessageId() || added.GetUserId() != bob.UserID() || added.GetEmoji() != "🎉" ||
		!added.GetAdded() || len(added.GetReactions()) != 1 || added.GetReactions()[0].GetCount() != 1 {
		t.Fatalf("alice's reaction event %v", added)
	}

	edited, err := a.Edit(ctx, original.GetMessageId(), "lunch at one?")
	if err != nil {
		t.Fatal(err)
	}
	if edited.GetContent().GetText().GetText() != "lunch at one?" || edited.GetEditTime() == nil || edited.GetSeq() != original.GetSeq() {
		t.Fatalf("edited message %v", edited)
	}
	edit := nextEvent(t, b, func(e *imv1.ServerEvent) bool { return e.GetEdit() != nil }).GetEdit().GetMessage()
	if edit.GetMessageId() != original.GetMessageId() || edit.GetContent().GetText().GetText() != "lunch at one?" || edit.GetEditTime() == nil {
		t.Fatalf("bob's edit event %v", edit)
	}

	left, err := b.RemoveReaction(ctx, original.GetMessageId(), "🎉")
	if err != nil || len(left) != 0 {
		t.Fatalf("RemoveReaction = %v, %v; want no reactions left", left, err)
	}
	removed := nextEvent(t, a, func(e *imv1.ServerEvent) bool { return e.GetReaction() != nil }).GetReaction()
	if removed.GetAdded() || removed.GetEmoji() != "🎉" || len(removed.GetReactions()) != 0 {
		t.Fatalf("alice's reaction event after the removal %v", removed)
	}

	pinned, err := a.Pin(ctx, original.GetMessageId())
	if err != nil {
		t.Fatal(err)
	}
	if len(pinned) != 1 || pinned[0].GetMessage().GetMessageId() != original.GetMessageId() || pinned[0].GetPinnedBy() != alice.UserID() {
		t.Fatalf("pinned messages after alice's pin %v; want the original, pinned by her", pinned)
	}
	pin := nextEvent(t, b, func(e *imv1.ServerEvent) bool { return e.GetPin() != nil }).GetPin()
	if pin.GetConversationId() != conversation || pin.GetMessageId() != original.GetMessageId() || pin.GetSeq() != original.GetSeq() ||
		!pin.GetPinned() || pin.GetUserId() != alice.UserID() {
		t.Fatalf("bob's pin event %v", pin)
	}
	unpinned, err := b.Unpin(ctx, original.GetMessageId())
	if err != nil || len(unpinned) != 0 {
		t.Fatalf("Unpin = %v, %v; want no pinned messages left", unpinned, err)
	}
	// Alice's own pin came to her session too: wait for the unpin.
	unpin := nextEvent(t, a, func(e *imv1.ServerEvent) bool { return e.GetPin() != nil && !e.GetPin().GetPinned() }).GetPin()
	if unpin.GetMessageId() != original.GetMessageId() || unpin.GetUserId() != bob.UserID() {
		t.Fatalf("alice's pin event after the unpin %v", unpin)
	}

	mention, err := a.SendText(ctx, conversation, "bob, see above", "", easychat.Mention(bob.UserID()))
	if err != nil {
		t.Fatal(err)
	}
	if ids := mention.GetMentionedUserIds(); len(ids) != 1 || ids[0] != bob.UserID() || mention.GetMentionsAll() {
		t.Fatalf("the sent message mentions %v (all: %v); want bob", ids, mention.GetMentionsAll())
	}
	received := nextEvent(t, b, func(e *imv1.ServerEvent) bool {
		return e.GetMessage().GetMessageId() == mention.GetMessageId()
	}).GetMessage()
	if ids := received.GetMentionedUserIds(); len(ids) != 1 || ids[0] != bob.UserID() {
		t.Fatalf("bob received the message mentioning %v; want him", ids)
	}
}

// tinyPNG is a real 1×1 PNG (one red pixel): the server reads an image's format and pixel size.
var tinyPNG = []byte{
	0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
	0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4,
	0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0xda, 0x63, 0xf8, 0xcf, 0xc0, 0xf0,
	0x1f, 0x00, 0x05, 0x00, 0x01, 0xff, 0x56, 0xc7, 0x2f, 0x0d, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45,
	0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
}

// wrongContentType sends every request with a Content-Type that the upload URL was not signed for.
type wrongContentType struct{}

func (wrongContentType) RoundTrip(req *http.Request) (*http.Response, error) {
	req = req.Clone(req.Context())
	req.Header.Set("Content-Type", "text/plain")
	return http.DefaultTransport.RoundTrip(req)
}

func TestUploadSendAndDownloadMedia(t *testing.T) {
	ctx := testContext(t)
	alice, bob, conversation := friends(t, ctx)
	carol := registered(t, ctx, "carol") // in no conversation with alice or bob
	a := open(t, ctx, alice, easychat.SessionOptions{})
	b := open(t, ctx, bob, easychat.SessionOptions{})

	media, err := alice.UploadMedia(ctx, tinyPNG, mediav1.MediaKind_MEDIA_KIND_IMAGE, "image/png", "dot.png")
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(tinyPNG)
	if media.GetMediaId() == "" || !media.GetCompleted() || media.GetKind() != mediav1.MediaKind_MEDIA_KIND_IMAGE ||
		media.GetMimeType() != "image/png" || media.GetWidth() != 1 || media.GetHeight() != 1 ||
		media.GetSize() != int64(len(tinyPNG)) || media.GetSha256() != hex.EncodeToString(sum[:]) ||
		media.GetFileName() != "dot.png" || media.GetUploaderId() != alice.UserID() {
		t.Fatalf("uploaded media %v; want a completed 1×1 image/png of %d bytes by alice", media, len(tinyPNG))
	}
	// The uploader may download it before sending it anywhere.
	if own, err := alice.DownloadMedia(ctx, media.GetMediaId()); err != nil || !bytes.Equal(own, tinyPNG) {
		t.Fatalf("alice's download of her upload = %x, %v", own, err)
	}

	sent, err := a.SendMedia(ctx, conversation, media, "")
	if err != nil {
		t.Fatal(err)
	}
	if image := sent.GetContent().GetImage(); image.GetMediaId() != media.GetMediaId() || image.GetUrl() != "" ||
		image.GetWidth() != 1 || image.GetHeight() != 1 || image.GetSize() != int64(len(tinyPNG)) {
		t.Fatalf("sent image %v; want the upload with its size filled in", image)
	}
	received := nextMessages(t, b, 1)[0]
	if received.GetMessageId() != sent.GetMessageId() || received.GetContent().GetImage().GetMediaId() != media.GetMediaId() {
		t.Fatalf("bob received %v; want the image message", received)
	}
	got, err := bob.DownloadMedia(ctx, received.GetContent().GetImage().GetMediaId())
	if err != nil || !bytes.Equal(got, tinyPNG) {
		t.Fatalf("bob's download = %x, %v; want the uploaded bytes", got, err)
	}

	// Carol is in no conversation it was sent to.
	_, err = carol.DownloadMedia(ctx, media.GetMediaId())
	if status.Code(err) != codes.PermissionDenied || easychat.ErrorReason(err) != "MEDIA_NOT_SHARED" {
		t.Fatalf("carol's download: %v (reason %q); want PERMISSION_DENIED MEDIA_NOT_SHARED", err, easychat.ErrorReason(err))
	}

	// A file message shows the upload's name unless the send gives one; a voice message carries
	// the duration it is sent with.
	notes := []byte("minutes of the meeting\n")
	file, err := bob.UploadMedia(ctx, notes, mediav1.MediaKind_MEDIA_KIND_FILE, "text/plain", "minutes.txt")
	if err != nil {
		t.Fatal(err)
	}
	sentFile, err := b.SendMedia(ctx, conversation, file, "")
	if err != nil {
		t.Fatal(err)
	}
	if f := sentFile.GetContent().GetFile(); f.GetMediaId() != file.GetMediaId() || f.GetName() != "minutes.txt" ||
		f.GetMimeType() != "text/plain" || f.GetSize() != int64(len(notes)) {
		t.Fatalf("sent file %v; want minutes.txt, text/plain, %d bytes", f, len(notes))
	}
	renamed, err := b.SendMedia(ctx, conversation, file, "", easychat.FileName("notes.txt"))
	if err != nil || renamed.GetContent().GetFile().GetName() != "notes.txt" {
		t.Fatalf("file sent as notes.txt = %v, %v", renamed.GetContent().GetFile(), err)
	}
	if got, err := alice.DownloadMedia(ctx, file.GetMediaId()); err != nil || !bytes.Equal(got, notes) {
		t.Fatalf("alice's download of bob's file = %q, %v", got, err)
	}
	clip, err := alice.UploadMedia(ctx, []byte("a few bytes of audio"), mediav1.MediaKind_MEDIA_KIND_VOICE, "audio/ogg", "")
	if err != nil {
		t.Fatal(err)
	}
	sentVoice, err := a.SendMedia(ctx, conversation, clip, "", easychat.VoiceDuration(1500*time.Millisecond))
	if voice := sentVoice.GetContent().GetVoice(); err != nil || voice.GetMediaId() != clip.GetMediaId() || voice.GetDurationMs() != 1500 {
		t.Fatalf("sent voice %v, %v; want the clip, 1500 ms", voice, err)
	}

	// What arrives is checked: bytes that are no PNG are not completed as one.
	_, err = alice.UploadMedia(ctx, []byte("not an image at all"), mediav1.MediaKind_MEDIA_KIND_IMAGE, "image/png", "")
	if status.Code(err) != codes.FailedPrecondition || easychat.ErrorReason(err) != "MEDIA_MISMATCH" {
		t.Fatalf("upload of a false PNG: %v (reason %q); want MEDIA_MISMATCH", err, easychat.ErrorReason(err))
	}
	// A PUT the storage refuses comes back as an *HTTPError with its status and body.
	alice.HTTPClient = &http.Client{Transport: wrongContentType{}}
	_, err = alice.UploadMedia(ctx, tinyPNG, mediav1.MediaKind_MEDIA_KIND_IMAGE, "image/png", "")
	var httpErr *easychat.HTTPError
	if !errors.As(err, &httpErr) || httpErr.Method != http.MethodPut || httpErr.StatusCode != http.StatusBadRequest ||
		httpErr.Body == "" {
		t.Fatalf("upload with a wrong Content-Type: %v; want an *HTTPError 400 with the reason", err)
	}
}
