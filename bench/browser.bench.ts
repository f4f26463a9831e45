/**
 * Browser speed of the app against bare reference pages built with the same Vite setup, loaded
 * cold and interleaved in Debian's Chromium. Absolute times on shared 2-core machines are noisy,
 * so the load budgets are ratios to the references measured in the same run. The four load
 * budgets are observed by the benchmark, not read from marks the page sets: when the
 * Organization ID field accepts a click (Playwright's actionability, a trial click), the first
 * frame showing policy text, the total blocking time of the long tasks in the first 5 s, and the
 * first frame showing the policy in Monaco. The preview budget
 * (16 ms median, 50 ms p95 from a change of choices to the updated preview, with every service
 * and region selected) reads the app's own measure; the browser's Event Timing of the same
 * toggles, and of the same switch in the bare page, is printed beside it for context. The
 * benchmark prints figures and verdicts and never fails on a budget.
 *
 * Environment: BENCH_BROWSER_ROUNDS (cold loads per page, default 7), BENCH_BROWSER_TOGGLES
 * (statement toggles for the preview latency, default 60).
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from '@playwright/test';
import { catalog } from '../src/core/catalog/catalog';
import {
  assetBytesBefore,
  censoredPercentile,
  formatKilobytes,
  formatMilliseconds,
  formatRatio,
  formatTable,
  medianOf,
  p95Of,
  pairedRatio,
  ratio,
  verdict,
  type BudgetRow,
} from './browser/accounting';
import { appOutDir, buildApp, buildReferencePages, referenceOutDir } from './browser/build-pages';
import {
  loadCold,
  type ColdLoad,
  type ContractMark,
  type ObservedLoad,
  type ObservedTargets,
} from './browser/page-load';
import { measureToggles, type ToggleRun } from './browser/statement-toggles';
import { appUrlFor, everythingConfig, newcomerConfig } from './browser/scenarios';
import { startStaticServer, type StaticServer } from './browser/static-server';

/** A positive whole number from the environment, or the default with a word about the bad value. */
function countFromEnvironment(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (Number.isInteger(value) && value > 0) return value;
  console.log(`${name}=${raw} is not a positive whole number; using ${fallback}.`);
  return fallback;
}

const loadTimeoutMs = 60_000;
const allMarks: readonly ContractMark[] = [
  'vpce:form-usable',
  'vpce:policy-visible',
  'vpce:editor-ready',
];
const toggledStatement = 'AllowRequestsByAWSServicePrincipals' as const;
const appObserved: ObservedTargets = {
  clickField: 'Organization ID',
  policyText: true,
  monacoText: true,
};

const launchArgs = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

interface Target {
  name: 'app, first visit' | 'app, share link' | 'bare MUI' | 'bare Monaco';
  url: string;
  /** Marks still waited for; one that never came in a load is not waited for again. */
  marks: ContractMark[];
  /** What the benchmark waits for and observes in each load. */
  observe: ObservedTargets;
  loads: ColdLoad[];
}

/** A layout-shift score, unitless. */
const formatShift = (value: number | undefined) =>
  value === undefined || !Number.isFinite(value) ? 'n/a' : value.toFixed(4);

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

async function launchChromium(): Promise<Browser> {
  const systemChromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) =>
    existsSync(path),
  );
  if (!systemChromium)
    console.log("Debian's Chromium is missing: using Playwright's bundled Chromium.");
  return chromium.launch({
    ...(systemChromium ? { executablePath: systemChromium } : {}),
    args: launchArgs,
  });
}

const markTimes = (target: Target | undefined, mark: ContractMark) =>
  target ? target.loads.map((load) => load.marks[mark]) : [];

function spread(target: Target, mark: ContractMark): string {
  const present = markTimes(target, mark).filter((t): t is number => t !== undefined);
  if (present.length === 0) return 'n/a';
  return `${formatMilliseconds(medianOf(present))} (${Math.round(Math.min(...present))}-${Math.round(Math.max(...present))}, n=${present.length})`;
}

/** Median gzip bytes of scripts and styles fetched before `mark`, over the loads that reached it. */
function medianBytesBefore(
  target: Target | undefined,
  mark: ContractMark,
  part: 'total' | 'js' | 'css' = 'total',
): number | undefined {
  if (!target) return undefined;
  return medianOf(
    target.loads.map((load) =>
      load.marks[mark] === undefined
        ? undefined
        : assetBytesBefore(load.assets, load.marks[mark]!)[part],
    ),
  );
}

