// End-to-end checks of built planpress sites, as a browser sees them.
//
//   node tests/e2e/run.mjs [--artefacts DIR] NAME=BUILT_DIR [NAME=BUILT_DIR ...]
//
// Every HTML page of every built site is opened in Debian's headless Chromium
// twice: served on 127.0.0.1 under a sub-path, and from file://. The suite
// fails on any failed request, any request that leaves the site, any console
// error, any broken internal link, image or #fragment, a language switch that
// does not lead to the counterpart page, a page not reachable from the root
// index.html, a serious or critical axe-core violation, a Nu HTML Checker
// error, or horizontal overflow at a 390 px wide phone viewport.
//
// Environment: E2E_CHROMIUM (browser binary), E2E_JAVA (java binary),
// E2E_WORKERS (pages checked at once, default 2), E2E_PREFIX (sub-path,
// default /reports/2024/), E2E_INDICATOR (the indicator id whose page is
// screenshotted; default the first in alphabetical order).

import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync, readdirSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from './server.mjs';

const require = createRequire(import.meta.url);
const HERE = path.dirname(fileURLToPath(import.meta.url));

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
const PREFIX = process.env.E2E_PREFIX || '/reports/2024/';
const WORKERS = Math.max(1, Number(process.env.E2E_WORKERS || 2));
const NAV_TIMEOUT = 60_000;
const SHOW_PER_KIND = 40;

/** Every kind of problem the suite reports, in the order of the summary line. */
const KINDS = [
  ['failed-request', 'failed requests'],
  ['external-request', 'external'],
  ['console-error', 'console errors'],
  ['axe', 'axe serious/critical'],
  ['vnu', 'vnu errors'],
  ['overflow', 'overflow'],
  ['broken-link', 'broken links'],
  ['broken-image', 'broken images'],
  ['lang-switch', 'language-switch errors'],
  ['orphan', 'orphans'],
  ['load-error', 'load errors'],
];

// ---------------------------------------------------------------- arguments

function parseArgs(argv) {
  const sites = [];
  let artefacts = null;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--artefacts') {
      artefacts = argv[++i];
    } else if (a.includes('=')) {
      const at = a.indexOf('=');
      sites.push({ name: a.slice(0, at), dir: path.resolve(a.slice(at + 1)) });
    } else {
      throw new Error(`unexpected argument ${a}: give NAME=BUILT_DIR pairs`);
    }
  }
  if (sites.length === 0) throw new Error('no site given: pass NAME=BUILT_DIR');
  for (const s of sites) {
    if (!existsSync(path.join(s.dir, 'index.html'))) {
      throw new Error(`${s.name}: ${s.dir} has no index.html (is it a built site?)`);
    }
  }
  return { sites, artefacts };
}

function findChromium() {
  const candidates = [process.env.E2E_CHROMIUM, '/usr/lib/chromium/chromium', '/usr/bin/chromium'];
  for (const c of candidates) if (c && existsSync(c)) return c;
  throw new Error("Chromium not found: install Debian's chromium package (tests/e2e/install-deps.sh) or set E2E_CHROMIUM");
}

// ---------------------------------------------------------------- problems

const problems = [];
function report(site, page, kind, detail) {
  problems.push({ site, page, kind, detail });
}

// ---------------------------------------------------------------- site files

function listHtml(root) {
  const out = [];
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && e.name.endsWith('.html')) out.push(path.relative(root, p).split(path.sep).join('/'));
    }
  };
  walk(root);
  return out.sort();
}

function encodeRel(rel) {
  return rel.split('/').map(encodeURIComponent).join('/');
}

/**
 * Where a URL seen on a page points inside the site. Returns
 * { external: true } for another host or scheme, { error } for a URL that
 * points at the site's host or disk but at nothing of the site, or
 * { rel, hash, isPage } for a file of the site.
 */
