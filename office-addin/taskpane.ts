/**
 * taskpane.js: Carnet in Excel's task pane. Glue only — it checks the host, builds the workbook
 * adapter over `Excel.run`, finds out who is acting (identity.ts: Office SSO where the build set it
 * up, else the profile picked in the sidebar, else the name typed in the bar), and mounts the
 * shared sidebar with an in-process bridge. Everything it wires is in modules tested without Office.
 *
 * The same page is the "Open wide" dialog (`?screen=reports&wide=1`): there it mounts the Reports
 * screen only, over a bridge that forwards every command to the task pane (wide-dialog.ts).
 */

import { render } from 'preact';
import { dispatch } from '../core/app/registry.js';
import { serialFromLocalDate } from '../core/dates.js';
import { mount } from '../ui/mount.js';
import { browserDownloads, browserStore } from './browser.js';
import { inProcessBridge } from './bridge.js';
import { noticeWhileHeld } from './cell-edit.js';
import { deliver, type Delivery, type FileToSave } from './download.js';
import type { RunBatch } from './excel-api.js';
import { OfficeWorkbook } from './excel-workbook.js';
import { ExcelIdentity, type IdentityView } from './identity.js';
import { loadProfile, saveProfile, type KeyValueStore } from './profile.js';
import { checkHost } from './requirements.js';
import { viewFromUrl } from './ribbon.js';
import { isWideDialog, taskPaneBridge, wideDialogBridge, type DialogEvents } from './wide-dialog.js';

/** True when `npm run build` put Office SSO in the manifest (CARNET_OFFICE_SSO_CLIENT_ID, build.ts). */
declare const CARNET_OFFICE_SSO: boolean;

/**
 * `Excel.run` with its RunOptions as the adapter's batch runner (the adapter passes
 * `delayForCellEdit`, access.ts). Passing Excel's RequestContext where the adapter's XlContext is
 * expected is itself the compile-time check that the two agree (see conformance.ts).
 */
const excelRun: RunBatch = (options, batch) => Excel.run(options, (context) => batch(context));

/** Office's enum values the dialog messages are sent and heard with. */
function dialogEvents(): DialogEvents {
  return {
    messageReceived: Office.EventType.DialogMessageReceived,
    eventReceived: Office.EventType.DialogEventReceived,
    parentMessageReceived: Office.EventType.DialogParentMessageReceived,
    succeeded: Office.AsyncResultStatus.Succeeded,
  };
}

/** The wide dialog: no Excel API here, no profile (the task pane acts, as the person it knows). */
function startWideDialog(root: HTMLElement, bar: HTMLElement): void {
  bar.hidden = true;
  root.replaceChildren();
  const bridge = wideDialogBridge({
    ui: Office.context.ui,
    events: dialogEvents(),
    origin: window.location.origin,
    onView: (view) => {
      // Another view from the task pane: a fresh screen, not the previous one's state.
      render(null, root);
      mount(root, bridge, { screen: 'reports', wide: view });
    },
    onProblem: (message) => {
      root.setAttribute('role', 'alert');
      root.textContent = message;
    },
  });
}

Office.onReady(async (info) => {
  const root = document.getElementById('app')!;
  const bar = document.getElementById('profile')!;
  if (isWideDialog(window.location.href)) {
    startWideDialog(root, bar);
    return;
  }
  if (info.host !== Office.HostType.Excel) {
    root.textContent = 'Carnet runs in Excel. Open it from an Excel workbook.';
    return;
  }
  const support = checkHost(Office.context.requirements);
  if (!support.ok) {
    root.setAttribute('role', 'alert');
    root.textContent = support.message!;
    return;
  }

  const store = browserStore();
  // Who acts is known once the identity has started (Office SSO may show its sign-in first).
  let identity: ExcelIdentity | undefined;
  const wb = new OfficeWorkbook({
    // A batch Excel holds while a person edits a cell says so, after a moment (cell-edit.ts).
    run: noticeWhileHeld(excelRun, { after: 1_500, show: (text) => announce(bar, text), hide: (text) => unannounce(bar, text) }),
    user: () => identity!.user(),
    features: { notes: support.features.notes, allowEditRanges: support.features.allowEditRanges, merges: support.features.merges },
  });
  // The workbook's clock is this computer's wall clock, as a serial (core/dates.ts).
  const inProcess = inProcessBridge(() => ({ wb, now: () => serialFromLocalDate(new Date()) }), dispatch);
  const started = await ExcelIdentity.start({
    wb,
    store,
    workbookUrl: Office.context.document?.url,
    serial: inProcess.serial,
    ...(CARNET_OFFICE_SSO && support.features.sso ? { sso: Office.auth } : {}),
  });
  identity = started;
  const bridge = taskPaneBridge(
    inProcess,
    { wideDialog: support.features.wideDialog, capabilities: { nativePivots: wb.capabilities.pivotTables !== 'none' }, session: started.session },
    { ui: Office.context.ui, events: dialogEvents(), taskpaneUrl: window.location.href, origin: window.location.origin, report: (message) => announce(bar, message) },
  );

  const renderBar = () => identityBar(bar, store, started.view(), renderBar);
  started.onChange(renderBar);
  renderBar();
  // The static "Loading…" placeholder goes: Preact renders into an empty element. A ribbon button
  // opened this page on its view (`?view=reports`, ribbon.ts).
  root.replaceChildren();
  mount(root, bridge, { screen: viewFromUrl(window.location.href) });

  // Tidy: a line above the sidebar when rows typed by hand can be tidied (tidy-notice.ts), loaded
  // on demand so that it is no part of the first load. Change events are ExcelApi 1.7, which
  // checkHost already requires.
  void import('./tidy-notice.js').then(({ startTidyNotice }) =>
    startTidyNotice({
      bar,
      bridge: inProcess,
      onIdentityChange: (listener) => started.onChange(listener),
      report: (message) => announce(bar, message),
      run: excelRun,
    }),
  );

  // Files generated by the sidebar (documents, exports) go through `carnet:save` events, so the
  // shared UI needs no Office knowledge: the host picks download, browser hand-over or clipboard.
  window.addEventListener('carnet:save', (event) => {
    // Taken: the shared UI downloads a file itself only when no host took it (ui/download.tsx).
    event.preventDefault();
    const file = (event as CustomEvent<FileToSave>).detail;
    void deliver(
      file,
      {
        platform: String(Office.context.platform),
        openBrowserWindow: support.features.openBrowserWindow,
        pageUrl: new URL('download.html', window.location.href).href,
        clipboard: typeof navigator.clipboard?.writeText === 'function',
      },
      browserDownloads,
    ).then(
      (how) => announce(bar, deliveryNote(file, how)),
      (error: unknown) => announce(bar, `Could not save ${file.name}: ${(error as Error).message}`),
    );
  });
});