function printPerPage(targets: readonly Target[]): void {
  console.log(
    '\nPer page, medians over cold loads (min-max in ms); gzip bytes of JS+CSS fetched before the mark:',
  );
  for (const target of targets) {
    console.log(`  ${target.name}`);
    for (const mark of allMarks) {
      if (markTimes(target, mark).every((t) => t === undefined)) continue;
      const js = medianBytesBefore(target, mark, 'js');
      const css = medianBytesBefore(target, mark, 'css');
      console.log(
        `    ${mark.padEnd(20)} ${spread(target, mark).padEnd(30)} ${formatKilobytes(medianBytesBefore(target, mark))} (JS ${formatKilobytes(js)}, CSS ${formatKilobytes(css)})`,
      );
    }
    const rounded = (value: number) => String(Math.round(value));
    for (const [figure, formatMedian, formatEnd] of [
      ['clickable', formatMilliseconds, rounded],
      ['policyText', formatMilliseconds, rounded],
      ['monacoText', formatMilliseconds, rounded],
      ['blockingFirst5s', formatMilliseconds, rounded],
      ['layoutShiftFirst5s', formatShift, formatShift],
    ] as const) {
      const values = target.loads
        .map((load) => load.observed[figure])
        .filter((t): t is number => t !== undefined);
      if (values.length === 0) continue;
      console.log(
        `    observed ${figure.padEnd(15)} ${formatMedian(medianOf(values))} (${formatEnd(Math.min(...values))}-${formatEnd(Math.max(...values))}, n=${values.length})`,
      );
    }
    const all = medianOf(
      target.loads.map((load) => assetBytesBefore(load.assets, Number.POSITIVE_INFINITY).total),
    );
    console.log(`    all JS+CSS fetched during the load: ${formatKilobytes(all)}`);
    printLargestBeforeFormUsable(target);
  }
}

/** The biggest scripts and styles a page fetched before its form was usable, from its first such load. */
function printLargestBeforeFormUsable(target: Target, count = 5): void {
  const load = target.loads.find((l) => l.marks['vpce:form-usable'] !== undefined);
  if (!load) return;
  const before = load.assets
    .filter((asset) => asset.responseEnd <= load.marks['vpce:form-usable']!)
    .sort((a, b) => b.gzipBytes - a.gzipBytes)
    .slice(0, count);
  const files = before.map(
    (asset) => `${new URL(asset.url).pathname} ${formatKilobytes(asset.gzipBytes)}`,
  );
  console.log(`    largest before the usable form: ${files.join(', ')}`);
}

/** A figure of one cold load: a time the benchmark observed, or the bytes fetched before a mark. */
type LoadFigure = (load: ColdLoad) => number | undefined;

const observedTime =
  (figure: keyof ObservedLoad): LoadFigure =>
  (load) =>
    load.observed[figure];

const bytesBeforeMark =
  (mark: ContractMark): LoadFigure =>
  (load) =>
    load.marks[mark] === undefined
      ? undefined
      : assetBytesBefore(load.assets, load.marks[mark]).total;

interface ComparedFigure {
  figure: string;
  appFigure: LoadFigure;
  reference: Target;
  referenceFigure: LoadFigure;
  budget: number;
  format: (value: number | undefined) => string;
}

