package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"io/fs"
	"os"
	"time"
)

// The bbolt on-disk format, as far as checking a file before opening it
// needs (go.etcd.io/bbolt/internal/common). bbolt writes these fields in
// the machine's byte order.
const (
	boltMagic          = 0xED0CDAED
	boltVersion        = 2
	pageHeaderSize     = 16 // id uint64, flags uint16, count uint16, overflow uint32
	metaSize           = 64 // magic, version, pageSize, flags, root{pgid, seq}, freelist, pgid, txid, checksum
	metaChecksumOffset = 56
	pgidNoFreelist     = ^uint64(0)

	flagBranch   = 0x01
	flagLeaf     = 0x02
	flagMeta     = 0x04
	flagFreelist = 0x10

	minPageSize = 512
	maxPageSize = 1 << 24
)

// boltMeta is a decoded bbolt meta page.
type boltMeta struct {
	pageID   uint64
	flags    uint16
	magic    uint32
	version  uint32
	pageSize uint32
	root     uint64
	freelist uint64
	pgid     uint64 // high water mark: pages in use
	txid     uint64
	checksum uint64
	sum      uint64 // computed
}

// precheck refuses a file bbolt would misread, overwrite or panic on. It
// takes a shared lock first, so a file held by another rapport is reported
// as in use (not read mid-write), and it only ever reads.
func precheck(path string, timeout time.Duration) error {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil // bbolt creates it
	}
	if err != nil {
		return fmt.Errorf("open store %s: %w", path, err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return fmt.Errorf("open store %s: %w", path, err)
	}
	if info.IsDir() {
		return fmt.Errorf("open store %s: is a folder, not a file", path)
	}
	if err := lockShared(f, timeout); err != nil {
		if errors.Is(err, errLockTimeout) {
			return inUseError(path)
		}
		return fmt.Errorf("open store %s: %w", path, err)
	}
	if why := checkFile(f, info.Size()); why != "" {
		return corruptError(path, why)
	}
	return nil
}

// checkFile returns why the bbolt file in r (size bytes) is unusable, or "".
// It checks what bbolt itself checks on its meta pages (magic, version,
// checksum) on BOTH of them, plus that the file is as long as they say and
// that the pages they point at have the right type. bbolt alone would
// quietly fall back to the other meta page, initialise an empty file, or
// panic later on a short one.
func checkFile(r io.ReaderAt, size int64) string {
	if size == 0 {
		return "the file is empty"
	}
	m0, err0 := readMeta(r, 0, size)
	if err0 != nil {
		if _, ps := findSecondMeta(r, size); ps != 0 {
			return fmt.Sprintf("meta page 0 is damaged (%v)", err0)
		}
		var magic [4]byte
		if _, err := r.ReadAt(magic[:], pageHeaderSize); err != nil {
			return fmt.Sprintf("the file is only %d bytes long (truncated, or not a rapport store)", size)
		}
		if binary.NativeEndian.Uint32(magic[:]) != boltMagic {
			return "it is not a rapport store (not a bbolt database)"
		}
		if size < pageHeaderSize+metaSize {
			return fmt.Sprintf("the file is truncated (only %d bytes)", size)
		}
		return fmt.Sprintf("both meta pages are damaged (%v)", err0)
	}
	pageSize := int64(m0.pageSize)
	if size < 2*pageSize {
		return fmt.Sprintf("the file is truncated (%d bytes, shorter than its two meta pages)", size)
	}
	m1, err1 := readMeta(r, pageSize, size)
	if err1 != nil {
		return fmt.Sprintf("meta page 1 is damaged (%v)", err1)
	}
	if m1.pageSize != m0.pageSize {
		return "the meta pages disagree on the page size"
	}
	for i, m := range []boltMeta{m0, m1} {
		if m.pageID != uint64(i) || m.flags != flagMeta {
			return fmt.Sprintf("meta page %d has a damaged page header", i)
		}
		if need := int64(m.pgid) * pageSize; m.pgid > uint64(maxInt64/pageSize) || need > size {
			return fmt.Sprintf("the file is truncated (%d bytes; meta page %d needs %d)", size, i, need)
		}
		if m.root < 2 || m.root >= m.pgid {
			return fmt.Sprintf("meta page %d points at a root page out of range", i)
		}
		if m.freelist != pgidNoFreelist && (m.freelist < 2 || m.freelist >= m.pgid) {
			return fmt.Sprintf("meta page %d points at a freelist page out of range", i)
		}
	}
	// The meta page bbolt will use (the latest transaction) must point at a
	// tree page and a freelist page.
	cur := m0
	if m1.txid > m0.txid {
		cur = m1
	}
	if why := checkPage(r, cur.root, pageSize, flagBranch, flagLeaf); why != "" {
		return "the root page " + why
	}
	if cur.freelist != pgidNoFreelist {
		if why := checkPage(r, cur.freelist, pageSize, flagFreelist, flagFreelist); why != "" {
			return "the freelist page " + why
		}
	}
	return ""
}

