/**
 * The fake's embedded charts and developer metadata (test/gas/fake-spreadsheet-app.ts), as the
 * Apps Script reference describes them:
 * - `Sheet.newChart()` gives a builder; `build()` gives a chart that "must be inserted via
 *   sheet.insertChart(chart)" (EmbeddedChartBuilder#build). The fake's built chart has no id
 *   (`getChartId()` is null, as for "a chart not in a spreadsheet"); inserting stores a copy with
 *   an id unique across the spreadsheet, which `getCharts()` lists — the pessimistic reading,
 *   since the reference does not say whether the built object learns its id.
 * - A chart without a chart type, or anchored outside the sheet, is refused at insertion.
 * - `removeChart` of a chart that is not on the sheet is refused (the fake's wording).
 * - Developer metadata on a sheet: key, value; found by key with a finder.
 * Not modelled: how Sheets draws the chart, ranges moving when rows are inserted or deleted.
 */

import type {
  ChartOptionsApi,
  ChartsApi,
  DeveloperMetadataApi,
  DeveloperMetadataFinderApi,
  EmbeddedChartApi,
  EmbeddedChartBuilderApi,
  RangeApi,
} from '../../gas-addon/apps-script-api.js';
import type { CallLog } from './fake-calls.js';
import { FakeRange } from './fake-range.js';

type ChartType = GoogleAppsScript.Charts.ChartType;

/** The real enum is numeric in the typings and a string-like object at run time; only identity matters here. */
export const CHART_TYPE = {
  BAR: 'BAR' as unknown as ChartType,
  COLUMN: 'COLUMN' as unknown as ChartType,
  LINE: 'LINE' as unknown as ChartType,
};

export const FAKE_CHARTS: ChartsApi = { ChartType: CHART_TYPE };

/** What a chart is made of, shared by the builder and the charts it builds. */
export interface ChartState {
  type: ChartType | undefined;
  ranges: FakeRange[];
  position: { row: number; column: number; offsetX: number; offsetY: number } | undefined;
  options: Map<string, unknown>;
  numHeaders: number;
  transpose: boolean;
}

export class FakeChartOptions implements ChartOptionsApi {
  constructor(
    private readonly options: ReadonlyMap<string, unknown>,
    private readonly log: CallLog,
  ) {}
  get(option: string): unknown {
    this.log.count('ChartOptions.get');
    return this.options.get(option) ?? null;
  }
}

export class FakeEmbeddedChart implements EmbeddedChartApi {
  constructor(
    readonly state: ChartState,
    readonly id: number | null,
    private readonly log: CallLog,
  ) {}
  getChartId(): number | null {
    this.log.count('EmbeddedChart.getChartId');
    return this.id;
  }
  getOptions(): FakeChartOptions {
    this.log.count('EmbeddedChart.getOptions');
    return new FakeChartOptions(new Map(this.state.options), this.log);
  }
  getRanges(): FakeRange[] {
    this.log.count('EmbeddedChart.getRanges');
    return [...this.state.ranges];
  }
}

export class FakeEmbeddedChartBuilder implements EmbeddedChartBuilderApi {
  private readonly state: ChartState = { type: undefined, ranges: [], position: undefined, options: new Map(), numHeaders: -1, transpose: false };
  constructor(private readonly log: CallLog) {}
  private count(method: string): void {
    this.log.count(`EmbeddedChartBuilder.${method}`);
  }
  addRange(range: RangeApi): FakeEmbeddedChartBuilder {
    this.count('addRange');
    if (!(range instanceof FakeRange)) throw new Error('Exception: Invalid argument: range');
    // "If the range has already been added to the chart, it is not added again."
    if (!this.state.ranges.some((r) => r.sheet === range.sheet && r.getA1NotationUncounted() === range.getA1NotationUncounted())) this.state.ranges.push(range);
    return this;
  }
  setChartType(type: ChartType): FakeEmbeddedChartBuilder {
    this.count('setChartType');
    if (!Object.values(CHART_TYPE).includes(type)) throw new Error('Exception: Invalid argument: type');
    this.state.type = type;
    return this;
  }
  setNumHeaders(headers: number): FakeEmbeddedChartBuilder {
    this.count('setNumHeaders');
    this.state.numHeaders = headers;
    return this;
  }
  setTransposeRowsAndColumns(transpose: boolean): FakeEmbeddedChartBuilder {
    this.count('setTransposeRowsAndColumns');
    this.state.transpose = transpose;
    return this;
  }
  setPosition(anchorRowPos: number, anchorColPos: number, offsetX: number, offsetY: number): FakeEmbeddedChartBuilder {
    this.count('setPosition');
    if (![anchorRowPos, anchorColPos].every((n) => Number.isInteger(n) && n >= 1)) throw new Error('Exception: The anchor row and column must be at least 1.');
    this.state.position = { row: anchorRowPos, column: anchorColPos, offsetX, offsetY };
    return this;
  }
  setOption(option: string, value: unknown): FakeEmbeddedChartBuilder {
    this.count('setOption');
    this.state.options.set(option, value);
    return this;
  }
  build(): FakeEmbeddedChart {
    this.count('build');
    return new FakeEmbeddedChart({ ...this.state, ranges: [...this.state.ranges], options: new Map(this.state.options) }, null, this.log);
  }
}

export class FakeDeveloperMetadata implements DeveloperMetadataApi {
  constructor(
    readonly key: string,
    public value: string | null,
    private readonly owner: { metadata: FakeDeveloperMetadata[] },
    private readonly log: CallLog,
  ) {}
  getValue(): string | null {
    this.log.count('DeveloperMetadata.getValue');
    return this.value;
  }
  setValue(value: string): FakeDeveloperMetadata {
    this.log.count('DeveloperMetadata.setValue');
    this.value = value;
    return this;
  }
  remove(): void {
    this.log.count('DeveloperMetadata.remove');
    this.owner.metadata = this.owner.metadata.filter((m) => m !== this);
  }
}

export class FakeDeveloperMetadataFinder implements DeveloperMetadataFinderApi {
  private key: string | undefined;
  constructor(
    private readonly owner: { metadata: FakeDeveloperMetadata[] },
    private readonly log: CallLog,
  ) {}
  withKey(key: string): FakeDeveloperMetadataFinder {
    this.log.count('DeveloperMetadataFinder.withKey');
    this.key = key;
    return this;
  }
  find(): FakeDeveloperMetadata[] {
    this.log.count('DeveloperMetadataFinder.find');
    return this.owner.metadata.filter((m) => this.key === undefined || m.key === this.key);
  }
}
