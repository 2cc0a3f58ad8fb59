package enrich

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Client asks GitHub's REST API, politely: conditional requests, retries
// with back-off on server and network errors, and waits for the rate
// limit to reset (or stops, past MaxWait).
type Client struct {
	API     string       // base address, such as https://api.github.com
	Token   string       // from GITHUB_TOKEN; never printed or written
	HTTP    *http.Client // its timeout bounds a slow answer
	MaxWait time.Duration
	// Sleep waits d or until ctx ends; tests make it instant.
	Sleep func(ctx context.Context, d time.Duration) error
	// Wait reports a wait for the rate limit, for the progress lines.
	Wait func(d time.Duration)
}

// ErrRateLimited stops a run that would wait longer than MaxWait for
// GitHub's rate limit; what was fetched is kept.
var ErrRateLimited = errors.New("GitHub's rate limit is used up")

// maxAnswer bounds one answer's body.
const maxAnswer = 32 << 20

// retries is how many times a failed request is tried again.
const retries = 4

// NewClient returns a client for api with token, whose requests give up
// after timeout.
func NewClient(api, token string, timeout time.Duration) *Client {
	return &Client{
		API: strings.TrimSuffix(api, "/"), Token: token, MaxWait: 15 * time.Minute,
		HTTP: &http.Client{Timeout: timeout, CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse // a rename is reported, not followed blindly
		}},
		Sleep: func(ctx context.Context, d time.Duration) error {
			t := time.NewTimer(d)
			defer t.Stop()
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-t.C:
				return nil
			}
		},
	}
}

// answer is one response, read whole.
type answer struct {
	status int
	body   []byte
	header http.Header
}

// get asks for path (below the API's base, or an absolute address on the
// same host), with the validator etag if there is one.
func (c *Client) get(ctx context.Context, path, etag string) (*answer, error) {
	var last error
	for attempt := 0; attempt <= retries; attempt++ {
		if attempt > 0 {
			if err := c.Sleep(ctx, backoff(attempt)); err != nil {
				return nil, err
			}
		}
		a, err := c.once(ctx, path, etag)
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		if err != nil {
			last = err // a network error or a timeout: try again
			continue
		}
		if wait, limited := rateLimited(a); limited {
			if wait > c.MaxWait {
				return nil, fmt.Errorf("%w until %s", ErrRateLimited, time.Now().Add(wait).Format(time.TimeOnly))
			}
			if c.Wait != nil {
				c.Wait(wait)
			}
			if err := c.Sleep(ctx, wait); err != nil {
				return nil, err
			}
			attempt-- // a wait for the limit is not a failure
			continue
		}
		if a.status >= 500 {
			last = fmt.Errorf("GitHub answered %d", a.status)
			continue
		}
		return a, nil
	}
	return nil, fmt.Errorf("%s: %w (after %d tries)", path, last, retries+1)
}

func (c *Client) once(ctx context.Context, path, etag string) (*answer, error) {
	addr := path
	if !strings.HasPrefix(path, "http://") && !strings.HasPrefix(path, "https://") {
		addr = c.API + path
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, addr, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", "application/vnd.github+json")
	req.Header.Set("X-GitHub-Api-Version", "2022-11-28")
	req.Header.Set("User-Agent", "panorama-enrich")
	if c.Token != "" {
		req.Header.Set("Authorization", "Bearer "+c.Token)
	}
	if etag != "" {
		req.Header.Set("If-None-Match", etag)
	}
	resp, err := c.HTTP.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxAnswer))
	if err != nil {
		return nil, err
	}
	return &answer{status: resp.StatusCode, body: body, header: resp.Header}, nil
}

// backoff is the pause before try n: 0.5 s, 1 s, 2 s, 4 s.
func backoff(n int) time.Duration {
	return 250 * time.Millisecond << n
}

// rateLimited tells whether an answer is GitHub's refusal for the rate
// limit, and how long to wait: Retry-After (secondary limits), or until
// X-RateLimit-Reset when none remain.
func rateLimited(a *answer) (time.Duration, bool) {
	if a.status != http.StatusForbidden && a.status != http.StatusTooManyRequests {
		return 0, false
	}
	if s := a.header.Get("Retry-After"); s != "" {
		if n, err := strconv.Atoi(s); err == nil && n >= 0 {
			return time.Duration(n) * time.Second, true
		}
	}
	if a.header.Get("X-RateLimit-Remaining") == "0" {
		if reset, err := strconv.ParseInt(a.header.Get("X-RateLimit-Reset"), 10, 64); err == nil {
			return max(time.Until(time.Unix(reset, 0))+time.Second, time.Second), true
		}
		return time.Minute, true
	}
	return 0, false
}

// lastPage reads the page number of rel="last" in a Link header, 0
// without one.
func lastPage(h http.Header) int {
	for _, part := range strings.Split(h.Get("Link"), ",") {
		if !strings.Contains(part, `rel="last"`) {
			continue
		}
		if m := pageRE.FindStringSubmatch(part); m != nil {
			n, _ := strconv.Atoi(m[1])
			return n
		}
	}
	return 0
}

var pageRE = regexp.MustCompile(`[?&]page=(\d+)`)

// linkTo reads the address of rel in a Link header.
func linkTo(h http.Header, rel string) string {
	for _, part := range strings.Split(h.Get("Link"), ",") {
		if strings.Contains(part, `rel="`+rel+`"`) {
			if i, j := strings.IndexByte(part, '<'), strings.IndexByte(part, '>'); i >= 0 && j > i {
				return part[i+1 : j]
			}
		}
	}
	return ""
}
