/**
 * "Open wide" in Excel. A dialog cannot use the Excel API — "only two Office APIs can be called in
 * the dialog box", `messageParent` and `requirements.isSetSupported`
 * (https://learn.microsoft.com/office/dev/add-ins/develop/dialog-best-practices) — so the dialog
 * is the UI alone and the task pane stays the engine:
 *
 * 1. the task pane opens `taskpane.html?screen=reports&wide=1` with
 *    `Office.context.ui.displayDialogAsync(url, { width: 80, height: 80 })` (percentages of the
 *    screen; the page must be on the add-in's own domain);
 * 2. the dialog registers for `DialogParentMessageReceived` (`Office.context.ui.addHandlerAsync`,
 *    DialogApi 1.2), then tells the task pane it is ready with `messageParent`;
 * 3. the task pane's first message (`dialog.messageChild`, DialogApi 1.2) is the view and what the
 *    host can do; the dialog mounts the Reports screen wide on it;
 * 4. each `call(command, input)` in the dialog is a message to the task pane with an id; the task
 *    pane runs it through its in-process bridge — in the same queue as its own commands — and
 *    answers with the id and the registry's outcome, a refusal carrying the core's error data whole.
 *
 * Messages are JSON strings ("anything that can be serialized to a string"). Hosts without
 * DialogApi 1.2 cannot message a dialog, so the task pane does not offer "Open wide" there
 * (requirements.ts). API: https://learn.microsoft.com/javascript/api/office/office.ui and
 * https://learn.microsoft.com/javascript/api/office/office.dialog; the flow:
 * https://learn.microsoft.com/office/dev/add-ins/develop/dialog-api-in-office-add-ins.
 *
 * Written against the structural types below (conformance.ts holds them to @types/office-js), so
 * that it runs in Node over test/office's fake of the dialog API.
 */

import type { ErrorData } from '../core/errors.js';
import { say } from '../core/messages/say.js';
import { BridgeError, unwrap, type Bridge, type BridgeCapabilities, type Outcome, type SessionBridge, type WideView } from '../ui/bridge.js';

/**
 * Office's enum values, read by the task pane from the global `Office` (`Office.EventType.…`,
 * `Office.AsyncResultStatus.Succeeded`) and handed in: this module only compares and passes them.
 */
export interface DialogEvents {
  /** `Office.EventType.DialogMessageReceived`: the dialog called `messageParent`. */
  messageReceived: unknown;
  /** `Office.EventType.DialogEventReceived`: the dialog was closed, or could not load. */
  eventReceived: unknown;
  /** `Office.EventType.DialogParentMessageReceived`: the task pane called `messageChild`. */
  parentMessageReceived: unknown;
  /** `Office.AsyncResultStatus.Succeeded`. */
  succeeded: unknown;
}

export interface OfficeError {
  code: number;
  message: string;
}

/** `Office.Dialog`, as displayDialogAsync gives it to the task pane. */
export interface HostDialog {
  /** `origin` is undefined on hosts without DialogOrigin 1.1. */
  addEventHandler(eventType: unknown, handler: (args: { message: string; origin: string | undefined } | { error: number }) => void): void;
  messageChild(message: string): void;
  close(): void;
}

/** The task pane's part of `Office.context.ui`. */
export interface DialogOpener {
  displayDialogAsync(
    startAddress: string,
    options: { width?: number; height?: number; displayInIframe?: boolean },
    callback: (result: { status: unknown; value: HostDialog; error: OfficeError }) => void,
  ): void;
}

/** The dialog's part of `Office.context.ui`. */
export interface DialogChildUi {
  messageParent(message: string): void;
  addHandlerAsync(eventType: unknown, handler: (args: { message: string; origin: string | undefined }) => void, callback: (result: { status: unknown; error: OfficeError }) => void): void;
}

/** Percentages of the screen: "Defaults to 80%" for both, said here because it is the point. */
export const WIDE_DIALOG = { width: 80, height: 80 } as const;

