/**
 * Office's dialog API for Node, as the task pane and its dialog each see it: the task pane's
 * `Office.context.ui.displayDialogAsync` and the `Office.Dialog` it gives, the dialog page's
 * `messageParent` and `addHandlerAsync(DialogParentMessageReceived)`. Messages are strings,
 * delivered later (a task, not a call), with the sender's origin (DialogOrigin 1.1); a message
 * to the dialog before it registered its handler is lost, as nothing would hear it. Every message
 * is logged, parsed, to check the protocol.
 */

import type { DialogChildUi, DialogEvents, DialogOpener, HostDialog, OfficeError } from '../../office-addin/wide-dialog.js';

/** Office's enums as strings here; wide-dialog.ts only compares them. */
export const EVENTS: DialogEvents = {
  messageReceived: 'dialogMessageReceived',
  eventReceived: 'dialogEventReceived',
  parentMessageReceived: 'dialogParentMessageReceived',
  succeeded: 'succeeded',
};

type ParentHandler = (args: { message: string; origin: string | undefined } | { error: number }) => void;
type ChildHandler = (args: { message: string; origin: string | undefined }) => void;

const later = (fn: () => void) => setTimeout(fn, 0);

export class FakeDialog implements HostDialog {
  private readonly handlers = new Map<unknown, ParentHandler[]>();
  childHandler: ChildHandler | undefined;
  closed = false;

  constructor(
    readonly office: FakeDialogOffice,
    readonly url: string,
    readonly options: { width?: number; height?: number; displayInIframe?: boolean },
  ) {}

  addEventHandler(eventType: unknown, handler: ParentHandler): void {
    if (eventType !== EVENTS.messageReceived && eventType !== EVENTS.eventReceived) throw new Error(`Invalid event type ${String(eventType)}`);
    this.handlers.set(eventType, [...(this.handlers.get(eventType) ?? []), handler]);
  }

  messageChild(message: string): void {
    if (typeof message !== 'string') throw new Error('messageChild takes a string');
    if (this.closed) throw new Error('The dialog is closed.');
    this.office.log.push({ to: 'dialog', message: JSON.parse(message) });
    const handler = this.childHandler;
    later(() => handler?.({ message, origin: this.office.origin }));
  }

  close(): void {
    this.closed = true;
  }

  /** The dialog page's `Office.context.ui`. */
  readonly ui: DialogChildUi = {
    messageParent: (message: string) => {
      if (typeof message !== 'string') throw new Error('messageParent takes a string');
      if (this.closed) throw new Error('The dialog is closed.');
      this.office.log.push({ to: 'taskpane', message: JSON.parse(message) });
      later(() => this.fire(EVENTS.messageReceived, { message, origin: this.office.dialogOrigin }));
    },
    addHandlerAsync: (eventType, handler, callback) => {
      if (!this.office.dialogApi12) {
        later(() => callback({ status: 'failed', error: { code: 5001, message: 'An internal error has occurred.' } }));
        return;
      }
      if (eventType !== EVENTS.parentMessageReceived) throw new Error(`Invalid event type ${String(eventType)}`);
      this.childHandler = handler;
      later(() => callback({ status: EVENTS.succeeded, error: undefined as unknown as OfficeError }));
    },
  };

  /** The person closes the dialog (its ×): Office tells the task pane 12006. */
  closeByPerson(): void {
    this.closed = true;
    this.fire(EVENTS.eventReceived, { error: 12006 });
  }

  fire(eventType: unknown, args: Parameters<ParentHandler>[0]): void {
    for (const h of this.handlers.get(eventType) ?? []) h(args);
  }
}

export interface FakeDialogOfficeOptions {
  /** The add-in's origin, which Office reports for the task pane's messages. */
  origin?: string;
  /** The origin Office reports for the dialog's messages (another one: a page it navigated to). */
  dialogOrigin?: string | undefined;
  /** DialogApi 1.2: without it, the dialog cannot register for the task pane's messages. */
  dialogApi12?: boolean;
}

export class FakeDialogOffice {
  readonly dialogs: FakeDialog[] = [];
  readonly log: { to: 'dialog' | 'taskpane'; message: unknown }[] = [];
  readonly origin: string;
  readonly dialogOrigin: string | undefined;
  readonly dialogApi12: boolean;
  /** The next displayDialogAsync fails with this (12007: a dialog is already open). */
  failNext: OfficeError | undefined;

  constructor(options: FakeDialogOfficeOptions = {}) {
    this.origin = options.origin ?? 'https://carnet.test';
    this.dialogOrigin = 'dialogOrigin' in options ? options.dialogOrigin : this.origin;
    this.dialogApi12 = options.dialogApi12 ?? true;
  }

  /** The task pane's `Office.context.ui`. */
  readonly taskpane: DialogOpener = {
    displayDialogAsync: (startAddress, options, callback) => {
      const failure = this.failNext;
      this.failNext = undefined;
      if (!failure && this.dialogs.some((d) => !d.closed)) {
        later(() => callback({ status: 'failed', value: undefined as unknown as HostDialog, error: { code: 12007, message: 'A dialog box is already opened from this host window.' } }));
        return;
      }
      if (failure) {
        later(() => callback({ status: 'failed', value: undefined as unknown as HostDialog, error: failure }));
        return;
      }
      const dialog = new FakeDialog(this, startAddress, options);
      this.dialogs.push(dialog);
      later(() => callback({ status: EVENTS.succeeded, value: dialog, error: undefined as unknown as OfficeError }));
    },
  };
}
