/**
 * The panel's shared notes of a demo interview that took place, as the state of its notes document
 * (`interview:<id>:notes`, rich text in the `notes` fragment, in the node names the editor's schema
 * uses: paragraph, bulletList, listItem), so the interview page shows notes beside the scorecards.
 */
import * as Y from 'yjs';
import type { ApplicationStatus } from '../../src/lib/domain/types';
import { stableHash } from './scorecards';

const POINTS: Record<'strong' | 'open' | 'weak', readonly string[]> = {
	strong: [
		'Walked us through the thesis project clearly, including what went wrong.',
		'Asked sharp questions about the lab’s funding and supervision.',
		'Comfortable with the statistics questions; used the whiteboard well.',
		'References from two professors confirm the research experience.'
	],
	open: [
		'Good motivation for the programme; knows which groups to work with.',
		'Methods background is thin: check the coursework transcript.',
		'Answered the case question well after a slow start.',
		'Would like a second opinion on the quantitative part.'
	],
	weak: [
		'Struggled to explain the main project in their own words.',
		'Little preparation: had not looked at the programme’s structure.',
		'Quantitative answers mostly off the question.'
	]
};

/** The notes of one interview: a line, and three points in keeping with the outcome. */
export function demoNotes(i: { candidateName: string; round: number; applicationStatus: ApplicationStatus }): {
	title: string;
	points: string[];
} {
	const tone = i.applicationStatus === 'approved' ? 'strong' : i.applicationStatus === 'rejected' ? 'weak' : 'open';
	const pool = POINTS[tone];
	const first = stableHash(`${i.candidateName}|notes|${i.round}`);
	const points = [0, 1, 2].map((k) => pool[(first + k) % pool.length]!);
	return { title: `What the panel noted in round ${i.round}:`, points };
}

/** The state of a notes document holding a paragraph and a bullet list. */
export function notesState(notes: { title: string; points: readonly string[] }): Uint8Array {
	const doc = new Y.Doc();
	const paragraph = (text: string) => {
		const p = new Y.XmlElement('paragraph');
		p.insert(0, [new Y.XmlText(text)]);
		return p;
	};
	const list = new Y.XmlElement('bulletList');
	list.insert(
		0,
		notes.points.map((text) => {
			const item = new Y.XmlElement('listItem');
			item.insert(0, [paragraph(text)]);
			return item;
		})
	);
	doc.getXmlFragment('notes').insert(0, [paragraph(notes.title), list]);
	return Y.encodeStateAsUpdate(doc);
}
