#!/usr/bin/env node
// Validates Word reports with the Open XML SDK's validator: the schema
// rules (element order, required children, value types and enumerations)
// and the semantic ones Microsoft Word relies on. Word itself is not on a
// CI machine; LibreOffice and python-docx (tests/docx/check.py) forgive a
// misplaced element that Word answers with "unreadable content", so this
// is the check that stands in for Word.
//
//     node tests/docx/validate.mjs --validator DIR [--office-version V] PATH...
//
// DIR is where `npm install --prefix DIR @ooxml-tools/validate` put the
// validator (the .NET Open XML SDK compiled to WebAssembly; one runtime for
// all files). PATH is a .docx file or a folder searched for them. The
// workbooks embedded in a report (a chart's data, `word/embeddings/*.xlsx`,
// which Word's "Edit Data" opens) are validated too, as spreadsheets. It
// prints each error with its file, part and XPath, and exits 1 if there is
// any, 2 on a usage mistake or a file it cannot read.

import { readFile, readdir, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { inflateRawSync } from "node:zlib";

function usage(message) {
  console.error(`validate.mjs: ${message}`);
  console.error(
    "usage: node tests/docx/validate.mjs --validator DIR [--office-version V] PATH...",
  );
  process.exit(2);
}

async function docxUnder(path) {
  const info = await stat(path);
  if (!info.isDirectory()) return [path];
  const found = [];
  const entries = await readdir(path, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = join(path, entry.name);
    if (entry.isDirectory()) found.push(...(await docxUnder(full)));
    else if (entry.name.endsWith(".docx")) found.push(full);
  }
  return found;
}

// The entries of a zip file whose names match `wanted`, as [name, bytes]:
// read from the central directory, stored or deflated (all a package has).
function zipEntries(zip, wanted) {
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== 0x06054b50) end--;
  if (end < 0) throw new Error("not a zip file (no end of central directory)");
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const found = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error("a broken central directory");
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extra = zip.readUInt16LE(at + 30);
    const comment = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString("utf8", at + 46, at + 46 + nameLength);
    at += 46 + nameLength + extra + comment;
    if (!wanted.test(name)) continue;
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(start, start + size);
    if (method === 0) found.push([name, data]);
    else if (method === 8) found.push([name, inflateRawSync(data)]);
    else throw new Error(`${name}: compression method ${method}`);
  }
  return found;
}

const args = process.argv.slice(2);
let validatorDir;
let officeVersion = "Microsoft365";
const paths = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--validator") validatorDir = args[++i];
  else if (args[i] === "--office-version") officeVersion = args[++i];
  else if (args[i].startsWith("--")) usage(`unknown option ${args[i]}`);
  else paths.push(args[i]);
}
if (!validatorDir) usage("--validator DIR is required");
if (paths.length === 0) usage("no .docx file or folder given");

let validator;
try {
  const require = createRequire(join(validatorDir, "package.json"));
  const entry = require.resolve("@ooxml-tools/validate");
  validator = await import(pathToFileURL(entry).href);
} catch (error) {
  usage(`no @ooxml-tools/validate under ${validatorDir}: ${error.message}`);
}
if (!validator.OFFICE_VERSIONS.includes(officeVersion)) {
  usage(`unknown --office-version ${officeVersion}; expected one of ${validator.OFFICE_VERSIONS.join(", ")}`);
}

const files = [];
for (const path of paths) {
  try {
    files.push(...(await docxUnder(path)));
  } catch (error) {
    usage(`cannot read ${path}: ${error.message}`);
  }
}
if (files.length === 0) usage(`no .docx file under ${paths.join(", ")}`);

let errors = 0;
let workbooks = 0;
// One package: its errors printed under `label`, counted.
async function check(label, bytes, format) {
  let found;
  try {
    found = await validator.default(bytes, format, officeVersion);
  } catch (error) {
    // not a package the SDK can open at all: as bad as it gets for Word
    console.log(`${label}: cannot be opened: ${error.message}`);
    errors += 1;
    return;
  }
  for (const e of found) {
    console.log(`${label}: ${e.path.partUri} ${e.path.xpath}: ${e.id}: ${e.description}`);
  }
  errors += found.length;
}
for (const file of files) {
  const bytes = await readFile(file);
  await check(file, bytes, "docx");
  let embedded = [];
  try {
    embedded = zipEntries(bytes, /^word\/embeddings\/.*\.xlsx$/);
  } catch (error) {
    console.log(`${file}: cannot read its parts: ${error.message}`);
    errors += 1;
  }
  for (const [name, book] of embedded) {
    await check(`${file}!${name}`, book, "xlsx");
    workbooks += 1;
  }
}
console.log(
  `${files.length} Word files and ${workbooks} embedded workbooks validated (${officeVersion}): ${errors} error${errors === 1 ? "" : "s"}`,
);
process.exit(errors === 0 ? 0 : 1);
