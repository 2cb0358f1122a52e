// Prints the production bundle's files with raw and gzip sizes as a
// Markdown table: node bundle-size.mjs [DIST]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

const dist = process.argv[2] ?? 'dist';
const files = [];
(function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else files.push(path);
  }
})(dist);
const kb = (n) => (n / 1024).toFixed(1);
let raw = 0;
let gz = 0;
console.log('| file | bytes | KiB | gzip KiB |\n|---|---:|---:|---:|');
for (const file of files.sort()) {
  const data = readFileSync(file);
  const zipped = gzipSync(data, { level: 9 }).length;
  raw += data.length;
  gz += zipped;
  console.log(`| ${relative(dist, file).replace(/-[A-Za-z0-9_-]{8}\./, '-HASH.')} | ${data.length} | ${kb(data.length)} | ${kb(zipped)} |`);
}
console.log(`| **total** | ${raw} | ${kb(raw)} | ${kb(gz)} |`);
