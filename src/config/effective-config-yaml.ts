// The effective config as YAML in the file format (SPEC key names), e.g. for `--print-config`.
// Everything is inlined and `extends` is empty, so the text parses back to the same config.
import { Document, isScalar, isSeq, visit } from 'yaml';
import type { ResolvedConfig } from '../types.js';

export function formatEffectiveConfig(config: ResolvedConfig): string {
  const doc = new Document(toFileShape(config));
  const sources = config.extends.length > 0 ? config.extends.join(', ') : 'nothing';
  doc.commentBefore =
    ` Effective backlog-lint config. Extended: ${sources}; then the config file's own settings.\n` +
    ' Self-contained: everything extended is inlined below, so `extends` is empty.';
  // Short lists of names and rule entries read best on one line: `issue-types: [Bug, Defect]`.
  visit(doc, {
    Seq(_, node) {
      const names = node.items.map((item) => (isScalar(item) ? String(item.value) : null));
      if (!names.includes(null) && names.join(', ').length <= 60) node.flow = true;
    },
  });
  for (const id of Object.keys(config.rules)) {
    const entry = doc.getIn(['rules', id], true);
    if (isSeq(entry)) entry.flow = true;
  }
  return doc.toString({ lineWidth: 100, flowCollectionPadding: false, singleQuote: true });
}

function toFileShape(config: ResolvedConfig): Record<string, unknown> {
  return {
    version: config.version,
    extends: [],
    roles: Object.fromEntries(
      Object.entries(config.roles).map(([name, role]) => [
        name,
        { members: role.members, label: role.label, 'default-assignee': role.defaultAssignee },
      ]),
    ),
    types: Object.fromEntries(
      Object.entries(config.types).map(([name, type]) => [
        name,
        {
          owner: type.owner,
          ...(type.description !== undefined ? { description: type.description } : {}),
          labels: type.labels,
          'title-prefixes': type.titlePrefixes,
          'issue-types': type.issueTypes,
          ...(type.words !== undefined ? { words: type.words } : {}),
          ...(type.synonyms !== undefined ? { synonyms: type.synonyms } : {}),
        },
      ]),
    ),
    rules: Object.fromEntries(
      Object.entries(config.rules).map(([id, { severity, options }]) => [
        id,
        Object.keys(options).length > 0 ? [severity, options] : severity,
      ]),
    ),
    ignore: {
      labels: config.ignore.labels,
      authors: config.ignore.authors,
      issues: config.ignore.issues,
      'issue-types': config.ignore.issueTypes ?? [],
    },
  };
}