/** The dialog closed by the person ("12006": https://learn.microsoft.com/office/dev/add-ins/develop/dialog-handle-errors-events). */
export const DIALOG_CLOSED = 12006;

type ToParent = { type: 'carnet:wide-ready' } | { type: 'carnet:call'; id: number; command: string; input: unknown };
type ToChild = { type: 'carnet:wide-view'; view: WideView; capabilities?: BridgeCapabilities } | { type: 'carnet:answer'; id: number; outcome: Outcome };

/** The task pane's own page, opened as the wide dialog: `?screen=reports&wide=1` (Office appends `_host_Info`). */
export function wideDialogUrl(taskpaneUrl: string): string {
  const url = new URL(taskpaneUrl);
  url.search = '';
  url.hash = '';
  url.searchParams.set('screen', 'reports');
  url.searchParams.set('wide', '1');
  return url.href;
}

/** Whether this page is the wide dialog rather than the task pane. */
export function isWideDialog(pageUrl: string): boolean {
  const params = new URL(pageUrl).searchParams;
  return params.get('wide') === '1' && params.get('screen') === 'reports';
}

function parse<T>(message: string): T | undefined {
  try {
    const data = JSON.parse(message) as unknown;
    return data && typeof data === 'object' && typeof (data as { type?: unknown }).type === 'string' ? (data as T) : undefined;
  } catch {
    return undefined;
  }
}

/** A message from another origin is not ours; one without an origin (no DialogOrigin 1.1) cannot be told apart. */
function foreign(origin: string | undefined, own: string): boolean {
  return origin !== undefined && origin !== own;
}

function errorData(e: unknown): ErrorData {
  if (e instanceof BridgeError) return e.data;
  return { code: 'E_INTERNAL', message: say('Internal error: {reason}', { reason: e instanceof Error ? e.message : String(e) }) };
}

// -------------------------------------------------------------------------------------------------
// The task pane's side

export interface OpenerOptions {
  ui: DialogOpener;
  events: DialogEvents;
  /** The task pane's URL; the dialog is the same page (wideDialogUrl). */
  taskpaneUrl: string;
  /** The add-in's origin: the only one whose messages are heard. */
  origin: string;
  /** The task pane's in-process bridge: the dialog's commands run through it, in its queue. */
  bridge: Bridge;
  capabilities?: BridgeCapabilities;
  /** Where a dialog that could not load is told (the task pane's status line). */
  report?(message: string): void;
}

/**
 * `Bridge.openWide` for the task pane. One dialog at a time ("a host page can have only one
 * dialog box open at a time"): asked again while it is open, it shows the new view there.
 */
export function wideDialogOpener(options: OpenerOptions): (view: WideView) => Promise<void> {
  const { ui, events, bridge } = options;
  let open: { dialog: HostDialog; view: WideView } | undefined;

  /** False when the dialog is gone (closed between a question and its answer: nobody is left to tell). */
  const send = (dialog: HostDialog, message: ToChild): boolean => {
    try {
      dialog.messageChild(JSON.stringify(message));
      return true;
    } catch {
      return false;
    }
  };
  const sendView = (dialog: HostDialog, view: WideView) => send(dialog, { type: 'carnet:wide-view', view, ...(options.capabilities ? { capabilities: options.capabilities } : {}) });

  function listen(dialog: HostDialog): void {
    dialog.addEventHandler(events.messageReceived, (args) => {
      if (!('message' in args) || foreign(args.origin, options.origin)) return;
      const message = parse<ToParent>(args.message);
      if (message?.type === 'carnet:wide-ready' && open?.dialog === dialog) sendView(dialog, open.view);
      if (message?.type === 'carnet:call' && typeof message.id === 'number' && typeof message.command === 'string') {
        bridge.call(message.command, message.input).then(
          (result) => send(dialog, { type: 'carnet:answer', id: message.id, outcome: { ok: true, result } }),
          (e: unknown) => send(dialog, { type: 'carnet:answer', id: message.id, outcome: { ok: false, error: errorData(e) } }),
        );
      }
    });
    dialog.addEventHandler(events.eventReceived, (args) => {
      if (open?.dialog === dialog) open = undefined;
      if ('error' in args && args.error !== DIALOG_CLOSED) options.report?.(say('The wide view closed: Excel reported error {code}.', { code: args.error }));
    });
  }

  return (view) => {
    if (open) {
      open.view = view;
      if (sendView(open.dialog, view)) return Promise.resolve();
      // Closed without Office saying so: open a new one.
      open = undefined;
    }
    return new Promise<void>((resolve, reject) => {
      ui.displayDialogAsync(wideDialogUrl(options.taskpaneUrl), { ...WIDE_DIALOG, displayInIframe: true }, (result) => {
        if (result.status !== events.succeeded) {
          reject(new BridgeError({ code: 'E_INTERNAL', message: say('Excel could not open the wide view: {reason} ({code}).', { reason: result.error.message, code: result.error.code }) }));
          return;
        }
        open = { dialog: result.value, view };
        listen(result.value);
        resolve();
      });
    });
  };
}

