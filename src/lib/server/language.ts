// The language a page's instrument content (dimensions, descriptors, actions, resources) is
// shown in, until the interface itself is translated: `?lang=` when given, else the
// browser's preference, else English. Always one of the shipped languages.
import { SHIPPED_LANGUAGES, type ShippedLanguage } from '../domain/constants';

export function isShippedLanguage(value: unknown): value is ShippedLanguage {
	return SHIPPED_LANGUAGES.includes(value as ShippedLanguage);
}

/** Languages of an Accept-Language header in the order of their quality values. */
export function acceptedLanguages(header: string | null): string[] {
	if (!header) return [];
	return header
		.split(',')
		.map((part, index) => {
			const [tag, ...params] = part.trim().split(';');
			const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
			const quality = q ? Number(q.slice(2)) : 1;
			return {
				tag: tag.trim().toLowerCase(),
				quality: Number.isFinite(quality) ? quality : 0,
				index
			};
		})
		.filter((l) => l.tag !== '' && l.quality > 0)
		.sort((a, b) => b.quality - a.quality || a.index - b.index)
		.map((l) => l.tag);
}

export function readerLanguage(event: { url: URL; request: Request }): ShippedLanguage {
	const asked = event.url.searchParams.get('lang');
	if (isShippedLanguage(asked)) return asked;
	for (const tag of acceptedLanguages(event.request.headers.get('accept-language'))) {
		const primary = tag.split('-')[0];
		if (isShippedLanguage(primary)) return primary;
	}
	return 'en';
}
