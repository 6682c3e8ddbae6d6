import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  addAssignees,
  addLabels,
  createOctokit,
  findOwnComments,
  isOwnReportIssue,
  upsertReportIssue,
  upsertStickyComment,
  WriteForbiddenError,
  type GitHubClient,
} from '../../src/github/index.js';
import { startEmulator, type Emulator } from '../emulator/index.js';
import { startServer, testClient, type TestServer } from './server.js';

const repo = { owner: 'acme', repo: 'widgets' };
const MARKER = '<!-- backlog-lint:comment -->';
let server: TestServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

// The sticky comment and the report issue against the GitHub emulator (GraphQL comment
// lookup with `viewerDidAuthor`, REST writes): ownership, every page, convergence.
let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(async () => {
  await emu.stop();
});

let seq = 0;
/** A fresh repository with issue #1; the client's token acts as `login`. */
function setup(login = 'github-actions[bot]'): { gh: GitHubClient; r: typeof repo } {
  const name = `writes-${++seq}`;
  emu.addRepo(`acme/${name}`);
  emu.state.defaultRepo = `acme/${name}`;
  emu.addIssue({ title: 'Target' });
  const token = `ghs_writes${seq}token0123456789`;
  emu.permissions.setToken(token, {
    login,
    kind: login.endsWith('[bot]') ? 'installation' : 'user',
  });
  emu.clearLog();
  emu.faults.clear();
  const gh = createOctokit({
    token,
    baseUrl: emu.url,
    graphqlUrl: emu.graphqlUrl,
    writeSpacingMs: 0,
    serverErrorBackoffMs: 1,
    maxWaitSeconds: 0,
  });
  return { gh, r: { owner: 'acme', repo: name } };
}

/** No own comment yet on issue #1. */
const none = () => ({ subjectId: emu.issue(1)?.nodeId ?? '', own: [] });

const calls = (): string[] =>
  emu.requests.map((q) =>
    q.graphql ? `graphql ${q.graphql.operationName}` : `${q.method} ${q.route}`,
  );