function locate(site, mode, href) {
  let u;
  try {
    u = new URL(href);
  } catch {
    return { error: `unparseable URL ${href}` };
  }
  let relPath;
  if (mode === 'http') {
    if (u.origin !== site.server.origin) return { external: true };
    if (!u.pathname.startsWith(PREFIX)) return { error: `outside the sub-path ${PREFIX}` };
    try {
      relPath = decodeURIComponent(u.pathname.slice(PREFIX.length));
    } catch {
      return { error: 'bad percent-encoding' };
    }
  } else {
    if (u.protocol !== 'file:') return { external: true };
    const p = fileURLToPath(u);
    if (p !== site.dir && !p.startsWith(site.dir + path.sep)) return { error: 'outside the site folder' };
    relPath = path.relative(site.dir, p).split(path.sep).join('/');
  }
  let hash = '';
  try {
    hash = decodeURIComponent(u.hash.slice(1));
  } catch {
    return { error: 'bad percent-encoding in the #fragment' };
  }
  const abs = path.join(site.dir, relPath);
  let st = null;
  try {
    st = statSync(abs);
  } catch {
    return { error: 'no such file in the built site' };
  }
  if (st.isDirectory()) {
    // A server turns a folder into its index.html; a browser opening the
    // site from disk shows a folder listing instead.
    if (mode === 'file') return { error: 'a folder: from disk this opens a file listing, not the page' };
    relPath = relPath === '' || relPath.endsWith('/') ? relPath + 'index.html' : relPath + '/index.html';
    if (!existsSync(path.join(site.dir, relPath))) return { error: 'a folder without index.html' };
  }
  return { rel: relPath, hash, isPage: relPath.endsWith('.html') };
}

// ---------------------------------------------------------------- in-page code

async function loadAllImages() {
  const imgs = [...document.images];
  for (const i of imgs) i.loading = 'eager';
  const settle = (i) =>
    i.complete
      ? null
      : new Promise((r) => {
          i.addEventListener('load', r, { once: true });
          i.addEventListener('error', r, { once: true });
        });
  await Promise.all(imgs.map(settle));
}

function collectPage() {
  const sw = document.querySelector('a.lang-switch');
  return {
    lang: document.documentElement.getAttribute('lang') || '',
    links: [...document.querySelectorAll('a[href], area[href]')].map((a) => a.href),
    images: [...document.images].map((i) => ({
      src: i.currentSrc || i.src,
      ok: i.complete && i.naturalWidth > 0,
    })),
    stylesheets: [...document.querySelectorAll('link[rel~="stylesheet"]')].map((l) => ({ href: l.href, ok: !!l.sheet })),
    ids: [...document.querySelectorAll('[id]')].map((e) => e.id).concat([...document.querySelectorAll('a[name]')].map((a) => a.name)),
    langSwitch: sw ? { href: sw.href, hreflang: sw.getAttribute('hreflang') || '' } : null,
    alternates: [...document.querySelectorAll('link[rel~="alternate"][hreflang]')].map((l) => ({ href: l.href, hreflang: l.hreflang })),
  };
}

/**
 * Horizontal overflow at the current viewport: what sticks out of the page,
 * and wide tables that are cut off instead of scrolling in their own box.
 * Also counts the wide tables that do scroll, to show the check had work.
 */
function findOverflow() {
  const vw = document.documentElement.clientWidth;
  const out = [];
  const docW = Math.max(document.documentElement.scrollWidth, document.body.scrollWidth);
  if (docW > vw) out.push(`document is ${docW}px wide in a ${vw}px viewport`);
  const describe = (el) =>
    el.tagName.toLowerCase() + (el.id ? `#${el.id}` : '') + (el.classList.length ? `.${[...el.classList].join('.')}` : '');
  const boxOf = (el) => {
    for (let a = el.parentElement; a && a !== document.body && a !== document.documentElement; a = a.parentElement) {
      if (getComputedStyle(a).overflowX !== 'visible') return a;
    }
    return null;
  };
  const offenders = new Set();
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || r.right <= vw + 1) continue;
    if (boxOf(el)) continue;
    // Report the outermost element that sticks out, not each of its children.
    let p = el.parentElement;
    let inner = false;
    while (p && p !== document.body) {
      if (offenders.has(p)) inner = true;
      p = p.parentElement;
    }
    if (!inner) offenders.add(el);
  }
  for (const el of [...offenders].slice(0, 5)) {
    out.push(`${describe(el)} reaches ${Math.round(el.getBoundingClientRect().right)}px`);
  }
  let scrolling = 0;
  for (const t of document.querySelectorAll('table')) {
    const box = boxOf(t);
    if (!box || t.getBoundingClientRect().width <= box.clientWidth + 1) continue;
    const overflowX = getComputedStyle(box).overflowX;
    if (overflowX === 'auto' || overflowX === 'scroll') scrolling++;
    else out.push(`table${t.className ? '.' + t.className : ''} is cut off by ${describe(box)} (overflow-x: ${overflowX}) instead of scrolling`);
  }
  return { problems: out, scrolling };
}

