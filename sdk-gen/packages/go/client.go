// Package easychat is the Go SDK of EasyChat: a gRPC client that logs in and authenticates
// every call with its token, and a chat Session that reconnects, syncs and retries on its own.
//
// The generated protobuf and gRPC packages are under gen/ (easychat.dev/sdk/go/gen/easychat/
// user/v1, …/social/v1, …/im/v1, …/media/v1); Client exposes their service clients as Users,
// Social, IM and Media. UploadMedia and DownloadMedia move the bytes of images, files and voice
// clips, and Session.SendMedia sends an upload as a message.
package easychat

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"

	"easychat.dev/sdk/go/gen"
	imv1 "easychat.dev/sdk/go/gen/easychat/im/v1"
	mediav1 "easychat.dev/sdk/go/gen/easychat/media/v1"
	socialv1 "easychat.dev/sdk/go/gen/easychat/social/v1"
	userv1 "easychat.dev/sdk/go/gen/easychat/user/v1"
)

// Version is the SDK version (sdk-gen/VERSION).
const Version = gen.Version

// Client is a connection to an EasyChat server. After Register or Login (or with a saved token
// from SetToken), every call made through Users, Social, IM and Media carries
// `authorization: Bearer <token>`. It is safe for concurrent use.
type Client struct {
	conn *grpc.ClientConn

	// Users, Social, IM and Media are the generated service clients, authenticated by the token.
	Users  userv1.UserServiceClient
	Social socialv1.SocialServiceClient
	IM     imv1.ImServiceClient
	Media  mediav1.MediaServiceClient

	// HTTPClient carries the bytes of UploadMedia and DownloadMedia to and from the URLs the
	// server hands out; nil means http.DefaultClient. Set it before using the client.
	HTTPClient *http.Client

	mu    sync.RWMutex
	token string
	user  *userv1.User
}

// Dial creates a client for target (host:port). The connection is made lazily and without TLS,
// unless opts include grpc.WithTransportCredentials; opts are applied after the defaults.
func Dial(target string, opts ...grpc.DialOption) (*Client, error) {
	c := &Client{}
	defaults := []grpc.DialOption{
		grpc.WithTransportCredentials(insecure.NewCredentials()),
		grpc.WithPerRPCCredentials(bearer{c}),
		grpc.WithUserAgent("easychat-go/" + Version),
	}
	conn, err := grpc.NewClient(target, append(defaults, opts...)...)
	if err != nil {
		return nil, fmt.Errorf("easychat: dial %s: %w", target, err)
	}
	c.conn = conn
	c.Users = userv1.NewUserServiceClient(conn)
	c.Social = socialv1.NewSocialServiceClient(conn)
	c.IM = imv1.NewImServiceClient(conn)
	c.Media = mediav1.NewMediaServiceClient(conn)
	return c, nil
}

// Close closes the connection.
func (c *Client) Close() error { return c.conn.Close() }

// Register creates an account and logs in with it.
func (c *Client) Register(ctx context.Context, req *userv1.RegisterRequest) (*userv1.User, error) {
	resp, err := c.Users.Register(ctx, req)
	if err != nil {
		return nil, err
	}
	c.setLogin(resp.GetToken(), resp.GetUser())
	return resp.GetUser(), nil
}

// Login logs in with a phone number and password.
func (c *Client) Login(ctx context.Context, phone, password string) (*userv1.User, error) {
	resp, err := c.Users.Login(ctx, &userv1.LoginRequest{Phone: phone, Password: password})
	if err != nil {
		return nil, err
	}
	c.setLogin(resp.GetToken(), resp.GetUser())
	return resp.GetUser(), nil
}

// Logout revokes the token on the server and forgets it.
func (c *Client) Logout(ctx context.Context) error {
	if _, err := c.Users.Logout(ctx, &userv1.LogoutRequest{}); err != nil {
		return err
	}
	c.setLogin("", nil)
	return nil
}

// Token is the bearer token in use ("" when not logged in); save it to resume a login later.
func (c *Client) Token() string {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.token
}

// SetToken resumes a login with a token saved earlier.
func (c *Client) SetToken(token string) { c.setLogin(token, nil) }

// User is the logged-in user as returned by the last Register or Login (nil otherwise).
func (c *Client) User() *userv1.User {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.user
}

// UserID is the id of the user logged in by Register or Login ("" otherwise).
func (c *Client) UserID() string { return c.User().GetUserId() }

func (c *Client) setLogin(token string, user *userv1.User) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.token, c.user = token, user
}

// SingleConversationID is the id of the one-to-one conversation of two friends:
// "s_<lower id>_<higher id>".
func SingleConversationID(userA, userB string) string {
	a, b := strings.ToLower(userA), strings.ToLower(userB)
	if b < a {
		a, b = b, a
	}
	return "s_" + a + "_" + b
}

// bearer adds the client's current token to each call; Register and Login go without.
type bearer struct{ c *Client }

func (b bearer) GetRequestMetadata(context.Context, ...string) (map[string]string, error) {
	if token := b.c.Token(); token != "" {
		return map[string]string{"authorization": "Bearer " + token}, nil
	}
	return nil, nil
}

// RequireTransportSecurity is false so that the token also travels on plaintext connections
// (a local or in-cluster server); pass TLS credentials to Dial for anything else.
func (bearer) RequireTransportSecurity() bool { return false }
