/**
 * The company card: who they are and how to reach them, then tabs for notes, contacts, sales,
 * deals and tasks. Everything on it came from one `card.get` (or from the write that changed it).
 * Documents opens the templates that fill from a company (documents.tsx); History, the audit log
 * on the company. Each action is offered only to who may take it (ui/rights.ts); a tab whose
 * directory the person may not see is not shown.
 */

import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { CardWrite } from '../core/app/card-commands.js';
import type { CompanyCard } from '../core/card/card.js';
import { fieldOf, useCarnet } from './context.js';
import { DocumentsPanel } from './documents.js';
import { percent } from './format.js';
import { RecordForm } from './form.js';
import type { MessageKey } from './i18n.js';
import { optionsFor } from './options.js';
import { can, mayEdit, mayView } from './rights.js';
import { ContactsTab } from './tabs/contacts.js';
import { NotesTab } from './tabs/notes.js';
import { DealsTab, TasksTab } from './tabs/open-items.js';
import { SalesTab } from './tabs/sales.js';

type Tab = 'notes' | 'contacts' | 'sales' | 'deals' | 'tasks';
const TABS: { key: Tab; label: MessageKey; count: (c: CompanyCard) => number }[] = [
  { key: 'notes', label: 'tabNotes', count: (c) => c.notes.length },
  { key: 'contacts', label: 'tabContacts', count: (c) => c.contacts.length },
  { key: 'sales', label: 'tabSales', count: (c) => c.sales.lines.length },
  { key: 'deals', label: 'tabDeals', count: (c) => c.deals.length },
  { key: 'tasks', label: 'tabTasks', count: (c) => c.tasks.length },
];

export function CardView({ card }: { card: CompanyCard }) {
  const c = useCarnet();
  const { t, lang, schema } = c;
  const tabs = TABS.filter((x) => mayView(c.me, x.key));
  const [picked, setTab] = useState<Tab>('notes');
  const tab = tabs.some((x) => x.key === picked) ? picked : (tabs[0]?.key ?? 'notes');
  const [editing, setEditing] = useState(false);
  const [documents, setDocuments] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const documentsButton = useRef<HTMLButtonElement>(null);
  const tabRefs = useRef<Record<string, HTMLButtonElement | null>>({});

  // A newly opened company: its name is where the reader (and the keyboard) lands.
  useLayoutEffect(() => {
    setEditing(false);
    setDocuments(false);
    heading.current?.focus();
  }, [card.company.id]);

  function onTabKey(e: KeyboardEvent, i: number) {
    const next = e.key === 'ArrowRight' ? i + 1 : e.key === 'ArrowLeft' ? i - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? tabs.length - 1 : undefined;
    if (next === undefined) return;
    e.preventDefault();
    const key = tabs[(next + tabs.length) % tabs.length]!.key;
    setTab(key);
    tabRefs.current[key]?.focus();
  }

  const v = card.company.values;
  const discount = typeof v.discount === 'number' && v.discount > 0 ? v.discount : 0;
  const city = fieldOf(schema, 'companies', 'city') && v.city;
  return (
    <article class="card" aria-labelledby="card-title">
      {editing ? (
        <RecordForm
          dirKey="companies"
          title={t('editCompany')}
          record={card.company}
          options={optionsFor(c, card)}
          onCancel={() => {
            setEditing(false);
            setTimeout(() => editButton.current?.focus(), 0);
          }}
          onSubmit={async (values) => {
            c.applyWrite(await c.bridge.call<CardWrite>('company.update', { company: card.company.id || card.company.display, values }));
            c.announce(t('saved'));
            setEditing(false);
            setTimeout(() => editButton.current?.focus(), 0);
          }}
        />
      ) : (
        <header class="card-head">
          <div class="item-head">
            <h2 id="card-title" ref={heading} tabIndex={-1}>
              {card.company.display}
            </h2>
            <div class="row-actions">
              {can(c.me, 'manageUsers') && card.company.id && (
                <button type="button" class="link" title={t('historyHelp')} onClick={() => c.go('audit', { record: card.company.id })}>
                  {t('history')}
                </button>
              )}
              {can(c.me, 'useTemplates') && (
                <button ref={documentsButton} type="button" class="link" title={t('documentsHelp')} aria-expanded={documents} onClick={() => setDocuments(!documents)}>
                  {t('documents')}
                </button>
              )}
              {mayEdit(c.me, schema, 'companies', card.company) && (
                <button ref={editButton} type="button" class="link" onClick={() => setEditing(true)}>
                  {t('edit')}
                </button>
              )}
            </div>
          </div>
          <p class="muted">
            {[city, v.industry].filter(Boolean).join(' · ')}
            {discount > 0 && <span class="badge">−{percent(discount)}</span>}
          </p>
          {v.phone && (
            <div>
              <a href={`tel:${v.phone}`}>{card.company.shown?.phone ?? v.phone}</a>
            </div>
          )}
          {v.email && (
            <div>
              <a href={`mailto:${v.email}`}>{v.email}</a>
            </div>
          )}
        </header>
      )}
      {documents && (
        <DocumentsPanel
          dirKey="companies"
          record={card.company.id || card.company.display}
          title={card.company.display}
          onClose={() => {
            setDocuments(false);
            setTimeout(() => documentsButton.current?.focus(), 0);
          }}
        />
      )}
      <div role="tablist" class="tabs" aria-label={card.company.display}>
        {tabs.map((x, i) => (
          <button
            key={x.key}
            ref={(el) => {
              tabRefs.current[x.key] = el;
            }}
            type="button"
            role="tab"
            id={`tab-${x.key}`}
            aria-selected={tab === x.key}
            aria-controls={tab === x.key ? `panel-${x.key}` : undefined}
            tabIndex={tab === x.key ? 0 : -1}
            onClick={() => setTab(x.key)}
            onKeyDown={(e) => onTabKey(e, i)}
          >
            {t(x.label)} <span class="count">{x.count(card)}</span>
          </button>
        ))}
      </div>
      <section key={card.company.id} role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} class="panel">
        {tab === 'notes' && <NotesTab card={card} />}
        {tab === 'contacts' && <ContactsTab card={card} />}
        {tab === 'sales' && <SalesTab card={card} />}
        {tab === 'deals' && <DealsTab card={card} />}
        {tab === 'tasks' && <TasksTab card={card} />}
      </section>
    </article>
  );
}