// ---------------------------------------------------------------- browser pages

/**
 * A browser tab with listeners that record what the page it is on requests
 * and logs, and that blocks (and records) every request leaving the site.
 */
async function openTab(context, isAllowed) {
  const page = await context.newPage();
  page.setDefaultTimeout(NAV_TIMEOUT);
  const tab = { page, rec: null, inflight: 0 };
  const rec = () => tab.rec;
  await page.route('**/*', (route) => {
    // A tab closing mid-request rejects these; nothing is left to record then.
    const done = isAllowed(route.request().url()) ? route.continue() : route.abort('blockedbyclient');
    done.catch(() => {});
  });
  page.on('request', (r) => {
    tab.inflight++;
    if (!isAllowed(r.url())) rec()?.external.push(r.url());
  });
  page.on('requestfinished', () => tab.inflight--);
  page.on('requestfailed', (r) => {
    tab.inflight--;
    if (isAllowed(r.url())) rec()?.failed.push(`${r.url()} (${r.failure()?.errorText ?? 'failed'})`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) rec()?.failed.push(`${r.url()} (HTTP ${r.status()})`);
  });
  page.on('console', (m) => {
    if (m.type() === 'error') rec()?.console.push(m.text());
  });
  page.on('pageerror', (e) => rec()?.console.push(String(e)));
  page.on('crash', () => rec()?.console.push('the page crashed'));
  return tab;
}

async function settled(tab) {
  for (let i = 0; i < 200 && tab.inflight > 0; i++) await new Promise((r) => setTimeout(r, 25));
}

async function pool(items, n, work) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async (_, w) => {
      while (next < items.length) {
        const item = items[next++];
        await work(item, w);
      }
    }),
  );
}

// ---------------------------------------------------------------- checks

const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Opens one page in one mode and records every problem found on it. */
async function checkPage(site, mode, tab, rel) {
  const url = mode === 'http' ? site.server.baseUrl + encodeRel(rel) : pathToFileURL(path.join(site.dir, rel)).href;
  const rec = { failed: [], external: [], console: [] };
  tab.rec = rec;
  const { page } = tab;
  const tag = mode === 'http' ? `served under ${PREFIX}` : 'from file://';
  try {
    await page.setViewportSize(DESKTOP);
    await page.goto(url, { waitUntil: 'load' });
    await page.evaluate(loadAllImages);
    const data = await page.evaluate(collectPage);

    for (const href of data.links) {
      const where = locate(site, mode, href);
      if (where.error) report(site.name, rel, 'broken-link', `${tag}: ${href} — ${where.error}`);
      else if (where.external) site.outbound.add(href);
      else if (mode === 'http') site.links.push({ from: rel, to: where.rel, hash: where.hash, isPage: where.isPage, href });
    }
    for (const img of data.images) {
      const where = locate(site, mode, img.src);
      if (where.error) report(site.name, rel, 'broken-image', `${tag}: ${img.src} — ${where.error}`);
      else if (!img.ok) report(site.name, rel, 'broken-image', `${tag}: ${img.src} did not load`);
    }
    for (const css of data.stylesheets) {
      if (!css.ok) report(site.name, rel, 'failed-request', `${tag}: stylesheet ${css.href} did not load`);
    }

    if (mode === 'http') {
      site.pages.set(rel, { lang: data.lang, ids: new Set(data.ids), langSwitch: data.langSwitch, alternates: data.alternates });

      await page.addScriptTag({ content: axeSource });
      const violations = await page.evaluate(async () => {
        const r = await axe.run(document, { resultTypes: ['violations'] });
        return r.violations.map((v) => ({
          id: v.id,
          impact: v.impact,
          help: v.help,
          nodes: v.nodes.map((n) => `${n.target.join(' ')}${n.failureSummary ? ' — ' + n.failureSummary.replace(/\s+/g, ' ') : ''}`),
        }));
      });
      for (const v of violations) {
        const line = `${v.id} (${v.impact}): ${v.help} — ${v.nodes.length} element(s): ${v.nodes.slice(0, 3).join(' | ')}`;
        if (v.impact === 'serious' || v.impact === 'critical') report(site.name, rel, 'axe', line);
        else site.minorAxe.push(`${rel}: ${line}`);
      }

      await page.setViewportSize(PHONE);
      const overflow = await page.evaluate(findOverflow);
      if (overflow.problems.length) report(site.name, rel, 'overflow', `at ${PHONE.width}px: ${overflow.problems.join('; ')}`);
      site.scrollingTables += overflow.scrolling;
    }
    await settled(tab);
  } catch (err) {
    report(site.name, rel, 'load-error', `${tag}: ${String(err).split('\n')[0]}`);
  }
  tab.rec = null;
  for (const f of new Set(rec.failed)) report(site.name, rel, 'failed-request', `${tag}: ${f}`);
  for (const e of new Set(rec.external)) report(site.name, rel, 'external-request', `${tag}: ${e}`);
  for (const c of rec.console) report(site.name, rel, 'console-error', `${tag}: ${c}`);
}

