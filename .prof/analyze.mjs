import fs from 'node:fs';
const p = JSON.parse(fs.readFileSync(process.argv[2]));
const byId = new Map(p.nodes.map(n=>[n.id,n]));
const self = new Map();
const dt = p.timeDeltas; const total = p.endTime - p.startTime;
// time per sample
const per = new Map();
for (let i=0;i<p.samples.length;i++){ per.set(p.samples[i], (per.get(p.samples[i])||0)+(dt[i]||0)); }
const byUrl = new Map(), byFn = new Map();
for (const [id,t] of per){ const n=byId.get(id); const cf=n.callFrame; const u=(cf.url||'(native)').replace(/.*\//,''); byUrl.set(u,(byUrl.get(u)||0)+t); const k=cf.functionName+' '+u+':'+cf.lineNumber; byFn.set(k,(byFn.get(k)||0)+t);}
console.log('total ms', total/1000);
for (const [u,t] of [...byUrl].sort((a,b)=>b[1]-a[1]).slice(0,15)) console.log((t/1000).toFixed(1).padStart(7), u);
console.log('--- functions');
for (const [u,t] of [...byFn].sort((a,b)=>b[1]-a[1]).slice(0,30)) console.log((t/1000).toFixed(1).padStart(7), u.slice(0,120));
