/**
 * One source, two parts: every template describes its message as content (a heading, paragraphs,
 * the facts, a button, what to do next), and this module writes it as HTML and as plain text. The
 * HTML is what mail clients render reliably: tables, inline styles, a 600 px column that shrinks to a
 * phone's width, a button made of a table cell, system fonts, no images or scripts. Every string is
 * escaped here; templates hand over plain text only.
 */
import { m } from '$lib/paraglide/messages';
import { DEFAULT_LANG, type Lang } from './format';

export interface Fact {
	label: string;
	/** A line break (`\n`) starts a new line in HTML and becomes ", " in the text part. */
	value: string;
	/** A second, quieter line under the value (e.g. the time in another zone). */
	note?: string;
	/** Shown struck through: what an earlier message said. */
	old?: boolean;
}

export interface EmailContent {
	subject: string;
	/** The line mail clients show after the subject in the list. */
	preheader: string;
	/** Who the message comes from, over the heading ("Northfield University Admissions"). */
	eyebrow: string;
	heading: string;
	/** A coloured strip above the heading for a cancellation or a removal. */
	tone?: 'info' | 'warning';
	greeting: string;
	paragraphs: string[];
	facts: Fact[];
	action?: { label: string; url: string };
	/** "What to do next": one or two sentences. */
	next?: { title: string; text: string };
	/** Smaller paragraphs after the button. */
	notes: string[];
	footer: { reason: string; settings?: { label: string; url: string }; signature: string };
}

