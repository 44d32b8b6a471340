package easychat

// Offline tests of the session's delivery order: each seq once, in order, gaps held back. They
// drive the frame handling directly; the live tests in easychat_test.go cover the same behaviour
// end to end but cannot force out-of-order arrival.

import (
	"context"
	"slices"
	"testing"

	imv1 "easychat.dev/sdk/go/gen/easychat/im/v1"
)

const testConversation = "s_a_b"

func testMessage(seq int64) *imv1.Message {
	return &imv1.Message{ConversationId: testConversation, Seq: seq}
}

// delivered drains the events queued so far and returns the seqs of their messages.
func delivered(t *testing.T, s *Session) []int64 {
	t.Helper()
	s.mu.Lock()
	events := s.events
	s.events = nil
	s.mu.Unlock()
	var seqs []int64
	for _, event := range events {
		seqs = append(seqs, event.GetMessage().GetSeq())
	}
	return seqs
}

func offlineSession(t *testing.T) *Session {
	s := newSession(nil, SessionOptions{}) // never started: no stream, so no gap syncs
	t.Cleanup(func() { s.cancel() })
	return s
}

func TestOutOfOrderAndDuplicateMessagesAreDeliveredOnceInOrder(t *testing.T) {
	s := offlineSession(t)
	s.mu.Lock()
	s.accept(testMessage(2)) // 1 is missing: held back
	s.mu.Unlock()
	if got := delivered(t, s); len(got) != 0 {
		t.Fatalf("delivered %v before the gap was filled", got)
	}
	s.mu.Lock()
	for _, seq := range []int64{1, 1, 3, 2} {
		s.accept(testMessage(seq))
	}
	s.mu.Unlock()
	if got := delivered(t, s); !slices.Equal(got, []int64{1, 2, 3}) {
		t.Fatalf("delivered %v, want [1 2 3]", got)
	}
	if got := s.Cursors()[testConversation]; got != 3 {
		t.Fatalf("cursor %d, want 3", got)
	}
}

func TestAFinishedSyncSkipsSeqsHiddenFromTheUser(t *testing.T) {
	s := offlineSession(t)
	s.mu.Lock()
	s.accept(testMessage(4)) // 1..3 missing
	s.syncs["r1"] = map[string]int64{}
	s.mu.Unlock()
	// The sync returns 1 and 3 only: 2 was deleted for this user. max_seq says 4 exists.
	s.dispatch(&imv1.ChatResponse{RequestId: "r1", Frame: &imv1.ChatResponse_SyncBatch{SyncBatch: &imv1.SyncBatch{
		ConversationId: testConversation, Messages: []*imv1.Message{testMessage(1), testMessage(3)}, MaxSeq: 4, Done: true,
	}}})
	if got := delivered(t, s); !slices.Equal(got, []int64{1, 3, 4}) {
		t.Fatalf("delivered %v, want [1 3 4]", got)
	}
	s.dispatch(&imv1.ChatResponse{Frame: &imv1.ChatResponse_Event{Event: &imv1.ServerEvent{
		Event: &imv1.ServerEvent_Message{Message: testMessage(5)},
	}}})
	event, err := s.Next(context.Background())
	if err != nil || event.GetMessage().GetSeq() != 5 {
		t.Fatalf("Next = %v, %v; want seq 5", event, err)
	}
}
