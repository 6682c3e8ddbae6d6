// One line about the config a run enforces, for the action's log: where it came from, the
// preset it builds on, the roles with their member counts, and the rules it changes from that
// preset. The full effective config is printed only with RUNNER_DEBUG (it is ~470 lines).
import { compareText } from '../names.js';
import type { ResolvedConfig } from '../types.js';
import { loadPreset } from './load.js';
import { PRESET_NAMES } from './presets.js';

/** Stable text of rule options for comparison and display: keys sorted, compact. */
function optionsText(options: Record<string, unknown>): string {
  return JSON.stringify(options, (_key, value: unknown) =>
    value !== null && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(
          Object.entries(value as Record<string, unknown>).sort(([a], [b]) => compareText(a, b)),
        )
      : value,
  );
}

export function configDigest(config: ResolvedConfig, source: string): string {
  // The most specific built-in preset the config extends (`strict` extends `recommended`).
  const preset = [...config.extends].reverse().find((name) => PRESET_NAMES.includes(name));
  const roles = Object.entries(config.roles)
    .map(([name, role]) => `${name} ${role.members.length}`)
    .join(', ');
  const parts = [
    `config ${source}`,
    `preset ${preset ?? 'none'}`,
    `roles (members): ${roles || 'none'}`,
  ];
  if (preset !== undefined) {
    const base = loadPreset(preset);
    const changed: string[] = [];
    for (const [id, setting] of Object.entries(config.rules)) {
      const was = base.rules[id as keyof typeof base.rules];
      const severity =
        was && was.severity !== setting.severity ? ` ${was.severity}→${setting.severity}` : '';
      const options =
        !was || optionsText(was.options) !== optionsText(setting.options)
          ? ` ${optionsText(setting.options)}`
          : '';
      if (severity || options) changed.push(`${id}${severity}${options}`);
    }
    parts.push(`rules changed from ${preset}: ${changed.length > 0 ? changed.join(', ') : 'none'}`);
  }
  return `backlog-lint: ${parts.join('; ')}. The effective config: re-run with debug logging.`;
}
