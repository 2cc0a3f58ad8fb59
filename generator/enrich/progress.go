package enrich

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"time"
)

// topRepos picks an organisation's repositories that stand for it: the
// most starred that are neither forks nor archived, at most orgRepos.
func topRepos(body []byte) ([]string, error) {
	var list []orgRepo
	if err := json.Unmarshal(body, &list); err != nil {
		return nil, errMalformed{"an organisation's repositories"}
	}
	slices.SortStableFunc(list, func(a, b orgRepo) int {
		if a.Stars != b.Stars {
			return b.Stars - a.Stars
		}
		return strings.Compare(a.FullName, b.FullName)
	})
	var out []string
	for _, r := range list {
		if !r.Fork && !r.Archived && nameRE.MatchString(r.FullName) && len(out) < orgRepos {
			out = append(out, r.FullName)
		}
	}
	return out, nil
}

// orgRepo is one repository in the list of an organisation's.
type orgRepo struct {
	FullName string `json:"full_name"`
	Stars    int    `json:"stargazers_count"`
	Fork     bool   `json:"fork"`
	Archived bool   `json:"archived"`
}

// Progress shows a run's progress: on a terminal, one line redrawn with a
// bar, the counts and the time left; elsewhere (CI), a plain line every
// few seconds.
type Progress struct {
	w        io.Writer
	terminal bool
	every    time.Duration
	mu       sync.Mutex
	total    int
	finished int
	failed   int
	start    time.Time
	last     time.Time
	waiting  time.Time // until when the rate limit holds the run
}

// NewProgress shows progress on w, redrawn in place when w is a terminal.
func NewProgress(w io.Writer, terminal bool) *Progress {
	return &Progress{w: w, terminal: terminal, every: 5 * time.Second, start: time.Now()}
}

func (p *Progress) add(n int) {
	if p == nil {
		return
	}
	p.mu.Lock()
	p.total += n
	p.mu.Unlock()
}

func (p *Progress) done(name string, err error) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.finished++
	if err != nil {
		p.failed++
	}
	now := time.Now()
	if p.terminal || now.Sub(p.last) >= p.every || p.finished == p.total {
		p.last = now
		p.draw(now)
	}
}

// Wait says the run waits for GitHub's rate limit.
func (p *Progress) Wait(d time.Duration) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.waiting = time.Now().Add(d)
	p.draw(time.Now())
}

func (p *Progress) draw(now time.Time) {
	left := "?"
	if p.finished > 0 && p.total > p.finished {
		per := now.Sub(p.start) / time.Duration(p.finished)
		left = (per * time.Duration(p.total-p.finished)).Round(time.Second).String()
	} else if p.total == p.finished {
		left = "0s"
	}
	wait := ""
	if p.waiting.After(now) {
		wait = fmt.Sprintf(" · waiting %s for GitHub's rate limit", p.waiting.Sub(now).Round(time.Second))
	}
	line := fmt.Sprintf("%d/%d repositories · %d failed · %s left%s", p.finished, p.total, p.failed, left, wait)
	if !p.terminal {
		fmt.Fprintln(p.w, line)
		return
	}
	const width = 24
	filled := 0
	if p.total > 0 {
		filled = width * p.finished / p.total
	}
	fmt.Fprintf(p.w, "\r[%s%s] %s\033[K", strings.Repeat("#", filled), strings.Repeat("-", width-filled), line)
	if p.finished == p.total {
		fmt.Fprintln(p.w)
	}
}
