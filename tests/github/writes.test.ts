import { afterEach, describe, expect, it } from 'vitest';
import {
  addAssignees,
  addLabels,
  upsertReportIssue,
  upsertStickyComment,
  WriteForbiddenError,
} from '../../src/github/index.js';
import { startServer, testClient, type Received, type Reply, type TestServer } from './server.js';

const repo = { owner: 'acme', repo: 'widgets' };
const MARKER = '<!-- backlog-lint:comment -->';
let server: TestServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

type Comment = { id: number; body: string; user: { login: string; type: string } };

/** Comments API of one issue, paginated like GitHub (link header, per_page). */
function commentsServer(comments: Comment[]): Promise<TestServer> {
  return startServer((r: Received): Reply => {
    if (r.method === 'GET' && r.path === '/repos/acme/widgets/issues/5/comments') {
      const perPage = Number(r.query.get('per_page') ?? '30');
      const page = Number(r.query.get('page') ?? '1');
      const slice = comments.slice((page - 1) * perPage, page * perPage);
      const more = page * perPage < comments.length;
      return {
        headers: more
          ? {
              link: `<${server!.url}/repos/acme/widgets/issues/5/comments?per_page=${perPage}&page=${page + 1}>; rel="next"`,
            }
          : {},
        body: slice,
      };
    }
    if (r.method === 'POST' && r.path === '/repos/acme/widgets/issues/5/comments') {
      return { status: 201, body: { id: 999, body: (r.body as { body: string }).body } };
    }
    if (r.method === 'PATCH' && r.path.startsWith('/repos/acme/widgets/issues/comments/')) {
      return {
        body: { id: Number(r.path.split('/').pop()), body: (r.body as { body: string }).body },
      };
    }
    return { status: 404, body: { message: 'Not Found' } };
  });
}

const human = (id: number, body: string): Comment => ({
  id,
  body,
  user: { login: 'alice', type: 'User' },
});
const bot = (id: number, body: string): Comment => ({
  id,
  body,
  user: { login: 'github-actions[bot]', type: 'Bot' },
});

describe('upsertStickyComment', () => {
  it('creates the comment when none has the marker: 2 requests', async () => {
    server = await commentsServer([human(1, 'hello'), human(2, 'lgtm')]);
    const { gh } = testClient(server);
    const body = `${MARKER}\nfindings`;
    expect(await upsertStickyComment(gh, repo, 5, body, MARKER)).toBe('created');
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /repos/acme/widgets/issues/5/comments',
      'POST /repos/acme/widgets/issues/5/comments',
    ]);
    expect(server.requests[0]!.query.get('per_page')).toBe('100');
    expect(server.requests[1]!.body).toEqual({ body });
    expect(gh.stats).toMatchObject({ requests: 2, reads: 1, writes: 1 });
  });

  it('updates the marked comment in place when the body differs', async () => {
    server = await commentsServer([human(1, 'hello'), bot(7, `${MARKER}\nold`)]);
    const { gh } = testClient(server);
    expect(await upsertStickyComment(gh, repo, 5, `${MARKER}\nnew`, MARKER)).toBe('updated');
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /repos/acme/widgets/issues/5/comments',
      'PATCH /repos/acme/widgets/issues/comments/7',
    ]);
    expect(server.requests[1]!.body).toEqual({ body: `${MARKER}\nnew` });
  });

  it('does not rewrite an identical body: 1 request', async () => {
    server = await commentsServer([bot(7, `${MARKER}\nsame\r\n`)]);
    const { gh } = testClient(server);
    expect(await upsertStickyComment(gh, repo, 5, `${MARKER}\nsame`, MARKER)).toBe('unchanged');
    expect(server.requests).toHaveLength(1);
  });

  it('prefers the bot’s marked comment over a person’s copy of the marker', async () => {
    server = await commentsServer([human(3, `quoting ${MARKER}`), bot(8, `${MARKER}\nold`)]);
    const { gh } = testClient(server);
    expect(await upsertStickyComment(gh, repo, 5, `${MARKER}\nnew`, MARKER)).toBe('updated');
    expect(server.requests[1]!.path).toBe('/repos/acme/widgets/issues/comments/8');
  });

  it('pages through long threads and stops at the page with the marker', async () => {
    const many = Array.from({ length: 250 }, (_, i) => human(i + 1, `c${i}`));
    many[150] = bot(151, `${MARKER}\nold`);
    server = await commentsServer(many);
    const { gh } = testClient(server);
    expect(await upsertStickyComment(gh, repo, 5, `${MARKER}\nnew`, MARKER)).toBe('updated');
    expect(server.requests.map((r) => `${r.method} ${r.query.get('page') ?? '1'}`)).toEqual([
      'GET 1',
      'GET 2',
      'PATCH 1',
    ]);
  });

  it('with create: false, does nothing when there is no comment yet', async () => {
    server = await commentsServer([]);
    const { gh } = testClient(server);
    expect(
      await upsertStickyComment(gh, repo, 5, `${MARKER}\nclean`, MARKER, { create: false }),
    ).toBe('skipped');
    expect(server.requests).toHaveLength(1);
  });

  it('appends the marker when the body lacks it', async () => {
    server = await commentsServer([]);
    const { gh } = testClient(server);
    await upsertStickyComment(gh, repo, 5, 'report', MARKER);
    expect((server.requests[1]!.body as { body: string }).body).toBe(`report\n\n${MARKER}`);
  });

  it('a 403 on the write (fork pull request token) becomes WriteForbiddenError', async () => {
    server = await startServer((r) =>
      r.method === 'GET'
        ? { body: [] }
        : { status: 403, body: { message: 'Resource not accessible by integration' } },
    );
    const { gh } = testClient(server);
    const err = await upsertStickyComment(gh, repo, 5, MARKER, MARKER).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WriteForbiddenError);
    expect((err as Error).message).toBe('comment on #5: Resource not accessible by integration');
    expect(server.requests).toHaveLength(2); // 403 is not retried
  });

  it('a comment creation hit by a 502 is not retried blindly (no duplicate comments)', async () => {
    server = await startServer((r) =>
      r.method === 'GET' ? { body: [] } : { status: 502, body: { message: 'Bad gateway' } },
    );
    const { gh } = testClient(server);
    await expect(upsertStickyComment(gh, repo, 5, MARKER, MARKER)).rejects.toMatchObject({
      status: 502,
    });
    expect(server.requests).toHaveLength(2);
  });
});

