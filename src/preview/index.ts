// Config-change preview: the backlog linted with two configs, and what changes between them.
export {
  compareConfigs,
  type ConfigPreview,
  type OwnerChange,
  type Ownership,
  type PreviewInput,
  type PreviewIssue,
  type PreviewSide,
  type RuleChange,
} from './compare.js';
export { PREVIEW_MARKER, previewJson, previewSections, renderPreviewText } from './render.js';
