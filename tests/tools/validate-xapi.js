#!/usr/bin/env node
// Checks each line of a JSON Lines file is a valid xAPI 1.0.3 statement, with Learning
// Locker's xapi-validation (npm). Usage: node validate-xapi.js FILE.jsonl
// Prints each invalid line with its reasons; exit 0 = all valid, 1 = some invalid.
'use strict';
const fs = require('fs');
const readline = require('readline');
const args = process.argv.slice(2);
const libArg = args.find(a => a.startsWith('--lib='));
const lib = libArg ? libArg.slice(6) : 'xapi-validation';
const file = args.find(a => !a.startsWith('--'));
if (!file) { console.error('usage: validate-xapi.js FILE.jsonl [--lib=...]'); process.exit(2); }
const validate = require(lib).default;
const rl = readline.createInterface({ input: file === '-' ? process.stdin : fs.createReadStream(file), crlfDelay: Infinity });
let n = 0, bad = 0;
rl.on('line', (line) => {
  n++;
  if (line.trim() === '') { return; }
  let obj;
  try { obj = JSON.parse(line); } catch (e) { bad++; console.log(`${n}\tINVALID\tJSON parse error: ${e.message}`); return; }
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) { bad++; console.log(`${n}\tINVALID\tnot a JSON object`); return; }
  const warnings = validate(obj);
  if (warnings.length > 0) {
    bad++;
    const msg = warnings.map(w => {
      const extra = w.typeName ? ` (expected ${w.typeName})` : (w.keys ? ` (unexpected keys: ${w.keys.join(',')})` : '');
      return `${(w.path || []).join('.')}: ${w.name || w.constructor.name}${extra}`;
    }).join('; ');
    console.log(`${n}\tINVALID\t${msg}`);
  }
});
rl.on('close', () => {
  console.error(`checked ${n} lines, ${bad} invalid`);
  process.exit(bad ? 1 : 0);
});
