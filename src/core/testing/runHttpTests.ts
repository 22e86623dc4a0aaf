import { evaluateAssertion } from '../assertions/evaluateAssertion';
import type { AssertionOutcome } from '../assertions/evaluateAssertion';
import { isKnoxToolError } from '../toolError';
import type { HttpFile, HttpRequest } from '../httpFile/httpFile';
import { resolveText } from '../httpFile/resolveVariables';
import { redact } from '../log/redact';
import { requestVariableValue } from '../runner/requestVariables';
import { ExchangeMemory } from '../runner/exchangeMemory';
import { runHttpRequest } from '../runner/runHttpRequest';
import type { HttpRun, HttpRunDeps, HttpRunInput } from '../runner/runHttpRequest';

/** What one request of a test run needs besides the file: profile, variables, tokens. */
export type HttpTestRequestInput = Omit<HttpRunInput, 'file' | 'request' | 'named'>;

/** A `.http` file to run as a test suite. */
export interface HttpTestSuite {
  readonly file: HttpFile;
  /**
   * Indexes of the requests to test. Default: the whole file, every request sent in order.
   * Given: only these, after the named requests they take values from.
   */
  readonly only?: ReadonlySet<number>;
  readonly prepare: (request: HttpRequest) => Promise<HttpTestRequestInput> | HttpTestRequestInput;
  /** Stop at the first failing test. */
  readonly bail?: boolean;
}

/** How a suite sends, and who hears of each test as it starts and ends. */
export interface HttpTestDeps extends HttpRunDeps {
  readonly onStart?: (request: HttpRequest) => void;
  readonly onOutcome?: (outcome: HttpTestOutcome) => void;
}

/** One request with assertions, run: every assertion's verdict, or why it could not be sent. */
export interface HttpTestOutcome {
  readonly request: HttpRequest;
  /** `# @name`, else `METHOD url`. */
  readonly label: string;
  readonly passed: boolean;
  readonly assertions: readonly AssertionOutcome[];
  /** Why the request was not sent or got no response (one line), when so. */
  readonly error: string | undefined;
  readonly status: number | undefined;
  readonly durationMs: number;
}

const REQUEST_REFERENCE = /\{\{\s*([^\s{}.]+)\.(?:request|response)\./g;

/**
 * Runs a `.http` file as a test suite: sends its requests in order (named responses feed later
 * `{{name.response...}}`), checks each request's `??` assertions. Requests without assertions
 * run but are not tests. Throws only KnoxToolError 'ABORTED' (the caller cancelled).
 */
export async function runHttpTests(
  suite: HttpTestSuite,
  deps: HttpTestDeps = {},
): Promise<readonly HttpTestOutcome[]> {
  const { file } = suite;
  const exchanges = new ExchangeMemory();
  const known: string[] = [];
  const outcomes: HttpTestOutcome[] = [];
  const { onStart, onOutcome, ...runDeps } = deps;
  const now = deps.now ?? Date.now;
  for (const request of requestsToSend(file, suite.only)) {
    const isTest =
      request.assertions.length > 0 && (suite.only === undefined || suite.only.has(request.index));
    if (isTest) onStart?.(request);
    const started = now();
    let run: HttpRun | undefined;
    let error: string | undefined;
    let input: HttpTestRequestInput | undefined;
    try {
      input = await suite.prepare(request);
      run = await runHttpRequest(
        { ...input, file, request, named: (name) => exchanges.get(name) },
        {
          ...runDeps,
          onToken: (token) => {
            known.push(token.value);
            deps.onToken?.(token);
          },
        },
      );
      if (run.exchange && request.name !== undefined) exchanges.set(request.name, run.exchange);
    } catch (e) {
      if (isKnoxToolError(e, 'ABORTED')) throw e;
      error = redact(e instanceof Error ? e.message : String(e), known);
    }
    if (!isTest) continue;
    const assertions = run
      ? request.assertions.map((assertion) => {
          const sources = {
            ...input?.sources,
            fileVariables: file.variables,
            requestVariable: (name: string, path: string) => {
              const exchange = exchanges.get(name);
              return exchange ? requestVariableValue(exchange, path) : undefined;
            },
          };
          const outcome = evaluateAssertion(
            assertion,
            {
              status: run.result.response.status,
              headers: run.result.response.headers,
              body: run.result.response.body,
              elapsedMs: run.result.response.elapsedMs,
              knoxCode: run.result.error?.code,
            },
            (text) => resolveText(text, sources, request.blockEnd + 1).text,
          );
          return {
            ...outcome,
            expected: redact(outcome.expected, known),
            actual: redact(outcome.actual, known),
            message: redact(outcome.message, known),
          };
        })
      : [];
    const outcome: HttpTestOutcome = {
      request,
      label: labelOf(request),
      passed: error === undefined && assertions.every((a) => a.passed),
      assertions,
      error,
      status: run?.result.response.status,
      durationMs: run?.result.response.elapsedMs ?? now() - started,
    };
    outcomes.push(outcome);
    onOutcome?.(outcome);
    if (suite.bail && !outcome.passed) break;
  }
  return outcomes;
}

/** How reports name a test: `# @name`, else `METHOD url` as written. */
export function labelOf(request: HttpRequest): string {
  return request.name ?? `${request.method} ${request.url}`;
}

/** The requests of a run, in file order: all of them, or those in `only` and what they use. */
function requestsToSend(file: HttpFile, only: ReadonlySet<number> | undefined): HttpRequest[] {
  if (only === undefined) return [...file.requests];
  // File variables may carry a request reference to any request that uses them.
  const shared = file.variables.flatMap((v) => referencesIn(v.value));
  const wanted = new Set<number>();
  const visit = (request: HttpRequest): void => {
    if (wanted.has(request.index)) return;
    wanted.add(request.index);
    for (const name of [...referencesIn(JSON.stringify(request)), ...shared]) {
      const source = file.requests.find((r) => r.name === name && r.index < request.index);
      if (source) visit(source);
    }
  };
  for (const request of file.requests) if (only.has(request.index)) visit(request);
  return file.requests.filter((r) => wanted.has(r.index));
}

function referencesIn(text: string): string[] {
  return [...text.matchAll(REQUEST_REFERENCE)].map((m) => m[1] ?? '');
}
