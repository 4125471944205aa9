// npm run bench: runs each benchmark section in order and prints its figures.
// Add a section by writing scripts/bench/<name>.ts exporting a BenchSection and listing it here.
import { networkSections } from './bench/network';
import { scoringSections } from './bench/scoring';
import type { BenchSection } from './bench/section';

const sections: BenchSection[] = [...scoringSections, ...networkSections];

function formatValue(value: number | string): string {
	return typeof value === 'number' ? value.toLocaleString('en-GB') : value;
}

async function main(): Promise<void> {
	console.log(`bench: Node ${process.version}, one core (single thread)\n`);
	for (const section of sections) {
		console.log(section.name);
		const figures = await section.run();
		const width = Math.max(...figures.map((f) => f.label.length));
		for (const figure of figures) {
			const unit = figure.unit ? ` ${figure.unit}` : '';
			console.log(`  ${figure.label.padEnd(width)}  ${formatValue(figure.value)}${unit}`);
		}
		console.log('');
	}
}

main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});
