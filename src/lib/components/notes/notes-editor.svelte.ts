/**
 * The state of one open notes editor: TipTap bound to the interview's notes document (with live
 * carets of the other editors), its sync status, who else is writing, and why it cannot open.
 * No markup: `NotesEditor.svelte` shows it; the toolbar and the link form drive `editor`.
 */
import { Editor } from '@tiptap/core';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import StarterKit from '@tiptap/starter-kit';
import {
	isSafeLink,
	NOTES_FIELD,
	NotesAccessError,
	openNotes,
	type NotesSession,
	type NotesSyncState
} from '$lib/collab/notes';
import { statusText } from './status';
import { m } from '$lib/paraglide/messages';

/** Another person with the notes open, as their caret shows them. */
export interface NotesPerson {
	name: string;
	color: string;
}

const INITIAL: NotesSyncState = { status: 'loading', unsynced: 0, localLoaded: false };

export class NotesEditorState {
	#editor = $state.raw<Editor | null>(null);
	#sync = $state<NotesSyncState>(INITIAL);
	#failure = $state<string | null>(null);
	#others = $state<NotesPerson[]>([]);
	/** Bumped on every editor transaction so the toolbar's active states re-render. */
	#tick = $state(0);
	#session: NotesSession | null = null;
	#destroyed = false;

	/** The TipTap editor, once the notes are open. */
	get editor(): Editor | null {
		return this.#editor;
	}
	get sync(): NotesSyncState {
		return this.#sync;
	}
	/** Why the notes could not be opened at all. */
	get failure(): string | null {
		return this.#failure;
	}
	get others(): NotesPerson[] {
		return this.#others;
	}
	/** What the sync indicator says. */
	get statusText(): string {
		return statusText(this.#sync.status);
	}
	/** The indicator's colour. */
	get tone(): 'ok' | 'warn' | 'info' | 'danger' {
		const s = this.#sync.status;
		if (s === 'synced') return 'ok';
		if (s === 'offline' || s === 'syncing' || s === 'connecting') return 'warn';
		return s === 'loading' ? 'info' : 'danger';
	}
	/** Closed to this person: refused, or taken off the panel while open. */
	get locked(): boolean {
		return this.#sync.status === 'refused' || this.#sync.status === 'revoked';
	}

	/** Whether the mark or node is active at the caret (re-read on every transaction). */
	active(name: string, attrs?: Record<string, unknown>): boolean {
		void this.#tick;
		return this.#editor?.isActive(name, attrs) ?? false;
	}

	/** Opens the notes of `interviewId` into `element`; returns the function that closes them. */
	open(element: HTMLElement, interviewId: string, me: { id: string; name: string }): () => void {
		this.#destroyed = false;
		openNotes(interviewId, { onChange: (s) => (this.#sync = s), fallbackUser: me })
			.then((s) => {
				if (this.#destroyed) return s.destroy();
				this.#session = s;
				this.#editor = createEditor(element, s, () => (this.#tick += 1));
				// Who else has the notes open, from the awareness states the caret extension fills.
				const awareness = s.provider.awareness;
				const listOthers = () => {
					if (!awareness) return;
					const seen: NotesPerson[] = [];
					for (const [clientId, st] of awareness.getStates()) {
						const u = (st as { user?: { name?: unknown; color?: unknown } }).user;
						if (clientId === awareness.clientID || typeof u?.name !== 'string') continue;
						seen.push({ name: u.name, color: typeof u.color === 'string' ? u.color : '#555' });
					}
					this.#others = seen;
				};
				awareness?.on('change', listOthers);
				listOthers();
			})
			.catch((err: unknown) => {
				this.#failure =
					err instanceof NotesAccessError
						? err.status === 401
							? m.notes_sign_in_to_open()
							: m.notes_cannot_open()
						: m.notes_open_failed();
			});
		return () => this.close();
	}

	/** Forgets the changes the server refused for their size (and any other unsaved ones), then reloads. */
	discardUnsaved(): void {
		void this.#session?.discardUnsaved();
	}

	/** Closes the editor and the document. */
	close(): void {
		this.#destroyed = true;
		this.#editor?.destroy();
		this.#editor = null;
		this.#session?.destroy();
		this.#session = null;
	}

	/** Back to the state before `open` (tests). */
	reset(): void {
		this.close();
		this.#sync = INITIAL;
		this.#failure = null;
		this.#others = [];
		this.#tick = 0;
	}
}

/** TipTap with the shared document, the carets, and only the marks and nodes the notes allow. */
function createEditor(element: HTMLElement, s: NotesSession, onTransaction: () => void): Editor {
	return new Editor({
		element,
		extensions: [
			StarterKit.configure({
				// Collaboration brings its own (per-user) undo history.
				undoRedo: false,
				heading: { levels: [2, 3] },
				codeBlock: false,
				horizontalRule: false,
				link: {
					openOnClick: false,
					autolink: true,
					defaultProtocol: 'https',
					isAllowedUri: (url) => isSafeLink(url),
					HTMLAttributes: { rel: 'noopener noreferrer nofollow', target: '_blank' }
				}
			}),
			Collaboration.configure({ document: s.doc, field: NOTES_FIELD }),
			CollaborationCaret.configure({
				provider: s.provider,
				user: { name: s.user.name, color: s.user.color }
			})
		],
		editorProps: {
			attributes: {
				class: 'notes-body',
				role: 'textbox',
				'aria-multiline': 'true',
				'aria-label': m.notes_editor_label(),
				'data-testid': 'notes-editor'
			}
		},
		onTransaction
	});
}
