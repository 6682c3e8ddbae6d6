export type Level = 'error' | 'warning' | 'notice';
/** One problem of a config file: 1-based line and column, and what to do about it. */
export interface ConfigProblem {
    file: string;
    line: number;
    column: number;
    message: string;
    hint?: string;
}
/** The config has problems; each is listed with its position. Nothing was linted. */
export declare class ConfigError extends Error {
    readonly problems: readonly ConfigProblem[];
    constructor(problems: readonly ConfigProblem[]);
}
/** The issues could not be read; the message says where (file, line and column, or entry). */
export declare class InputError extends Error {
    readonly line: number | null;
    readonly column: number | null;
    /** Index of the bad entry in the order read, when one entry is at fault. */
    readonly index: number | null;
    constructor(message: string, where: {
        line: number | null;
        column: number | null;
        index: number | null;
    });
}
/** A validated config, after `extends`: pass it to lintIssues(). */
export interface Config {
    /** Where it came from: a path, or `preset:recommended`. */
    readonly source: string;
    /** The roles and their members as written (logins and `@org/team` slugs). */
    readonly roles: Readonly<Record<string, {
        readonly members: readonly string[];
    }>>;
    /** The effective config as YAML (what `backlog-lint --print-config` prints). */
    readonly effective: string;
}
/**
 * A config from its text. `file` names it in error messages (default
 * `.github/backlog-lint.yml`); relative `extends` files are read from `baseDir` (default: the
 * file's directory). Throws ConfigError.
 */
export declare function parseConfig(text: string, options?: {
    file?: string;
    baseDir?: string;
}): Config;
/**
 * A config file (YAML, with `extends` resolved beside it), or with no path the built-in
 * `recommended` preset (roles without members). Throws ConfigError.
 */
export declare function loadConfig(file?: string): Config;
export interface LintOptions {
    /** Default: the `recommended` preset (loadConfig()). */
    config?: Config;
    /** YYYY-MM-DD that waivers are checked against; default today (UTC). */
    today?: string;
    /** Members of the config's `@org/team` entries, keyed by the slug lower-cased (`@acme/pm`). */
    teams?: Record<string, string[]>;
    /** owner/name for the report (default: found in the issues' urls, else `local`). */
    repository?: string;
    /** Names the input in error messages (default `issues`). */
    source?: string;
}
/** Shared and frozen between findings with the same fix: read-only. */
export interface FixSuggestion {
    readonly addLabels: readonly string[];
    readonly addAssignees: readonly string[];
}
export interface Finding {
    issue: number;
    /** A rule id (`owner-role`, `type-required`, …). */
    rule: string;
    severity: Level;
    message: string;
    fix?: FixSuggestion;
    title?: string;
    url?: string;
}
/** The JSON report of the CLI's `--format json` and the action's `report-path` (version 1). */
export interface Report {
    version: 1;
    repository: string;
    mode: 'issue' | 'pull-request' | 'backlog';
    complete: boolean;
    incompleteReason?: string;
    issuesChecked: number;
    counts: Record<Level, number>;
    findings: Finding[];
    skipped: {
        item: string;
        issue?: number;
        reason: string;
    }[];
    waivers: {
        issue: number;
        rules: string[];
        until: string | null;
        reason: string | null;
        active: boolean;
        problem?: string;
    }[];
    notices: {
        kind: string;
        message: string;
        rule?: string;
        role?: string;
    }[];
    roleHealth: {
        kind: string;
        message: string;
        role?: string;
        member?: string;
        type?: string;
    }[];
    load: {
        members: {
            login: string;
            roles: string[];
            open: number;
        }[];
        roles: Record<string, {
            issues: number;
            unassigned: number;
        }>;
    };
    classification: {
        byRole: Record<string, number>;
        untyped: number;
        ambiguous: number;
    };
    configSource: string;
    dryRun: boolean;
    writes: {
        kind: string;
        issue: number | null;
        description: string;
        done: boolean;
    }[];
    runUrl?: string;
    generatedBy: 'backlog-lint';
}
/**
 * Lints a backlog. `issues` is what the CLI's `--input` takes: GitHub REST issue objects,
 * `gh issue list --json …` entries, or their text (a JSON array, `gh api --paginate` output
 * with or without `--slurp`, or NDJSON). Pull requests are skipped. Throws InputError.
 */
export declare function lintIssues(issues: string | readonly unknown[], options?: LintOptions): Report;