describe('upsertReportIssue', () => {
  function issueServer(existingBody: string | null): Promise<TestServer> {
    return startServer((r) => {
      if (r.method === 'GET' && r.path === '/repos/acme/widgets/issues/40') {
        return existingBody === null
          ? { status: 404, body: { message: 'Not Found' } }
          : { body: { number: 40, title: 'Backlog report', body: existingBody, state: 'open' } };
      }
      if (r.method === 'PATCH') return { body: { number: 40 } };
      if (r.method === 'POST') return { status: 201, body: { number: 41 } };
      return { status: 404, body: {} };
    });
  }

  it('creates the issue when there is none', async () => {
    server = await issueServer(null);
    const { gh } = testClient(server);
    expect(await upsertReportIssue(gh, repo, 'Backlog report', 'body')).toEqual({
      number: 41,
      action: 'created',
    });
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /repos/acme/widgets/issues',
    ]);
    expect(server.requests[0]!.body).toEqual({ title: 'Backlog report', body: 'body' });
  });

  it('updates the existing issue when the body differs, leaves it alone when identical', async () => {
    server = await issueServer('old');
    const { gh } = testClient(server);
    expect(await upsertReportIssue(gh, repo, 'Backlog report', 'new', 40)).toEqual({
      number: 40,
      action: 'updated',
    });
    expect(server.requests.map((r) => r.method)).toEqual(['GET', 'PATCH']);
    expect(server.requests[1]!.body).toEqual({ body: 'new' });
    await server.close();
    server = await issueServer('same');
    const second = testClient(server);
    expect(await upsertReportIssue(second.gh, repo, 'Backlog report', 'same', 40)).toEqual({
      number: 40,
      action: 'unchanged',
    });
    expect(server.requests).toHaveLength(1);
  });

  it('re-creates the issue when the existing one is gone', async () => {
    server = await issueServer(null);
    const { gh } = testClient(server);
    expect(await upsertReportIssue(gh, repo, 'Backlog report', 'b', 40)).toEqual({
      number: 41,
      action: 'created',
    });
    expect(server.requests.map((r) => r.method)).toEqual(['GET', 'POST']);
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
