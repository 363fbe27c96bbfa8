package config

import (
	"maps"
	"slices"
	"strings"

	"cashpos/model"
)

// baiCategories is the file's [bai_categories] table: BAI type code →
// ledger category name.
type baiCategories map[string]string

// applyFileCategories lays the file's [bai_categories] table over the
// default BAI category table:
//
//	[bai_categories]
//	"399" = "Intercompany"
//
// A key must be a three-digit BAI type code and a value a non-blank name;
// the first bad entry is reported by its key.
func (c *Config) applyFileCategories(overrides baiCategories) error {
	if len(overrides) == 0 {
		return nil
	}
	for _, code := range slices.Sorted(maps.Keys(overrides)) {
		key := "bai_categories." + code
		if _, err := model.NewCategoryTable(map[string]string{code: overrides[code]}); err != nil {
			if strings.TrimSpace(overrides[code]) == "" {
				return keyErr(key, "the category name is empty")
			}
			return keyErr(key, "%q is not a BAI type code; keys are three digits such as \"195\"", code)
		}
	}
	t, err := model.NewCategoryTable(overrides)
	if err != nil {
		return keyErr("bai_categories", "%v", err)
	}
	c.Categories = t
	c.prov.set("bai_categories", "bai_categories")
	return nil
}
