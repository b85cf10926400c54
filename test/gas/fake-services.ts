/**
 * The fake's services around the spreadsheet: data validation rules, users, the document lock,
 * the menu, sidebars and HTML output (test/gas/fake-spreadsheet-app.ts).
 */

import type {
  DataValidationApi,
  DataValidationBuilderApi,
  HtmlOutputApi,
  LockApi,
  MenuApi,
  RangeApi,
  UiApi,
  UserApi,
} from '../../gas-addon/apps-script-api.js';
import { CRITERIA, type CallLog } from './fake-calls.js';
import { FakeRange } from './fake-range.js';

type Criteria = GoogleAppsScript.Spreadsheet.DataValidationCriteria;

// -------------------------------------------------------------------------------------------------
// Data validation

export class FakeDataValidation implements DataValidationApi {
  constructor(
    readonly criteria: Criteria,
    readonly values: unknown[],
    readonly allowInvalid: boolean,
    private readonly log: CallLog,
  ) {}
  getCriteriaType(): Criteria {
    this.log.count('DataValidation.getCriteriaType');
    return this.criteria;
  }
  getCriteriaValues(): unknown[] {
    this.log.count('DataValidation.getCriteriaValues');
    return [...this.values];
  }
  getAllowInvalid(): boolean {
    this.log.count('DataValidation.getAllowInvalid');
    return this.allowInvalid;
  }
}

export class FakeDataValidationBuilder implements DataValidationBuilderApi {
  private criteria: Criteria | undefined;
  private values: unknown[] = [];
  private allowInvalid = true;
  constructor(private readonly log: CallLog) {}
  requireValueInList(values: string[], showDropdown = true): FakeDataValidationBuilder {
    this.log.count('DataValidationBuilder.requireValueInList');
    if (!Array.isArray(values) || values.length === 0) throw new Error('Exception: The parameters (number[]) don\'t match the method signature.');
    if (values.length > 500) throw new Error('Exception: Data validation list cannot have more than 500 items.');
    this.criteria = CRITERIA.VALUE_IN_LIST;
    this.values = [[...values], showDropdown];
    return this;
  }
  requireValueInRange(range: RangeApi, showDropdown = true): FakeDataValidationBuilder {
    this.log.count('DataValidationBuilder.requireValueInRange');
    if (!(range instanceof FakeRange)) throw new Error('Exception: Invalid argument: range');
    this.criteria = CRITERIA.VALUE_IN_RANGE;
    this.values = [range, showDropdown];
    return this;
  }
  setAllowInvalid(allowInvalidData: boolean): FakeDataValidationBuilder {
    this.log.count('DataValidationBuilder.setAllowInvalid');
    this.allowInvalid = allowInvalidData;
    return this;
  }
  build(): FakeDataValidation {
    this.log.count('DataValidationBuilder.build');
    if (this.criteria === undefined) throw new Error('Exception: A data validation rule needs a criterion.');
    return new FakeDataValidation(this.criteria, this.values, this.allowInvalid, this.log);
  }
}

// -------------------------------------------------------------------------------------------------
// Users, lock (protections: fake-protection.ts)

export class FakeUser implements UserApi {
  constructor(
    private readonly email: string,
    private readonly log: CallLog,
  ) {}
  getEmail(): string {
    this.log.count('User.getEmail');
    return this.email;
  }
}

/** The document lock as seen by every execution: held by us, by someone else, or free. */
export class FakeLockState {
  holder: FakeLock | 'someone else' | undefined;
  /** Every tryLock timeout asked for, to check waits are bounded. */
  readonly waits: number[] = [];
  /** Simulates another person's execution holding the lock. */
  holdElsewhere(): void {
    this.holder = 'someone else';
  }
  free(): void {
    this.holder = undefined;
  }
}

export class FakeLock implements LockApi {
  constructor(
    private readonly state: FakeLockState,
    private readonly log: CallLog,
  ) {}
  tryLock(timeoutInMillis: number): boolean {
    this.log.count('Lock.tryLock');
    this.state.waits.push(timeoutInMillis);
    if (this.state.holder === undefined || this.state.holder === this) {
      this.state.holder = this;
      return true;
    }
    return false;
  }
  releaseLock(): void {
    this.log.count('Lock.releaseLock');
    if (this.state.holder === this) this.state.holder = undefined;
  }
  hasLock(): boolean {
    this.log.count('Lock.hasLock');
    return this.state.holder === this;
  }
}

// -------------------------------------------------------------------------------------------------
// UI and HTML

export interface RecordedMenu {
  items: { caption: string; functionName: string }[];
}

/** A dialog as `Ui.showModalDialog` was given it. */
export interface RecordedDialog {
  html: FakeHtmlOutput;
  title: string;
}

export class FakeUi implements UiApi {
  readonly menus: RecordedMenu[] = [];
  readonly sidebars: FakeHtmlOutput[] = [];
  readonly dialogs: RecordedDialog[] = [];
  readonly alerts: string[] = [];
  constructor(private readonly log: CallLog) {}
  createAddonMenu(): MenuApi {
    this.log.count('Ui.createAddonMenu');
    return new FakeMenu(this, this.log);
  }
  showSidebar(userInterface: HtmlOutputApi): void {
    this.log.count('Ui.showSidebar');
    if (!(userInterface instanceof FakeHtmlOutput)) throw new Error('Exception: Invalid argument: userInterface');
    this.sidebars.push(userInterface);
  }
  showModalDialog(userInterface: HtmlOutputApi, title: string): void {
    this.log.count('Ui.showModalDialog');
    if (!(userInterface instanceof FakeHtmlOutput)) throw new Error('Exception: Invalid argument: userInterface');
    if (typeof title !== 'string') throw new Error('Exception: Invalid argument: title');
    this.dialogs.push({ html: userInterface, title });
  }
  alert(prompt: string): string {
    this.log.count('Ui.alert');
    this.alerts.push(prompt);
    return 'OK';
  }
}

class FakeMenu implements MenuApi {
  private readonly items: { caption: string; functionName: string }[] = [];
  constructor(
    private readonly ui: FakeUi,
    private readonly log: CallLog,
  ) {}
  addItem(caption: string, functionName: string): FakeMenu {
    this.log.count('Menu.addItem');
    this.items.push({ caption, functionName });
    return this;
  }
  addSeparator(): FakeMenu {
    this.log.count('Menu.addSeparator');
    this.items.push({ caption: '—', functionName: '' });
    return this;
  }
  addToUi(): void {
    this.log.count('Menu.addToUi');
    this.ui.menus.push({ items: [...this.items] });
  }
}

export class FakeHtmlOutput implements HtmlOutputApi {
  title = '';
  /** The dialog's initial size in pixels; undefined until set (Sheets then picks its own). */
  width: number | undefined;
  height: number | undefined;
  constructor(
    public content: string,
    private readonly log: CallLog,
  ) {}
  setTitle(title: string): FakeHtmlOutput {
    this.log.count('HtmlOutput.setTitle');
    this.title = title;
    return this;
  }
  setWidth(width: number): FakeHtmlOutput {
    this.log.count('HtmlOutput.setWidth');
    this.width = width;
    return this;
  }
  setHeight(height: number): FakeHtmlOutput {
    this.log.count('HtmlOutput.setHeight');
    this.height = height;
    return this;
  }
  append(addedContent: string): FakeHtmlOutput {
    this.log.count('HtmlOutput.append');
    this.content += addedContent;
    return this;
  }
}