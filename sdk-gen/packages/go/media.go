package easychat

// Media uploads and downloads: the gRPC MediaService hands out pre-signed URLs, and the bytes go
// over plain HTTP (Client.HTTPClient) to and from them, without the bearer token.

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"

	mediav1 "easychat.dev/sdk/go/gen/easychat/media/v1"
)

// maxErrorBody is how much of a refused PUT's or GET's body an *HTTPError keeps.
const maxErrorBody = 4096

// UploadMedia uploads data as an image, file or voice clip and returns the completed Media, to
// send with Session.SendMedia. It computes the SHA-256 of data and declares it with the size in
// CreateUpload, PUTs the bytes to the returned URL with the returned headers, and completes the
// upload, which the server checks against what was declared (and, for an image, against its
// real format, filling in its width and height). fileName may be "" (file messages show it).
//
// Server refusals are gRPC errors with a reason (MEDIA_TYPE_NOT_ALLOWED, MEDIA_TOO_LARGE,
// MEDIA_QUOTA_EXCEEDED, MEDIA_MISMATCH, …; see ErrorReason); a PUT answered with a status other
// than 2xx is an *HTTPError.
func (c *Client) UploadMedia(ctx context.Context, data []byte, kind mediav1.MediaKind, mimeType, fileName string) (*mediav1.Media, error) {
	sum := sha256.Sum256(data)
	upload, err := c.Media.CreateUpload(ctx, &mediav1.CreateUploadRequest{
		Kind:     kind,
		MimeType: mimeType,
		Size:     int64(len(data)),
		Sha256:   hex.EncodeToString(sum[:]),
		FileName: fileName,
	})
	if err != nil {
		return nil, err
	}
	method := upload.GetUploadMethod()
	if method == "" {
		method = http.MethodPut
	}
	req, err := http.NewRequestWithContext(ctx, method, upload.GetUploadUrl(), bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("easychat: upload of media %s: %w", upload.GetMedia().GetMediaId(), err)
	}
	for name, value := range upload.GetUploadHeaders() {
		req.Header.Set(name, value)
	}
	if _, err := c.transfer(req); err != nil {
		return nil, fmt.Errorf("easychat: upload of media %s: %w", upload.GetMedia().GetMediaId(), err)
	}
	completed, err := c.Media.CompleteUpload(ctx, &mediav1.CompleteUploadRequest{MediaId: upload.GetMedia().GetMediaId()})
	if err != nil {
		return nil, err
	}
	return completed.GetMedia(), nil
}

// DownloadMedia returns the bytes of an uploaded media item: it asks GetDownloadUrl for a URL
// and GETs it. The uploader and the members of a conversation it was sent to may download it;
// anyone else gets PERMISSION_DENIED with reason MEDIA_NOT_SHARED (see ErrorReason). A GET
// answered with a status other than 2xx is an *HTTPError.
func (c *Client) DownloadMedia(ctx context.Context, mediaID string) ([]byte, error) {
	download, err := c.Media.GetDownloadUrl(ctx, &mediav1.GetDownloadUrlRequest{MediaId: mediaID})
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, download.GetUrl(), nil)
	if err != nil {
		return nil, fmt.Errorf("easychat: download of media %s: %w", mediaID, err)
	}
	data, err := c.transfer(req)
	if err != nil {
		return nil, fmt.Errorf("easychat: download of media %s: %w", mediaID, err)
	}
	if size := download.GetMedia().GetSize(); size > 0 && int64(len(data)) != size {
		return nil, fmt.Errorf("easychat: download of media %s: got %d bytes, want %d", mediaID, len(data), size)
	}
	return data, nil
}

// transfer sends req with the client's HTTP client and returns the response body, or an
// *HTTPError when the status is not 2xx.
func (c *Client) transfer(req *http.Request) ([]byte, error) {
	httpClient := c.HTTPClient
	if httpClient == nil {
		httpClient = http.DefaultClient
	}
	resp, err := httpClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		body, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
		return nil, &HTTPError{Method: req.Method, StatusCode: resp.StatusCode, Status: resp.Status, Body: string(body)}
	}
	return io.ReadAll(resp.Body)
}