function deliveryNote(file: FileToSave, how: Delivery): string {
  switch (how.kind) {
    case 'anchor':
      return `${file.name} is downloading.`;
    case 'browser':
      return `${file.name} opens in your browser, which saves it.`;
    case 'clipboard':
      return `Excel for Mac cannot save files from an add-in: ${file.name} was copied to the clipboard instead. Paste it into a text editor and save it.`;
    case 'unavailable':
      return how.message;
  }
}

function announce(bar: HTMLElement, text: string): void {
  let note = bar.querySelector<HTMLElement>('[role="status"]');
  if (!note) {
    note = document.createElement('p');
    note.setAttribute('role', 'status');
    bar.append(note);
  }
  note.textContent = text;
}

/** Takes `text` away, if it is still what the bar announces (a later note stays). */
function unannounce(bar: HTMLElement, text: string): void {
  const note = bar.querySelector<HTMLElement>('[role="status"]');
  if (note?.textContent === text) note.remove();
}

const PROTECTION_NOTE =
  '<p>Excel protects a whole sheet for everybody: Carnet can lock its settings sheet, but it cannot give edit rights to named people ' +
  '(Google Sheets can). Anyone who can edit the workbook can unprotect a sheet that has no password.</p>';

const WHO_NOTE: Record<IdentityView['kind'], string> = {
  name:
    '<p>Excel does not tell add-ins who you are, and rights are not set up in this workbook: the name below labels your changes ' +
    '(Owner, history); it is not a sign-in. It is kept in this browser only.</p>',
  profile:
    '<p>Rights are set up in this workbook: Carnet acts as the profile you pick, with the rights of its role. A password only stops others ' +
    'from acting as that profile through Carnet: anyone who can open the workbook can pick a profile without a password, and can edit ' +
    'the workbook in Excel directly. Your choice is kept in this browser only, never in the workbook.</p>',
  sso:
    '<p>Office told Carnet who you are (single sign-on). Carnet reads your name from Office’s token; it has no server to verify it. ' +
    'Anyone who can open the workbook can still edit it in Excel directly.</p>',
};

/**
 * Who acts, above the sidebar. Plain DOM: only Excel needs it. Rights off: "Acting as …" with a way
 * to change it, or the form asking for a name the first time. Rights on: the sidebar signs in, the
 * bar only warns (an admin without a password). Office SSO: who Office signed in.
 */
function identityBar(bar: HTMLElement, store: KeyValueStore, view: IdentityView, changed: () => void): void {
  bar.replaceChildren();
  const limits = document.createElement('details');
  limits.innerHTML = '<summary>About Carnet in Excel</summary>' + WHO_NOTE[view.kind] + PROTECTION_NOTE;
  const line = (text: string, role?: string) => {
    const p = document.createElement('p');
    if (role) p.setAttribute('role', role);
    p.textContent = text;
    return p;
  };
  if (view.kind !== 'name') {
    if (view.notice) bar.append(line(view.notice, 'note'));
    bar.append(limits);
    return;
  }
  if (view.notice) bar.append(line(view.notice, 'note'));
  const current = loadProfile(store);
  if (current) {
    const acting = line(`Acting as ${current.name}${current.id !== current.name ? ` <${current.id}>` : ''} · `);
    const change = document.createElement('button');
    change.type = 'button';
    change.className = 'link';
    change.textContent = 'change';
    change.onclick = () => profileForm(bar, store, current, changed);
    acting.append(change);
    bar.append(acting, limits);
    return;
  }
  profileForm(bar, store, undefined, changed);
  bar.append(limits);
}

function profileForm(bar: HTMLElement, store: KeyValueStore, current: ReturnType<typeof loadProfile>, saved: () => void): void {
  const form = document.createElement('form');
  form.innerHTML =
    '<p>Who are you? Carnet shows this name as the owner of what you add.</p>' +
    '<label>Name <input name="name" autocomplete="name" required></label> ' +
    '<label>Email (optional) <input name="email" type="email" autocomplete="email"></label> ' +
    '<button type="submit">Save</button> <p role="alert"></p>';
  const name = form.elements.namedItem('name') as HTMLInputElement;
  const email = form.elements.namedItem('email') as HTMLInputElement;
  name.value = current?.name ?? '';
  email.value = current && current.id !== current.name ? current.id : '';
  form.onsubmit = (e) => {
    e.preventDefault();
    const { profile, error } = saveProfile(store, name.value, email.value);
    if (profile) saved();
    else form.querySelector('[role="alert"]')!.textContent = error!;
  };
  bar.replaceChildren(form);
}