/** Fragments, language switches and reachability: checks over the whole site once every page was seen. */
function checkSiteGraph(site) {
  for (const l of site.links) {
    if (!l.isPage || !l.hash) continue;
    const target = site.pages.get(l.to);
    if (target && !target.ids.has(l.hash)) report(site.name, l.from, 'broken-link', `${l.href} — no element with id "${l.hash}" on ${l.to}`);
  }

  const langs = new Set([...site.pages.entries()].filter(([rel]) => rel !== 'index.html').map(([, p]) => p.lang));
  if (langs.size > 1) {
    for (const [rel, p] of site.pages) {
      if (rel === 'index.html') continue;
      const sw = p.langSwitch;
      if (!sw) {
        report(site.name, rel, 'lang-switch', 'no language switch (a.lang-switch)');
        continue;
      }
      const where = locate(site, 'http', sw.href);
      if (where.error || where.external || !where.isPage) {
        report(site.name, rel, 'lang-switch', `${sw.href} is not a page of the site`);
        continue;
      }
      const other = site.pages.get(where.rel);
      if (!other) continue; // reported as a broken link already
      const problemsHere = [];
      if (other.lang === p.lang) problemsHere.push(`leads to ${where.rel}, a page in the same language (${p.lang})`);
      if (sw.hreflang !== other.lang) problemsHere.push(`hreflang="${sw.hreflang}" but ${where.rel} declares lang="${other.lang}"`);
      const [, ...rest] = rel.split('/');
      const [, ...otherRest] = where.rel.split('/');
      if (rest.join('/') !== otherRest.join('/')) problemsHere.push(`leads to ${where.rel}, not the counterpart of ${rel}`);
      const back = other.langSwitch && locate(site, 'http', other.langSwitch.href);
      if (!back || back.rel !== rel) problemsHere.push(`${where.rel} does not switch back to ${rel}`);
      const alt = p.alternates.find((a) => a.hreflang === sw.hreflang);
      if (!alt || alt.href !== sw.href) problemsHere.push(`no <link rel="alternate" hreflang="${sw.hreflang}"> to the same page`);
      for (const m of problemsHere) report(site.name, rel, 'lang-switch', m);
    }
  }

  const edges = new Map();
  for (const l of site.links) {
    if (!l.isPage) continue;
    if (!edges.has(l.from)) edges.set(l.from, new Set());
    edges.get(l.from).add(l.to);
  }
  const seen = new Set(['index.html']);
  const queue = ['index.html'];
  while (queue.length) {
    for (const to of edges.get(queue.shift()) ?? []) {
      if (!seen.has(to)) {
        seen.add(to);
        queue.push(to);
      }
    }
  }
  for (const rel of site.all) {
    if (!seen.has(rel)) report(site.name, rel, 'orphan', 'not reachable by links from the home page (index.html)');
  }
}