describe('findOwnComments / upsertStickyComment', () => {
  it('creates the comment when none is its own; the mutation answer re-reads the thread', async () => {
    const { gh, r } = setup();
    emu.addComment(1, { body: 'hello', author: 'alice' });
    const own = await findOwnComments(gh, r, 1, MARKER);
    expect(own.own).toEqual([]);
    const out = await upsertStickyComment(gh, r, 1, `${MARKER}\nfindings`, MARKER, own);
    expect(out).toEqual({ result: 'created', removed: 0 });
    expect(calls()).toEqual(['graphql BacklogLintOwnComments', 'graphql BacklogLintAddComment']);
    expect(emu.issue(1)?.comments.map((c) => c.author)).toEqual(['alice', 'github-actions[bot]']);
  });

  it("never takes another user's or another app's comment with the marker, even byte-identical", async () => {
    const { gh, r } = setup();
    const body = `${MARKER}\nfindings`;
    emu.addComment(1, { body, author: 'mallory' });
    emu.addComment(1, { body, author: 'evil-app[bot]' });
    const own = await findOwnComments(gh, r, 1, MARKER);
    expect(own.own).toEqual([]);
    expect((await upsertStickyComment(gh, r, 1, body, MARKER, own)).result).toBe('created');
    const comments = emu.issue(1)?.comments ?? [];
    expect(comments.map((c) => [c.author, c.body])).toEqual([
      ['mallory', body],
      ['evil-app[bot]', body],
      ['github-actions[bot]', body],
    ]);
  });

  it('a personal token owns what its user wrote', async () => {
    const { gh, r } = setup('octocat');
    const mine = emu.addComment(1, { body: `${MARKER}\nold`, author: 'octocat' });
    emu.addComment(1, { body: `${MARKER}\nold`, author: 'github-actions[bot]' });
    const own = await findOwnComments(gh, r, 1, MARKER);
    expect(own.own.map((c) => c.id)).toEqual([mine.id]);
    expect((await upsertStickyComment(gh, r, 1, `${MARKER}\nnew`, MARKER, own)).result).toBe(
      'updated',
    );
    expect(emu.state.comments.get(mine.id)?.body).toBe(`${MARKER}\nnew`);
  });

  it('reads every page of a long thread', async () => {
    const { gh, r } = setup();
    for (let i = 0; i < 230; i++) emu.addComment(1, { body: `c${i}`, author: 'alice' });
    const mine = emu.addComment(1, { body: `${MARKER}\nold`, author: 'github-actions[bot]' });
    const own = await findOwnComments(gh, r, 1, MARKER);
    expect(own.own.map((c) => c.id)).toEqual([mine.id]);
    expect(emu.graphqlCount('BacklogLintOwnComments')).toBe(3);
  });

  it('keeps the oldest own comment, deletes the other own ones, edits only when the body differs', async () => {
    const { gh, r } = setup();
    const a = emu.addComment(1, { body: `${MARKER}\nsame`, author: 'github-actions[bot]' });
    const b = emu.addComment(1, { body: `${MARKER}\nsame`, author: 'github-actions[bot]' });
    const other = emu.addComment(1, { body: `${MARKER}\nsame`, author: 'alice' });
    const own = await findOwnComments(gh, r, 1, MARKER);
    expect(await upsertStickyComment(gh, r, 1, `${MARKER}\nsame`, MARKER, own)).toEqual({
      result: 'unchanged',
      removed: 1,
    });
    expect(emu.issue(1)?.comments.map((c) => c.id)).toEqual([a.id, other.id]);
    expect(emu.state.comments.has(b.id)).toBe(false);
  });

  it('with create: false, does nothing when there is no own comment yet', async () => {
    const { gh, r } = setup();
    emu.addComment(1, { body: `${MARKER}\nold`, author: 'alice' });
    expect(
      await upsertStickyComment(gh, r, 1, `${MARKER}\nclean`, MARKER, none(), { create: false }),
    ).toEqual({ result: 'skipped', removed: 0 });
    expect(emu.writes()).toEqual([]);
  });

  it('appends the marker when the body lacks it', async () => {
    const { gh, r } = setup();
    await upsertStickyComment(gh, r, 1, 'report', MARKER, none());
    expect(emu.issue(1)?.comments[0]?.body).toBe(`report\n\n${MARKER}`);
  });

  it('a 403 on the write (fork pull request token) becomes WriteForbiddenError', async () => {
    const { gh, r } = setup();
    emu.faults.status(403, {
      match: { write: true },
      message: 'Resource not accessible by integration',
    });
    const err = await upsertStickyComment(gh, r, 1, MARKER, MARKER, none()).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(WriteForbiddenError);
    expect((err as Error).message).toBe('comment on #1: Resource not accessible by integration');
    expect(emu.writes()).toHaveLength(1); // a 403 is not retried
  });

  it('a rate-limited write is not a permission problem', async () => {
    const { gh, r } = setup();
    emu.faults.secondaryRateLimit({ match: { write: true }, retryAfter: 5 });
    const err = await upsertStickyComment(gh, r, 1, MARKER, MARKER, none()).catch(
      (e: unknown) => e,
    );
    expect(err).not.toBeInstanceOf(WriteForbiddenError);
    expect(err).toMatchObject({ status: 403 });
  });

  it('a comment creation hit by a 502 is not retried blindly (no duplicate comments)', async () => {
    const { gh, r } = setup();
    emu.faults.status(502, { match: { write: true } });
    await expect(upsertStickyComment(gh, r, 1, MARKER, MARKER, none())).rejects.toMatchObject({
      status: 502,
    });
    expect(emu.writes()).toHaveLength(1);
  });
});

