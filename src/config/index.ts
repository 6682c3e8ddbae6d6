// Config loading (docs/architecture.md "src/config/"): YAML file → validated, merged
// ResolvedConfig, or a ConfigError listing every problem with file, line, column and hint.
export { defaultConfig, loadConfigFile, loadPreset, parseConfig } from './load.js';
export type { ParseConfigOptions } from './load.js';
export { PRESET_NAMES } from './presets.js';
export { formatEffectiveConfig } from './effective-config-yaml.js';
export { configDigest } from './digest.js';
export { teamSlugs } from './teams.js';
export {
  MAX_WORKSPACE_FILE_BYTES,
  readWorkspaceFile,
  workspacePath,
  WorkspaceFileError,
  type WorkspaceFile,
  type WorkspaceFileOptions,
} from './workspace-file.js';