/**
 * The task pane's Bridge: the in-process one, what the host can do, who is acting (identity.ts),
 * and "Open wide" only where the host can message a dialog (DialogApi 1.2); elsewhere the Reports
 * screen does not offer it. The dialog has no session: its commands run in the task pane, as
 * whoever is signed in there.
 */
export function taskPaneBridge(
  inProcess: Bridge,
  host: { wideDialog: boolean; capabilities: BridgeCapabilities; session?: SessionBridge },
  opener: Omit<OpenerOptions, 'bridge' | 'capabilities'>,
): Bridge {
  return {
    call: (command, input) => inProcess.call(command, input),
    capabilities: host.capabilities,
    host: 'excel',
    ...(host.session ? { session: host.session } : {}),
    ...(host.wideDialog ? { openWide: wideDialogOpener({ ...opener, bridge: inProcess, capabilities: host.capabilities }) } : {}),
  };
}

// -------------------------------------------------------------------------------------------------
// The dialog's side

export interface DialogPageOptions {
  ui: DialogChildUi;
  events: DialogEvents;
  origin: string;
  /** The view arrived (again, when the task pane shows another): mount the Reports screen wide on it. */
  onView(view: WideView): void;
  /** The dialog cannot hear the task pane: say so in the dialog. */
  onProblem(message: string): void;
}

/** The dialog's Bridge: every call a message to the task pane, answered by id. */
export function wideDialogBridge(options: DialogPageOptions): Bridge {
  const { ui, events } = options;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();
  let lastId = 0;
  const bridge: Bridge = {
    call<T>(command: string, input: unknown = {}): Promise<T> {
      const id = ++lastId;
      return new Promise<T>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        try {
          ui.messageParent(JSON.stringify({ type: 'carnet:call', id, command, input: input ?? {} } satisfies ToParent));
        } catch (e) {
          pending.delete(id);
          reject(new BridgeError({ code: 'E_INTERNAL', message: say("The wide view could not reach Carnet's task pane: {reason}", { reason: (e as Error).message }) }));
        }
      });
    },
  };

  ui.addHandlerAsync(
    events.parentMessageReceived,
    (args) => {
      if (foreign(args.origin, options.origin)) return;
      const message = parse<ToChild>(args.message);
      if (message?.type === 'carnet:wide-view') {
        if (message.capabilities) bridge.capabilities = message.capabilities;
        options.onView(message.view);
      } else if (message?.type === 'carnet:answer') {
        const waiting = pending.get(message.id);
        if (!waiting) return;
        pending.delete(message.id);
        try {
          waiting.resolve(unwrap(message.outcome));
        } catch (e) {
          waiting.reject(e);
        }
      }
    },
    (result) => {
      if (result.status !== events.succeeded) {
        options.onProblem(`This Excel cannot send the report to its window (${result.error.message}). Close it and use the report in the task pane.`);
        return;
      }
      // Only now can the task pane's first message be heard.
      ui.messageParent(JSON.stringify({ type: 'carnet:wide-ready' } satisfies ToParent));
    },
  );
  return bridge;
}
