-- Hardening (issue 9): drafts ordered by a version the server assigns, not by a phone's
-- clock; and which uploads drafts and cases use, so that the upload quota can count what no
-- submitted case uses yet and a sweep can remove what nothing uses.

-- From now on `saved_at` is the server's clock (ms), for display; `version` orders saves.
-- Drafts saved before start at 0: the first save from any phone that saw them is accepted.
ALTER TABLE drafts ADD COLUMN version INTEGER NOT NULL DEFAULT 0;

-- The uploads a draft names, replaced at every save. No foreign key: a draft is the
-- citizen's text and may name an id that is not, or no longer, an upload.
CREATE TABLE draft_uploads (
    citizen_id INTEGER NOT NULL,
    theme_id   TEXT NOT NULL,
    upload_id  TEXT NOT NULL,
    PRIMARY KEY (citizen_id, theme_id, upload_id)
);
CREATE INDEX draft_uploads_by_upload ON draft_uploads (upload_id);

-- The uploads a submitted case uses: kept for as long as the case is.
CREATE TABLE case_uploads (
    application_id INTEGER NOT NULL REFERENCES applications (id),
    upload_id      TEXT NOT NULL,
    PRIMARY KEY (application_id, upload_id)
);
CREATE INDEX case_uploads_by_upload ON case_uploads (upload_id);

CREATE INDEX uploads_by_created ON uploads (created_at);
CREATE INDEX uploads_by_sha256 ON uploads (sha256);
-- An open case of a theme is looked up before a second one is made.
CREATE INDEX applications_by_citizen_theme ON applications (citizen_id, theme_id, status);

-- What drafts and cases already name (both hold an ApplicationRequest's JSON, as this server
-- wrote it).
INSERT OR IGNORE INTO draft_uploads (citizen_id, theme_id, upload_id)
SELECT d.citizen_id, d.theme_id, u.value
FROM drafts d, json_each(d.content, '$.materials') m, json_each(m.value, '$.uploads') u
WHERE json_extract(m.value, '$.kind') = 'upload';

INSERT OR IGNORE INTO case_uploads (application_id, upload_id)
SELECT a.id, u.value
FROM applications a, json_each(a.content, '$.materials') m, json_each(m.value, '$.uploads') u
WHERE json_extract(m.value, '$.kind') = 'upload';
