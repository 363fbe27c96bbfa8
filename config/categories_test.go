package config

import (
	"errors"
	"strings"
	"testing"

	"cashpos/model"
)

func TestBAICategoryOverrides(t *testing.T) {
	f := newFixture(t)
	f.config(f.validMock("[bai_categories]\n\"399\" = \"Intercompany\"\n\"263\" = \"Value adjustments\"\n"))
	c := f.mustLoad(nil, Overrides{})
	if c.Categories.Of("399") != "Intercompany" || c.Categories.Of("263") != "Value adjustments" {
		t.Errorf("overrides not loaded: %q %q", c.Categories.Of("399"), c.Categories.Of("263"))
	}
	if c.Categories.Of("195") != model.CategoryWireIn || c.Categories.Of("264") != model.CategoryUncategorised {
		t.Error("defaults lost")
	}

	f.config(f.validMock(""))
	if c := f.mustLoad(nil, Overrides{}); c.Categories.Of("399") != model.CategoryMiscCredit {
		t.Error("no table should mean the defaults")
	}
}

func TestBAICategoryOverridesRefused(t *testing.T) {
	for _, tc := range []struct{ body, key, want string }{
		{"[bai_categories]\n\"39\" = \"x\"\n", "bai_categories.39", "three digits"},
		{"[bai_categories]\n\"wire\" = \"x\"\n", "bai_categories.wire", "not a BAI type code"},
		{"[bai_categories]\n\"399\" = \"  \"\n", "bai_categories.399", "empty"},
	} {
		f := newFixture(t)
		f.config(f.validMock(tc.body))
		_, err := f.load(nil, Overrides{})
		var ce *Error
		if !errors.As(err, &ce) || ce.Key != tc.key || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: err %v (key %v)", tc.body, err, ce)
		}
	}
}
