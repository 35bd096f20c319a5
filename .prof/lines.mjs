import fs from 'node:fs';
const p = JSON.parse(fs.readFileSync(process.argv[2]));
const file = process.argv[3]; const src = fs.readFileSync(file,'utf8').split('\n');
const lines = new Map();
for (const n of p.nodes) { if (!n.callFrame.url.endsWith(file.replace(/.*\//,''))) continue; if (n.callFrame.functionName) continue; for (const pt of n.positionTicks||[]) lines.set(pt.line,(lines.get(pt.line)||0)+pt.ticks); }
const tot=[...lines.values()].reduce((a,b)=>a+b,0); console.log('ticks', tot);
for (const [l,c] of [...lines].sort((a,b)=>b[1]-a[1]).slice(0,25)) console.log(String(c).padStart(5), l, src[l-1]?.trim().slice(0,110));