export interface RenderedParts {
	subject: string;
	html: string;
	text: string;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and attribute values. */
export function esc(text: string): string {
	return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/** Only http(s) links go into a message. */
function safeUrl(url: string): string {
	return /^https?:\/\//i.test(url) ? url : '#';
}

const FONT = "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";
const C = {
	page: '#f3f5f9',
	card: '#ffffff',
	text: '#1b2230',
	muted: '#5b6577',
	border: '#e3e7ef',
	brand: '#1f3a5f',
	button: '#2e5d92',
	panel: '#f4f7fb',
	warning: '#b42318',
	warningBg: '#fef3f2'
} as const;

function factRows(facts: Fact[]): string {
	return facts
		.map(
			(f, i) => `<tr><td style="padding:${i === 0 ? '0' : '12px'} 0 0 0;">
<div style="font-size:12px;line-height:16px;letter-spacing:0.04em;text-transform:uppercase;color:${C.muted};">${esc(f.label)}</div>
<div style="font-size:16px;line-height:23px;color:${f.old ? C.muted : C.text};${f.old ? 'text-decoration:line-through;' : 'font-weight:600;'}">${f.value.split('\n').map(esc).join('<br>')}</div>${
				f.note ? `\n<div style="font-size:13px;line-height:19px;color:${C.muted};">${esc(f.note)}</div>` : ''
			}
</td></tr>`
		)
		.join('\n');
}

/** The HTML part. `lang` sets the document language. */
export function toHtml(content: EmailContent, lang: Lang): string {
	const p = (text: string, extra = '') =>
		`<p style="margin:0 0 14px 0;font-size:16px;line-height:24px;color:${C.text};${extra}">${esc(text)}</p>`;
	const strip =
		content.tone === 'warning'
			? `<tr><td style="background:${C.warningBg};border-bottom:1px solid #fecdca;padding:10px 28px;font-size:14px;line-height:20px;color:${C.warning};font-weight:600;" class="pad">${esc(content.preheader)}</td></tr>`
			: '';
	const button = content.action
		? `<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin:4px 0 22px 0;"><tbody><tr>
<td style="border-radius:8px;background:${C.button};">
<a href="${esc(safeUrl(content.action.url))}" style="display:inline-block;padding:13px 24px;font-family:${FONT};font-size:16px;line-height:20px;font-weight:600;color:#ffffff;text-decoration:none;border-radius:8px;">${esc(content.action.label)}</a>
</td></tr></tbody></table>`
		: '';
	const facts = content.facts.length
		? `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="margin:6px 0 22px 0;background:${C.panel};border:1px solid ${C.border};border-radius:10px;"><tbody><tr><td style="padding:16px 18px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0"><tbody>
${factRows(content.facts)}
</tbody></table>
</td></tr></tbody></table>`
		: '';
	const next = content.next
		? `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="margin:0 0 18px 0;"><tbody><tr>
<td style="border-left:4px solid ${C.button};padding:2px 0 2px 14px;">
<div style="font-size:14px;line-height:20px;font-weight:700;color:${C.text};">${esc(content.next.title)}</div>
<div style="font-size:15px;line-height:22px;color:${C.text};">${esc(content.next.text)}</div>
</td></tr></tbody></table>`
		: '';
	const notes = content.notes.map((n) => p(n, `font-size:14px;line-height:21px;color:${C.muted};`)).join('\n');
	const settings = content.footer.settings
		? `<br><a href="${esc(safeUrl(content.footer.settings.url))}" style="color:${C.muted};text-decoration:underline;">${esc(content.footer.settings.label)}</a>`
		: '';
	return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="x-apple-disable-message-reformatting">
<meta name="color-scheme" content="light">
<title>${esc(content.subject)}</title>
<style>
@media (max-width: 480px) {
  .outer { padding: 12px 8px !important; }
  .pad { padding-left: 18px !important; padding-right: 18px !important; }
  h1 { font-size: 21px !important; line-height: 27px !important; }
}
</style>
</head>
<body style="margin:0;padding:0;background:${C.page};">
<div style="display:none;max-height:0;overflow:hidden;opacity:0;color:${C.page};">${esc(content.preheader)}</div>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:${C.page};"><tbody><tr>
<td align="center" class="outer" style="padding:28px 12px;font-family:${FONT};">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:600px;background:${C.card};border:1px solid ${C.border};border-radius:12px;overflow:hidden;"><tbody>
<tr><td class="pad" style="background:${C.brand};padding:16px 28px;font-family:${FONT};">
<span style="font-size:18px;line-height:24px;font-weight:700;color:#ffffff;">Parley</span>
<span style="font-size:14px;line-height:24px;color:#c9d6ea;">&nbsp;·&nbsp;${esc(content.eyebrow)}</span>
</td></tr>
${strip}
<tr><td class="pad" style="padding:28px 28px 10px 28px;font-family:${FONT};">
<h1 style="margin:0 0 18px 0;font-size:24px;line-height:30px;font-weight:700;color:${C.text};">${esc(content.heading)}</h1>
${p(content.greeting)}
${content.paragraphs.map((x) => p(x)).join('\n')}
${facts}
${button}
${next}
${notes}
</td></tr>
<tr><td class="pad" style="padding:18px 28px 24px 28px;border-top:1px solid ${C.border};font-family:${FONT};font-size:12px;line-height:18px;color:${C.muted};">
${esc(content.footer.reason)}${settings}<br>${esc(content.footer.signature)}
</td></tr>
</tbody></table>
</td></tr></tbody></table>
</body>
</html>
`;
}

/** The plain-text part: the same content, wrapped for reading, links written out, in `lang`'s punctuation. */
export function toText(content: EmailContent, lang: Lang = DEFAULT_LANG): string {
	const o = { locale: lang };
	const labelled = (label: string, value: string) => m.mail_text_label({ label, value }, o);
	const lines: string[] = [content.heading, '='.repeat(Math.min(content.heading.length, 72)), ''];
	if (content.tone === 'warning') lines.push(content.preheader, '');
	lines.push(content.greeting, '');
	for (const para of content.paragraphs) lines.push(para, '');
	if (content.facts.length) {
		for (const f of content.facts) {
			const value = f.value.replace(/\n/g, ', ');
			lines.push(labelled(f.label, f.old ? m.mail_text_was({ value }, o) : value));
			if (f.note) lines.push(`  ${f.note}`);
		}
		lines.push('');
	}
	if (content.action) lines.push(labelled(content.action.label, '').trimEnd(), safeUrl(content.action.url), '');
	if (content.next) lines.push(`${content.next.title}`, content.next.text, '');
	for (const n of content.notes) lines.push(n, '');
	lines.push('-- ', content.footer.reason);
	if (content.footer.settings)
		lines.push(labelled(content.footer.settings.label, safeUrl(content.footer.settings.url)));
	lines.push(content.footer.signature, '');
	return lines.join('\n');
}

/** Both parts and the subject. */
export function renderParts(content: EmailContent, lang: Lang): RenderedParts {
	return { subject: content.subject, html: toHtml(content, lang), text: toText(content, lang) };
}
