// The hidden marker of the action's sticky comment: how the action finds its own comment
// again. A module of its own so that the action's start (src/action/start.ts), which looks the
// comment up before anything else, does not load the comment's renderer.
/** Hidden marker that identifies our comment; issue text cannot forge it (`<` is escaped). */
export const COMMENT_MARKER = '<!-- backlog-lint:sticky -->';
