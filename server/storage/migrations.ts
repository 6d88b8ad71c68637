/**
 * Database schema, as ordered migrations (one file each in ./migrations). Each runs once,
 * in a transaction, and bumps PRAGMA user_version. Add a new file and list it below; never
 * edit one that has shipped.
 */
import { core } from './migrations/001-core.ts';
import { attribution } from './migrations/002-attribution.ts';
import { versions } from './migrations/003-versions.ts';
import { comments } from './migrations/004-comments.ts';
import { suggestions } from './migrations/005-suggestions.ts';
import { clientOpenedAt } from './migrations/006-client-opened-at.ts';
// E-mail (issue 16, accounts and e-mail).
import { mail } from './migrations/010-mail.ts';
// Figures in chapters (issue 14).
import { files } from './migrations/013-files.ts';
// Serving and operations (issue 16): the readiness write probe.
import { healthProbe } from './migrations/016-health-probe.ts';
import { administration } from './migrations/007-administration.ts';
import { terc } from './migrations/008-terc.ts';
// The statutory procedure (issue 17).
import { procedure } from './migrations/030-procedure.ts';
import { adoptions } from './migrations/031-adoptions.ts';
import { milestoneCompleteness } from './migrations/032-milestone-completeness.ts';
// Key-project fiches (issue 19).
import { projectFiches } from './migrations/050-project-fiches.ts';
import { commentFields } from './migrations/051-comment-fields.ts';
import { ficheAcceptedVersion } from './migrations/052-fiche-accepted-version.ts';
import { calendarFeeds } from './migrations/040-calendar-feeds.ts';
import { procedureNotifications } from './migrations/041-procedure-notifications.ts';
import { adoptionResolutions } from './migrations/042-adoption-resolutions.ts';
// Public consultation (issue 18).
import { consultations } from './migrations/060-consultations.ts';
import { surveys } from './migrations/061-surveys.ts';
// DOCX import (issue 15).
import { docxImport } from './migrations/045-import.ts';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  core,
  attribution,
  versions,
  comments,
  suggestions,
  clientOpenedAt,
  mail,
  // Figures in chapters (issue 14).
  files,
  // Serving and operations (issue 16).
  healthProbe,
  administration,
  terc,
  // The statutory procedure (issue 17).
  procedure,
  adoptions,
  milestoneCompleteness,
  // Key-project fiches (issue 19).
  projectFiches,
  commentFields,
  ficheAcceptedVersion,
  calendarFeeds,
  procedureNotifications,
  adoptionResolutions,
  // Public consultation (issue 18).
  consultations,
  surveys,
  docxImport,
].sort((a, b) => a.version - b.version);
