package page

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// variantKey spells each value as fmt would (pointers by address), so
// the partials cached by variant are the same ones as before it skipped
// fmt for the usual kinds.
func TestVariantKeyIsFmtsSpelling(t *testing.T) {
	layer := &LayerView{ID: "infra"}
	var none *LayerView
	values := []any{"project", "", true, false, 0, -12, 1 << 40, layer, none, 2.5, uint8(7), []string{"a"}, nil}
	var want strings.Builder
	for _, v := range values {
		if rv := reflect.ValueOf(v); rv.Kind() == reflect.Pointer {
			fmt.Fprintf(&want, "%#x", rv.Pointer())
		} else {
			fmt.Fprint(&want, v)
		}
		want.WriteByte(0)
	}
	if got := variantKey(values); got != want.String() {
		t.Errorf("variantKey = %q, want %q", got, want.String())
	}
}
