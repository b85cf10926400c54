/** The company's contacts, each editable, and a form to add one. */

import { useRef, useState } from 'preact/hooks';
import type { CardWrite } from '../../core/app/card-commands.js';
import type { CompanyCard } from '../../core/card/card.js';
import type { RecordJson } from '../../core/records/record-json.js';
import { useCarnet } from '../context.js';
import { RecordForm } from '../form.js';
import { optionsFor } from '../options.js';
import { mayCreate, mayEdit } from '../rights.js';

export function ContactsTab({ card }: { card: CompanyCard }) {
  const c = useCarnet();
  const { t } = c;
  /** 'new', a contact's id, or nothing. */
  const [editing, setEditing] = useState<string | null>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  const close = () => {
    setEditing(null);
    setTimeout(() => addButton.current?.focus(), 0);
  };
  const options = optionsFor(c, card);
  const hint = (f: { key: string }) => (f.key === 'name' ? t('fullNameHint') : undefined);

  async function save(command: string, input: unknown) {
    c.applyWrite(await c.bridge.call<CardWrite>(command, input));
    c.announce(t('saved'));
    close();
  }

  const form = (contact?: RecordJson) => (
    <RecordForm
      dirKey="contacts"
      title={contact ? t('editContact') : t('addContact')}
      omit={['company']}
      first={contact ? [] : ['first_name', 'last_name']}
      record={contact}
      options={options}
      hint={contact ? undefined : hint}
      onCancel={close}
      onSubmit={(values) =>
        contact
          ? save('contact.update', { contact: contact.id || contact.display, values })
          : save('contact.add', { company: card.company.id || card.company.display, values })
      }
    />
  );

  return (
    <div>
      {editing === 'new' ? (
        form()
      ) : (
        mayCreate(c.me, 'contacts') && (
          <button ref={addButton} type="button" class="add" onClick={() => setEditing('new')}>
            + {t('addContact')}
          </button>
        )
      )}
      {card.contacts.length === 0 ? (
        <p class="muted">{t('noContacts')}</p>
      ) : (
        <ul class="items">
          {card.contacts.map((ct) =>
            editing === (ct.id || ct.display) ? (
              <li key={ct.id || ct.row}>{form(ct)}</li>
            ) : (
              <li key={ct.id || ct.row}>
                <div class="item-head">
                  <strong>{ct.display}</strong>
                  {mayEdit(c.me, c.schema, 'contacts', ct) && (
                    <button type="button" class="link" aria-label={`${t('edit')}: ${ct.display}`} onClick={() => setEditing(ct.id || ct.display)}>
                      {t('edit')}
                    </button>
                  )}
                </div>
                {ct.values.position && <div class="muted">{ct.values.position}</div>}
                {(['phone', 'mobile'] as const)
                  .filter((k) => ct.values[k])
                  .map((k) => (
                    <div key={k}>
                      {/* Dialled as stored (+E.164), shown as people read it (+44 20 7946 0979). */}
                      <a href={`tel:${ct.values[k]}`}>{ct.shown?.[k] ?? ct.values[k]}</a>
                    </div>
                  ))}
                {ct.values.email && (
                  <div>
                    <a href={`mailto:${ct.values.email}`}>{ct.values.email}</a>
                  </div>
                )}
              </li>
            ),
          )}
        </ul>
      )}
    </div>
  );
}
