package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strings"
	"unicode/utf8"

	"het"
)

var (
	programmeObjectives = objectiveLink("programme_objectives", "programme_id")
	programmePriorities = priorityLink("programme_priorities", "programme_id")
)

// ListProgrammes returns a page of the programmes matching f, by title, and
// the number of matches. Files carry metadata only.
func (db *DB) ListProgrammes(ctx context.Context, f het.ProgrammeFilter) ([]*het.Programme, int, error) {
	var out []*het.Programme
	var total int
	err := db.view(ctx, func(tx *tx) error {
		var w where
		w.visible("p", f.Visibility)
		w.linked("p", programmeObjectives, f.Objective)
		w.linked("p", programmePriorities, f.Priority)
		if f.Audience != "" {
			w.add("EXISTS (SELECT 1 FROM programme_audiences a WHERE a.programme_id = p.id AND a.audience = ?)", f.Audience)
		}
		if f.Cost != "" {
			w.add("p.cost = ?", f.Cost)
		}
		if f.Featured {
			w.add("p.featured = ?", true)
		}
		var err error
		if out, err = listProgrammes(ctx, tx, &w, f.Visibility, f.Limit, f.Offset); err != nil {
			return err
		}
		total, err = pageTotal(ctx, tx, "programmes p", &w, len(out), f.Limit, f.Offset)
		return err
	})
	return out, total, err
}

// FindProgramme returns the programme with slug, with its files' metadata,
// or ENOTFOUND.
func (db *DB) FindProgramme(ctx context.Context, slug string, v het.Visibility) (*het.Programme, error) {
	var p *het.Programme
	err := db.view(ctx, func(tx *tx) (err error) {
		p, err = findProgramme(ctx, tx, slug, v)
		return err
	})
	return p, err
}

// FindProgrammeFile returns one file of a visible programme with its bytes,
// or ENOTFOUND.
func (db *DB) FindProgrammeFile(ctx context.Context, programmeSlug, fileName string, v het.Visibility) (*het.File, error) {
	if !findable(programmeSlug) || !utf8.ValidString(fileName) || strings.ContainsRune(fileName, 0) || len(fileName) > 200 {
		return nil, notFound("file", fileName)
	}
	f := &het.File{}
	err := db.view(ctx, func(tx *tx) error {
		var w where
		w.add("p.slug = ? AND f.name = ?", programmeSlug, fileName)
		w.visible("p", v)
		err := tx.queryRow(ctx, "SELECT f.id, f.name, f.title, f.content_type, f.size, f.data FROM programme_files f JOIN programmes p ON p.id = f.programme_id"+w.String(), w.args...).
			Scan(&f.ID, &f.Name, &f.Title, &f.ContentType, &f.Size, &f.Data)
		return noRows(err, "file", fileName)
	})
	if err != nil {
		return nil, err
	}
	return f, nil
}

// SaveProgramme validates p, inserts or updates it by slug, and replaces its
// links, audiences and files. A file whose Data is nil keeps the bytes of
// the stored file with the same name, so a programme read with FindProgramme
// can be saved back; a new file must carry its Data. Size is set from Data.
func (db *DB) SaveProgramme(ctx context.Context, p *het.Programme) error {
	if err := p.Validate(); err != nil {
		return err
	}
	return db.save(ctx, &p.Content, func(tx *tx) error {
		old, err := findProgramme(ctx, tx, p.Slug, het.Visibility{})
		if err != nil && !het.IsNotFound(err) {
			return err
		}
		var oldFiles map[string]storedFile
		if old != nil {
			if oldFiles, err = fileDigests(ctx, tx, old.ID); err != nil {
				return err
			}
		}
		newFiles := make([]storedFile, len(p.Files))
		for i := range p.Files {
			f := &p.Files[i]
			prev, had := oldFiles[f.Name]
			switch {
			case f.Data != nil:
				sum := sha256.Sum256(f.Data)
				f.Size = int64(len(f.Data))
				newFiles[i] = storedFile{File: *f, digest: hex.EncodeToString(sum[:])}
			case had:
				f.Size = prev.Size
				newFiles[i] = storedFile{File: *f, digest: prev.digest}
			default:
				return het.FieldError("files", "Upload the file %q", f.Name)
			}
		}
		if old != nil && sameProgramme(old, p) && sameFiles(old.Files, newFiles, oldFiles) {
			keep(&p.Content, &old.Content)
			for i := range p.Files {
				p.Files[i].ID = oldFiles[p.Files[i].Name].ID
			}
			return nil
		}
		err = upsert(ctx, tx, "programmes", &p.Content, []string{"provider", "website_url", "cost", "featured"},
			p.Provider, p.WebsiteURL, p.Cost, p.Featured)
		if err != nil {
			return err
		}
		if err := saveAllLinks(ctx, tx, programmeObjectives, programmePriorities, p.ID, &p.Links); err != nil {
			return err
		}
		if err := saveAudiences(ctx, tx, p.ID, p.Audiences); err != nil {
			return err
		}
		return saveFiles(ctx, tx, p, newFiles, oldFiles)
	})
}

// storedFile is a file's metadata with the SHA-256 of its bytes.
type storedFile struct {
	het.File
	digest string
}

func sameProgramme(a, b *het.Programme) bool {
	return sameContent(&a.Content, &b.Content) && sameLinks(&a.Links, &b.Links) && a.Provider == b.Provider &&
		a.WebsiteURL == b.WebsiteURL && a.Cost == b.Cost && a.Featured == b.Featured &&
		slices.Equal(uniqOrdered(a.Audiences), uniqOrdered(b.Audiences))
}

