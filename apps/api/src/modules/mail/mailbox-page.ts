import type { MailboxMessage } from '@catalogue/contracts';

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Escaped text with its http(s) links made clickable (the text part carries the email's links). */
export function linkify(text: string): string {
  return text
    .split(/(https?:\/\/[^\s<>"']+)/g)
    .map((part, i) => (i % 2 === 1 ? `<a href="${escapeHtml(part)}">${escapeHtml(part)}</a>` : escapeHtml(part)))
    .join('');
}

/**
 * The email's files, each a download link carrying its content (a data: URL with `download`: a
 * download, never a page of ours, and no route to add).
 */
function attachmentsOf(m: MailboxMessage): string {
  if (!m.attachments?.length) return '';
  const items = m.attachments
    .map((a) => {
      const href = `data:${a.contentType.split(';')[0]!.trim()};base64,${a.encoding === 'base64' ? a.content : Buffer.from(a.content, 'utf8').toString('base64')}`;
      return `<li><a href="${escapeHtml(href)}" download="${escapeHtml(a.filename)}">Télécharger ${escapeHtml(a.filename)}</a> <span class="meta">(${escapeHtml(a.contentType)})</span></li>`;
    })
    .join('');
  return `<p class="meta">Pièce${m.attachments.length > 1 ? 's' : ''} jointe${m.attachments.length > 1 ? 's' : ''} :</p><ul class="files">${items}</ul>`;
}

const time = (iso: string) =>
  new Date(iso).toLocaleString('fr-FR', { dateStyle: 'short', timeStyle: 'medium', timeZone: 'Europe/Paris' });

/** /dev/mailbox: the caught emails, newest first; everything they contain is escaped. */
export function renderMailboxPage(messages: MailboxMessage[], smtp: boolean): string {
  const items = messages
    .map(
      (m) => `<article>
<h2>${escapeHtml(m.subject)}</h2>
<p class="meta">À <strong>${escapeHtml(m.to)}</strong> — <time datetime="${escapeHtml(m.at)}">${escapeHtml(time(m.at))}</time></p>
<pre>${linkify(m.text)}</pre>
${attachmentsOf(m)}<details><summary>Version HTML</summary>
<iframe sandbox title="Version HTML : ${escapeHtml(m.subject)}" srcdoc="${escapeHtml(m.html)}"></iframe>
</details>
</article>`,
    )
    .join('\n');
  const empty = smtp
    ? '<p>Les e-mails partent par SMTP (<code>SMTP_URL</code>) : aucun n’est retenu ici.</p>'
    : '<p>Aucun e-mail pour l’instant.</p>';
  return `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Boîte aux lettres de démonstration</title>
<style>
body{font-family:Marianne,Arial,sans-serif;color:#161616;max-width:900px;margin:0 auto;padding:16px;line-height:1.5}
article{border:1px solid #ddd;padding:8px 16px;margin:16px 0}
h2{font-size:1.1rem;margin:8px 0}.meta{color:#3a3a3a;margin:0}
pre{white-space:pre-wrap;word-break:break-word;background:#f6f6f6;padding:8px}
iframe{width:100%;height:420px;border:1px solid #ddd}a{color:#000091}.files{margin:0 0 8px}
</style></head>
<body><main>
<h1>Boîte aux lettres de démonstration</h1>
<p>Les e-mails envoyés par l’application, du plus récent au plus ancien (les ${messages.length} derniers retenus en mémoire). Aussi en JSON : <a href="/dev/mailbox.json">/dev/mailbox.json</a>.</p>
${messages.length ? items : empty}
</main></body></html>`;
}