const maxInt64 = int64(^uint64(0) >> 1)

// checkPage checks the header of page id: its id and one of two flags.
func checkPage(r io.ReaderAt, id uint64, pageSize int64, flagA, flagB uint16) string {
	var hdr [pageHeaderSize]byte
	if _, err := r.ReadAt(hdr[:], int64(id)*pageSize); err != nil {
		return fmt.Sprintf("cannot be read (%v)", err)
	}
	gotID := binary.NativeEndian.Uint64(hdr[0:8])
	flags := binary.NativeEndian.Uint16(hdr[8:10])
	if gotID != id {
		return fmt.Sprintf("is damaged (page %d says it is page %d)", id, gotID)
	}
	if flags != flagA && flags != flagB {
		return fmt.Sprintf("is damaged (page %d has type %#x)", id, flags)
	}
	return ""
}

// readMeta reads and validates the meta page at off. The decoded fields are
// returned even when invalid, so callers can tell "not bbolt" from "damaged".
func readMeta(r io.ReaderAt, off, size int64) (boltMeta, error) {
	var buf [pageHeaderSize + metaSize]byte
	if off+int64(len(buf)) > size {
		return boltMeta{}, errors.New("the page is cut short")
	}
	if _, err := r.ReadAt(buf[:], off); err != nil {
		return boltMeta{}, fmt.Errorf("read: %w", err)
	}
	ne := binary.NativeEndian
	b := buf[pageHeaderSize:]
	m := boltMeta{
		pageID:   ne.Uint64(buf[0:8]),
		flags:    ne.Uint16(buf[8:10]),
		magic:    ne.Uint32(b[0:4]),
		version:  ne.Uint32(b[4:8]),
		pageSize: ne.Uint32(b[8:12]),
		root:     ne.Uint64(b[16:24]),
		freelist: ne.Uint64(b[32:40]),
		pgid:     ne.Uint64(b[40:48]),
		txid:     ne.Uint64(b[48:56]),
		checksum: ne.Uint64(b[56:64]),
	}
	h := fnv.New64a()
	_, _ = h.Write(b[:metaChecksumOffset])
	m.sum = h.Sum64()
	switch {
	case m.magic != boltMagic:
		return m, errors.New("bad magic number")
	case m.version != boltVersion:
		return m, fmt.Errorf("unknown bbolt format version %d", m.version)
	case m.checksum != m.sum:
		return m, errors.New("bad checksum")
	case m.pageSize < minPageSize || m.pageSize > maxPageSize || m.pageSize&(m.pageSize-1) != 0:
		return m, fmt.Errorf("impossible page size %d", m.pageSize)
	}
	return m, nil
}

// findSecondMeta looks for a valid meta page 1 at every page size bbolt
// could have used, as bbolt does when page 0 is unreadable. It returns the
// page size found, or 0.
func findSecondMeta(r io.ReaderAt, size int64) (boltMeta, int64) {
	for ps := int64(1024); ps <= maxPageSize && ps < size; ps <<= 1 {
		if m, err := readMeta(r, ps, size); err == nil && int64(m.pageSize) == ps {
			return m, ps
		}
	}
	return boltMeta{}, 0
}
