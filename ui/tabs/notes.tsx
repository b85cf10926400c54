/** The company's timeline: its notes, newest first, and a form to add one. */

import { useRef, useState } from 'preact/hooks';
import type { CardWrite } from '../../core/app/card-commands.js';
import type { CompanyCard } from '../../core/card/card.js';
import { fieldOf, labelOf, useCarnet } from '../context.js';
import { dayTime } from '../format.js';
import { RecordForm } from '../form.js';
import { optionsFor } from '../options.js';
import { mayCreate } from '../rights.js';

export function NotesTab({ card }: { card: CompanyCard }) {
  const c = useCarnet();
  const { t, lang, schema } = c;
  const [adding, setAdding] = useState(false);
  const addButton = useRef<HTMLButtonElement>(null);
  const close = () => {
    setAdding(false);
    setTimeout(() => addButton.current?.focus(), 0);
  };
  const contactLabel = fieldOf(schema, 'notes', 'contact');

  return (
    <div>
      {adding ? (
        <RecordForm
          dirKey="notes"
          title={t('addNote')}
          omit={['company', 'date', 'author']}
          first={['text']}
          options={optionsFor(c, card)}
          onCancel={close}
          onSubmit={async (values) => {
            const write = await c.bridge.call<CardWrite>('note.add', { company: card.company.id || card.company.display, values });
            c.applyWrite(write);
            c.announce(t('saved'));
            close();
          }}
        />
      ) : (
        mayCreate(c.me, 'notes') && (
          <button ref={addButton} type="button" class="add" onClick={() => setAdding(true)}>
            + {t('addNote')}
          </button>
        )
      )}
      {card.notes.length === 0 ? (
        <p class="muted">{t('noNotes')}</p>
      ) : (
        <ol class="timeline">
          {card.notes.map((n) => (
            <li key={n.id || n.row}>
              <p class="meta">
                <time dateTime={String(n.values.date ?? '')}>{dayTime(n.values.date ?? null, lang)}</time>
                {n.values.author && <> · {n.values.author}</>}
                {n.values.contact && contactLabel && (
                  <>
                    {' '}
                    · <span title={labelOf(contactLabel, lang)}>{n.values.contact}</span>
                  </>
                )}
              </p>
              <p class="note-text">{n.values.text}</p>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
