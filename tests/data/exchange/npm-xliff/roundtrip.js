// What a CAT pipeline built on the npm `xliff` package (6.x) does to an XLIFF 1.2 file:
// read it with xliff12ToJs, copy each source into its target, write it with jsToXliff12.
// The writer pretty-prints: <source> and <target> holding inline elements are re-indented
// despite xml:space="preserve". Usage: node roundtrip.js in.xlf out.xlf (NODE_PATH finds `xliff`).
"use strict";
const fs = require("fs");
const { xliff12ToJs, jsToXliff12 } = require("xliff");

const [input, output] = process.argv.slice(2);
xliff12ToJs(fs.readFileSync(input, "utf8"), (error, result) => {
  if (error) throw error;
  for (const file of Object.values(result.resources)) {
    for (const unit of Object.values(file)) unit.target = unit.source;
  }
  jsToXliff12(result, (error2, xml) => {
    if (error2) throw error2;
    fs.writeFileSync(output, xml);
  });
});
