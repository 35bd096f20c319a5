import fs from 'node:fs';
const p = JSON.parse(fs.readFileSync(process.argv[2]));
const from = Number(process.argv[3])*1000, to = Number(process.argv[4])*1000;
const byId = new Map(p.nodes.map(n=>[n.id,n]));
const parent = new Map(); for (const n of p.nodes) for (const c of n.children||[]) parent.set(c, n.id);
let t = p.startTime; const self = new Map(), incl = new Map();
for (let i=0;i<p.samples.length;i++){ t += p.timeDeltas[i]; const rel=t-p.startTime; if (rel<from||rel>to) continue; const d=p.timeDeltas[i]||0;
  let id=p.samples[i]; const cf=byId.get(id).callFrame; const k=`${cf.functionName||'(anon)'} ${cf.url.replace(/.*\//,'')}:${cf.lineNumber+1}`; self.set(k,(self.get(k)||0)+d);
  const seen=new Set(); while(id){ const c=byId.get(id).callFrame; const kk=`${c.functionName||'(anon)'} ${c.url.replace(/.*\//,'')}:${c.lineNumber+1}`; if(!seen.has(kk)){seen.add(kk); incl.set(kk,(incl.get(kk)||0)+d);} id=parent.get(id);} }
console.log('SELF'); for (const [k,v] of [...self].sort((a,b)=>b[1]-a[1]).slice(0,25)) console.log((v/1000).toFixed(1).padStart(6),k);
console.log('INCLUSIVE'); for (const [k,v] of [...incl].sort((a,b)=>b[1]-a[1]).slice(0,40)) console.log((v/1000).toFixed(1).padStart(6),k);