/** Runs the Nu HTML Checker over every site at once; resolves when it is done. */
function runVnu(sites) {
  const jar = require.resolve('vnu-jar/build/dist/vnu.jar');
  const java = process.env.E2E_JAVA || 'java';
  return new Promise((resolve) => {
    const args = ['-Xss8m', '-jar', jar, '--format', 'json', '--errors-only', '--skip-non-html', ...sites.map((s) => s.dir)];
    const child = spawn(java, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', (e) => {
      report('(all)', '(vnu)', 'vnu', `could not run ${java}: ${e.message} (install default-jre-headless: tests/e2e/install-deps.sh)`);
      resolve();
    });
    child.on('close', () => {
      let parsed;
      try {
        parsed = JSON.parse(err.trim() || out.trim());
      } catch {
        report('(all)', '(vnu)', 'vnu', `unreadable output from vnu: ${(err || out).slice(0, 500)}`);
        resolve();
        return;
      }
      for (const m of parsed.messages ?? []) {
        if (m.type !== 'error' && m.type !== 'non-document-error') continue;
        let file = '';
        try {
          file = fileURLToPath(m.url);
        } catch {
          file = m.url ?? '';
        }
        const site = sites.find((s) => file.startsWith(s.dir + path.sep));
        const rel = site ? path.relative(site.dir, file).split(path.sep).join('/') : file;
        report(site?.name ?? '(all)', rel, 'vnu', `line ${m.lastLine ?? '?'}: ${m.message}${m.extract ? ` — ${m.extract.trim().slice(0, 120)}` : ''}`);
      }
      resolve();
    });
  });
}

// ---------------------------------------------------------------- screenshots

async function screenshots(site, context, dir) {
  const langs = [...new Set([...site.pages.entries()].filter(([rel]) => rel !== 'index.html').map(([rel]) => rel.split('/')[0]))].sort();
  const indicatorIds = langs.map(
    (l) => new Set(site.all.map((rel) => rel.match(new RegExp(`^${l}/indicators/([^/]+)/index\\.html$`))?.[1]).filter(Boolean)),
  );
  const common = [...(indicatorIds[0] ?? [])].filter((id) => indicatorIds.every((s) => s.has(id))).sort();
  const indicator = process.env.E2E_INDICATOR && common.includes(process.env.E2E_INDICATOR) ? process.env.E2E_INDICATOR : common[0];
  const shots = [];
  for (const l of langs) {
    if (site.pages.has(`${l}/index.html`)) shots.push([`${l}-home`, `${l}/index.html`]);
    if (indicator) shots.push([`${l}-indicator-${indicator}`, `${l}/indicators/${indicator}/index.html`]);
  }
  const out = path.join(dir, site.name);
  mkdirSync(out, { recursive: true });
  const page = await context.newPage();
  let n = 0;
  for (const [name, rel] of shots) {
    for (const [size, viewport] of [['desktop', DESKTOP], ['phone', PHONE]]) {
      try {
        await page.setViewportSize(viewport);
        await page.goto(site.server.baseUrl + encodeRel(rel), { waitUntil: 'load' });
        await page.evaluate(loadAllImages);
        await page.screenshot({ path: path.join(out, `${name}-${size}.png`), fullPage: true });
        n++;
      } catch (err) {
        report(site.name, rel, 'load-error', `screenshot ${name}-${size}: ${String(err).split('\n')[0]}`);
      }
    }
  }
  await page.close();
  return n;
}

// ---------------------------------------------------------------- main