function budgetRows(
  apps: readonly Target[],
  bareMui: Target,
  bareMonaco: Target,
  preview: ToggleRun | undefined,
  referenceToggles: ToggleRun | undefined,
): BudgetRow[] {
  const figures: ComparedFigure[] = [
    {
      figure: '1. navigation -> Organization ID accepts a click (trial click; vs bare MUI)',
      appFigure: observedTime('clickable'),
      reference: bareMui,
      referenceFigure: observedTime('clickable'),
      budget: 1.2,
      format: formatMilliseconds,
    },
    {
      figure: "2. navigation -> policy text readable (vs bare MUI's click)",
      appFigure: observedTime('policyText'),
      reference: bareMui,
      referenceFigure: observedTime('clickable'),
      budget: 1.2,
      format: formatMilliseconds,
    },
    {
      figure: '3. total blocking time, first 5 s (long tasks; vs bare Monaco)',
      appFigure: observedTime('blockingFirst5s'),
      reference: bareMonaco,
      referenceFigure: observedTime('blockingFirst5s'),
      budget: 1.0,
      format: formatMilliseconds,
    },
    {
      figure: '4. navigation -> Monaco shows the policy (vs bare Monaco)',
      appFigure: observedTime('monacoText'),
      reference: bareMonaco,
      referenceFigure: observedTime('monacoText'),
      budget: 1.0,
      format: formatMilliseconds,
    },
    {
      figure: 'JS+CSS gzip before the form-usable mark (vs bare MUI)',
      appFigure: bytesBeforeMark('vpce:form-usable'),
      reference: bareMui,
      referenceFigure: bytesBeforeMark('vpce:form-usable'),
      budget: 1.1,
      format: formatKilobytes,
    },
  ];
  const rows: BudgetRow[] = [];
  for (const { figure, appFigure, reference, referenceFigure, budget, format } of figures) {
    const referenceSamples = reference.loads.map(referenceFigure);
    for (const app of apps) {
      const appSamples = app.loads.map(appFigure);
      const r = ratio(medianOf(appSamples), medianOf(referenceSamples));
      rows.push({
        figure: `${figure} [${app.name.replace('app, ', '')}]`,
        measured: format(medianOf(appSamples)),
        reference: format(medianOf(referenceSamples)),
        compared: formatRatio(r),
        paired: formatRatio(pairedRatio(appSamples, referenceSamples)),
        budget: `<= ${budget.toFixed(2)}x`,
        verdict: verdict(r, budget),
      });
    }
  }
  const durations = preview?.previewUpdates ?? [];
  const absolute = (figure: string, value: number | undefined, budgetMs: number) =>
    rows.push({
      figure,
      measured: formatMilliseconds(value),
      reference: '-',
      compared: formatMilliseconds(value),
      paired: '-',
      budget: `<= ${budgetMs} ms`,
      verdict: verdict(value, budgetMs),
    });
  // How far the page moves by itself while it loads (cumulative layout shift): absolute, against
  // the threshold browsers' own guidance calls good (0.1).
  const medianShift = (target: Target) =>
    medianOf(target.loads.map((load) => load.observed.layoutShiftFirst5s));
  for (const app of apps) {
    const shift = medianShift(app);
    rows.push({
      figure: `layout shift, first 5 s (cumulative; no input) [${app.name.replace('app, ', '')}]`,
      measured: formatShift(shift),
      reference: formatShift(medianShift(bareMonaco)),
      compared: formatShift(shift),
      paired: '-',
      budget: '<= 0.10',
      verdict: verdict(shift, 0.1),
    });
  }
  absolute(
    `change -> updated preview, median (${durations.length} changes, all services and regions)`,
    medianOf(durations),
    16,
  );
  absolute('change -> updated preview, p95', p95Of(durations), 50);
  // The browser's own view of the same toggles, from input to the next paint, beside the same
  // switch toggled in the bare MUI page: context for the app's measure, not a budget, since on
  // a headless shared machine even the bare page rarely paints within one frame.
  const interaction = (run: ToggleRun | undefined, p: number) =>
    run && run.toggles > 0 ? censoredPercentile(run.slowInteractions, run.toggles, p) : undefined;
  const interactionText = (run: ToggleRun | undefined, p: number) => {
    if (!run || run.toggles === 0) return 'n/a';
    const value = interaction(run, p);
    return value === undefined ? '< 16 ms' : formatMilliseconds(value);
  };
  for (const [label, p] of [
    ['median', 50],
    ['p95', 95],
  ] as const) {
    rows.push({
      figure: `input -> next paint (Event Timing), ${label}${label === 'median' ? ` (${preview?.toggles ?? 0} toggles; reference: bare MUI)` : ''}`,
      measured: interactionText(preview, p),
      reference: interactionText(referenceToggles, p),
      compared: formatRatio(ratio(interaction(preview, p), interaction(referenceToggles, p))),
      paired: '-',
      budget: '-',
      verdict: 'information only',
    });
  }
  return rows;
}

