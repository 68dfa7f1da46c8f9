package session

import (
	"os"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	jsonx "github.com/go-json-experiment/json"
)

// fillAll sets every exported field reachable from v to a value that is
// not zero: one element in each list and map, durations of 1.5 s, times
// in Paris. A field added to the session's types later is filled too. A
// type that holds itself (an answer's other versions are answers) is
// filled one level deep: the inner one's list of itself stays empty.
func fillAll(t *testing.T, v reflect.Value) {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	filling := map[reflect.Type]bool{}
	var fill func(v reflect.Value)
	fill = func(v reflect.Value) {
		switch v.Kind() {
		case reflect.Pointer, reflect.Slice, reflect.Map:
			if filling[v.Type().Elem()] {
				return
			}
		}
		switch v.Type() {
		case reflect.TypeFor[time.Time]():
			v.Set(reflect.ValueOf(time.Date(2026, 11, 25, 15, 4, 5, 6, paris)))
			return
		case reflect.TypeFor[time.Duration]():
			v.SetInt(int64(1500 * time.Millisecond))
			return
		}
		switch v.Kind() {
		case reflect.Struct:
			filling[v.Type()] = true
			for i := range v.NumField() {
				if v.Type().Field(i).IsExported() {
					fill(v.Field(i))
				}
			}
			delete(filling, v.Type())
		case reflect.Pointer:
			v.Set(reflect.New(v.Type().Elem()))
			fill(v.Elem())
		case reflect.Slice:
			v.Set(reflect.MakeSlice(v.Type(), 1, 1))
			fill(v.Index(0))
		case reflect.Map:
			m := reflect.MakeMap(v.Type())
			k := reflect.New(v.Type().Key()).Elem()
			fill(k)
			e := reflect.New(v.Type().Elem()).Elem()
			fill(e)
			m.SetMapIndex(k, e)
			v.Set(m)
		case reflect.String:
			v.SetString("text")
		case reflect.Bool:
			v.SetBool(true)
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			v.SetInt(3)
		case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
			v.SetUint(3)
		case reflect.Float32, reflect.Float64:
			v.SetFloat(2.5)
		default:
			t.Fatalf("fillAll: a field of kind %s: teach this test (and docs/backup-format.md) about it", v.Kind())
		}
	}
	fill(v)
}

// TestExportCarriesEveryField: a session with every field of every type
// set exports and imports back whole, so a field added to the session's
// types is in the backup with no change to the export code; and in the
// file every duration is a number of seconds and every time is in UTC,
// wherever the field sits.
func TestExportCarriesEveryField(t *testing.T) {
	var s Session
	fillAll(t, reflect.ValueOf(&s).Elem())
	data, err := jsonx.Marshal(exportFile{Format: ExportFormat, Version: ExportVersion, Session: &s}, formatOptions(ExportVersion))
	if err != nil {
		t.Fatal(err)
	}
	var back struct {
		Session Session `json:"session"`
	}
	if err := jsonx.Unmarshal(data, &back, formatOptions(ExportVersion)); err != nil {
		t.Fatal(err)
	}
	var want Session
	fillAll(t, reflect.ValueOf(&want).Elem())
	utcTimes(reflect.ValueOf(&want).Elem())
	if !reflect.DeepEqual(back.Session, want) {
		t.Errorf("a field did not come back from the export:\n%s", data)
	}
	if strings.Contains(string(data), "1500000000") {
		t.Errorf("a duration is written in nanoseconds:\n%s", data)
	}
	if n, want := strings.Count(string(data), ": 1.5"), durationFields(reflect.TypeFor[Session]()); n != want {
		t.Errorf("%d durations written as 1.5 seconds, want %d:\n%s", n, want, data)
	}
	for _, ts := range regexp.MustCompile(`"\d{4}-\d\d-\d\dT[^"]*"`).FindAllString(string(data), -1) {
		if !strings.HasSuffix(ts, `Z"`) {
			t.Errorf("time %s is not in UTC", ts)
		}
	}
}

// utcTimes sets every time reachable from v to UTC.
func utcTimes(v reflect.Value) {
	switch {
	case v.Type() == reflect.TypeFor[time.Time]():
		v.Set(reflect.ValueOf(v.Interface().(time.Time).UTC()))
	case v.Kind() == reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				utcTimes(v.Field(i))
			}
		}
	case v.Kind() == reflect.Pointer && !v.IsNil():
		utcTimes(v.Elem())
	case v.Kind() == reflect.Slice:
		for i := range v.Len() {
			utcTimes(v.Index(i))
		}
	case v.Kind() == reflect.Map:
		for _, k := range v.MapKeys() {
			e := reflect.New(v.Type().Elem()).Elem()
			e.Set(v.MapIndex(k))
			utcTimes(e)
			v.SetMapIndex(k, e)
		}
	}
}

// durationFields counts the durations fillAll sets in a value of type t
// (a type that holds itself one level deep, as fillAll fills it).
func durationFields(t reflect.Type) int {
	return countDurations(t, map[reflect.Type]bool{})
}

func countDurations(t reflect.Type, filling map[reflect.Type]bool) int {
	switch {
	case t == reflect.TypeFor[time.Duration]():
		return 1
	case t.Kind() == reflect.Struct:
		filling[t] = true
		defer delete(filling, t)
		n := 0
		for i := range t.NumField() {
			if t.Field(i).IsExported() {
				n += countDurations(t.Field(i).Type, filling)
			}
		}
		return n
	case t.Kind() == reflect.Pointer, t.Kind() == reflect.Slice, t.Kind() == reflect.Map:
		if filling[t.Elem()] {
			return 0
		}
		return countDurations(t.Elem(), filling)
	}
	return 0
}

// exportNames is every member name the export can hold, from the json tags
// of the session's types.
func exportNames(t reflect.Type, seen map[reflect.Type]bool, out map[string]bool) {
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Map {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct || seen[t] || t == reflect.TypeFor[time.Time]() {
		return
	}
	seen[t] = true
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" {
			continue
		}
		if !f.Anonymous || name != "" {
			if name == "" {
				name = f.Name
			}
			out[name] = true
		}
		exportNames(f.Type, seen, out)
	}
}

// TestBackupFormatDocumented: docs/backup-format.md names every member the
// export can hold (as `name`), the playbook snapshot's included. A field
// added to the session's types fails this test until it is documented.
func TestBackupFormatDocumented(t *testing.T) {
	doc, err := os.ReadFile("../docs/backup-format.md")
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{"format": true, "version": true, "session": true}
	exportNames(reflect.TypeFor[Session](), map[reflect.Type]bool{}, names)
	var missing []string
	for name := range names {
		if !strings.Contains(string(doc), "`"+name+"`") {
			missing = append(missing, name)
		}
	}
	slices.Sort(missing)
	if len(missing) > 0 {
		t.Errorf("docs/backup-format.md does not describe %s", strings.Join(missing, ", "))
	}
}
