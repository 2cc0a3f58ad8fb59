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
	h.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
	return response{rec.Code, rec.Body.String()}
}
