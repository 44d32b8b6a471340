package easychat

import (
	"errors"
	"fmt"
	"strings"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	imv1 "easychat.dev/sdk/go/gen/easychat/im/v1"
)

// ErrSessionClosed is returned by a Session's methods after Close.
var ErrSessionClosed = errors.New("easychat: chat session closed")

// ErrorReason returns the stable reason of a server error (TOKEN_EXPIRED, NOT_FRIENDS, …; see
// docs/errors.md), from its google.rpc.ErrorInfo detail or from a *FrameError; "" if none.
func ErrorReason(err error) string {
	var frameErr *FrameError
	if errors.As(err, &frameErr) {
		return frameErr.Reason
	}
	st, ok := status.FromError(err)
	if !ok {
		return ""
	}
	for _, detail := range st.Details() {
		if info, ok := detail.(*errdetails.ErrorInfo); ok {
			return info.GetReason()
		}
	}
	return ""
}

// HTTPError is a media upload (PUT) or download (GET) that the storage behind the server's
// pre-signed URL answered with a status other than 2xx: say 403 when the URL expired, or 409
// when the media was uploaded already. UploadMedia and DownloadMedia wrap it; find it with
// errors.As.
type HTTPError struct {
	Method     string // PUT or GET
	StatusCode int    // 403
	Status     string // "403 Forbidden"
	Body       string // the start of the response body: the storage's explanation
}

func (e *HTTPError) Error() string {
	return fmt.Sprintf("%s answered %s: %s", e.Method, e.Status, strings.TrimSpace(e.Body))
}

// FrameError is the server's refusal of one frame of a Chat stream; the stream stays open.
type FrameError struct {
	Code    codes.Code
	Message string
	Reason  string
}

func (e *FrameError) Error() string {
	return fmt.Sprintf("easychat: %s %s: %s", e.Code, e.Reason, e.Message)
}

// GRPCStatus lets status.Code and status.FromError see the code of a FrameError.
func (e *FrameError) GRPCStatus() *status.Status { return status.New(e.Code, e.Message) }

func frameError(pb *imv1.FrameError) *FrameError {
	return &FrameError{Code: codes.Code(pb.GetCode()), Message: pb.GetMessage(), Reason: pb.GetReason()}
}
