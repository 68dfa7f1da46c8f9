package session

import (
	"slices"
	"strings"
	"time"
)

// Roadmap operations for the Now / Next / Later board. Each one changes the
// session and returns the edits that persist it; an operation that moves an
// item renumbers the columns it touched (Order 1..n), so the stored order is
// always the order shown and the Markdown agrees with the board.

// RoadmapItemFromPains makes a roadmap item justified by pains, linked to
// each of them. An empty title becomes the first pain's text on one line.
// The horizon is Now when every pain is a quick win (the item is cheap and
// worth it, so it can start at once) and Next otherwise. The item's Order is
// left to AddRoadmap.
func RoadmapItemFromPains(id, title string, pains []Capture) RoadmapItem {
	it := RoadmapItem{ID: id, Title: strings.TrimSpace(title), Horizon: Next}
	quick := len(pains) > 0
	for _, p := range pains {
		it.Pains = append(it.Pains, p.ID)
		quick = quick && p.QuickWin()
	}
	if quick {
		it.Horizon = Now
	}
	if it.Title == "" && len(pains) > 0 {
		it.Title = strings.Join(strings.Fields(pains[0].Text), " ")
	}
	return it
}

// AddRoadmap adds it at the end of its horizon (an unknown horizon is read
// as Next) and returns the edit that persists it.
func (s *Session) AddRoadmap(it RoadmapItem, now time.Time) Edit {
	if !it.Horizon.Valid() {
		it.Horizon = Next
	}
	it.Order = 1
	if col := RoadmapColumn(s.Roadmap, it.Horizon); len(col) > 0 {
		it.Order = col[len(col)-1].Order + 1
	}
	return s.PutRoadmap(it, now)
}

// RoadmapItem returns the roadmap item id.
func (s *Session) RoadmapItem(id string) (RoadmapItem, bool) {
	for _, it := range s.Roadmap {
		if it.ID == id {
			return it, true
		}
	}
	return RoadmapItem{}, false
}

// MoveRoadmapTo moves the item id to the end of horizon h, behind what was
// already planned there, and returns the edits for every item whose horizon
// or order changed. Moving to the horizon it is in, or an unknown item or
// horizon, changes nothing.
func (s *Session) MoveRoadmapTo(id string, h Horizon, now time.Time) []Edit {
	it, ok := s.RoadmapItem(id)
	if !ok || !h.Valid() || it.Horizon == h {
		return nil
	}
	from := it.Horizon
	col := RoadmapColumn(s.Roadmap, h)
	it.Horizon = h
	it.Order = 1
	if len(col) > 0 {
		it.Order = col[len(col)-1].Order + 1
	}
	edits := []Edit{s.PutRoadmap(it, now)}
	edits = append(edits, s.renumber(from, nil, now)...)
	return append(edits, s.renumber(h, nil, now)...)
}

// ShiftRoadmap moves the item id by delta places within its horizon
// (negative: up, towards first), stopping at either end, and returns the
// edits for every item whose order changed; none when it did not move.
func (s *Session) ShiftRoadmap(id string, delta int, now time.Time) []Edit {
	it, ok := s.RoadmapItem(id)
	if !ok || delta == 0 {
		return nil
	}
	col := RoadmapColumn(s.Roadmap, it.Horizon)
	i := slices.IndexFunc(col, func(c RoadmapItem) bool { return c.ID == id })
	j := max(0, min(i+delta, len(col)-1))
	if i == j {
		return nil
	}
	moved := col[i]
	col = slices.Delete(col, i, i+1)
	col = slices.Insert(col, j, moved)
	return s.renumber(it.Horizon, col, now)
}

// RestoreRoadmap puts a deleted item back (the undo of DeleteRoadmap): at
// its old place in its horizon when the horizon's order has not changed
// since, else behind the items that share its old Order.
func (s *Session) RestoreRoadmap(it RoadmapItem, now time.Time) []Edit {
	if !it.Horizon.Valid() {
		it.Horizon = Next
	}
	edits := []Edit{s.PutRoadmap(it, now)}
	// A restored item is appended to the session, so among equal Orders
	// the column puts it last.
	return append(edits, s.renumber(it.Horizon, nil, now)...)
}

// LinkRoadmap links the capture c to the item id as evidence (a pain among
// its pains, a quote among its quotes) or unlinks it, and returns the edit.
// ok is false, and nothing changes, for an unknown item, a capture of
// another kind, or a link that is already as asked.
func (s *Session) LinkRoadmap(id string, c Capture, linked bool, now time.Time) (e Edit, ok bool) {
	it, found := s.RoadmapItem(id)
	if !found {
		return Edit{}, false
	}
	var ids *[]string
	switch c.Kind {
	case CapturePain:
		ids = &it.Pains
	case CaptureQuote:
		ids = &it.Quotes
	default:
		return Edit{}, false
	}
	has := slices.Contains(*ids, c.ID)
	switch {
	case linked == has:
		return Edit{}, false
	case linked:
		*ids = append(slices.Clone(*ids), c.ID)
	default:
		*ids = slices.DeleteFunc(slices.Clone(*ids), func(x string) bool { return x == c.ID })
	}
	return s.PutRoadmap(it, now), true
}

// Linked reports whether the capture id is evidence for the item.
func (it RoadmapItem) Linked(id string) bool {
	return slices.Contains(it.Pains, id) || slices.Contains(it.Quotes, id)
}

// Evidence returns the pains and quotes of the session linked to it, in the
// order they were linked. Links to captures that are gone are left out, so
// an item whose evidence was deleted shows as having none.
func (s *Session) Evidence(it RoadmapItem) (pains, quotes []Capture) {
	find := func(ids []string, kind CaptureKind) []Capture {
		var out []Capture
		for _, id := range ids {
			for _, c := range s.Captures {
				if c.ID == id && c.Kind == kind {
					out = append(out, c)
					break
				}
			}
		}
		return out
	}
	return find(it.Pains, CapturePain), find(it.Quotes, CaptureQuote)
}

// renumber sets Order 1..n on horizon h in the order of col (the column as
// it stands when col is nil) and returns the edits for items that changed.
func (s *Session) renumber(h Horizon, col []RoadmapItem, now time.Time) []Edit {
	if col == nil {
		col = RoadmapColumn(s.Roadmap, h)
	}
	var edits []Edit
	for i, c := range col {
		if c.Order == i+1 && c.Horizon == h {
			continue
		}
		c.Horizon, c.Order = h, i+1
		edits = append(edits, s.PutRoadmap(c, now))
	}
	return edits
}
