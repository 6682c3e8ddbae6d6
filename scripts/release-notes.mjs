// Prints the CHANGELOG.md section of one version (the release workflow publishes it as the
// GitHub release notes): `node scripts/release-notes.mjs 1.2.0`. Exits 1 when the changelog
// has no section for that version, or an empty one, so a release cannot go out undocumented.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** The body of `## [VERSION]` (up to the next `## ` heading or the link definitions). */
export function releaseNotes(changelog, version) {
  const lines = changelog.split(/\r?\n/);
  const heading = new RegExp(`^## \\[${version.replace(/[.+]/g, '\\$&')}\\](?:\\s|$)`);
  const start = lines.findIndex((l) => heading.test(l));
  if (start < 0) return null;
  const body = [];
  for (const line of lines.slice(start + 1)) {
    if (/^## /.test(line) || /^\[[^\]]+\]: /.test(line)) break;
    body.push(line);
  }
  const text = body.join('\n').trim();
  return text === '' ? null : `${text}\n`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const version = (process.argv[2] ?? '').replace(/^v/, '');
  if (!/^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/.test(version)) {
    console.error('usage: node scripts/release-notes.mjs MAJOR.MINOR.PATCH');
    process.exit(2);
  }
  const notes = releaseNotes(readFileSync('CHANGELOG.md', 'utf8'), version);
  if (notes === null) {
    console.error(
      `CHANGELOG.md has no (or an empty) section "## [${version}]": write the release notes there first`,
    );
    process.exit(1);
  }
  process.stdout.write(notes);
}
