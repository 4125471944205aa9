import { isScoredQuestion, type Instrument } from '../../src/lib/domain/instrument';
import {
	compiledVersion,
	currentVersion,
	registerInstrumentsFromDir
} from '../../src/lib/server/instruments';
import type { Round } from '../../src/lib/server/db/schema';
import { openResponse, submitResponse } from '../../src/lib/server/responses';
import { openRound } from '../../src/lib/server/rounds';
import { makeOrg, makeUser } from './helpers';

export function chamberInstrument(): { versionId: number; instrument: Instrument } {
	registerInstrumentsFromDir('surveys');
	const v = currentVersion('chamber-diversity')!;
	return { versionId: v.id, instrument: compiledVersion(v.id)!.instrument };
}

/**
 * Complete, valid answers: every scored question gets the option closest to `level` (0–1) of
 * its maximum points (per dimension if given), and required context questions are filled.
 */
export function answers(
	instrument: Instrument,
	level: number | Record<string, number>
): Record<string, unknown> {
	const data: Record<string, unknown> = {};
	for (const q of instrument.questions) {
		if (isScoredQuestion(q)) {
			const target =
				(typeof level === 'number' ? level : (level[q.scoring.dimension] ?? 0.5)) *
				q.scoring.maxPoints;
			const scored = q.choices.filter((c) => c.points !== null);
			data[q.name] = scored.reduce((a, b) =>
				Math.abs(b.points! - target) < Math.abs(a.points! - target) ? b : a
			).value;
		} else if (q.isRequired) {
			if (q.type === 'text') data[q.name] = q.inputType === 'number' ? 10 : 'Context';
			else if (q.type === 'checkbox') data[q.name] = [q.choices[0].value];
			else if (q.type === 'radiogroup' || q.type === 'dropdown') data[q.name] = q.choices[0].value;
		}
	}
	return data;
}

const iso = (offsetDays: number) =>
	new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

export function openChamberRound(createdBy: string, name = 'Test round', startsIn = -1) {
	chamberInstrument();
	return openRound(createdBy, {
		instrumentKey: 'chamber-diversity',
		name,
		startsOn: iso(startsIn),
		endsOn: iso(startsIn + 60),
		organisationTypes: ['chamber']
	});
}

/** A new chamber whose administrator has submitted answers at `level` (0–1) in the round. */
export async function submittedChamber(r: Round, name: string, level: number) {
	const { instrument } = chamberInstrument();
	const admin = await makeUser(`${name} admin`);
	const org = makeOrg(admin.id, name);
	const owner = { round: r, organisationId: org.id, userId: admin.id, kind: 'individual' as const };
	openResponse(owner);
	submitResponse(owner, answers(instrument, level));
	return { org, admin };
}
