// The one layout of every email: a French text part and a simple, accessible HTML part.
export interface EmailContent {
  /** First line, also the HTML title. */
  greeting?: string;
  paragraphs: string[];
  action?: { label: string; url: string };
  /** Shown after the action, e.g. how long a link stays valid. */
  note?: string;
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export const SIGNATURE = 'Le catalogue de l’offre d’insertion';

export function renderEmail(subject: string, c: EmailContent): { subject: string; text: string; html: string } {
  const text = [
    c.greeting ?? 'Bonjour,',
    '',
    ...c.paragraphs.flatMap((p) => [p, '']),
    ...(c.action ? [`${c.action.label} : ${c.action.url}`, ''] : []),
    ...(c.note ? [c.note, ''] : []),
    '—',
    SIGNATURE,
  ].join('\n');
  const html = `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="font-family:Marianne,Arial,sans-serif;color:#161616;line-height:1.5;max-width:600px;margin:0 auto;padding:16px">
<p>${escapeHtml(c.greeting ?? 'Bonjour,')}</p>
${c.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}
${
  c.action
    ? `<p><a href="${escapeHtml(c.action.url)}" style="display:inline-block;background:#000091;color:#fff;padding:8px 16px;text-decoration:none">${escapeHtml(c.action.label)}</a></p>
<p style="font-size:14px">Ou copiez ce lien : ${escapeHtml(c.action.url)}</p>`
    : ''
}
${c.note ? `<p style="font-size:14px;color:#3a3a3a">${escapeHtml(c.note)}</p>` : ''}
<p style="font-size:14px;color:#666">— ${escapeHtml(SIGNATURE)}</p>
</body></html>`;
  return { subject, text, html };
}