// sameFiles reports whether the new files equal the stored ones, in order.
func sameFiles(old []het.File, files []storedFile, digests map[string]storedFile) bool {
	if len(old) != len(files) {
		return false
	}
	for i, f := range files {
		o := old[i]
		if o.Name != f.Name || o.Title != f.Title || o.ContentType != f.ContentType || digests[o.Name].digest != f.digest {
			return false
		}
	}
	return true
}

// uniqOrdered returns s without repeats, keeping first occurrences in order.
func uniqOrdered(s []string) []string {
	var out []string
	for _, v := range s {
		if !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}

func saveAudiences(ctx context.Context, tx *tx, id int64, audiences []string) error {
	if _, err := tx.exec(ctx, "DELETE FROM programme_audiences WHERE programme_id = ?", id); err != nil {
		return err
	}
	for i, a := range uniqOrdered(audiences) {
		if _, err := tx.exec(ctx, "INSERT INTO programme_audiences (programme_id, position, audience) VALUES (?, ?, ?)", id, i, a); err != nil {
			return err
		}
	}
	return nil
}

// saveFiles deletes the files no longer listed, updates the ones kept
// (bytes only when new ones were given) and inserts the rest.
func saveFiles(ctx context.Context, tx *tx, p *het.Programme, files []storedFile, old map[string]storedFile) error {
	for name, o := range old {
		if !slices.ContainsFunc(files, func(f storedFile) bool { return f.Name == name }) {
			if _, err := tx.exec(ctx, "DELETE FROM programme_files WHERE id = ?", o.ID); err != nil {
				return err
			}
		}
	}
	for i, f := range files {
		var err error
		o, had := old[f.Name]
		switch {
		case had && f.Data == nil:
			_, err = tx.exec(ctx, "UPDATE programme_files SET position = ?, title = ?, content_type = ? WHERE id = ?",
				i, f.Title, f.ContentType, o.ID)
			p.Files[i].ID = o.ID
		case had:
			_, err = tx.exec(ctx, "UPDATE programme_files SET position = ?, title = ?, content_type = ?, size = ?, sha256 = ?, data = ? WHERE id = ?",
				i, f.Title, f.ContentType, f.Size, f.digest, f.Data, o.ID)
			p.Files[i].ID = o.ID
		default:
			err = tx.queryRow(ctx, "INSERT INTO programme_files (programme_id, position, name, title, content_type, size, sha256, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
				p.ID, i, f.Name, f.Title, f.ContentType, f.Size, f.digest, f.Data).Scan(&p.Files[i].ID)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// fileDigests returns the stored files of programme id by name.
func fileDigests(ctx context.Context, tx *tx, id int64) (map[string]storedFile, error) {
	rows, err := tx.query(ctx, "SELECT id, name, size, sha256 FROM programme_files WHERE programme_id = ?", id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]storedFile{}
	for rows.Next() {
		var f storedFile
		if err := rows.Scan(&f.ID, &f.Name, &f.Size, &f.digest); err != nil {
			return nil, err
		}
		out[f.Name] = f
	}
	return out, rows.Err()
}

func findProgramme(ctx context.Context, tx *tx, slug string, v het.Visibility) (*het.Programme, error) {
	if !findable(slug) {
		return nil, notFound("programme", slug)
	}
	var w where
	w.add("p.slug = ?", slug)
	w.visible("p", v)
	ps, err := listProgrammes(ctx, tx, &w, v, 0, 0)
	if err != nil {
		return nil, err
	}
	if len(ps) == 0 {
		return nil, notFound("programme", slug)
	}
	return ps[0], nil
}

func listProgrammes(ctx context.Context, tx *tx, w *where, v het.Visibility, limit, offset int) ([]*het.Programme, error) {
	q, args := listQuery("programmes", "p", cols("p")+", p.provider, p.website_url, p.cost, p.featured", "lower(p.title), p.id",
		w, limit, offset, v, programmeObjectives, programmePriorities)
	rows, err := tx.query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*het.Programme
	byID := map[int64]*het.Programme{}
	for rows.Next() {
		p := &het.Programme{}
		dest := append(contentDest(&p.Content), &p.Provider, &p.WebsiteURL, &p.Cost, &p.Featured, slugList{&p.ObjectiveSlugs}, slugList{&p.PrioritySlugs})
		if err := rows.Scan(dest...); err != nil {
			return nil, err
		}
		out = append(out, p)
		byID[p.ID] = p
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, nil
	}
	ids := ids(out, func(p *het.Programme) int64 { return p.ID })
	in := "(" + strings.TrimSuffix(strings.Repeat("?, ", len(ids)), ", ") + ")"
	idArgs := anys(ids)
	arows, err := tx.query(ctx, "SELECT programme_id, audience FROM programme_audiences WHERE programme_id IN "+in+" ORDER BY position", idArgs...)
	if err != nil {
		return nil, err
	}
	defer arows.Close()
	for arows.Next() {
		var id int64
		var a string
		if err := arows.Scan(&id, &a); err != nil {
			return nil, err
		}
		byID[id].Audiences = append(byID[id].Audiences, a)
	}
	if err := arows.Err(); err != nil {
		return nil, err
	}
	frows, err := tx.query(ctx, "SELECT programme_id, id, name, title, content_type, size FROM programme_files WHERE programme_id IN "+in+" ORDER BY position", idArgs...)
	if err != nil {
		return nil, err
	}
	defer frows.Close()
	for frows.Next() {
		var id int64
		var f het.File
		if err := frows.Scan(&id, &f.ID, &f.Name, &f.Title, &f.ContentType, &f.Size); err != nil {
			return nil, err
		}
		byID[id].Files = append(byID[id].Files, f)
	}
	return out, frows.Err()
}