export async function run(): Promise<void> {
  const started = performance.now();
  const rounds = countFromEnvironment('BENCH_BROWSER_ROUNDS', 7);
  const toggles = countFromEnvironment('BENCH_BROWSER_TOGGLES', 60);
  const servers: StaticServer[] = [];
  let browser: Browser | undefined;
  try {
    const references = await buildReferencePages();
    if (!references.ok) {
      console.log(
        `The reference pages did not build: ${references.reason}. Nothing to compare against; stopping.`,
      );
      return;
    }
    const appBuild = await buildApp();
    console.log(
      `Built the reference pages in ${references.seconds.toFixed(1)} s; the app: ${appBuild.ok ? `${appBuild.seconds.toFixed(1)} s` : `not measured, ${appBuild.reason}`}.`,
    );

    const referenceServer = await startStaticServer(referenceOutDir);
    servers.push(referenceServer);
    const targets: Target[] = [];
    let appServer: StaticServer | undefined;
    if (appBuild.ok) {
      appServer = await startStaticServer(appOutDir);
      servers.push(appServer);
      // A first visit starts from the app's defaults; the share link carries the same choices
      // as the Monaco reference page's document, so the two editors show the same text.
      targets.push(
        {
          name: 'app, first visit',
          url: `${appServer.origin}/`,
          marks: [...allMarks],
          observe: appObserved,
          loads: [],
        },
        {
          name: 'app, share link',
          url: appUrlFor(appServer.origin, newcomerConfig),
          marks: [...allMarks],
          observe: appObserved,
          loads: [],
        },
      );
    }
    const bareMui: Target = {
      name: 'bare MUI',
      url: `${referenceServer.origin}/bare-mui.html`,
      marks: ['vpce:form-usable'],
      observe: { clickField: 'Organization ID', policyText: false, monacoText: false },
      loads: [],
    };
    const bareMonaco: Target = {
      name: 'bare Monaco',
      url: `${referenceServer.origin}/bare-monaco.html`,
      marks: ['vpce:form-usable', 'vpce:editor-ready'],
      observe: { clickField: 'Organization ID', policyText: true, monacoText: true },
      loads: [],
    };
    targets.push(bareMui, bareMonaco);

    try {
      browser = await launchChromium();
    } catch (error) {
      const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
      console.log(`Chromium did not start (${reason}); nothing was measured.`);
      return;
    }
    console.log(
      `Chromium ${browser.version()}; ${rounds} cold loads per page, interleaved; the share link selects ${newcomerConfig.services.join(', ')} in ${newcomerConfig.regions.join(', ')}.`,
    );
    const problems: string[] = [];
    for (let round = 0; round < rounds; round++) {
      // Rotating the order spreads any drift of the machine's load evenly over the pages.
      const order = targets.map((_, i) => targets[(i + round) % targets.length]!);
      for (const target of order) {
        const load = await loadCold(
          browser,
          target.url,
          target.marks,
          loadTimeoutMs,
          target.observe,
        );
        target.loads.push(load);
        for (const problem of load.problems)
          problems.push(`${target.name}, load ${round + 1}: ${problem}`);
        for (const url of load.foreignRequests)
          problems.push(`${target.name}, load ${round + 1}: request to another origin: ${url}`);
        const missing = target.marks.filter((mark) => load.marks[mark] === undefined);
        if (missing.length > 0)
          target.marks = target.marks.filter((mark) => !missing.includes(mark));
      }
      process.stdout.write(round === 0 ? `  round ${round + 1}` : ` ${round + 1}`);
    }
    process.stdout.write('\n');

    let preview: ToggleRun | undefined;
    let referenceToggles: ToggleRun | undefined;
    if (appServer) {
      const title = catalog.statement(toggledStatement).title;
      const switchName = new RegExp(
        `${escapeRegExp(toggledStatement)}|${escapeRegExp(title)}`,
        'i',
      );
      const everything = everythingConfig(catalog);
      console.log(
        `Preview latency: app opened with ${everything.services.length} services in ${everything.regions.length} regions, switch ${switchName} toggled ${toggles} times.`,
      );
      preview = await measureToggles(browser, appUrlFor(appServer.origin, everything), switchName, {
        marks: ['vpce:form-usable', 'vpce:policy-visible'],
        previewMeasure: true,
        toggles,
        timeoutMs: loadTimeoutMs * 2,
      });
      problems.push(...preview.problems.map((problem) => `preview latency: ${problem}`));
      referenceToggles = await measureToggles(browser, bareMui.url, switchName, {
        marks: ['vpce:form-usable'],
        previewMeasure: false,
        toggles,
        timeoutMs: loadTimeoutMs,
      });
      problems.push(...referenceToggles.problems.map((problem) => `bare MUI toggles: ${problem}`));
    }

    const apps = targets.filter((target) => target.name.startsWith('app'));
    printPerPage(targets);
    console.log(
      '\nBudgets (verdicts on the ratio of medians; "paired" is the median of the per-round ratios, less exposed to drift of the machine):',
    );
    const measuredApps: Target[] =
      apps.length > 0
        ? apps
        : [{ name: 'app, first visit', url: '', marks: [], observe: appObserved, loads: [] }];
    console.log(
      formatTable(budgetRows(measuredApps, bareMui, bareMonaco, preview, referenceToggles)),
    );
    if (apps.length === 0)
      console.log('The app rows are "not measured": the app did not build (see above).');
    if (problems.length > 0) {
      console.log('\nProblems:');
      const unique = [...new Set(problems)];
      for (const problem of unique.slice(0, 30)) console.log(`  - ${problem}`);
      if (unique.length > 30) console.log(`  ... and ${unique.length - 30} more`);
    }
  } finally {
    await browser?.close().catch(() => undefined);
    await Promise.all(servers.map((server) => server.close()));
    console.log(`\nBrowser benchmark took ${((performance.now() - started) / 1000).toFixed(1)} s.`);
  }
}
