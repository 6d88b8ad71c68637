import type { Migration } from '../migrations.ts';

/**
 * The version of a key-project fiche saved when the Rada Partnerstwa accepted it (issue 19,
 * docs/projects.md): a milestone's export carries the fiches in exactly that state. Fiches
 * accepted before this column existed get the named version their acceptance saved.
 */
export const ficheAcceptedVersion: Migration = {
  version: 52,
  name: 'fiche-accepted-version',
  sql: `
ALTER TABLE project_fiches ADD COLUMN accepted_version_id TEXT REFERENCES chapter_versions(id);
UPDATE project_fiches SET accepted_version_id = (
  SELECT v.id FROM chapter_versions v
   WHERE v.chapter_id = project_fiches.chapter_id AND v.kind = 'named' AND v.name LIKE 'Przyjęta przez Radę Partnerstwa%'
   ORDER BY v.created_at DESC LIMIT 1
) WHERE status IN ('accepted', 'in_package', 'rejected');
`,
};
