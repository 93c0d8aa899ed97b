// Validates an AsyncAPI document with @asyncapi/parser; prints the diagnostics and exits 1 on any error.
import { readFileSync } from 'node:fs';
import { Parser } from '@asyncapi/parser';

const file = process.argv[2];
if (!file) {
  console.error('usage: node validate.mjs <asyncapi.yaml>');
  process.exit(2);
}

const parser = new Parser();
const { document, diagnostics } = await parser.parse(readFileSync(file, 'utf8'));
const errors = diagnostics.filter((d) => d.severity === 0);
for (const d of diagnostics) {
  console.log(`${['error', 'warning', 'info', 'hint'][d.severity]} ${d.code} ${d.path.join('.')}: ${d.message}`);
}
if (!document || errors.length > 0) {
  console.error(`invalid: ${errors.length} error(s)`);
  process.exit(1);
}
console.log(`valid AsyncAPI ${document.version()}: ${document.channels().length} channels, ${document.operations().length} operations`);
