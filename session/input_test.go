package session

import (
	"strings"
	"testing"
	"time"
)

// TestExportFileName was tui's (the summary screen's); the name now comes
// from here for the screen and accessible mode alike.
func TestExportFileName(t *testing.T) {
	day := time.Date(2026, 3, 14, 9, 30, 0, 0, time.UTC)
	for _, tt := range []struct {
		client string
		a      Audience
		want   string
	}{
		{"Acme Corp", AudienceClient, "acme-corp-2026-03-14.md"},
		{"Müller & Söhne GmbH", AudienceClient, "müller-söhne-gmbh-2026-03-14.md"},
		{"../../etc/passwd", AudienceClient, "etc-passwd-2026-03-14.md"},
		{"\x1b]52;c;aGk=\x07", AudienceClient, "session-2026-03-14.md"},
		{"", AudienceInternal, "session-2026-03-14-internal.md"},
		// Cut at 60 cells, a wide letter taking two, never ending on a dash.
		{strings.Repeat("a", 59) + " b", AudienceClient, strings.Repeat("a", 59) + "-2026-03-14.md"},
		{strings.Repeat("日本", 40), AudienceClient, strings.Repeat("日本", 15) + "-2026-03-14.md"},
	} {
		if got := ExportFileName(tt.client, day, tt.a, "md"); got != tt.want {
			t.Errorf("ExportFileName(%q) = %q, want %q", tt.client, got, tt.want)
		}
	}
	// The HTML page (export --format html, E on the summary screen) has the same name.
	if got, want := ExportFileName("Acme Corp", day, AudienceInternal, "html"), "acme-corp-2026-03-14-internal.html"; got != want {
		t.Errorf("ExportFileName as html = %q, want %q", got, want)
	}
}
