/**
 * The company's sales: totals for this month, this year and all time, the lines newest first, and
 * the sale form. The form never computes a price or an amount: `sale.add` copies the product's
 * price, applies the company's discount and computes the amount; the form only shows the list
 * price as a hint and sends a typed price as an explicit override.
 */

import { useRef, useState } from 'preact/hooks';
import type { CardWrite } from '../../core/app/card-commands.js';
import type { CompanyCard, SaleLine } from '../../core/card/card.js';
import { SALE_COMPUTED_FIELDS } from '../../core/sales/fields.js';
import type { FieldDef } from '../../core/schema/types.js';
import { useCarnet } from '../context.js';
import { day, money, percent, plural } from '../format.js';
import { RecordForm, type FormValues } from '../form.js';
import { optionsFor } from '../options.js';
import { mayCreate, mayDelete, mayEdit } from '../rights.js';

const PAGE = 50;
/** The unit price stays in the form, as an override; the other computed fields are not typed. */
const OMIT = ['company', ...SALE_COMPUTED_FIELDS.filter((k) => k !== 'unit_price')];

export function SalesTab({ card }: { card: CompanyCard }) {
  const c = useCarnet();
  const { t, lang } = c;
  const [editing, setEditing] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [shown, setShown] = useState(PAGE);
  const [error, setError] = useState<string | undefined>();
  const addButton = useRef<HTMLButtonElement>(null);
  const { lines, totals } = card.sales;
  const currency = card.currency;
  const companyDiscount = typeof card.company.values.discount === 'number' ? card.company.values.discount : 0;

  const close = () => {
    setEditing(null);
    setTimeout(() => addButton.current?.focus(), 0);
  };

  function hint(f: FieldDef, values: FormValues): string | undefined {
    if (f.key !== 'unit_price') return undefined;
    const product = String(values.product ?? '').trim().toLowerCase();
    const name = Object.keys(c.index.prices).find((p) => p.toLowerCase() === product);
    return name ? t('priceHint', { price: money(c.index.prices[name], currency, lang) }) : t('noPriceHint');
  }

  async function save(line: SaleLine | undefined, changed: FormValues) {
    const { unit_price: override, ...values } = changed;
    const overrideUnitPrice = typeof override === 'string' && override.trim() !== '' ? override : undefined;
    const write = line
      ? await c.bridge.call<CardWrite>('sale.update', { sale: line.id, values, overrideUnitPrice })
      : await c.bridge.call<CardWrite>('sale.add', { company: card.company.id || card.company.display, values, overrideUnitPrice });
    c.applyWrite(write);
    c.announce(t('saved'));
    close();
  }

  async function remove(line: SaleLine) {
    setError(undefined);
    try {
      c.applyWrite(await c.bridge.call<CardWrite>('sale.delete', { sale: line.id }));
      c.announce(t('deleted'));
      setConfirming(null);
      setTimeout(() => addButton.current?.focus(), 0);
    } catch (e) {
      setError((e as Error).message);
    }
  }

  const form = (line?: SaleLine) => (
    <RecordForm
      dirKey="sales"
      title={line ? t('editSale') : t('addSale')}
      omit={OMIT}
      first={['product', 'quantity', 'unit_price']}
      record={line}
      initial={{ date: card.today }}
      options={optionsFor(c, card)}
      hint={hint}
      onCancel={close}
      onSubmit={(values) => save(line, values)}
    >
      {!line && companyDiscount > 0 && <p class="form-hint">{t('discountApplied', { discount: percent(companyDiscount) })}</p>}
    </RecordForm>
  );

  return (
    <div>
      <dl class="totals">
        {(
          [
            ['thisMonth', totals.month],
            ['thisYear', totals.year],
            ['allTime', totals.all],
          ] as const
        ).map(([key, total]) => (
          <div key={key}>
            <dt>{t(key)}</dt>
            <dd data-total={key}>{money(total.amount, currency, lang)}</dd>
            <dd class="muted">{plural(lang, total.count, t('saleOne', { count: total.count }), t('salesCount', { count: total.count }))}</dd>
          </div>
        ))}
      </dl>
      {editing === 'new' ? (
        form()
      ) : (
        mayCreate(c.me, 'sales') && (
          <button ref={addButton} type="button" class="add" onClick={() => setEditing('new')}>
            + {t('addSale')}
          </button>
        )
      )}
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      {lines.length === 0 ? (
        <p class="muted">{t('noSales')}</p>
      ) : (
        <ul class="items sales">
          {lines.slice(0, shown).map((l) =>
            editing === l.id ? (
              <li key={l.id}>{form(l)}</li>
            ) : (
              <li key={l.id || l.row} data-sale={l.id}>
                <div class="item-head">
                  <span>
                    {day(l.values.date ?? null, lang)} · <strong>{l.values.product}</strong>
                  </span>
                  <span class="amount">
                    {l.stale && (
                      <span class="stale" title={t('staleAmount', { stored: money(l.values.amount as number | null, currency, lang) })}>
                        ⚠{' '}
                      </span>
                    )}
                    {money(l.amount, currency, lang)}
                  </span>
                </div>
                <div class="item-foot">
                  <span class="muted">
                    {l.values.quantity} × {money(l.values.unit_price as number | null, currency, lang)}
                    {typeof l.values.discount === 'number' && l.values.discount > 0 && <> − {percent(l.values.discount)}</>}
                    {l.values.comment && <> · {l.values.comment}</>}
                  </span>
                  <span class="row-actions">
                    {mayEdit(c.me, c.schema, 'sales', l) && (
                      <button type="button" class="link" aria-label={`${t('edit')}: ${l.id}`} onClick={() => setEditing(l.id)}>
                        {t('edit')}
                      </button>
                    )}
                    {!mayDelete(c.me, c.schema, 'sales', l) ? null : confirming === l.id ? (
                      <>
                        <button type="button" class="link danger" onClick={() => remove(l)}>
                          {t('confirmDelete')}
                        </button>
                        <button type="button" class="link" onClick={() => setConfirming(null)}>
                          {t('cancel')}
                        </button>
                      </>
                    ) : (
                      <button type="button" class="link" aria-label={`${t('delete')}: ${l.id}`} onClick={() => setConfirming(l.id)}>
                        {t('delete')}
                      </button>
                    )}
                  </span>
                </div>
              </li>
            ),
          )}
        </ul>
      )}
      {lines.length > shown && (
        <button type="button" class="link" onClick={() => setShown(shown + PAGE)}>
          {t('showMore', { count: Math.min(PAGE, lines.length - shown) })}
        </button>
      )}
    </div>
  );
}
