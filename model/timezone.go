package model

// The Account Balances API evaluates "current day" in the account's own time
// zone but never says which zone that is. The branch does: a BIC carries its
// country in letters 5-6 (CHASGB2L → GB), and a US bank id is a routing
// number. When the configuration names no zone, we infer it from there, so a
// London account is not called stale at 23:00 New York time just because
// London has already rolled to tomorrow. One zone per country is a
// simplification (the US has several; J.P. Morgan's US cash day runs on New
// York time); the config's time_zone overrides it.
var zoneByCountry = map[string]string{
	"US": "America/New_York", "CA": "America/Toronto", "MX": "America/Mexico_City", "BR": "America/Sao_Paulo",
	"GB": "Europe/London", "IE": "Europe/Dublin", "DE": "Europe/Berlin", "FR": "Europe/Paris",
	"NL": "Europe/Amsterdam", "BE": "Europe/Brussels", "LU": "Europe/Luxembourg", "CH": "Europe/Zurich",
	"IT": "Europe/Rome", "ES": "Europe/Madrid", "SE": "Europe/Stockholm", "NO": "Europe/Oslo",
	"DK": "Europe/Copenhagen", "PL": "Europe/Warsaw",
	"JP": "Asia/Tokyo", "HK": "Asia/Hong_Kong", "SG": "Asia/Singapore", "CN": "Asia/Shanghai",
	"IN": "Asia/Kolkata", "KR": "Asia/Seoul", "AU": "Australia/Sydney",
	"BH": "Asia/Bahrain", "AE": "Asia/Dubai", "SA": "Asia/Riyadh", "KW": "Asia/Kuwait", "ZA": "Africa/Johannesburg",
}

// TimeZoneForBank guesses the IANA zone of an account from its bank id: a
// BIC (8 or 11 characters) by its country code, anything else (a US routing
// number such as "02100002") as New York. Empty when nothing fits.
func TimeZoneForBank(bankID string) string {
	if n := len(bankID); (n == 8 || n == 11) && isLetters(bankID[:6]) {
		return zoneByCountry[bankID[4:6]]
	}
	if bankID != "" && isDigits(bankID) {
		return "America/New_York"
	}
	return ""
}

func isLetters(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
