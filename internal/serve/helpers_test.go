package serve

import (
	"net/http"
	"net/http/httptest"
)

type response struct {
	code int
	body string
}

func httptestGet(h http.Handler, path string) response {
	rec := httptest.NewRecorder()
	req := httptest.NewRequest("GET", path, nil)
	req.Host = "127.0.0.1:1313" // httptest's default, example.com, is refused
	h.ServeHTTP(rec, req)
	return response{rec.Code, rec.Body.String()}
}
