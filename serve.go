package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"strconv"
	"syscall"

	"github.com/panorama-ssg/panorama/internal/serve"
)

func serveCmd(args []string, stdout, stderr io.Writer) int {
	fl := newFlags("serve", stderr)
	var opt serve.Options
	sourceFlag(fl, &opt.Build.Source)
	draftsFlag(fl, &opt.Build.Drafts)
	bind := fl.String("bind", "127.0.0.1", "`address` to listen on; 0.0.0.0 shows the site to your network")
	port := fl.Int("port", 1313, "`port` to listen on; 0 picks a free one")
	fl.StringVar(&opt.BasePath, "base-path", "/", "serve the site under this `path`, e.g. /report/ as on GitHub Pages")
	if code, ok := parseFlags(fl, args); !ok {
		return code
	}
	opt.Log = stderr
	if ip := net.ParseIP(*bind); *bind != "localhost" && (ip == nil || !ip.IsLoopback()) {
		fmt.Fprintf(stderr, "warning: --bind %s makes the preview, drafts included, reachable from the network\n", *bind)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	s, err := serve.New(opt)
	if err != nil {
		fmt.Fprintf(stderr, "panorama serve: %v\n", err)
		return 1
	}
	err = s.Run(ctx, net.JoinHostPort(*bind, strconv.Itoa(*port)), func(url string) {
		fmt.Fprintf(stdout, "serving %s at %s (Ctrl-C to stop)\n", opt.Build.Source, url)
	})
	if err != nil {
		fmt.Fprintf(stderr, "panorama serve: %v\n", err)
		return 1
	}
	fmt.Fprintln(stdout, "stopped")
	return 0
}
