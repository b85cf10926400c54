/** Open deals and open tasks: what is still in play with the company. */

import type { CompanyCard } from '../../core/card/card.js';
import { fieldOf, useCarnet } from '../context.js';
import { day, display } from '../format.js';

export function DealsTab({ card }: { card: CompanyCard }) {
  const { t, lang, schema } = useCarnet();
  if (card.deals.length === 0) return <p class="muted">{t('noDeals')}</p>;
  const amount = fieldOf(schema, 'deals', 'amount');
  const close = fieldOf(schema, 'deals', 'expected_close');
  return (
    <ul class="items">
      {card.deals.map((d) => (
        <li key={d.id || d.row}>
          <div class="item-head">
            <strong>{d.display}</strong>
            {amount && <span class="amount">{display(amount, d.values.amount ?? null, lang, card.currency)}</span>}
          </div>
          <div class="muted">
            {d.values.stage}
            {close && d.values.expected_close && <> · {display(close, d.values.expected_close, lang, card.currency)}</>}
          </div>
        </li>
      ))}
    </ul>
  );
}

export function TasksTab({ card }: { card: CompanyCard }) {
  const { t, lang } = useCarnet();
  if (card.tasks.length === 0) return <p class="muted">{t('noTasks')}</p>;
  return (
    <ul class="items">
      {card.tasks.map((task) => {
        const due = typeof task.values.due === 'string' ? task.values.due : undefined;
        const late = due !== undefined && due < card.today;
        return (
          <li key={task.id || task.row} class={late ? 'late' : ''}>
            <strong>{task.values.title}</strong>
            <div class="muted">
              {due && (late ? t('overdue', { date: day(due, lang) }) : t('due', { date: day(due, lang) }))}
              {task.values.assignee && <> · {task.values.assignee}</>}
              {task.values.deal && <> · {task.values.deal}</>}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
