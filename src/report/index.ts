// Reporters: pure functions from a ReportModel to text or data; no I/O.
export { ANNOTATIONS_PER_LEVEL, buildAnnotations, type Annotation } from './annotations.js';
export { COMMENT_MARKER, renderComment, type CommentTarget } from './comment.js';
export { escapeHtml, escapeMarkdown, noMention, plainText, safe, safeUrl } from './escape.js';
export { GITHUB_BODY_MAX_CHARS } from './fit.js';
export { issuesChecked } from './format.js';
export { buildJsonReport, type JsonFinding, type JsonReport } from './json.js';
export { renderMarkdown } from './markdown.js';
export { REPORT_MARKER, renderReportIssue } from './report-issue.js';
export { SUMMARY_MAX_BYTES, renderSummary } from './summary.js';
export { renderText, type TextOptions } from './text.js';
