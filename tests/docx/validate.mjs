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
// all files). PATH is a .docx file or a folder searched for them. It prints
// each error with its file, part and XPath, and exits 1 if there is any,
// 2 on a usage mistake or a file it cannot read.

import { readFile, readdir, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

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
for (const file of files) {
  let found;
  try {
    found = await validator.default(await readFile(file), "docx", officeVersion);
  } catch (error) {
    // not a package the SDK can open at all: as bad as it gets for Word
    console.log(`${file}: cannot be opened: ${error.message}`);
    errors += 1;
    continue;
  }
  for (const e of found) {
    console.log(`${file}: ${e.path.partUri} ${e.path.xpath}: ${e.id}: ${e.description}`);
  }
  errors += found.length;
}
console.log(`${files.length} Word files validated (${officeVersion}): ${errors} error${errors === 1 ? "" : "s"}`);
process.exit(errors === 0 ? 0 : 1);