describe('upsertReportIssue', () => {
  const REPORT = '<!-- backlog-lint:report -->';

  it('creates the issue when there is none, then reads the newest issues again', async () => {
    const { gh, r } = setup();
    const out = await upsertReportIssue(gh, r, 'Backlog report', `${REPORT}\nbody`, REPORT, []);
    expect(out).toMatchObject({ action: 'created', closed: [] });
    expect(calls()).toEqual([
      'POST /repos/{owner}/{repo}/issues',
      'graphql BacklogLintOwnReportIssues',
    ]);
    expect(emu.issue(out.number)?.body).toBe(`${REPORT}\nbody`);
  });

  it('updates the oldest own report issue and closes the other own ones', async () => {
    const { gh, r } = setup();
    const a = emu.addIssue({
      title: 'Backlog report',
      body: `${REPORT}\nold`,
      author: 'github-actions[bot]',
    });
    const b = emu.addIssue({
      title: 'Backlog report',
      body: `${REPORT}\nold`,
      author: 'github-actions[bot]',
    });
    const own = [
      { id: a.number, body: a.body ?? '' },
      { id: b.number, body: b.body ?? '' },
    ];
    const out = await upsertReportIssue(gh, r, 'Backlog report', `${REPORT}\nnew`, REPORT, own);
    expect(out).toEqual({ number: a.number, action: 'updated', closed: [b.number] });
    expect(emu.issue(a.number)?.body).toBe(`${REPORT}\nnew`);
    expect(emu.issue(b.number)).toMatchObject({ state: 'closed', stateReason: 'not_planned' });
  });

  it('converges with a concurrent run: an older own report issue wins, the new one is closed', async () => {
    const { gh, r } = setup();
    const older = emu.addIssue({
      title: 'Backlog report',
      body: `${REPORT}\nother run`,
      author: 'github-actions[bot]',
    });
    const out = await upsertReportIssue(gh, r, 'Backlog report', `${REPORT}\nmine`, REPORT, []);
    expect(out.number).toBe(older.number);
    expect(out.action).toBe('updated');
    expect(out.closed).toHaveLength(1);
    expect(emu.issue(out.closed[0]!)?.state).toBe('closed');
    expect(emu.issue(older.number)?.body).toBe(`${REPORT}\nmine`);
  });

  it("a body function is given the current body: the kept issue's, null for a new one, no request for it", async () => {
    const { gh, r } = setup();
    const seen: (string | null)[] = [];
    const grow = (current: string | null): string => {
      seen.push(current);
      return `${REPORT}\nruns: ${Number(/runs: (\d+)/.exec(current ?? '')?.[1] ?? 0) + 1}`;
    };
    const created = await upsertReportIssue(gh, r, 'Backlog report', grow, REPORT, []);
    expect(seen).toEqual([null]);
    expect(emu.issue(created.number)?.body).toBe(`${REPORT}\nruns: 1`);

    emu.clearLog();
    const own = [{ id: created.number, body: emu.issue(created.number)?.body ?? '' }];
    const updated = await upsertReportIssue(gh, r, 'Backlog report', grow, REPORT, own);
    expect(updated).toEqual({ number: created.number, action: 'updated', closed: [] });
    expect(seen).toEqual([null, `${REPORT}\nruns: 1`]);
    expect(emu.issue(created.number)?.body).toBe(`${REPORT}\nruns: 2`);
    // The body came with `own` (the backlog read): only the PATCH.
    expect(calls()).toEqual(['PATCH /repos/{owner}/{repo}/issues/{issue_number}']);
  });

  it("converging with a concurrent run, a body function builds on the kept issue's body", async () => {
    const { gh, r } = setup();
    const older = emu.addIssue({
      title: 'Backlog report',
      body: `${REPORT}\nruns: 1`,
      author: 'github-actions[bot]',
    });
    const grow = (current: string | null): string =>
      `${REPORT}\nruns: ${Number(/runs: (\d+)/.exec(current ?? '')?.[1] ?? 0) + 1}`;
    const out = await upsertReportIssue(gh, r, 'Backlog report', grow, REPORT, []);
    expect(out).toMatchObject({ number: older.number, action: 'updated' });
    // The other run's point is kept, this run's added.
    expect(emu.issue(older.number)?.body).toBe(`${REPORT}\nruns: 2`);
  });

  it('isOwnReportIssue needs the title, own authorship and the marker', () => {
    const ok = { title: 'R', body: `x ${REPORT}`, viewerDidAuthor: true };
    expect(isOwnReportIssue(ok, 'R', REPORT)).toBe(true);
    expect(isOwnReportIssue({ ...ok, viewerDidAuthor: false }, 'R', REPORT)).toBe(false);
    expect(isOwnReportIssue({ ...ok, title: 'R ' }, 'R', REPORT)).toBe(false);
    expect(isOwnReportIssue({ ...ok, body: 'x' }, 'R', REPORT)).toBe(false);
  });
});

describe('addLabels / addAssignees', () => {
  it('POST only what is missing; nothing to add means no request', async () => {
    server = await startServer((r) =>
      r.path.endsWith('/assignees')
        ? { status: 201, body: { number: 5, assignees: [{ login: 'carol' }, { login: 'Alice' }] } }
        : { body: [{ name: 'owner: project' }] },
    );
    const { gh } = testClient(server, { writeSpacingMs: 0 });
    expect(
      await addLabels(gh, repo, 5, ['owner: project', 'Bug', 'owner: project'], {
        existing: ['bug'],
      }),
    ).toEqual(['owner: project']);
    expect(await addLabels(gh, repo, 5, ['bug'], { existing: ['Bug'] })).toEqual([]);
    // GitHub silently skips logins that cannot be assigned (here: ghost).
    expect(await addAssignees(gh, repo, 5, ['alice', 'ghost'], { existing: ['carol'] })).toEqual([
      'alice',
    ]);
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /repos/acme/widgets/issues/5/labels',
      'POST /repos/acme/widgets/issues/5/assignees',
    ]);
    expect(server.requests[0]!.body).toEqual({ labels: ['owner: project'] });
    expect(server.requests[1]!.body).toEqual({ assignees: ['alice', 'ghost'] });
  });

  it('403 on a fix is WriteForbiddenError', async () => {
    server = await startServer(() => ({
      status: 403,
      body: { message: 'Resource not accessible by integration' },
    }));
    const { gh } = testClient(server);
    await expect(addLabels(gh, repo, 5, ['x'])).rejects.toBeInstanceOf(WriteForbiddenError);
    await expect(addAssignees(gh, repo, 5, ['x'])).rejects.toBeInstanceOf(WriteForbiddenError);
  });
});