async function main() {
  const { sites, artefacts } = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)}s`;
  const vnuDone = runVnu(sites).then(() => console.log(`e2e: vnu done (${elapsed()})`));

  const browser = await chromium.launch({
    executablePath: findChromium(),
    headless: true,
    // No request may leave the machine even if a check were to miss one.
    args: ['--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1', '--disable-gpu', '--font-render-hinting=none'],
  });
  console.log(`e2e: Chromium ${browser.version()}, ${WORKERS} worker(s)`);
  let shots = 0;
  try {
    for (const site of sites) {
      site.all = listHtml(site.dir);
      site.pages = new Map();
      site.links = [];
      site.minorAxe = [];
      site.scrollingTables = 0;
      site.outbound = new Set();
      site.server = await startServer(site.dir, PREFIX);
      console.log(`e2e: ${site.name}: ${site.all.length} pages in ${site.dir}, served at ${site.server.baseUrl}`);
      if (site.all.length === 0) report(site.name, '(site)', 'load-error', 'no HTML page in the built site');
      try {
        for (const mode of ['http', 'file']) {
          const allowed =
            mode === 'http'
              ? (u) => u.startsWith(site.server.origin + '/') || /^(data|blob|about):/.test(u)
              : (u) => /^(file|data|blob|about):/.test(u);
          const context = await browser.newContext({ viewport: DESKTOP, serviceWorkers: 'block' });
          const tabs = await Promise.all(Array.from({ length: WORKERS }, () => openTab(context, allowed)));
          await pool(site.all, WORKERS, (rel, w) => checkPage(site, mode, tabs[w], rel));
          if (mode === 'http' && artefacts) shots += await screenshots(site, context, artefacts);
          await context.close();
          console.log(`e2e: ${site.name}: ${mode === 'http' ? `served under ${PREFIX}` : 'from file://'} done (${elapsed()})`);
        }
        checkSiteGraph(site);
        console.log(`e2e: ${site.name}: ${site.scrollingTables} table(s) wider than a ${PHONE.width}px phone scroll inside their own box`);
        if (site.outbound.size) {
          // Links out are allowed (a reader chooses to follow them); requests out are not.
          console.log(`e2e: ${site.name}: ${site.outbound.size} link(s) to other sites, not followed: ${[...site.outbound].slice(0, 5).join(' ')}`);
        }
      } finally {
        await site.server.close();
      }
      if (site.minorAxe.length) {
        console.log(`e2e: ${site.name}: ${site.minorAxe.length} moderate/minor axe finding(s) (not failures), e.g.:`);
        for (const m of site.minorAxe.slice(0, 5)) console.log(`  ${m}`);
      }
    }
  } finally {
    await browser.close();
  }
  await vnuDone;

  // ------------------------------------------------------------ report
  const byKind = new Map(KINDS.map(([k]) => [k, []]));
  for (const p of problems) byKind.get(p.kind).push(p);
  for (const [kind, label] of KINDS) {
    const list = byKind.get(kind);
    if (!list.length) continue;
    console.log(`\n${label} (${list.length}):`);
    for (const p of list.slice(0, SHOW_PER_KIND)) console.log(`  ${p.site}: ${p.page}: ${p.detail}`);
    if (list.length > SHOW_PER_KIND) console.log(`  … and ${list.length - SHOW_PER_KIND} more${artefacts ? ' (see report.json)' : ''}`);
  }
  if (artefacts) {
    mkdirSync(artefacts, { recursive: true });
    writeFileSync(path.join(artefacts, 'report.json'), JSON.stringify({ problems, minorAxe: sites.flatMap((s) => s.minorAxe) }, null, 2));
  }

  const totalPages = sites.reduce((n, s) => n + s.all.length, 0);
  const failedKeys = new Set(problems.map((p) => `${p.site}\u0000${p.page}`));
  const failedPages = sites.reduce((n, s) => n + s.all.filter((rel) => failedKeys.has(`${s.name}\u0000${rel}`)).length, 0);
  const counts = KINDS.map(([k, label]) => `${byKind.get(k).length} ${label}`);
  console.log(
    `\ne2e: ${sites.length} site${sites.length === 1 ? '' : 's'}, ${totalPages} pages, ${counts.join(', ')}` +
      (artefacts ? `; ${shots} screenshots in ${path.relative(process.cwd(), artefacts) || artefacts}` : '') +
      ` (${elapsed()})`,
  );
  // A problem that belongs to no page (vnu or a site that would not load) fails one more "page".
  const unattached = failedKeys.size - failedPages;
  console.log(`${totalPages - failedPages} passed, ${failedPages + unattached} failed`);
  process.exitCode = problems.length === 0 && totalPages > 0 ? 0 : 1;
}

main().catch((err) => {
  console.error(`e2e: ${err.stack || err}`);
  console.log('0 passed, 1 failed');
  process.exitCode = 1;
});
